/**
 * Health checks: can this run write to Fabric right now? Each check is bounded (default 2 s, its
 * requests aborted on time-out) and reports pass / fail / skip with one sentence; `ok` is true when
 * nothing failed. Shown as a table and JSON by `fabric-deploy health`, served by `serve-health`, and
 * run before any write by the production profile.
 */
import type { FabricClient } from '../fabric/client';
import type { Workspace, WorkspaceInfo } from '../fabric/types';
import type { Logger } from '../hosts/host';
import { decodeJwtClaims, type TokenProvider } from '../identity/token';
import { checkConnectionString, TELEMETRY_EVENTS } from '../report/telemetry';
import type { Telemetry } from '../report/telemetry-types';
import { VERSION } from '../version';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export const CHECK_NAMES = [
  'fabric-api',
  'authentication',
  'workspace',
  'capacity',
  'key-vault',
  'telemetry',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckResult {
  name: CheckName;
  title: string;
  status: CheckStatus;
  message: string;
  durationMs: number;
  /** Facts for the JSON form (ids, role, state); never a token or secret. */
  details?: Record<string, string | number | boolean | undefined>;
}

export interface HealthIdentity {
  tenantId?: string;
  objectId?: string;
  appId?: string;
  upn?: string;
  /** 'app' or 'user' (the token's idtyp claim). */
  kind?: string;
  tokenExpiresAt?: string;
}

export interface HealthReport {
  ok: boolean;
  status: 'healthy' | 'unhealthy';
  checkedAt: string;
  durationMs: number;
  version: string;
  environment?: string;
  identity?: HealthIdentity;
  checks: CheckResult[];
}

/** The settings the checks read (RunSettings has them all). */
export interface HealthSettings {
  environment?: string;
  workspace: { id?: string; name?: string };
  config: {
    workspace: {
      capacity?: { id?: string; name?: string };
      principals?: readonly { role: string }[];
      principalsFile?: string;
      git?: unknown;
    };
  };
  features: { telemetry: boolean; keyVault: boolean };
  inputs: { keyVaultUrl?: string; telemetryConnectionString?: string };
}

/** What the checks need from a run (a RunContext fits). */
export interface HealthContext {
  settings: HealthSettings;
  client?: Pick<FabricClient, 'baseUrl' | 'probe' | 'getWorkspace' | 'listWorkspaces' | 'listCapacities'>;
  tokens?: TokenProvider;
  telemetry?: Telemetry;
  log?: Logger;
}

export interface HealthOptions {
  /** Upper bound per check in ms (default 2000: the seeds' "health check responds within 2 s"). */
  timeoutMs?: number;
  /** Run only these checks (the rest are reported as skipped). */
  only?: CheckName[];
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;

const TITLES: Record<CheckName, string> = {
  'fabric-api': 'Fabric API reachable',
  authentication: 'Authentication',
  workspace: 'Workspace access and role',
  capacity: 'Capacity active',
  'key-vault': 'Key Vault reachable',
  telemetry: 'Telemetry configuration',
};

const ROLE_RANK: Record<string, number> = { Viewer: 1, Contributor: 2, Member: 3, Admin: 4 };

type Outcome = { status: CheckStatus; message: string; details?: CheckResult['details'] };

class CheckTimeout extends Error {}

/** Runs every check (independent ones in parallel) and reports each; never throws. */
export async function runHealthChecks(ctx: HealthContext, opts: HealthOptions = {}): Promise<HealthReport> {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const wanted = (n: CheckName) => !opts.only || opts.only.includes(n);
  const run = (name: CheckName, fn: (signal: AbortSignal) => Promise<Outcome>): Promise<CheckResult> =>
    wanted(name)
      ? bounded(name, fn, timeoutMs)
      : Promise.resolve(result(name, { status: 'skip', message: 'not requested' }, 0));

  let identity: HealthIdentity | undefined;
  const api = run('fabric-api', (signal) => checkFabricApi(ctx, signal, timeoutMs));
  const auth = run('authentication', async (signal) => {
    const o = await checkAuthentication(ctx, signal);
    identity = o.identity;
    return o;
  });
  const kv = run('key-vault', (signal) => checkKeyVault(ctx, signal, timeoutMs));
  const tel = run('telemetry', async () => checkTelemetry(ctx));

  const authResult = await auth;
  const authed = authResult.status === 'pass';
  let workspaceInfo: WorkspaceInfo | Workspace | undefined;
  const needsAuth = (name: CheckName, fn: (signal: AbortSignal) => Promise<Outcome>): Promise<CheckResult> =>
    authed || !wanted(name)
      ? run(name, fn)
      : Promise.resolve(result(name, { status: 'skip', message: 'not run: authentication failed' }, 0));
  const ws = needsAuth('workspace', async (signal) => {
    const o = await checkWorkspace(ctx, signal, timeoutMs, identity);
    workspaceInfo = o.workspace;
    return o;
  });
  const cap = needsAuth('capacity', async (signal) => {
    const configured = ctx.settings.config.workspace.capacity;
    // Without a configured capacity, the one the workspace already sits on is the one that matters.
    let assigned: string | undefined;
    if (!configured?.id && !configured?.name) {
      await ws;
      assigned = workspaceInfo?.capacityId;
    }
    return checkCapacity(ctx, signal, timeoutMs, configured, assigned);
  });

  const checks = await Promise.all([api, auth, ws, cap, kv, tel]);
  const ok = checks.every((c) => c.status !== 'fail');
  const report: HealthReport = {
    ok,
    status: ok ? 'healthy' : 'unhealthy',
    checkedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    version: VERSION,
    environment: ctx.settings.environment,
    identity,
    checks,
  };
  if (!ok) {
    try {
      ctx.telemetry?.event(TELEMETRY_EVENTS.healthCheckFailed, {
        failed: checks
          .filter((c) => c.status === 'fail')
          .map((c) => c.name)
          .join(','),
        environment: ctx.settings.environment,
      });
    } catch {
      // telemetry never fails a check
    }
  }
  return report;
}

async function bounded(
  name: CheckName,
  fn: (signal: AbortSignal) => Promise<Outcome>,
  timeoutMs: number,
): Promise<CheckResult> {
  const started = performance.now();
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort(new CheckTimeout());
      reject(new CheckTimeout());
    }, timeoutMs);
    timer.unref();
  });
  try {
    const o = await Promise.race([fn(ac.signal), timeout]);
    return result(name, o, performance.now() - started);
  } catch (err) {
    const message =
      err instanceof CheckTimeout || ac.signal.aborted ? `no answer within ${timeoutMs} ms` : describe(err);
    return result(name, { status: 'fail', message }, performance.now() - started);
  } finally {
    clearTimeout(timer);
  }
}

function result(name: CheckName, o: Outcome, ms: number): CheckResult {
  return {
    name,
    title: TITLES[name],
    status: o.status,
    message: o.message,
    durationMs: Math.round(ms),
    ...(o.details ? { details: o.details } : {}),
  };
}

// ---------------------------------------------------------------- the checks

async function checkFabricApi(ctx: HealthContext, signal: AbortSignal, timeoutMs: number): Promise<Outcome> {
  if (!ctx.client)
    return { status: 'fail', message: 'no Fabric client (the run stopped before it was created)' };
  const url = `${ctx.client.baseUrl}/workspaces`;
  // Anonymous on purpose: any HTTP answer (401 here) proves DNS, TLS, proxy and the service are fine,
  // independently of the credential (which the next check covers).
  const answer = await probe(ctx.client, 'health: Fabric API', url, signal, timeoutMs);
  if ('error' in answer)
    return {
      status: 'fail',
      message: `${ctx.client.baseUrl} is not reachable: ${answer.error}`,
      details: { url: ctx.client.baseUrl },
    };
  if (answer.status >= 500)
    return {
      status: 'fail',
      message: `${ctx.client.baseUrl} answered HTTP ${answer.status}`,
      details: { url: ctx.client.baseUrl, status: answer.status },
    };
  return {
    status: 'pass',
    message: `${ctx.client.baseUrl} answered (HTTP ${answer.status})`,
    details: { url: ctx.client.baseUrl, status: answer.status },
  };
}

async function checkAuthentication(
  ctx: HealthContext,
  signal: AbortSignal,
): Promise<Outcome & { identity?: HealthIdentity }> {
  if (!ctx.tokens)
    return { status: 'fail', message: 'no credential (the run stopped before one was created)' };
  const token = await abortable(ctx.tokens.getToken(), signal);
  const claims = decodeJwtClaims(token) ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const exp = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
  const identity: HealthIdentity = {
    tenantId: str(claims.tid),
    objectId: str(claims.oid),
    appId: str(claims.appid) ?? str(claims.azp),
    upn: str(claims.upn) ?? str(claims.preferred_username),
    kind: str(claims.idtyp) ?? (str(claims.upn) ? 'user' : str(claims.appid) ? 'app' : undefined),
    tokenExpiresAt: exp?.toISOString(),
  };
  const who = identity.upn
    ? `user ${identity.upn}`
    : identity.appId
      ? `app ${identity.appId}`
      : identity.objectId
        ? `principal ${identity.objectId}`
        : 'an opaque token (not a JWT: identity unknown)';
  const where = identity.tenantId ? ` in tenant ${identity.tenantId}` : '';
  const details = { ...identity } as CheckResult['details'];
  if (exp && exp.getTime() <= Date.now())
    return {
      status: 'fail',
      message: `the token for ${who}${where} expired at ${exp.toISOString()}`,
      details,
      identity,
    };
  const left = exp ? `; valid for ${Math.round((exp.getTime() - Date.now()) / 60_000)} min` : '';
  const oid = identity.objectId && !identity.upn ? ` (object id ${identity.objectId})` : '';
  return { status: 'pass', message: `token acquired for ${who}${oid}${where}${left}`, details, identity };
}

async function checkWorkspace(
  ctx: HealthContext,
  signal: AbortSignal,
  timeoutMs: number,
  identity: HealthIdentity | undefined,
): Promise<Outcome & { workspace?: WorkspaceInfo | Workspace }> {
  const client = ctx.client!;
  const target = ctx.settings.workspace;
  const required = requiredRole(ctx.settings);
  let ws: WorkspaceInfo | Workspace | undefined;
  if (target.id) {
    try {
      ws = await client.getWorkspace(target.id, { operation: 'health: get workspace', signal, timeoutMs });
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404)
        return {
          status: 'fail',
          message: `workspace ${target.id} does not exist (or is not visible to this identity)`,
          details: { workspaceId: target.id },
        };
      if (status === 403 || status === 401) {
        return {
          status: 'fail',
          message: `no access to workspace ${target.id}: ${whoText(identity)} has no role on it (needs ${required} or higher)`,
          details: { workspaceId: target.id, requiredRole: required },
        };
      }
      throw err;
    }
  } else if (target.name) {
    const want = target.name.toLowerCase();
    const all = await client.listWorkspaces({ operation: 'health: find workspace', signal, timeoutMs });
    ws = all.find((w) => w.displayName.toLowerCase() === want);
    if (!ws) {
      return {
        status: 'skip',
        message: `workspace '${target.name}' does not exist yet (or this identity has no role on it); a deploy creates it, which needs the tenant setting that lets this identity create workspaces`,
        details: { workspaceName: target.name, requiredRole: required },
      };
    }
  } else {
    return { status: 'skip', message: 'no workspace configured' };
  }
  // The caller's effective role (groups included): the highest role filter the workspace appears under.
  const roles = ['Admin', 'Member', 'Contributor'] as const;
  const lists = await Promise.all(
    roles.map((r) =>
      client
        .listWorkspaces({ roles: [r], operation: `health: workspaces as ${r}`, signal, timeoutMs })
        .catch(() => [] as Workspace[]),
    ),
  );
  const id = ws.id.toLowerCase();
  const role = roles.find((_, i) => lists[i]!.some((w) => w.id.toLowerCase() === id)) ?? 'Viewer';
  const details = {
    workspaceId: ws.id,
    workspaceName: ws.displayName,
    role,
    requiredRole: required,
    capacityId: ws.capacityId,
  };
  if (ROLE_RANK[role]! < ROLE_RANK[required]!) {
    return {
      status: 'fail',
      message: `${whoText(identity)} is ${role} on workspace '${ws.displayName}'; this configuration needs ${required}`,
      details,
      workspace: ws,
    };
  }
  return {
    status: 'pass',
    message: `${role} on workspace '${ws.displayName}' (${ws.id}); needs ${required}`,
    details,
    workspace: ws,
  };
}

async function checkCapacity(
  ctx: HealthContext,
  signal: AbortSignal,
  timeoutMs: number,
  configured: { id?: string; name?: string } | undefined,
  assignedId: string | undefined,
): Promise<Outcome> {
  const wantId = (configured?.id ?? assignedId)?.toLowerCase();
  const wantName = configured?.name?.toLowerCase();
  if (!wantId && !wantName)
    return { status: 'skip', message: 'no capacity configured and none assigned to the workspace' };
  const label = configured?.name ?? configured?.id ?? assignedId!;
  const all = await ctx.client!.listCapacities({ operation: 'health: list capacities', signal, timeoutMs });
  const cap = all.find(
    (c) =>
      (wantId && c.id.toLowerCase() === wantId) || (wantName && c.displayName.toLowerCase() === wantName),
  );
  if (!cap) {
    return {
      status: 'fail',
      message: `capacity '${label}' is not visible to this identity (it needs capacity admin or contributor permissions on it)`,
      details: { capacity: label },
    };
  }
  const details = {
    capacityId: cap.id,
    capacityName: cap.displayName,
    sku: cap.sku,
    region: cap.region,
    state: cap.state,
  };
  if (cap.state !== 'Active') {
    return {
      status: 'fail',
      message: `capacity '${cap.displayName}' (${cap.sku}) is ${cap.state}: resume it (Azure portal → Fabric capacity → Resume) before deploying`,
      details,
    };
  }
  return {
    status: 'pass',
    message: `capacity '${cap.displayName}' (${cap.sku}, ${cap.region}) is Active`,
    details,
  };
}

async function checkKeyVault(ctx: HealthContext, signal: AbortSignal, timeoutMs: number): Promise<Outcome> {
  if (!ctx.settings.features.keyVault) return { status: 'skip', message: 'Key Vault is off' };
  const vault = ctx.settings.inputs.keyVaultUrl;
  if (!vault)
    return {
      status: 'fail',
      message: 'Key Vault is on but no vault is set (key-vault-url input or secrets.keyVault in the config)',
    };
  let base: URL;
  try {
    base = new URL(vault);
  } catch {
    return { status: 'fail', message: `key-vault-url is not a URL: '${vault}'` };
  }
  const url = `${base.origin}/secrets?api-version=7.4&maxresults=1`;
  // Without a token the vault answers 401 with its challenge: proof that DNS, TLS, the network
  // rules up to the vault and the vault itself are fine, without needing a Key Vault credential here.
  const answer = ctx.client
    ? await probe(ctx.client, 'health: Key Vault', url, signal, timeoutMs)
    : await fetchProbe(url, signal);
  if ('error' in answer)
    return {
      status: 'fail',
      message: `${base.origin} is not reachable: ${answer.error}`,
      details: { vault: base.origin },
    };
  if (answer.status >= 500 || answer.errorCode === 'ForbiddenByFirewall') {
    return {
      status: 'fail',
      message: `${base.origin} answered HTTP ${answer.status}${answer.errorCode ? ` ${answer.errorCode}` : ''}`,
      details: { vault: base.origin, status: answer.status },
    };
  }
  return {
    status: 'pass',
    message: `${base.origin} answered (HTTP ${answer.status}${answer.status === 401 ? ': the expected challenge' : ''})`,
    details: { vault: base.origin, status: answer.status },
  };
}

function checkTelemetry(ctx: HealthContext): Outcome {
  if (!ctx.settings.features.telemetry) return { status: 'skip', message: 'telemetry is off' };
  const c = checkConnectionString(ctx.settings.inputs.telemetryConnectionString);
  if (!c.ok) return { status: 'fail', message: `telemetry is on but ${c.reason}` };
  let endpoint = 'the default ingestion endpoint';
  try {
    if (c.ingestionEndpoint) endpoint = new URL(c.ingestionEndpoint).host;
  } catch {
    // checked already
  }
  // The instrumentation key is not a secret, but there is no need to show all of it.
  const ikey = `${c.instrumentationKey.slice(0, 8)}…`;
  return {
    status: 'pass',
    message: `Application Insights ${ikey} via ${endpoint}`,
    details: { instrumentationKey: ikey, endpoint },
  };
}

// ---------------------------------------------------------------- helpers

/** The lowest workspace role this configuration can deploy with. */
export function requiredRole(s: HealthSettings): 'Admin' | 'Member' | 'Contributor' {
  const w = s.config.workspace;
  // Connecting Git and granting Admin are Admin-only; other role assignments need Member.
  if (w.git || (w.principals ?? []).some((p) => p.role === 'Admin')) return 'Admin';
  if ((w.principals ?? []).length > 0 || w.principalsFile) return 'Member';
  return 'Contributor';
}

function whoText(i: HealthIdentity | undefined): string {
  if (i?.upn) return `user ${i.upn}`;
  if (i?.appId) return `app ${i.appId}`;
  if (i?.objectId) return `principal ${i.objectId}`;
  return 'this identity';
}

type ProbeAnswer = { status: number; errorCode?: string } | { error: string };

/** One anonymous GET through the client's pipeline (its proxy, CA and retry settings). */
async function probe(
  client: NonNullable<HealthContext['client']>,
  operation: string,
  url: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ProbeAnswer> {
  try {
    return await client.probe(operation, url, { signal, timeoutMs });
  } catch (err) {
    const e = err as { status?: number; errorCode?: string; name?: string };
    if (typeof e.status === 'number' && e.status > 0) return { status: e.status, errorCode: e.errorCode };
    if (signal.aborted) throw err;
    return { error: describe(err) };
  }
}

async function fetchProbe(url: string, signal: AbortSignal): Promise<ProbeAnswer> {
  try {
    const res = await fetch(url, { signal });
    await res.body?.cancel();
    return { status: res.status };
  } catch (err) {
    if (signal.aborted) throw err;
    return { error: describe(err) };
  }
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CheckTimeout());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CheckTimeout());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function describe(err: unknown): string {
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  const msg = e?.message ?? String(err);
  const code = e?.code ?? e?.cause?.code;
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}
