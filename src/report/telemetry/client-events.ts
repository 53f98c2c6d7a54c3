/** The Fabric client's events as telemetry: a dependency per HTTP call, retries, throttles, open circuits. */
import type { ClientEvent } from '../../fabric/events';
import { isGuid } from '../../guid';
import type { Telemetry } from '../telemetry-types';
import { TELEMETRY_EVENTS, TELEMETRY_METRICS } from './names';
import { clean, safeUrl } from './values';

/** The client's events this sink reads (one definition: src/fabric/events.ts); other types are ignored. */
type RequestSourceEvent = Extract<ClientEvent, { type: 'request' }>;
type RetrySourceEvent = Extract<ClientEvent, { type: 'retry' }>;
type ThrottledSourceEvent = Extract<ClientEvent, { type: 'throttled' }>;
type CircuitSourceEvent = Extract<ClientEvent, { type: 'circuit' }>;
export type TelemetrySourceEvent = ClientEvent;

/** Replaces ids in a URL path so dependency names aggregate: /v1/workspaces/{id}/items/{id}. */
export function templatePath(path: string): string {
  return path
    .split('/')
    .map((s) => (isGuid(s) || /^\d+$/.test(s) ? '{id}' : s))
    .join('/');
}

/**
 * The client's `onEvent` listener: a dependency per HTTP call, `RetryScheduled` + retries metric,
 * throttles metric, `CircuitOpened` + breaker-opens metric. Never throws.
 */
export function telemetryEventSink(t: Telemetry): (e: TelemetrySourceEvent) => void {
  return (e) => {
    try {
      switch (e.type) {
        case 'request': {
          const r = e as RequestSourceEvent;
          const url = safeUrl(r.url);
          t.dependency({
            name: `${r.method.toUpperCase()} ${url ? templatePath(url.pathname) : r.operation}`,
            target: url?.host ?? 'fabric',
            durationMs: r.durationMs,
            resultCode: r.status,
            success: r.success,
            data: r.url,
            method: r.method,
            properties: {
              operation: r.operation,
              group: r.group,
              attempt: r.attempt,
              requestId: r.requestId,
              errorCode: r.errorCode,
            },
          });
          break;
        }
        case 'retry': {
          const r = e as RetrySourceEvent;
          t.event(TELEMETRY_EVENTS.retryScheduled, {
            operation: r.operation,
            group: r.group,
            attempt: r.attempt,
            delayMs: r.delayMs,
            reason: r.reason,
          });
          t.metric(TELEMETRY_METRICS.retries, 1, clean({ group: r.group }));
          break;
        }
        case 'throttled': {
          const r = e as ThrottledSourceEvent;
          t.metric(TELEMETRY_METRICS.throttles, 1, clean({ group: r.group, operation: r.operation }));
          break;
        }
        case 'circuit': {
          const r = e as CircuitSourceEvent;
          if (r.state !== 'open') break;
          t.event(TELEMETRY_EVENTS.circuitOpened, {
            group: r.group,
            retryAt: r.retryAt,
            failures: r.failures,
          });
          t.metric(TELEMETRY_METRICS.circuitOpens, 1, { group: r.group });
          break;
        }
        default:
          break;
      }
    } catch {
      // A telemetry hook must never break a request.
    }
  };
}
