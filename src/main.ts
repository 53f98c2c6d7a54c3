import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunContext } from './context';
import { executeCommand } from './deploy/command';
import { errorMessage, UserError } from './errors';
import { FabricClient, type FabricClientOptions } from './fabric/client';
import type { ClientEvent } from './fabric/events';
import { countItemRetries } from './deploy/item-scope';
import type { Host } from './hosts/host';
import { resolveCloud, type CloudEndpoints } from './identity/clouds';
import { createTokenProvider, type FabricTokenProvider } from './identity/credentials';
import { Directory } from './identity/directory';
import { SecretManager } from './identity/secrets';
import type { DeploymentReport } from './report/model';
import { renderSummary } from './report/summary';
import { createAuditLog } from './report/audit';
import {
  createTelemetry,
  telemetryEventSink,
  trackDeploymentFinished,
  trackDeploymentStarted,
  trackRunError,
} from './report/telemetry';
import { noAudit, noTelemetry, type AuditLog, type Telemetry } from './report/telemetry-types';
import { renderHealth, runHealthChecks, serveHealth, type HealthReport } from './health';
import { rollbackFromJournal } from './deploy/rollback';
import { readConnectionInputs, resolveSettings, type RunSettings } from './settings/settings';
import { userAgent } from './version';

type ConnectionInputs = ReturnType<typeof readConnectionInputs>;

/** One run of the tool on any host: settings → identity → command → report. Never throws. */
export async function run(host: Host): Promise<DeploymentReport | undefined> {
  const deploymentId = randomUUID();
  const startedAt = new Date();
  let command: string = 'deploy';
  let telemetry: Telemetry = noTelemetry;
  let audit: AuditLog = noAudit;
  try {
    // Everything that can be checked without the network is checked here, before signing in.
    const { settings, cloud } = await host.log.group('Settings', async () => {
      const settings = resolveSettings(host);
      const cloud = cloudOf(settings.inputs);
      return { settings, cloud };
    });
    command = settings.command;
    // Telemetry starts before sign-in so a failed sign-in is counted; a connection string kept in Key
    // Vault can only be read after it, so that case starts telemetry in connect().
    if (!settings.inputs.telemetryConnectionString?.includes('${secret:')) {
      telemetry = await startTelemetry(host, settings, deploymentId);
    }
    if (command === 'health') return await health(host, settings, cloud, deploymentId, startedAt, telemetry);
    const ctx = await host.log.group('Sign in', () =>
      connect(host, settings, cloud, deploymentId, startedAt, telemetry),
    );
    telemetry = ctx.telemetry;
    audit = ctx.audit;
    if (settings.features.healthChecks && command !== 'plan') await requireHealthy(ctx);
    const cancellation = onCancel(host);
    ctx.signal = cancellation.signal;
    trackDeploymentStarted(telemetry, {
      command,
      environment: settings.environment,
      workspace: settings.workspace.name ?? settings.workspace.id,
    });
    const report = await executeCommand(ctx).finally(cancellation.dispose);
    trackDeploymentFinished(telemetry, report);
    await publish(host, report);
    if (audit.path) host.setOutput('audit-log', audit.path);
    // A rollback was announced as an error when it started; other failures are reported here, once.
    if (report.result === 'succeeded') host.setResult('succeeded');
    else host.setResult('failed', report.result === 'rolled-back' ? undefined : report.error);
    return report;
  } catch (err) {
    trackRunError(telemetry, err, { command, durationMs: Date.now() - startedAt.getTime() });
    reportFailure(host, err, deploymentId, audit);
    return undefined;
  } finally {
    await audit.close().catch(() => undefined);
    await telemetry.flush();
  }
}

/**
 * CI cancellation sends SIGINT (GitHub, then SIGTERM) or SIGTERM (Azure Pipelines) a few seconds before
 * killing the job: the returned signal aborts so no further item starts and the run rolls back. Each
 * signal is caught once; a second one ends the process as usual.
 */
function onCancel(host: Host): { signal: AbortSignal; dispose: () => void } {
  const cancel = new AbortController();
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      if (!cancel.signal.aborted)
        host.log.warn(`${name} received: stopping after the items in flight, then rolling back`);
      cancel.abort();
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: cancel.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/** The error as the user sees it (annotation at its file and line), the failed result and exit code 1. */
function reportFailure(host: Host, err: unknown, deploymentId: string, audit: AuditLog): void {
  if (err instanceof UserError) {
    const field = err.field ? ` [${err.field}]` : '';
    const fix = err.fix ? ` — fix: ${err.fix}` : '';
    host.log.error(err.message + field + fix, err.location);
  } else {
    host.log.error(errorMessage(err));
    if (err instanceof Error && err.stack) host.log.debug(err.stack);
  }
  host.setOutput('deployment-id', deploymentId);
  host.setOutput('result', 'failed');
  if (audit.path) host.setOutput('audit-log', audit.path);
  // The error is already logged (with its file and line); a message here would annotate it twice.
  host.setResult('failed');
}

async function startTelemetry(host: Host, settings: RunSettings, deploymentId: string): Promise<Telemetry> {
  return createTelemetry({
    enabled: settings.features.telemetry,
    connectionString: settings.inputs.telemetryConnectionString,
    deploymentId,
    environment: settings.environment,
    host: host.kind,
    command: settings.command,
    log: host.log,
    scrub: (text) => host.mask(text),
    caCertificates: extraCaCertificates(),
  });
}

/** NODE_EXTRA_CA_CERTS is honoured by Node's TLS, but the telemetry SDK's own agent needs it passed. */
function extraCaCertificates(): string | undefined {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `command: health`: the checks as a table (summary) and JSON (`health` output); exit 0 only when all pass. */
async function health(
  host: Host,
  settings: RunSettings,
  cloud: CloudEndpoints,
  deploymentId: string,
  startedAt: Date,
  telemetry: Telemetry,
): Promise<undefined> {
  let ctx: Partial<RunContext> & { settings: RunSettings };
  try {
    ctx = await connect(host, settings, cloud, deploymentId, startedAt, telemetry);
  } catch (err) {
    // A failed sign-in is a failed check, not the end of the report.
    const failure = err;
    ctx = {
      settings,
      client: new FabricClient({
        baseUrl: cloud.fabricApiUrl,
        tokens: { getToken: () => Promise.reject(failure) },
        retry: false,
      }),
      tokens: { getToken: () => Promise.reject(failure) } as never,
      telemetry,
      log: host.log,
    };
  }
  const report = await host.log.group('Health checks', () => runHealthChecks(ctx as RunContext));
  for (const c of report.checks) {
    const line = `${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '–'} ${c.title}: ${c.message}`;
    if (c.status === 'fail') host.log.error(line);
    else host.log.info(line);
  }
  host.setOutput('deployment-id', deploymentId);
  host.setOutput('result', report.ok ? 'succeeded' : 'failed');
  host.setOutput('health', renderHealth(report, 'json'));
  const file = await host.writeSummary(renderHealth(report, 'markdown'));
  if (file) host.setOutput('summary-file', file);
  host.setResult(report.ok ? 'succeeded' : 'failed', report.ok ? undefined : failedChecks(report));
  return undefined;
}

function failedChecks(report: HealthReport): string {
  return `health checks failed: ${report.checks
    .filter((c) => c.status === 'fail')
    .map((c) => `${c.title} (${c.message})`)
    .join('; ')}`;
}

/** The production profile writes only after every health check passed. */
async function requireHealthy(ctx: RunContext): Promise<void> {
  const report = await ctx.log.group('Health checks (production profile)', () => runHealthChecks(ctx));
  if (!report.ok) {
    throw new UserError(failedChecks(report), {
      field: 'profile',
      fix: 'fix what the failed checks name (run `fabric-deploy health` to see them all); nothing was changed',
    });
  }
}

/** Cloud endpoints with the inputs' overrides (each checked: https, or loopback for the simulator). */
function cloudOf(i: ConnectionInputs): CloudEndpoints {
  return resolveCloud({
    cloud: i.cloud,
    fabricApiUrl: i.fabricApiUrl,
    authorityHost: i.authorityHost,
    graphUrl: i.graphUrl,
  });
}

async function signIn(
  host: Host,
  i: ConnectionInputs,
  cloud: CloudEndpoints,
  cwd: string,
): Promise<FabricTokenProvider> {
  const tokens = await createTokenProvider(
    {
      kind: i.auth,
      tenantId: i.tenantId,
      clientId: i.clientId,
      clientSecret: i.clientSecret,
      certificate: i.certificate,
      certificatePassword: i.certificatePassword,
      token: i.token,
      audience: i.audience,
      connectedServiceName: i.connectedServiceName,
      cloud,
      cwd,
    },
    host,
  );
  host.log.info(`signed in: ${tokens.description}`);
  return tokens;
}

function fanOut(...listeners: ((e: ClientEvent) => void)[]): (e: ClientEvent) => void {
  return (e) => {
    for (const l of listeners) l(e);
  };
}

/** The JSONL audit log of this run, stamped with who signs in (never the token). */
async function openAudit(host: Host, deploymentId: string, tokens: FabricTokenProvider): Promise<AuditLog> {
  return createAuditLog({
    dir: host.tempDir(),
    deploymentId,
    identity: await tokens.identity?.().catch(() => undefined),
    scrub: (text) => host.mask(text),
    log: host.log,
  });
}

/** The Fabric client every command uses: the host's proxy, its log, the deployment id as correlation id. */
function fabricClient(
  host: Host,
  cloud: CloudEndpoints,
  tokens: FabricTokenProvider,
  deploymentId: string,
  options: Partial<FabricClientOptions> = {},
): FabricClient {
  return new FabricClient({
    baseUrl: cloud.fabricApiUrl,
    tokens,
    userAgent: userAgent(host.kind),
    correlationId: deploymentId,
    proxy: host.proxyUrl?.() ?? undefined,
    onLog: (level, line) => (level === 'warn' ? host.log.warn(line) : host.log.debug(line)),
    ...options,
  });
}

/** Signs in and builds the context every command runs with. */
async function connect(
  host: Host,
  settings: RunSettings,
  cloud: CloudEndpoints,
  deploymentId: string,
  startedAt: Date,
  telemetry: Telemetry,
): Promise<RunContext> {
  const i = settings.inputs;
  const telemetryWaitedForSecrets = Boolean(i.telemetryConnectionString?.includes('${secret:'));
  await resolveCredentialReferences(host, settings);
  const tokens = await signIn(host, i, cloud, settings.loaded.dir);
  const secrets = new SecretManager({
    keyVaultUrl: i.keyVaultUrl,
    enabled: settings.features.keyVault,
    required: settings.production,
    credential: tokens.credential,
    env: { ...process.env, ...host.secretVariables?.() },
    dotenvPath: host.kind === 'cli' ? path.join(settings.loaded.dir, '.env') : undefined,
    host,
  });
  await resolveSecretReferences(settings, secrets);
  // Started in run() already, unless its connection string had to wait for the secret references.
  if (telemetry === noTelemetry && settings.features.telemetry && telemetryWaitedForSecrets)
    telemetry = await startTelemetry(host, settings, deploymentId);
  const audit = await openAudit(host, deploymentId, tokens);
  const client = fabricClient(host, cloud, tokens, deploymentId, {
    ...clientResilience(settings),
    onEvent: fanOut(telemetryEventSink(telemetry), countItemRetries),
  });
  const directory = new Directory({
    graphUrl: cloud.graphUrl,
    tokenFor: (scope) => tokens.tokenFor(scope),
  });
  return {
    host,
    log: host.log,
    settings,
    deploymentId,
    startedAt,
    tokens,
    client,
    telemetry,
    audit,
    directory,
    secrets,
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

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * `${secret:NAME}` in the sign-in inputs: resolved before signing in, so from the environment (and `.env`
 * on the CLI) only — Key Vault itself needs the credential they make.
 */
async function resolveCredentialReferences(host: Host, settings: RunSettings): Promise<void> {
  const i = settings.inputs as unknown as Record<string, string | undefined>;
  const keys = Object.keys(i).filter(
    (k) => i[k]?.includes('${secret:') && k !== 'telemetryConnectionString' && k !== 'keyVaultUrl',
  );
  if (keys.length === 0) return;
  const envOnly = new SecretManager({
    enabled: false,
    required: false,
    env: { ...process.env, ...host.secretVariables?.() },
    dotenvPath: host.kind === 'cli' ? path.join(settings.loaded.dir, '.env') : undefined,
    host,
  });
  for (const k of keys) {
    i[k] = await envOnly.resolveReferences(i[k]!, {
      field: k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()),
    });
  }
}

/** `${secret:NAME}` in config strings and in the telemetry connection string, masked once resolved. */
async function resolveSecretReferences(settings: RunSettings, secrets: SecretManager): Promise<void> {
  const walk = async (value: unknown, at: (string | number)[]): Promise<unknown> => {
    if (typeof value === 'string') {
      return value.includes('${secret:')
        ? secrets.resolveReferences(value, { field: at.join('.'), location: settings.loaded.locate(at) })
        : value;
    }
    if (Array.isArray(value)) return Promise.all(value.map((v, n) => walk(v, [...at, n])));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await walk(v, [...at, k]);
      return out;
    }
    return value;
  };
  settings.config = (await walk(settings.config, [])) as RunSettings['config'];
  // Values derived from the config before sign-in are derived again from the resolved config.
  settings.workspace.description = settings.config.workspace.description;
  if (settings.workspace.name !== undefined && settings.workspace.name.includes('${secret:')) {
    settings.workspace.name = settings.config.workspace.name;
  }
  const cs = settings.inputs.telemetryConnectionString;
  if (cs?.includes('${secret:')) {
    settings.inputs.telemetryConnectionString = await secrets.resolveReferences(cs, {
      field: 'telemetry-connection-string',
    });
  }
}

async function publish(host: Host, report: DeploymentReport): Promise<void> {
  host.setOutput('workspace-id', report.workspace.id ?? '');
  host.setOutput('deployment-id', report.deploymentId);
  host.setOutput('result', report.result);
  host.setOutput('has-changes', String(report.hasChanges));
  host.setOutput(
    'items',
    JSON.stringify(report.items.map((i) => ({ name: i.name, type: i.type, id: i.id, action: i.action }))),
  );
  if (report.planFile) host.setOutput('plan-file', report.planFile);
  if (report.journalFile) host.setOutput('journal-file', report.journalFile);
  const file = await host.writeSummary(renderSummary(report));
  if (file) host.setOutput('summary-file', file);
}

/**
 * `fabric-deploy rollback --journal FILE`: undoes what a killed run left, from its journal alone (no
 * config file needed: only how to reach and sign in to Fabric).
 */
export async function rollback(host: Host, journal: string): Promise<DeploymentReport | undefined> {
  const deploymentId = randomUUID();
  const startedAt = new Date();
  let audit: AuditLog = noAudit;
  try {
    const inputs = readConnectionInputs(host);
    const cloud = cloudOf(inputs);
    const tokens = await host.log.group('Sign in', () => signIn(host, inputs, cloud, process.cwd()));
    audit = await openAudit(host, deploymentId, tokens);
    const client = fabricClient(host, cloud, tokens, deploymentId);
    const report = await rollbackFromJournal(
      { host, log: host.log, client, audit, telemetry: noTelemetry, deploymentId, startedAt },
      path.resolve(journal),
    );
    await publish(host, report);
    if (audit.path) host.setOutput('audit-log', audit.path);
    host.setResult(report.result === 'failed' ? 'failed' : 'succeeded', report.error);
    return report;
  } catch (err) {
    reportFailure(host, err, deploymentId, audit);
    return undefined;
  } finally {
    await audit.close().catch(() => undefined);
  }
}

/**
 * `fabric-deploy serve-health --port N`: `/health` (liveness) and `/readiness` (the checks, cached) for
 * long-running agents. Resolves when the server is listening; `close()` stops it.
 */
export async function serveHealthCommand(
  host: Host,
  port: number,
  hostname?: string,
): Promise<{ url: string; close(): Promise<void> } | undefined> {
  const deploymentId = randomUUID();
  try {
    const settings = resolveSettings(host);
    const cloud = cloudOf(settings.inputs);
    const ctx = await connect(host, settings, cloud, deploymentId, new Date(), noTelemetry);
    const server = await serveHealth({ port, host: hostname, checks: () => runHealthChecks(ctx) });
    host.log.info(`health endpoints: ${server.url}/health and ${server.url}/readiness`);
    return server;
  } catch (err) {
    reportFailure(host, err, deploymentId, noAudit);
    return undefined;
  }
}
