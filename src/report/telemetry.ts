/**
 * Application Insights telemetry. The SDK (`applicationinsights` 3, OpenTelemetry based: ~1 s of
 * module loading) is imported only when telemetry is on. Every string is scrubbed before it reaches
 * the SDK. Nothing here throws into the run, and `flush()` gives up after a fixed budget (2 s),
 * aborting whatever is still in flight.
 */
import type { ClientEvent } from '../fabric/events';
import { createHash, randomBytes } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { HostKind, Logger } from '../hosts/host';
import { VERSION } from '../version';
import type { DeploymentReport, ItemAction } from './model';
import { makeSanitizer } from './scrub';
import { noTelemetry, type Telemetry } from './telemetry-types';

// ---------------------------------------------------------------- names (alerts and the workbook query these)

/** customEvents names. */
export const TELEMETRY_EVENTS = {
  deploymentStarted: 'DeploymentStarted',
  deploymentSucceeded: 'DeploymentSucceeded',
  deploymentRolledBack: 'DeploymentRolledBack',
  deploymentFailed: 'DeploymentFailed',
  circuitOpened: 'CircuitOpened',
  retryScheduled: 'RetryScheduled',
  tokenAcquisitionFailed: 'TokenAcquisitionFailed',
  configValidationFailed: 'ConfigValidationFailed',
  healthCheckFailed: 'HealthCheckFailed',
} as const;

/** customMetrics names (recorded as histograms: `value` is the sum, `valueCount` the count). */
export const TELEMETRY_METRICS = {
  deploymentDuration: 'FabricDeploy.DeploymentDurationMs',
  items: 'FabricDeploy.Items',
  retries: 'FabricDeploy.Retries',
  throttles: 'FabricDeploy.Throttles',
  circuitOpens: 'FabricDeploy.CircuitOpens',
  rollbacks: 'FabricDeploy.Rollbacks',
} as const;

/** customDimensions present on every item. */
export const TELEMETRY_DIMENSIONS = {
  app: 'app',
  appValue: 'fabric-deploy',
  version: 'version',
  deploymentId: 'deploymentId',
  environment: 'environment',
  host: 'host',
  command: 'command',
} as const;

/** Dependencies are HTTP calls to Fabric (the exporter writes type 'Http'), named `METHOD /v1/path/{id}`. */
export const DEPENDENCY_TYPE = 'Http';

export type TelemetryEventName = (typeof TELEMETRY_EVENTS)[keyof typeof TELEMETRY_EVENTS];
export type TelemetryMetricName = (typeof TELEMETRY_METRICS)[keyof typeof TELEMETRY_METRICS];

/** Total time `flush()` may take, including waiting for the SDK to finish loading. */
export const FLUSH_BUDGET_MS = 2000;

// ---------------------------------------------------------------- options

export interface TelemetryOptions {
  enabled: boolean;
  connectionString?: string;
  deploymentId: string;
  environment?: string;
  /** Which host runs us (github | azure-devops | cli), a dimension. */
  host?: HostKind;
  command?: string;
  log?: Logger;
  /** Masks registered secrets (the host masker); applied to every string sent. */
  scrub: (s: string) => string;
  /** Budget of `flush()` in ms (default 2000). */
  flushTimeoutMs?: number;
  /** Extra CA certificates (PEM) for the ingestion endpoint: a TLS-inspecting proxy, the simulator. */
  caCertificates?: string | string[];
  /** Calls queued while the SDK loads (default 10 000); later ones are dropped. */
  maxQueued?: number;
}

/** What `telemetry-connection-string` must look like; used by createTelemetry and the health check. */
export function checkConnectionString(
  cs: string | undefined,
): { ok: true; instrumentationKey: string; ingestionEndpoint?: string } | { ok: false; reason: string } {
  if (!cs || !cs.trim())
    return { ok: false, reason: 'no connection string is set (telemetry-connection-string)' };
  const fields = new Map<string, string>();
  for (const part of cs.trim().split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'the connection string is not a list of Key=Value pairs' };
    fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const ikey = fields.get('instrumentationkey');
  if (!ikey || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ikey)) {
    return { ok: false, reason: 'the connection string has no valid InstrumentationKey (a GUID)' };
  }
  const endpoint = fields.get('ingestionendpoint');
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return { ok: false, reason: 'IngestionEndpoint in the connection string is not a URL' };
    }
    // The SDK sends over HTTPS whatever the scheme says; a plain-HTTP endpoint could never answer.
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return { ok: false, reason: 'IngestionEndpoint must be an https URL' };
  }
  return { ok: true, instrumentationKey: ikey, ingestionEndpoint: endpoint };
}

/** App Insights operation id (a W3C trace id: 32 hex) for a deployment id: the GUID's hex, else a hash. */
export function operationIdFor(deploymentId: string): string {
  const hex = deploymentId.replace(/-/g, '').toLowerCase();
  if (/^[0-9a-f]{32}$/.test(hex) && !/^0+$/.test(hex)) return hex;
  return createHash('sha256').update(deploymentId).digest('hex').slice(0, 32);
}

/**
 * The run's telemetry: `noTelemetry` when off or misconfigured (with a warning), else the Application
 * Insights sink, once its SDK has loaded. Loading is synchronous module evaluation that no timer can
 * interrupt, so it is paid here, up front, rather than inside the bounded `flush()` at the end.
 */
export async function createTelemetry(opts: TelemetryOptions): Promise<Telemetry> {
  if (!opts.enabled) return noTelemetry;
  const check = checkConnectionString(opts.connectionString);
  if (!check.ok) {
    opts.log?.warn(`telemetry is on but ${check.reason}; no telemetry is sent`);
    return noTelemetry;
  }
  const t = new AppInsightsTelemetry(opts, opts.connectionString!.trim());
  return (await t.ready()) ? t : noTelemetry;
}

// ---------------------------------------------------------------- the sink

type Props = Record<string, string | number | boolean | undefined>;

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

type OtelApi = typeof import('@opentelemetry/api');

/** One Fabric call as the sink takes it (the Telemetry interface's dependency). */
export type DependencyData = Parameters<Telemetry['dependency']>[0];

class AppInsightsTelemetry implements Telemetry {
  private client?: AiClient;
  private api?: OtelApi;
  private opContext?: unknown;
  private state: 'loading' | 'ready' | 'off' = 'loading';
  private queue: ((c: AiClient) => void)[] = [];
  private dropped = 0;
  private readonly abort = new AbortController();
  private readonly loading: Promise<void>;
  private readonly sanitize: (s: string) => string;
  private readonly common: Record<string, string>;
  private readonly budgetMs: number;
  private readonly maxQueued: number;

  constructor(
    private readonly opts: TelemetryOptions,
    private readonly connectionString: string,
  ) {
    this.sanitize = makeSanitizer(opts.scrub);
    this.budgetMs = opts.flushTimeoutMs ?? FLUSH_BUDGET_MS;
    this.maxQueued = opts.maxQueued ?? 10_000;
    const d = TELEMETRY_DIMENSIONS;
    this.common = clean({
      [d.app]: d.appValue,
      [d.version]: VERSION,
      [d.deploymentId]: opts.deploymentId,
      [d.environment]: opts.environment ? this.sanitize(opts.environment) : undefined,
      [d.host]: opts.host,
      [d.command]: opts.command,
    });
    this.loading = this.load().catch((err: unknown) => {
      this.state = 'off';
      this.queue = [];
      opts.log?.warn(
        `telemetry is off: the Application Insights SDK could not start (${this.sanitize(errText(err))})`,
      );
    });
  }

  /** Resolves once the SDK is loaded (true) or failed to load (false). */
  async ready(): Promise<boolean> {
    await this.loading;
    return this.state === 'ready';
  }

  private async load(): Promise<void> {
    const [aiMod, apiMod] = await Promise.all([import('applicationinsights'), import('@opentelemetry/api')]);
    if (this.state === 'off') return; // flush gave up before the SDK arrived
    const ai = pickModule<{
      TelemetryClient: new (cs: string, o?: { useGlobalProviders?: boolean }) => AiClient;
    }>(aiMod, 'TelemetryClient');
    const api = pickModule<OtelApi>(apiMod, 'context');
    // Statsbeat (the SDK's usage reports to Microsoft) is an extra outbound connection a CI runner may
    // not allow; an explicit value (even empty) in the environment wins.
    process.env.APPLICATION_INSIGHTS_NO_STATSBEAT ??= 'true';
    // Settings come from our inputs, not from an applicationinsights.json the SDK would look for
    // beside itself: a path built from __dirname, which an ESM bundle does not define.
    process.env.APPLICATIONINSIGHTS_CONFIGURATION_CONTENT ??= '{}';
    // Isolated providers: nothing global is instrumented (no automatic HTTP collection of our calls).
    const client = new ai.TelemetryClient(this.connectionString, { useGlobalProviders: false });
    const extraCa = this.opts.caCertificates === undefined ? [] : [this.opts.caCertificates].flat();
    const abort = this.abort.signal;
    const timeout = this.budgetMs;
    client.config.azureMonitorOpenTelemetryOptions = {
      azureMonitorExporterOptions: {
        connectionString: this.connectionString,
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
                request.abortSignal = request.abortSignal ? anySignal([request.abortSignal, abort]) : abort;
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
    // Events and exceptions take their operation id from the active OpenTelemetry context; the
    // isolated providers register no context manager, so a minimal synchronous one is installed
    // (kept if the process already has one).
    api.context.setGlobalContextManager(syncContextManager(api));
    this.opContext = api.trace.setSpanContext(api.ROOT_CONTEXT, {
      traceId: operationIdFor(this.opts.deploymentId),
      spanId: randomBytes(8).toString('hex'),
      traceFlags: api.TraceFlags.SAMPLED,
      isRemote: true,
    });
    this.api = api;
    this.client = client;
    this.state = 'ready';
    const queued = this.queue;
    this.queue = [];
    for (const fn of queued) this.run(fn);
    if (this.dropped) this.opts.log?.debug(`telemetry: ${this.dropped} item(s) dropped while the SDK loaded`);
  }

  private emit(fn: (c: AiClient) => void): void {
    if (this.state === 'ready') this.run(fn);
    else if (this.state === 'loading') {
      if (this.queue.length < this.maxQueued) this.queue.push(fn);
      else this.dropped++;
    }
  }

  private run(fn: (c: AiClient) => void): void {
    try {
      const api = this.api!;
      api.context.with(this.opContext as Parameters<OtelApi['context']['with']>[0], () => fn(this.client!));
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

  private strings(
    properties?: Record<string, string | number | boolean | undefined>,
  ): Record<string, string> {
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
    if (this.state === 'off') return;
    const deadline = Date.now() + this.budgetMs;
    try {
      const loaded = await within(
        this.loading.then(() => true),
        deadline,
      );
      if (!loaded || this.state !== 'ready') {
        this.state = 'off';
        this.queue = [];
        this.opts.log?.debug('telemetry: the SDK did not load within the flush budget; nothing was sent');
        return;
      }
      const done = await within(
        this.client!.flush().then(
          () => true,
          () => true,
        ),
        deadline,
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

// ---------------------------------------------------------------- run-level helpers

/** `DeploymentStarted`. */
export function trackDeploymentStarted(
  t: Telemetry,
  d: { command: string; environment?: string; workspace?: string; items?: number },
): void {
  t.event(TELEMETRY_EVENTS.deploymentStarted, {
    command: d.command,
    environment: d.environment,
    workspace: d.workspace,
    items: d.items,
  });
}

/**
 * The result event (Succeeded / RolledBack / Failed) with the duration and counts, the duration,
 * items-per-action and rollback metrics, and the exception when the run failed.
 */
export function trackDeploymentFinished(t: Telemetry, report: DeploymentReport, error?: unknown): void {
  const counts: Partial<Record<ItemAction, number>> = {};
  for (const i of report.items) counts[i.action] = (counts[i.action] ?? 0) + 1;
  const name =
    report.result === 'succeeded'
      ? TELEMETRY_EVENTS.deploymentSucceeded
      : report.result === 'rolled-back'
        ? TELEMETRY_EVENTS.deploymentRolledBack
        : TELEMETRY_EVENTS.deploymentFailed;
  const dims = { command: report.command, result: report.result };
  t.event(name, {
    ...dims,
    workspaceId: report.workspace.id,
    durationMs: report.durationMs,
    items: report.items.length,
    failedItems: report.items.filter((i) => i.status === 'failed').length,
    ...Object.fromEntries(Object.entries(counts).map(([a, n]) => [`items_${a}`, n])),
    error: report.error,
  });
  t.metric(TELEMETRY_METRICS.deploymentDuration, report.durationMs, dims);
  for (const [action, n] of Object.entries(counts)) t.metric(TELEMETRY_METRICS.items, n, { ...dims, action });
  if (report.result === 'rolled-back' || (report.rollback?.length ?? 0) > 0)
    t.metric(TELEMETRY_METRICS.rollbacks, 1, dims);
  if (report.result !== 'succeeded' && (error !== undefined || report.error)) {
    t.exception(error ?? new Error(report.error), { command: report.command, result: report.result });
  }
}

/**
 * A run that ended before a report existed: `ConfigValidationFailed` or `TokenAcquisitionFailed`
 * when the error is one, then the exception and `DeploymentFailed`.
 */
export function trackRunError(
  t: Telemetry,
  err: unknown,
  d: { command?: string; durationMs?: number } = {},
): void {
  const kind = classifyError(err);
  if (kind === 'token')
    t.event(TELEMETRY_EVENTS.tokenAcquisitionFailed, { command: d.command, error: errText(err) });
  else if (kind === 'config')
    t.event(TELEMETRY_EVENTS.configValidationFailed, {
      command: d.command,
      error: errText(err),
      field: (err as { field?: string }).field,
    });
  t.exception(err, { command: d.command ?? '', kind });
  t.event(TELEMETRY_EVENTS.deploymentFailed, {
    command: d.command,
    result: 'failed',
    durationMs: d.durationMs,
    error: errText(err),
    kind,
  });
}

const AUTH_FIELDS = new Set([
  'auth',
  'token',
  'client-id',
  'client-secret',
  'certificate',
  'certificate-password',
  'tenant-id',
  'audience',
  'connected-service-name',
  'authority-host',
]);
const AUTH_ERROR_NAMES = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
]);

/** 'token' for failures to get a token, 'config' for bad configuration, else 'other'. */
export function classifyError(err: unknown): 'token' | 'config' | 'other' {
  let config = false;
  for (const e of causes(err)) {
    const x = e as { name?: string; message?: string; field?: string; status?: number };
    if (AUTH_ERROR_NAMES.has(x.name ?? '') || /\bAADSTS\d{5,}/.test(x.message ?? '')) return 'token';
    if (x.field && AUTH_FIELDS.has(x.field)) return 'token';
    if (x.name === 'FabricApiError' && x.status === 401) return 'token';
    if (x.name === 'ConfigError') config = true;
  }
  return config ? 'config' : 'other';
}

// ---------------------------------------------------------------- the Fabric client's events

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
    .map((s) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) || /^\d+$/.test(s)
        ? '{id}'
        : s,
    )
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

// ---------------------------------------------------------------- small helpers

function clean(o: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

function stringProps(p?: Props): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(p ?? {})) out[k] = v === undefined ? undefined : String(v);
  return out;
}

function safeUrl(s: string): URL | undefined {
  try {
    const u = new URL(s);
    u.search = '';
    u.hash = '';
    u.username = '';
    u.password = '';
    return u;
  } catch {
    return undefined;
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function* causes(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length) {
    const e = stack.shift();
    if (e === undefined || e === null || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    yield e;
    if (typeof e !== 'object') continue;
    const x = e as { cause?: unknown; errors?: unknown[]; failures?: { error: unknown }[] };
    if (x.cause !== undefined) stack.push(x.cause);
    if (Array.isArray(x.errors)) stack.push(...x.errors);
    if (Array.isArray(x.failures)) stack.push(...x.failures.map((f) => f?.error));
  }
}

/** Name, message and the Fabric details (errorCode, status, requestId) found on the error or its causes. */
export function describeError(err: unknown): {
  name: string;
  message: string;
  stack?: string;
  errorCode?: string;
  status?: number;
  requestId?: string;
  operation?: string;
} {
  const top = err instanceof Error ? err : undefined;
  const out: ReturnType<typeof describeError> = {
    name: top?.name ?? 'Error',
    message: top?.message ?? String(err),
    stack: top?.stack,
  };
  for (const e of causes(err)) {
    const x = e as {
      errorCode?: unknown;
      code?: unknown;
      status?: unknown;
      requestId?: unknown;
      operation?: unknown;
    };
    if (out.errorCode === undefined) {
      if (typeof x.errorCode === 'string') out.errorCode = x.errorCode;
      else if (typeof x.code === 'string' && x.code) out.errorCode = x.code;
    }
    if (out.status === undefined && typeof x.status === 'number') out.status = x.status;
    if (out.requestId === undefined && typeof x.requestId === 'string') out.requestId = x.requestId;
    if (out.operation === undefined && typeof x.operation === 'string') out.operation = x.operation;
  }
  return out;
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

function anySignal(signals: AbortSignal[]): AbortSignal {
  const any = (AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any(signals);
  const c = new AbortController();
  for (const s of signals) {
    if (s.aborted) c.abort();
    else s.addEventListener('abort', () => c.abort(), { once: true });
  }
  return c.signal;
}

function pickModule<T>(mod: unknown, member: string): T {
  const m = mod as Record<string, unknown> & { default?: Record<string, unknown> };
  return (member in m ? m : m.default) as T;
}

/** Just enough of a ContextManager for synchronous `context.with(ctx, () => track…())` calls. */
function syncContextManager(api: OtelApi) {
  type Ctx = ReturnType<OtelApi['context']['active']>;
  let current: Ctx = api.ROOT_CONTEXT;
  return {
    active: () => current,
    with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
      ctx: Ctx,
      fn: F,
      thisArg?: ThisParameterType<F>,
      ...args: A
    ): ReturnType<F> {
      const prev = current;
      current = ctx;
      try {
        return fn.call(thisArg, ...args);
      } finally {
        current = prev;
      }
    },
    bind: <T>(_ctx: Ctx, target: T): T => target,
    enable() {
      return this;
    },
    disable() {
      current = api.ROOT_CONTEXT;
      return this;
    },
  };
}
