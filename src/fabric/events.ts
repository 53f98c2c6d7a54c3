/** What the pipeline reports for logs and telemetry. Listeners must not throw (errors are swallowed). */
export type ClientEvent =
  | {
      type: 'request';
      operation: string;
      method: string;
      /** URL with query values of sensitive-looking keys redacted. */
      url: string;
      /** 0 when no HTTP answer came back. */
      status: number;
      durationMs: number;
      success: boolean;
      attempt: number;
      group: string;
      requestId?: string;
      errorCode?: string;
    }
  | { type: 'retry'; operation: string; group: string; attempt: number; delayMs: number; reason: string }
  | { type: 'throttled'; operation: string; group: string; retryAfter: number }
  | { type: 'rateLimited'; operation: string; bucket: string; waitMs: number }
  | {
      type: 'circuit';
      group: string;
      state: 'open' | 'halfOpen' | 'closed';
      retryAt?: string;
      failures?: number;
    }
  | { type: 'tokenRefresh'; operation: string }
  | { type: 'lro'; operation: string; operationId?: string; status: string; percentComplete?: number | null }
  | { type: 'duplicateAvoided'; operation: string; reason: string };

export type EventListener = (event: ClientEvent) => void;

/** Calls the listener, never letting its failure break a request. */
export function emitter(listener?: EventListener): (event: ClientEvent) => void {
  if (!listener) return () => undefined;
  return (event) => {
    try {
      listener(event);
    } catch {
      // A logging hook must never fail a deployment.
    }
  };
}

/** One log line for an event. */
export function describeEvent(e: ClientEvent): string {
  switch (e.type) {
    case 'request':
      return `${e.method} ${e.url} → ${e.status || 'no answer'}${e.errorCode ? ` ${e.errorCode}` : ''} in ${Math.round(e.durationMs)} ms (${e.operation}${e.attempt > 1 ? `, attempt ${e.attempt}` : ''})`;
    case 'retry':
      return `retrying ${e.operation} in ${(e.delayMs / 1000).toFixed(1)} s (attempt ${e.attempt}): ${e.reason}`;
    case 'throttled':
      return `${e.operation}: throttled by Fabric, Retry-After ${e.retryAfter} s`;
    case 'rateLimited':
      return `${e.operation}: held ${Math.round(e.waitMs)} ms by the client rate limiter (${e.bucket})`;
    case 'circuit':
      return `circuit '${e.group}' ${e.state}${e.retryAt ? ` until ${e.retryAt}` : ''}`;
    case 'tokenRefresh':
      return `${e.operation}: token expired, refreshed and retried`;
    case 'lro':
      return `${e.operation}: operation ${e.operationId ?? ''} ${e.status}${e.percentComplete != null ? ` ${e.percentComplete}%` : ''}`;
    case 'duplicateAvoided':
      return `${e.operation}: ${e.reason}`;
  }
}

export type LogLevel = 'debug' | 'info' | 'warn';

/**
 * How loud an event is in the host log. A retry or a throttled call is info: most succeed, and one that
 * does not fails the run with its own error; an open circuit and a duplicate avoided are warnings.
 */
export function logLevel(e: ClientEvent): LogLevel {
  switch (e.type) {
    case 'retry':
    case 'throttled':
      return 'info';
    case 'duplicateAvoided':
      return 'warn';
    case 'circuit':
      return e.state === 'open' ? 'warn' : 'info';
    case 'tokenRefresh':
      return 'info';
    default:
      return 'debug';
  }
}

/** Counters for telemetry and the run report. */
export interface ClientStats {
  requests: number;
  failedRequests: number;
  retries: number;
  throttled: number;
  tokenRefreshes: number;
  circuitsOpened: number;
  duplicatesAvoided: number;
  lroPolls: number;
  /** Total time calls waited for the client-side rate limiter (ms). */
  rateLimitedMs: number;
  /** Total time of HTTP exchanges (ms). */
  httpMs: number;
}

export function newStats(): ClientStats {
  return {
    requests: 0,
    failedRequests: 0,
    retries: 0,
    throttled: 0,
    tokenRefreshes: 0,
    circuitsOpened: 0,
    duplicatesAvoided: 0,
    lroPolls: 0,
    rateLimitedMs: 0,
    httpMs: 0,
  };
}

export function count(stats: ClientStats, e: ClientEvent): void {
  switch (e.type) {
    case 'request':
      stats.requests++;
      stats.httpMs += e.durationMs;
      if (!e.success) stats.failedRequests++;
      break;
    case 'retry':
      stats.retries++;
      break;
    case 'throttled':
      stats.throttled++;
      break;
    case 'tokenRefresh':
      stats.tokenRefreshes++;
      break;
    case 'circuit':
      if (e.state === 'open') stats.circuitsOpened++;
      break;
    case 'duplicateAvoided':
      stats.duplicatesAvoided++;
      break;
    case 'lro':
      stats.lroPolls++;
      break;
    case 'rateLimited':
      stats.rateLimitedMs += e.waitMs;
      break;
  }
}
