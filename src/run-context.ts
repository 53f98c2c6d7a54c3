/** Puts a command context together: the one way for the product, the tests and the benchmark. */
import { randomUUID } from 'node:crypto';
import type { CommandContext } from './context';
import { countItemRetries } from './deploy/item-scope';
import type { PrincipalDirectory } from './deploy/workspace';
import { FabricClient, type FabricClientOptions } from './fabric/client';
import type { ClientEvent } from './fabric/events';
import type { Host } from './hosts/host';
import type { FabricTokenProvider } from './identity/provider';
import type { SecretManager } from './identity/secrets';
import { telemetryEventSink } from './report/telemetry';
import { noAudit, noTelemetry, type AuditLog, type Telemetry } from './report/telemetry-types';
import type { BaseSettings, RunSettings } from './settings/settings';
import { userAgent } from './version';

export interface RunContextParts<S extends BaseSettings> {
  host: Host;
  settings: S;
  tokens: FabricTokenProvider;
  deploymentId?: string;
  startedAt?: Date;
  telemetry?: Telemetry;
  audit?: AuditLog;
  directory?: PrincipalDirectory;
  secrets?: SecretManager;
  signal?: AbortSignal;
  /** Over the options the settings give (tests and the benchmark scale the clocks, or turn retries off). */
  client?: Partial<FabricClientOptions>;
}

/**
 * The one place a command context is put together, for the product (main.ts, after sign-in), the tests
 * and the benchmark alike: the Fabric client with the host's proxy and log, the deployment id as
 * correlation id, the resilience the settings ask for, and client events fed to telemetry and to the
 * per-item retry count.
 */
export function createRunContext<S extends BaseSettings>(parts: RunContextParts<S>): CommandContext<S> {
  const { host, settings, tokens } = parts;
  const deploymentId = parts.deploymentId ?? randomUUID();
  const telemetry = parts.telemetry ?? noTelemetry;
  const client = new FabricClient({
    baseUrl: settings.connection.cloud.fabricApiUrl,
    tokens,
    userAgent: userAgent(host.kind),
    correlationId: deploymentId,
    proxy: host.proxyUrl?.() ?? undefined,
    // A retry or a throttled call that then succeeds is an info line, not a warning (an annotation that
    // would push real warnings out of GitHub's ten per step); the run's summary counts them.
    onLog: (level, line) => host.log[level](line),
    onEvent: fanOut(telemetryEventSink(telemetry), countItemRetries),
    ...(isRunSettings(settings) ? clientResilience(settings) : {}),
    ...testPollFloor(),
    ...parts.client,
  });
  return {
    host,
    log: host.log,
    settings,
    deploymentId,
    startedAt: parts.startedAt ?? new Date(),
    tokens,
    client,
    telemetry,
    audit: parts.audit ?? noAudit,
    ...(parts.directory ? { directory: parts.directory } : {}),
    ...(parts.secrets ? { secrets: parts.secrets } : {}),
    ...(parts.signal ? { signal: parts.signal } : {}),
  };
}

function isRunSettings(s: BaseSettings): s is RunSettings {
  return 'features' in s;
}

function fanOut(...listeners: ((e: ClientEvent) => void)[]): (e: ClientEvent) => void {
  return (e) => {
    for (const l of listeners) l(e);
  };
}

/** Feature flags and `resilience:` settings → the client's pipeline options (absent keys keep its defaults). */
export function clientResilience(settings: RunSettings): Partial<FabricClientOptions> {
  const r = settings.config.resilience ?? {};
  return defined({
    retry: settings.features.retry ? defined({ retries: r.retries, baseDelayMs: r.baseDelayMs }) : false,
    circuitBreaker: settings.features.circuitBreaker
      ? defined({
          failureThreshold: r.breakerThreshold,
          resetTimeoutMs: r.breakerResetSeconds === undefined ? undefined : r.breakerResetSeconds * 1000,
        })
      : false,
    rateLimit: r.rateLimitPerMinute === undefined ? undefined : { quota: r.rateLimitPerMinute },
    timeoutMs: r.timeoutMs,
    lroTimeoutMs: r.lroTimeoutMinutes === undefined ? undefined : r.lroTimeoutMinutes * 60_000,
  });
}

/**
 * FABRIC_DEPLOY_TEST_POLL_FLOOR_MS (tests only, 10–500): the simulator's fast profile answers
 * `Retry-After: 0` for operations done in milliseconds, so the 500 ms floor that keeps a real
 * `Retry-After: 0` from spinning would be most of a test's time. Real Fabric sends 20 s hints.
 */
export function testPollFloor(env: NodeJS.ProcessEnv = process.env): Partial<FabricClientOptions> {
  const v = Number(env.FABRIC_DEPLOY_TEST_POLL_FLOOR_MS);
  return Number.isFinite(v) && v >= 10 && v < 500 ? { lro: { minIntervalMs: v } } : {};
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
