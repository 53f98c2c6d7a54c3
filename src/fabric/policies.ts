/** The small policies of the request pipeline (retry and circuit breaker live in retry.ts and breaker.ts). */
import type { TokenProvider } from '../identity/token';
import { FabricApiError, FabricClientError, FabricNetworkError, requiredRoleFor } from './errors';
import type { ClientEvent } from './events';
import { assertSafeUrl, isTrustedHost, redactUrl } from './http';
import type { PipelinePolicy } from './pipeline';
import type { ConcurrencyLimiter, RateLimiter } from './rate-limit';

type Emit = (e: ClientEvent) => void;

/** User agent, correlation id and content negotiation headers, set once per logical call. */
export function headersPolicy(opts: { userAgent: string; correlationId?: string }): PipelinePolicy {
  return {
    name: 'headers',
    send(req, next) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': opts.userAgent,
        ...req.headers,
      };
      if (opts.correlationId && !headers['x-ms-correlation-id'])
        headers['x-ms-correlation-id'] = opts.correlationId;
      if (req.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      return next({ ...req, headers });
    },
  };
}

/**
 * Bearer token on every attempt. A `401` with `TokenExpired` refreshes the token once (forced) and
 * resends; any other 401 is final. The token is only ever sent over https (or loopback) to a trusted host.
 */
export function authPolicy(opts: {
  tokens: TokenProvider;
  trustedHosts: readonly string[];
  emit: Emit;
}): PipelinePolicy {
  // Calls in flight when the token expires all get a 401 together: they share one forced refresh.
  let refresh: { from: string; promise: Promise<string> } | undefined;
  const refreshed = (expired: string, operation: string): Promise<string> => {
    if (refresh?.from !== expired) {
      opts.emit({ type: 'tokenRefresh', operation });
      const promise = opts.tokens.getToken(true);
      const current = { from: expired, promise };
      refresh = current;
      // A failed refresh must not be reused by the next expiry.
      promise.catch(() => {
        if (refresh === current) refresh = undefined;
      });
    }
    return refresh!.promise;
  };
  return {
    name: 'auth',
    async send(req, next) {
      if (req.anonymous) return next(req);
      const url = assertSafeUrl(req.url);
      if (!isTrustedHost(url.hostname, opts.trustedHosts)) {
        throw new FabricClientError(
          'UntrustedHost',
          `${req.operation}: refusing to send the access token to '${url.host}' (not a Fabric, Graph or Key Vault host); ` +
            `add it to the client's trustedHosts if it is legitimate`,
        );
      }
      const token = await opts.tokens.getToken();
      try {
        return await next({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
      } catch (err) {
        if (!(err instanceof FabricApiError) || err.status !== 401 || err.errorCode !== 'TokenExpired')
          throw err;
        const fresh = await refreshed(token, req.operation);
        return next({ ...req, headers: { ...req.headers, authorization: `Bearer ${fresh}` } });
      }
    },
  };
}

/**
 * Concurrency slot first, then a token from the right bucket, then send at once: taking the token
 * first and queueing for a slot would let calls bunch up after their tokens were counted.
 */
export function rateLimitPolicy(opts: {
  limiter?: RateLimiter;
  concurrency?: ConcurrencyLimiter;
  emit: Emit;
}): PipelinePolicy {
  return {
    name: 'rateLimit',
    async send(req, next) {
      const release = opts.concurrency ? await opts.concurrency.acquire(req.signal) : undefined;
      try {
        if (opts.limiter) {
          const waitMs = await opts.limiter.take(req.bucket, req.signal);
          if (waitMs >= 1)
            opts.emit({ type: 'rateLimited', operation: req.operation, bucket: req.bucket, waitMs });
        }
        return await next(req);
      } catch (err) {
        if (err instanceof FabricApiError && err.status === 429) opts.limiter?.throttled(req.bucket);
        throw err;
      } finally {
        release?.();
      }
    },
  };
}

/** Turns an HTTP error answer into a FabricApiError (status, errorCode, requestId, Retry-After). */
export function errorPolicy(): PipelinePolicy {
  return {
    name: 'errors',
    async send(req, next) {
      const res = await next(req);
      if (res.status < 400) return res;
      const path = safePath(req.url);
      throw new FabricApiError({
        operation: req.operation,
        status: res.status,
        body: res.body && typeof res.body === 'object' ? (res.body as never) : undefined,
        headerErrorCode: res.headers.get('x-ms-public-api-error-code') ?? undefined,
        requestId:
          res.headers.get('requestid') ??
          res.headers.get('x-ms-request-id') ??
          res.headers.get('request-id') ??
          undefined,
        retryAfterSeconds: parseRetryAfter(res.headers.get('retry-after')),
        method: req.method,
        url: redactUrl(req.url),
        requiredRole: req.requiredRole ?? requiredRoleFor(req.method, path),
      });
    },
  };
}

/** Bounds one attempt (headers and body) and reports it as a network error `ETIMEDOUT`, which is retried. */
export function timeoutPolicy(): PipelinePolicy {
  return {
    name: 'timeout',
    async send(req, next) {
      if (!req.timeoutMs) return next(req);
      const timeout = AbortSignal.timeout(req.timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      try {
        return await next({ ...req, signal });
      } catch (err) {
        if (timeout.aborted && !req.signal?.aborted) {
          throw new FabricNetworkError({
            operation: req.operation,
            code: 'ETIMEDOUT',
            message: `no complete answer within ${req.timeoutMs} ms`,
            method: req.method,
            url: redactUrl(req.url),
            cause: err,
          });
        }
        throw err;
      }
    },
  };
}

/** One `request` event per HTTP attempt, success or not. */
export function loggingPolicy(opts: { emit: Emit }): PipelinePolicy {
  return {
    name: 'logging',
    async send(req, next) {
      const start = performance.now();
      const base = {
        type: 'request' as const,
        operation: req.operation,
        method: req.method,
        url: redactUrl(req.url),
        attempt: req.attempt,
        group: req.group,
      };
      try {
        const res = await next(req);
        opts.emit({
          ...base,
          status: res.status,
          durationMs: performance.now() - start,
          success: res.status < 400,
          requestId: res.headers.get('requestid') ?? res.headers.get('x-ms-request-id') ?? undefined,
          errorCode:
            res.status >= 400 ? (res.headers.get('x-ms-public-api-error-code') ?? undefined) : undefined,
        });
        return res;
      } catch (err) {
        const code = (err as { code?: string })?.code;
        opts.emit({
          ...base,
          status: 0,
          durationMs: performance.now() - start,
          success: false,
          errorCode: code,
        });
        throw err;
      }
    },
  };
}

/** `Retry-After` as seconds: an integer, or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n);
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  return undefined;
}

function safePath(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}
