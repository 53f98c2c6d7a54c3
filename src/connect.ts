/**
 * The product's way into a command context: sign in with the settings' auth plan, resolve the secret
 * references left in the config (Key Vault needs the credential) into new settings, start telemetry if
 * it had to wait for them, open the audit log, and put the context together (createRunContext).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext, RunContext } from './context';
import { createRunContext } from './run-context';
import type { Host } from './hosts/host';
import { signIn as signInWith } from './identity/credentials';
import { Directory } from './identity/directory';
import { proxiedFetch } from './fabric/http';
import type { FabricTokenProvider } from './identity/provider';
import type { TokenIdentity } from './identity/token';
import { hasSecretReference, SecretManager } from './identity/secrets';
import { createAuditLog } from './report/audit';
import { createTelemetry } from './report/telemetry';
import { noTelemetry, type AuditLog, type Telemetry } from './report/telemetry-types';
import { withSecretsResolved } from './settings/secret-references';
import type { BaseSettings, ConnectionSettings, RunSettings } from './settings/settings';

/** What one run of the tool carries from its start: its id, when it started, and telemetry once started. */
export interface Session {
  deploymentId: string;
  startedAt: Date;
  telemetry: Telemetry;
}

/** Signs in and builds the context every config-reading command runs with. */
export async function connect(host: Host, settings: RunSettings, session: Session): Promise<RunContext> {
  const tokens = await signIn(host, settings.connection);
  const secrets = new SecretManager({
    keyVaultUrl: settings.inputs.keyVaultUrl,
    enabled: settings.features.keyVault,
    required: settings.production,
    credential: tokens.credential,
    env: { ...process.env, ...host.secretVariables?.() },
    dotenvPath: host.kind === 'cli' ? path.join(settings.loaded.dir, '.env') : undefined,
    host,
  });
  const resolved = await withSecretsResolved(settings, secrets);
  let telemetry = session.telemetry;
  // Started by main already, unless its connection string had to wait for the secret references.
  if (
    telemetry === noTelemetry &&
    settings.features.telemetry &&
    hasSecretReference(settings.inputs.telemetryConnectionString)
  )
    telemetry = await startTelemetry(host, resolved, session.deploymentId);
  const audit = await openAudit(host, session.deploymentId, tokens);
  return createRunContext({
    host,
    settings: resolved,
    tokens,
    deploymentId: session.deploymentId,
    startedAt: session.startedAt,
    telemetry,
    audit,
    secrets,
    directory: directoryFor(host, settings.connection, tokens),
  });
}

/** Microsoft Graph for principals given by name, through the proxy the Fabric client uses. */
export function directoryFor(
  host: Host,
  connection: ConnectionSettings,
  tokens: FabricTokenProvider,
): Directory {
  return new Directory({
    graphUrl: connection.cloud.graphUrl,
    tokenFor: (scope) => tokens.tokenFor(scope),
    fetchImpl: proxiedFetch({ proxy: host.proxyUrl?.() ?? undefined }),
  });
}

/** Signs in for a command that reads no config file (rollback): client and audit log, no telemetry. */
export async function connectBase<S extends BaseSettings>(
  host: Host,
  settings: S,
  session: Omit<Session, 'telemetry'>,
): Promise<CommandContext<S>> {
  const tokens = await host.log.group('Sign in', () => signIn(host, settings.connection));
  const audit = await openAudit(host, session.deploymentId, tokens);
  return createRunContext({ host, settings, tokens, audit, ...session });
}

export async function signIn(host: Host, connection: ConnectionSettings): Promise<FabricTokenProvider> {
  const tokens = await signInWith(connection.auth, { cloud: connection.cloud }, host);
  checkTokenLifetime(host, tokens);
  // Ask for the Fabric token now: "signed in" is only said once Entra (or the given token) answered,
  // and a refused sign-in fails here, before any Fabric call, with its AADSTS diagnosis.
  await tokens.getToken();
  const identity = await tokens.identity?.().catch(() => undefined);
  host.log.info(signedInLine(tokens, identity));
  return tokens;
}

/**
 * Who the token says we are (its claims: upn, else the app, with object and tenant ids) and how we
 * got it. Ids and names only: the token and any secret are never part of it.
 */
export function signedInLine(tokens: FabricTokenProvider, id: TokenIdentity | undefined): string {
  const how = tokens.description;
  if (!id || (!id.upn && !id.appId && !id.objectId)) {
    return tokens.kind === 'token'
      ? `using ${how}: it is not a JWT, so who it signs in as is known only once Fabric accepts it`
      : `signed in with ${how} (the token carries no identity claims)`;
  }
  const who = id.upn ? id.upn : id.appId ? `app ${id.appId}` : `object ${id.objectId}`;
  const object = id.objectId && who !== `object ${id.objectId}` ? ` (object ${id.objectId})` : '';
  const tenant = id.tenantId ? ` in tenant ${id.tenantId}` : '';
  return `signed in as ${who}${object}${tenant} with ${how}`;
}

/** A given token about to expire is worth a warning (an expired one is refused in Settings). */
function checkTokenLifetime(host: Host, tokens: FabricTokenProvider, now = Date.now()): void {
  const at = tokens.expiresAt;
  if (!at) return;
  const left = at.getTime() - now;
  if (left > 0 && left < TOKEN_WARN_MS)
    host.log.warn(
      `the token given as input expires at ${at.toISOString()} (in ${Math.round(left / 1000)} s): a deployment that takes longer fails and is rolled back; a token cannot be refreshed`,
    );
}

/** Below this much lifetime left, a given token is worth a warning: real deploys take minutes. */
const TOKEN_WARN_MS = 10 * 60_000;

export async function startTelemetry(
  host: Host,
  settings: RunSettings,
  deploymentId: string,
): Promise<Telemetry> {
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
