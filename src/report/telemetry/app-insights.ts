/**
 * The Application Insights sink: applicationinsights 3's TelemetryClient on isolated OpenTelemetry
 * providers, so nothing global is instrumented. Imported only when telemetry is on (the SDK is most of
 * the bundle's weight). Every string is scrubbed before it reaches the SDK, nothing throws into the run,
 * and `flush()` gives up after its budget, aborting whatever is still in flight.
 */
import * as otelModule from '@opentelemetry/api';
// The shim's client alone: the package index also loads the global-provider distro we do not use.
import * as shimModule from 'applicationinsights/out/src/shim/telemetryClient.js';
import { randomBytes } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { VERSION } from '../../version';
import { makeSanitizer } from '../scrub';
import type { Telemetry } from '../telemetry-types';
import { operationIdFor } from './connection-string';
import { describeError } from './error-details';
import { FLUSH_BUDGET_MS, TELEMETRY_DIMENSIONS } from './names';
import type { TelemetryOptions } from './options';
import { syncContextManager } from './sync-context';
import { clean, type Props, safeUrl, stringProps } from './values';

type OtelApi = typeof import('@opentelemetry/api');

/** The part of the SDK's TelemetryClient this sink uses. */
interface AiClient {
  config: { azureMonitorOpenTelemetryOptions: unknown };
  trackEvent(t: {
    name: string;
    properties?: Record<string, string>;
    measurements?: Record<string, number>;
  }): void;
  trackMetric(t: { name: string; value: number; properties?: Record<string, string> }): void;
  trackDependency(t: {
    name: string;
    target?: string;
    duration: number;
    resultCode?: string | number;
    success?: boolean;
    time?: Date;
    properties?: Record<string, string | number>;
  }): void;
  trackException(t: {
    exception: Error;
    properties?: Record<string, string>;
    measurements?: Record<string, number>;
  }): void;
  flush(): Promise<void>;
}
type AiClientClass = new (cs: string, o?: { useGlobalProviders?: boolean }) => AiClient;

/** One Fabric call as the sink takes it (the Telemetry interface's dependency). */
export type DependencyData = Parameters<Telemetry['dependency']>[0];

/** The sink, its SDK client built (throws when the SDK cannot start: the caller turns telemetry off). */
export function startAppInsights(opts: TelemetryOptions, connectionString: string): Telemetry {
  return new AppInsightsTelemetry(opts, connectionString);
}

class AppInsightsTelemetry implements Telemetry {
  private readonly client: AiClient;
  private readonly api: OtelApi;
  private readonly opContext: otelModule.Context;
  private readonly abort = new AbortController();
  private readonly sanitize: (s: string) => string;
  private readonly common: Record<string, string>;
  private readonly budgetMs: number;

  constructor(
    private readonly opts: TelemetryOptions,
    connectionString: string,
  ) {
    this.sanitize = makeSanitizer(opts.scrub);
    this.budgetMs = opts.flushTimeoutMs ?? FLUSH_BUDGET_MS;
    const d = TELEMETRY_DIMENSIONS;
    this.common = clean({
      [d.app]: d.appValue,
      [d.version]: VERSION,
      [d.deploymentId]: opts.deploymentId,
      [d.environment]: opts.environment ? this.sanitize(opts.environment) : undefined,
      [d.host]: opts.host,
      [d.command]: opts.command,
    });
    const api = pickModule<OtelApi>(otelModule, 'context');
    const { TelemetryClient } = pickModule<{ TelemetryClient: AiClientClass }>(shimModule, 'TelemetryClient');
    // Statsbeat (the SDK's usage reports to Microsoft) is an extra outbound connection a CI runner may
    // not allow; an explicit value (even empty) in the environment wins.
    process.env.APPLICATION_INSIGHTS_NO_STATSBEAT ??= 'true';
    // Settings come from our inputs, not from an applicationinsights.json the SDK would look for
    // beside itself: a path built from __dirname, which an ESM bundle does not define.
    process.env.APPLICATIONINSIGHTS_CONFIGURATION_CONTENT ??= '{}';
    // Isolated providers: nothing global is instrumented (no automatic HTTP collection of our calls).
    const client = new TelemetryClient(connectionString, { useGlobalProviders: false });
    client.config.azureMonitorOpenTelemetryOptions = sdkOptions(
      connectionString,
      opts.caCertificates,
      this.budgetMs,
      this.abort.signal,
    );
    // Events and exceptions take their operation id from the active OpenTelemetry context; the
    // isolated providers register no context manager, so a minimal synchronous one is installed
    // (kept if the process already has one).
    api.context.setGlobalContextManager(syncContextManager(api.ROOT_CONTEXT));
    this.opContext = api.trace.setSpanContext(api.ROOT_CONTEXT, {
      traceId: operationIdFor(opts.deploymentId),
      spanId: randomBytes(8).toString('hex'),
      traceFlags: api.TraceFlags.SAMPLED,
      isRemote: true,
    });
    this.api = api;
    this.client = client;
  }

  private emit(fn: (c: AiClient) => void): void {
    try {
      this.api.context.with(this.opContext, () => fn(this.client));
    } catch {
      // Telemetry never fails a run.
    }
  }

  /** Strings scrubbed into properties, finite numbers into measurements, the common dimensions added. */
  private split(properties?: Props): {
    properties: Record<string, string>;
    measurements: Record<string, number>;
  } {
    const props: Record<string, string> = { ...this.common };
    const measurements: Record<string, number> = {};
    for (const [k, v] of Object.entries(properties ?? {})) {
      if (v === undefined) continue;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) measurements[k] = v;
      } else props[this.sanitize(k)] = this.sanitize(String(v));
    }
    return { properties: props, measurements };
  }

  private strings(properties?: Props): Record<string, string> {
    const out: Record<string, string> = { ...this.common };
    for (const [k, v] of Object.entries(properties ?? {}))
      if (v !== undefined) out[this.sanitize(k)] = this.sanitize(String(v));
    return out;
  }

  event(name: string, properties?: Props): void {
    try {
      const { properties: p, measurements } = this.split(properties);
      const n = this.sanitize(name);
      this.emit((c) => c.trackEvent({ name: n, properties: p, measurements }));
    } catch {
      // never fail a run
    }
  }

  metric(name: string, value: number, properties?: Record<string, string>): void {
    try {
      if (!Number.isFinite(value)) return;
      const p = this.strings(properties);
      this.emit((c) => c.trackMetric({ name, value, properties: p }));
    } catch {
      // never fail a run
    }
  }

  dependency(d: DependencyData): void {
    try {
      const durationMs = Math.max(0, Number(d.durationMs) || 0);
      const time = d.time ?? new Date(Date.now() - durationMs);
      const properties: Record<string, string | number> = { ...this.strings(stringProps(d.properties)) };
      const method = (d.method ?? /^([A-Z]+)\s/.exec(d.name)?.[1])?.toUpperCase();
      const url = d.data ? safeUrl(this.sanitize(d.data)) : undefined;
      // Stable HTTP semantic attributes: the exporter turns them into type HTTP, data, resultCode and
      // keeps them out of customDimensions; no `url.full`, so the name stays ours (low cardinality).
      if (method) properties['http.request.method'] = method;
      if (url) {
        properties['url.scheme'] = url.protocol.replace(':', '');
        properties['server.address'] = url.host;
        properties['url.path'] = url.pathname;
      }
      const status = Number(d.resultCode);
      if (Number.isFinite(status) && status > 0) properties['http.response.status_code'] = status;
      else properties.resultCode = this.sanitize(String(d.resultCode));
      const dep = {
        name: this.sanitize(d.name),
        target: this.sanitize(d.target),
        duration: durationMs,
        resultCode: this.sanitize(String(d.resultCode)),
        success: d.success,
        time,
        properties,
      };
      this.emit((c) => c.trackDependency(dep));
    } catch {
      // never fail a run
    }
  }

  exception(err: unknown, properties?: Record<string, string>): void {
    try {
      const info = describeError(err);
      const e = new Error(this.sanitize(info.message));
      e.name = this.sanitize(info.name);
      e.stack = this.sanitize(info.stack ?? `${info.name}: ${info.message}`);
      const p = this.strings({
        errorCode: info.errorCode,
        status: info.status,
        requestId: info.requestId,
        operation: info.operation,
        ...properties,
      });
      this.emit((c) => c.trackException({ exception: e, properties: p }));
    } catch {
      // never fail a run
    }
  }

  async flush(): Promise<void> {
    try {
      const done = await within(
        this.client.flush().then(
          () => true,
          () => true,
        ),
        Date.now() + this.budgetMs,
      );
      if (!done) {
        this.abort.abort();
        this.opts.log?.debug(
          `telemetry: the ingestion endpoint did not answer within ${this.budgetMs} ms; unsent telemetry was dropped`,
        );
      }
    } catch {
      // never fail a run
    }
  }
}

/** Exporter settings: our connection string and CAs, no offline storage, every export bounded. */
function sdkOptions(
  connectionString: string,
  caCertificates: string | string[] | undefined,
  timeout: number,
  abort: AbortSignal,
): unknown {
  const extraCa = caCertificates === undefined ? [] : [caCertificates].flat();
  return {
    azureMonitorExporterOptions: {
      connectionString,
      // A CI job ends right after the flush: telemetry parked on disk would never be sent.
      disableOfflineStorage: true,
      ...(extraCa.length ? { tlsOptions: { ca: [...rootCertificates, ...extraCa] } } : {}),
      additionalPolicies: [
        {
          position: 'perCall',
          policy: {
            name: 'fabricDeployBoundedExport',
            // Each export is bounded and aborted when flush gives up, so no socket or SDK timer
            // (their own timeouts are 30 s) keeps the process alive after the run.
            sendRequest: (
              request: { timeout?: number; abortSignal?: AbortSignal },
              next: (r: unknown) => Promise<unknown>,
            ) => {
              request.timeout = timeout;
              request.abortSignal = request.abortSignal
                ? AbortSignal.any([request.abortSignal, abort])
                : abort;
              return next(request);
            },
          },
        },
      ],
    },
    enableLiveMetrics: false,
    enableAutoCollectExceptions: false,
    enableAutoCollectPerformance: false,
  };
}

/** Resolves to the promise's value, or `false` once the deadline passes (the timer never holds the process). */
async function within<T>(p: Promise<T>, deadline: number): Promise<T | false> {
  const ms = Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A CommonJS module's exports, whether the loader put them on the namespace or on `default`. */
function pickModule<T>(mod: unknown, member: string): T {
  const m = mod as Record<string, unknown> & { default?: Record<string, unknown> };
  return (member in m ? m : m.default) as T;
}
