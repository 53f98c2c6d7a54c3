/** The resilient Fabric client: one request pipeline for every Fabric, Graph and Key Vault call. */
export {
  FabricClient,
  type ApiResponse,
  type FabricClientOptions,
  type SendOptions,
  type WaitOptions,
} from './client';
export {
  HttpClient,
  CLIENT_VERSION,
  defaultUserAgent,
  detectHostName,
  isOperationsUrl,
  type HttpClientOptions,
  type RequestOptions,
} from './http-client';
export {
  CircuitOpenError,
  FabricApiError,
  FabricClientError,
  FabricNetworkError,
  hintFor,
  isAmbiguousFailure,
  isRetriableError,
  normalizeErrorBody,
  requiredRoleFor,
  RETRIABLE_ERROR_CODES,
  RETRIABLE_STATUSES,
} from './errors';
export {
  describeEvent,
  logLevel,
  type ClientEvent,
  type ClientStats,
  type EventListener,
  type LogLevel,
} from './events';
export {
  assertSafeUrl,
  createDispatcher,
  isLoopbackHost,
  isTrustedHost,
  redactUrl,
  DEFAULT_TRUSTED_HOST_SUFFIXES,
  type ProxyOptions,
} from './http';
export {
  ConditionPoller,
  LroPoller,
  Poller,
  pacedSchedule,
  pollDelay,
  LRO_DEFAULTS,
  type LroOptions,
  type LroState,
  type PollState,
} from './lro';
export { nextPageUrl, pages, type PageOptions } from './paging';
export {
  Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from './pipeline';
export { parseRetryAfter } from './policies';
export { computeRetryDelay, RETRY_DEFAULTS, type RetryOptions } from './retry';
export {
  BREAKER_DEFAULTS,
  CircuitBreakers,
  countsAsFailure,
  endpointGroup,
  type CircuitBreakerOptions,
  type CircuitState,
} from './breaker';
export {
  bucketFor,
  ConcurrencyLimiter,
  RateLimiter,
  TokenBucket,
  RATE_LIMIT_DEFAULTS,
  type RateLimitOptions,
} from './rate-limit';
export type * from './types';
