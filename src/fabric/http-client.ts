/**
 * The one HTTP client every Fabric, Graph and Key Vault call goes through. It assembles the pipeline
 * (outermost first):
 *
 *   headers → circuitBreaker → retry → auth → rateLimit → errors → timeout → logging → transport
 *
 * The breaker wraps the *retried* call (the original design: a call that still fails after its retries
 * counts once). Auth sits above the rate limiter so a token-refresh resend takes a token too. The
 * concurrency slot and the rate token are held for one HTTP exchange only, never across a backoff sleep.
 */
import type { Dispatcher } from 'undici';
import type { TokenProvider } from '../identity/token';
import { breakerPolicy, CircuitBreakers, endpointGroup, type CircuitBreakerOptions } from './breaker';
import {
  count,
  describeEvent,
  emitter,
  logLevel,
  newStats,
  type ClientEvent,
  type ClientStats,
  type EventListener,
  type LogLevel,
} from './events';
import { assertSafeUrl, createDispatcher, DEFAULT_TRUSTED_HOST_SUFFIXES, type ProxyOptions } from './http';
import {
  Pipeline,
  undiciTransport,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type SendRequest,
} from './pipeline';
import {
  authPolicy,
  errorPolicy,
  headersPolicy,
  loggingPolicy,
  rateLimitPolicy,
  timeoutPolicy,
} from './policies';
import { ConcurrencyLimiter, RateLimiter, type RateBucket, type RateLimitOptions } from './rate-limit';
import { retryPolicy, type RetryOptions } from './retry';
import { VERSION } from '../version';

export const CLIENT_VERSION = VERSION;

export interface HttpClientOptions {
  /** Bearer tokens; without it every call is anonymous (e.g. the identity layer's calls to a token endpoint). */
  tokens?: TokenProvider;
  /** Full User-Agent; default `fabric-deploy/<version> (<host>)`. */
  userAgent?: string;
  /** Product version for the default User-Agent. */
  version?: string;
  /** Host name for the default User-Agent: `github-actions`, `azure-devops` or `cli` (detected when absent). */
  hostName?: string;
  /** Sent as `x-ms-correlation-id` on every call so support can find a deployment. */
  correlationId?: string;
  /** Per-attempt timeout (ms, default 60 000; 0 = none). */
  timeoutMs?: number;
  /** Retry settings, or `false` to send each call once (FEATURE_USE_RETRY_LOGIC off). */
  retry?: RetryOptions | false;
  /** Circuit breaker settings, or `false` for none (FEATURE_USE_CIRCUIT_BREAKER off). */
  circuitBreaker?: CircuitBreakerOptions | false;
  /** Client-side rate limit (default: 90 % of 200 calls/min), or `false` for none. */
  rateLimit?: RateLimitOptions | false;
  /** Share one limiter between clients of the same identity (overrides `rateLimit`). */
  rateLimiter?: RateLimiter;
  /** Most HTTP exchanges in flight at once (default 10), or `false` for no limit. */
  maxConcurrency?: number | false;
  /** Proxy: default from `HTTPS_PROXY`/`NO_PROXY`; a URL or `{url, noProxy}` (Azure DevOps agent proxy); `false` = none. */
  proxy?: string | ProxyOptions | false;
  /** Extra CA certificates (PEM). */
  caCertificates?: string | string[];
  /** Host suffixes, beyond Fabric/Graph/Key Vault's and the base URL's, that may receive the token. */
  trustedHosts?: string[];
  /** Logs and telemetry hook: every event, structured. */
  onEvent?: EventListener;
  /** Convenience log hook: one line per event with a level (retries, throttling, open circuits are `warn`). */
  onLog?: (level: LogLevel, message: string) => void;
  /** Bring your own undici dispatcher (then `proxy`/`caCertificates` are ignored and `close()` leaves it open). */
  dispatcher?: Dispatcher;
  /** Endpoint group for every call of this client (Graph, Key Vault clients); default: derived from the URL. */
  defaultGroup?: string;
  /** Extra policies, run just inside the headers policy (outermost after it). */
  policies?: PipelinePolicy[];
  /** Replaces the undici transport (tests). */
  transport?: SendRequest;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  group?: string;
  bucket?: RateBucket;
  timeoutMs?: number;
  signal?: AbortSignal;
  findCreated?: () => Promise<unknown | undefined>;
  requiredRole?: string;
  anonymous?: boolean;
}

export function detectHostName(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_ACTIONS === 'true') return 'github-actions';
  if (env.TF_BUILD || env.AGENT_ID) return 'azure-devops';
  return 'cli';
}

export function defaultUserAgent(version = CLIENT_VERSION, hostName = detectHostName()): string {
  return `fabric-deploy/${version} (${hostName})`;
}

export class HttpClient {
  readonly pipeline: Pipeline;
  readonly breakers?: CircuitBreakers;
  readonly limiter?: RateLimiter;
  readonly concurrency?: ConcurrencyLimiter;
  readonly userAgent: string;
  readonly trustedHosts: string[];
  private readonly dispatcher?: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly timeoutMs: number;
  private readonly defaultGroup?: string;
  readonly emit: (e: ClientEvent) => void;
  /** Counters since the client was made (requests, retries, throttled, circuits opened, …). */
  readonly stats: ClientStats = newStats();

  constructor(
    readonly options: HttpClientOptions,
    extraTrustedHosts: string[] = [],
  ) {
    const listener = emitter(options.onEvent);
    const log = options.onLog ? emitter((e) => options.onLog!(logLevel(e), describeEvent(e))) : undefined;
    this.emit = (e) => {
      count(this.stats, e);
      listener(e);
      log?.(e);
    };
    this.userAgent = options.userAgent ?? defaultUserAgent(options.version, options.hostName);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.defaultGroup = options.defaultGroup;
    this.trustedHosts = [
      ...DEFAULT_TRUSTED_HOST_SUFFIXES,
      ...extraTrustedHosts,
      ...(options.trustedHosts ?? []),
    ];
    this.breakers =
      options.circuitBreaker === false
        ? undefined
        : new CircuitBreakers(options.circuitBreaker ?? {}, this.emit);
    this.limiter =
      options.rateLimiter ??
      (options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? {}));
    const maxConcurrency = options.maxConcurrency ?? 10;
    this.concurrency = maxConcurrency === false ? undefined : new ConcurrencyLimiter(maxConcurrency);

    let transport = options.transport;
    if (!transport) {
      this.dispatcher =
        options.dispatcher ??
        createDispatcher({ proxy: options.proxy, caCertificates: options.caCertificates });
      transport = undiciTransport(this.dispatcher);
    }
    this.ownsDispatcher = !options.dispatcher && !options.transport;

    const policies: PipelinePolicy[] = [
      headersPolicy({ userAgent: this.userAgent, correlationId: options.correlationId }),
    ];
    policies.push(...(options.policies ?? []));
    if (this.breakers) policies.push(breakerPolicy(this.breakers));
    if (options.retry !== false) policies.push(retryPolicy({ retry: options.retry ?? {}, emit: this.emit }));
    policies.push(
      ...(options.tokens
        ? [authPolicy({ tokens: options.tokens, trustedHosts: this.trustedHosts, emit: this.emit })]
        : []),
      rateLimitPolicy({ limiter: this.limiter, concurrency: this.concurrency, emit: this.emit }),
      errorPolicy(),
      timeoutPolicy(),
      loggingPolicy({ emit: this.emit }),
    );
    this.pipeline = new Pipeline(policies, transport);
  }

  /** Sends one logical call (with its retries) to an absolute URL. Throws FabricApiError on an error answer. */
  request(
    operation: string,
    method: string,
    url: string,
    opts: RequestOptions = {},
  ): Promise<PipelineResponse> {
    assertSafeUrl(url);
    const body =
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body);
    const req: PipelineRequest = {
      operation,
      method: method.toUpperCase(),
      url,
      headers: { ...(opts.headers ?? {}) },
      body,
      group: opts.group ?? this.defaultGroup ?? endpointGroup(url),
      bucket: opts.bucket ?? (isOperationsUrl(url) ? 'lro' : 'platform'),
      timeoutMs: opts.timeoutMs ?? this.timeoutMs,
      signal: opts.signal,
      attempt: 1,
      findCreated: opts.findCreated,
      requiredRole: opts.requiredRole,
      anonymous: opts.anonymous,
    };
    return this.pipeline.send(req);
  }

  /** Closes idle keep-alive sockets and the breakers' timers. */
  async close(): Promise<void> {
    this.breakers?.shutdown();
    if (this.ownsDispatcher && this.dispatcher) await this.dispatcher.close();
  }
}

/** LRO polling endpoints have their own quota bucket in Fabric. */
export function isOperationsUrl(url: string): boolean {
  try {
    return /\/operations\/[^/]+(\/result)?\/?$/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}
