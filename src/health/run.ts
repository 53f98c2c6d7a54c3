/**
 * Health checks: can this run write to Fabric right now? Each check is bounded (default 2 s, its
 * requests aborted on time-out) and reports pass / fail / skip with one sentence; `ok` is true when
 * nothing failed. Shown as a table and JSON by `fabric-deploy health`, served by `serve-health`, and
 * run before any write by the production profile.
 */
import type { Workspace, WorkspaceInfo } from '../fabric/types';
import { TELEMETRY_EVENTS } from '../report/telemetry';
import { VERSION } from '../version';
import { checkAuthentication } from './checks/authentication';
import { checkCapacity } from './checks/capacity';
import { checkFabricApi } from './checks/fabric-api';
import { checkKeyVault } from './checks/key-vault';
import { checkTelemetry } from './checks/telemetry';
import { checkWorkspace } from './checks/workspace';
import {
  CheckTimeout,
  DEFAULT_CHECK_TIMEOUT_MS,
  TITLES,
  type CheckName,
  type CheckResult,
  type HealthContext,
  type HealthIdentity,
  type HealthOptions,
  type HealthReport,
  type Outcome,
} from './model';
import { describe } from './probe';

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
