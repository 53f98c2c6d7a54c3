/**
 * `plan`, `deploy` and `destroy`. All three start from the same validated desired state; `plan`
 * only reads, `deploy` executes the plan inside a journalled transaction holding the workspace
 * lock, `destroy` deletes what this configuration manages. Each returns one DeploymentReport.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunContext } from '../context';
import type { ParameterFile } from '../items/parameters';
import { ConfigError, errorMessage, UserError } from '../errors';
import type { Workspace } from '../fabric/types';
import type { DeploymentReport, ItemOutcome } from '../report/model';
import { FabricOps } from './api';
import { loadDesired, type DesiredItem } from './desired';
import { destroy } from './destroy';
import { deleteOrphans, executePlan } from './execute';
import { assertAcyclic } from './graph';
import {
  describeStep,
  journalPath,
  possiblyApplied,
  takeJournalledLock,
  Transaction,
  type StepRecord,
  type UndoOutcome,
} from './journal';
import { type Acquired, type LockOptions } from './lock';
import { buildPlan, type Plan, type PlanState } from './plan';
import { renderPlan } from '../report/plan';
import {
  configPrincipals,
  desiredGit,
  findWorkspace,
  resolveCapacity,
  resolvePrincipals,
  type DesiredGit,
  type DesiredPrincipal,
  type PrincipalDirectory,
} from './workspace';
import type { Capacity } from '../fabric/types';
import { filePrincipals } from './principals-file';

export interface CommandOptions {
  lock?: LockOptions;
  /** destroy: also delete the workspace (only when nothing unmanaged is left in it). */
  destroyWorkspace?: boolean;
  /** Poll long-running calls around each type's typical duration (default true; the benchmark compares). */
  lroPacing?: boolean;
  /** How long a create retries a name still reserved after a delete (ItemDisplayNameAlreadyInUse; ms, default 60 000). */
  nameInUseWaitMs?: number;
}

/** Runs `deploy` / `plan` / `destroy` and describes what happened; `main` publishes the report. */
export async function executeCommand(
  ctx: RunContext,
  options: CommandOptions = {},
): Promise<DeploymentReport> {
  const fromInputs = optionsFromInputs(ctx);
  const opts: CommandOptions = { ...fromInputs, ...options, lock: { ...fromInputs.lock, ...options.lock } };
  switch (ctx.settings.command) {
    case 'plan':
      return runPlan(ctx, opts);
    case 'deploy':
      return runDeploy(ctx, opts);
    case 'destroy':
      return destroy(ctx, opts);
    default:
      throw new ConfigError(`command '${ctx.settings.command}' is not a deploy command`, {
        field: 'command',
        fix: 'use deploy, plan or destroy',
      });
  }
}

/** The deploy-only inputs `lock-wait-seconds` and `destroy-workspace`, read and checked here. */
function optionsFromInputs(ctx: RunContext): CommandOptions {
  const out: CommandOptions = {};
  const wait = ctx.host.getInput('lock-wait-seconds');
  if (wait !== undefined && wait !== '') {
    const n = Number(wait);
    if (!Number.isFinite(n) || n < 0) {
      throw new ConfigError(`input 'lock-wait-seconds' must be a number of seconds ≥ 0, not '${wait}'`, {
        field: 'lock-wait-seconds',
        fix: 'e.g. lock-wait-seconds: 600',
      });
    }
    out.lock = { waitMs: n * 1000 };
  }
  const dw = ctx.host.getInput('destroy-workspace');
  if (dw !== undefined && dw !== '') out.destroyWorkspace = /^(true|yes|1|on)$/i.test(dw.trim());
  return out;
}

// ---------------------------------------------------------------- shared preparation

export function opsFor(ctx: Pick<RunContext, 'client'>, options: CommandOptions = {}): FabricOps {
  const ops = new FabricOps(ctx.client);
  if (options.lroPacing === false) ops.pacing = false;
  if (options.nameInUseWaitMs !== undefined) ops.nameInUseWaitMs = options.nameInUseWaitMs;
  return ops;
}

/** The Graph directory, when the run context carries one (`ctx.directory`). */
function directoryOf(ctx: RunContext): PrincipalDirectory | undefined {
  return (ctx as RunContext & { directory?: PrincipalDirectory }).directory;
}

export interface Prepared {
  items: DesiredItem[];
  /** The loaded parameter.yml, for the steps after an item's definition (environment publish, bindings). */
  parameters?: ParameterFile;
  warnings: string[];
  checkAgainst?: (deployed: readonly { type: string; displayName: string }[]) => void;
  capacity?: Capacity;
  principals: DesiredPrincipal[];
  git?: DesiredGit;
  selfId?: string;
}

/** Desired state, validated in full before the first write: repository, graph, capacity, principals, Git. */
export async function prepare(
  ctx: RunContext,
  ops: FabricOps,
  scope: 'all' | 'items' = 'all',
): Promise<Prepared> {
  const s = ctx.settings;
  const desired = await ctx.log.group('Repository', async () => {
    const d = await loadDesired(ctx);
    ctx.log.info(`${d.items.length} items in ${s.itemsDirectory}`);
    return d;
  });
  assertAcyclic(
    desired.items.map((d) => ({
      key: d.key,
      dependsOn: d.dependsOn,
      label: `${d.type} '${d.displayName}'`,
      location: d.location,
    })),
  );
  if (scope === 'items') return { items: desired.items, warnings: desired.warnings, principals: [] };
  // Read the principals file first: an await inside the array below would leave resolveCapacity's
  // promise running unobserved, and its rejection unhandled, when the file is refused.
  const fromFile = await filePrincipals(s);
  const [capacity, principals, selfId] = await Promise.all([
    resolveCapacity(ops, s),
    resolvePrincipals([...configPrincipals(s), ...fromFile], directoryOf(ctx)),
    ctx.tokens
      .identity?.()
      .then((i) => i.objectId)
      .catch(() => undefined),
  ]);
  return {
    items: desired.items,
    parameters: desired.parameters,
    warnings: desired.warnings,
    capacity,
    principals,
    git: desiredGit(s),
    selfId,
    checkAgainst: desired.checkAgainst,
  };
}

async function planFor(
  ctx: RunContext,
  ops: FabricOps,
  prepared: Prepared,
  ws: Workspace | undefined,
): Promise<PlanState> {
  const s = ctx.settings;
  return ctx.log.group('Plan', () =>
    buildPlan(ops, ws, {
      deploymentId: ctx.deploymentId,
      environment: s.environment,
      workspaceTarget: s.workspace,
      items: prepared.items,
      capacity: prepared.capacity,
      principals: prepared.principals,
      git: prepared.git,
      deleteOrphans: s.deleteOrphans,
      types: s.config.items?.types,
      exclude: s.config.items?.exclude,
      maxParallel: s.maxParallel,
      selfId: prepared.selfId,
      log: ctx.log,
      warnings: prepared.warnings,
      gitLocation: s.config.workspace.git ? s.loaded.locate(['workspace', 'git']) : undefined,
      checkAgainst: prepared.checkAgainst,
    }),
  );
}

async function writePlanFile(ctx: RunContext, plan: Plan): Promise<string | undefined> {
  const file = path.join(ctx.host.tempDir(), `fabric-deploy-plan-${ctx.deploymentId}.json`);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify(plan, null, 2) + '\n');
    return file;
  } catch (err) {
    ctx.log.warn(`could not write the plan file ${file}: ${errorMessage(err)}`);
    return undefined;
  }
}

function baseReport(ctx: RunContext, plan: Plan | undefined): DeploymentReport {
  return {
    command: ctx.settings.command,
    deploymentId: ctx.deploymentId,
    environment: ctx.settings.environment,
    result: 'succeeded',
    workspace: { id: plan?.workspace.id, name: plan?.workspace.name ?? ctx.settings.workspace.name },
    items: [],
    startedAt: ctx.startedAt,
    durationMs: 0,
    warnings: [...(plan?.warnings ?? [])],
    hasChanges: plan?.hasChanges ?? false,
    plan,
  };
}

function finish(ctx: RunContext, r: DeploymentReport): DeploymentReport {
  r.durationMs = Date.now() - ctx.startedAt.getTime();
  if (r.workspace.id && !r.workspace.url)
    r.workspace.url = `https://app.fabric.microsoft.com/groups/${r.workspace.id}`;
  return r;
}

// ---------------------------------------------------------------- plan

async function runPlan(ctx: RunContext, options: CommandOptions): Promise<DeploymentReport> {
  const ops = opsFor(ctx, options);
  const prepared = await prepare(ctx, ops);
  const ws = await findWorkspace(ops, ctx.settings.workspace);
  const state = await planFor(ctx, ops, prepared, ws);
  const plan = state.plan;
  const report = baseReport(ctx, plan);
  report.items = plan.items.map((p) => ({
    name: p.name,
    type: p.type,
    id: p.id,
    action: p.action,
    status: 'planned',
    folder: p.folder || undefined,
  }));
  report.planFile = await writePlanFile(ctx, plan);
  report.sections = [planSection(plan, report.planFile)];
  ctx.log.info(plan.hasChanges ? `plan has changes: ${countText(plan.counts)}` : 'no changes');
  if (report.planFile) ctx.log.info(`plan written to ${report.planFile}`);
  return finish(ctx, report);
}

function planSection(plan: Plan, file: string | undefined): { title: string; markdown: string } {
  return { title: 'Plan', markdown: renderPlan(plan) + (file ? `\n\nPlan JSON: \`${file}\`` : '') };
}

function countText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([a, n]) => `${n} ${a}`)
    .join(', ');
}

// ---------------------------------------------------------------- deploy

async function runDeploy(ctx: RunContext, options: CommandOptions): Promise<DeploymentReport> {
  const s = ctx.settings;
  const ops = opsFor(ctx, options);
  // Everything that can be refused is refused here, before anything is written.
  // (Lifecycle telemetry — started, succeeded / rolled back / failed, counts — is sent by main from the report.)
  const prepared = await prepare(ctx, ops);
  const found = await findWorkspace(ops, s.workspace);
  // Planning writes nothing, so an unchanged repository costs reads only (no lock, no journal).
  let state = await planFor(ctx, ops, prepared, found);
  const report = baseReport(ctx, state.plan);
  report.planFile = await writePlanFile(ctx, state.plan);
  // "No changes" is only true when no other deployment is halfway through changing the workspace:
  // with another live lock seen, take the lock (wait or fail as configured) and plan again under it.
  const lockSeen = state.lockState.locks.length > 0 || state.plan.lockedBy !== undefined;
  if (!state.plan.hasChanges && !lockSeen) {
    ctx.log.info('nothing to change: the workspace matches the repository');
    report.items = state.plan.items.map((p) => ({
      name: p.name,
      type: p.type,
      id: p.id,
      action: p.action,
      status: 'done',
      folder: p.folder || undefined,
    }));
    report.sections = [planSection(state.plan, report.planFile)];
    return finish(ctx, report);
  }

  const identity = await ctx.tokens.identity?.().catch(() => undefined);
  const tx = await Transaction.begin({
    file: journalPath(ctx.host.tempDir(), ctx.deploymentId),
    deploymentId: ctx.deploymentId,
    command: 'deploy',
    workspace: { id: found?.id, name: found?.displayName ?? s.workspace.name },
    log: ctx.log,
    audit: ctx.audit,
    identity: identity
      ? { objectId: identity.objectId, appId: identity.appId, tenantId: identity.tenantId }
      : undefined,
  });
  report.journalFile = tx.file;
  ctx.log.info(`journal: ${tx.file}`);

  let lockStep: StepRecord | undefined;
  let lostLock = false;
  const takeLock = async (ws: Workspace): Promise<Acquired> => {
    try {
      const { acquired, step } = await takeJournalledLock(tx, ops, ws.id, ctx.deploymentId, {
        ...options.lock,
        log: ctx.log,
      });
      lockStep = step;
      return acquired;
    } catch (err) {
      lostLock = true;
      throw err;
    }
  };

  let outcomes = new Map<string, ItemOutcome>();
  let failure: unknown;
  try {
    if (found) {
      const got = await ctx.log.group('Lock', () => takeLock(found));
      // Someone deployed between our plan and our lock (a lock was seen, we waited, or the done-marker moved): plan again.
      if (got.waited || state.lockState.locks.length > 0 || got.marker !== state.lockState.marker) {
        ctx.log.info('another deployment ran since this plan was made: planning again under the lock');
        state = await planFor(ctx, ops, prepared, await ops.getWorkspace(found.id));
        report.plan = state.plan;
        report.planFile = await writePlanFile(ctx, state.plan);
      }
    }
    report.hasChanges = state.plan.hasChanges;
    const exec = await ctx.log.group('Deploy', () =>
      executePlan(
        {
          ops,
          tx,
          log: ctx.log,
          maxParallel: s.maxParallel,
          parameters: prepared.parameters,
          environment: s.environment,
          signal: ctx.signal,
          onWorkspaceCreated: (ws) => takeLock(ws).then(() => undefined),
        },
        state,
      ),
    );
    outcomes = exec.outcomes;
    report.warnings.push(...exec.warnings);
    report.workspace = {
      id: exec.workspace?.id,
      name: exec.workspace?.displayName ?? s.workspace.name,
      created: exec.created,
    };
    if (exec.error) throw exec.error;
    await tx.commit();
  } catch (err) {
    failure = err;
  }

  const items = (): ItemOutcome[] =>
    state.plan.items
      .filter((p) => p.action !== 'delete')
      .map((p) => outcomes.get(p.key)!)
      .filter(Boolean);

  if (failure === undefined) {
    // Committed. Orphans go only now, so a failed deploy never deleted anything.
    const wsRef = { id: report.workspace.id!, displayName: report.workspace.name ?? '', description: '' };
    const deleted =
      s.deleteOrphans && state.orphans.length > 0
        ? await ctx.log.group('Orphans', () =>
            deleteOrphans({ ops, tx, log: ctx.log, maxParallel: s.maxParallel }, wsRef, state.orphans),
          )
        : [];
    await releaseHeldLock();
    report.items = [...items(), ...deleted];
    const orphanFailures = deleted.filter((d) => d.status === 'failed');
    if (orphanFailures.length) {
      report.result = 'failed';
      report.error = `the deployment committed, but ${orphanFailures.length} orphan${orphanFailures.length === 1 ? '' : 's'} could not be deleted: ${orphanFailures.map((o) => `${o.type} '${o.name}'`).join(', ')}`;
    }
  } else {
    report.error = errorMessage(failure);
    if (!tx.hasEffects()) {
      // Nothing but (maybe) our lock was written.
      await releaseHeldLock();
      await tx.end('failed');
      if (failure instanceof UserError) throw failure;
      report.result = 'failed';
      report.items = items();
    } else if (s.features.rollback) {
      ctx.log.error(`deployment failed: ${report.error}; rolling back`);
      const undo = await ctx.log.group('Rollback', () => tx.rollback(ops, { keepWorkspace: lostLock }));
      report.result = 'rolled-back';
      report.rollback = undo.map(toReportUndo);
      markRolledBack(outcomes, tx.steps());
      report.items = items();
      const failedUndo = undo.filter((u) => u.result === 'failed');
      if (failedUndo.length) {
        report.error += ` — rollback incomplete: ${failedUndo.length} undo${failedUndo.length === 1 ? '' : 's'} failed`;
        report.warnings.push(...failedUndo.map((u) => `not undone: ${describeStep(u)}: ${u.error}`));
      }
    } else {
      await releaseHeldLock();
      // Applied steps, and failed ones whose outcome is unknown (they may have been applied).
      const applied = tx.steps().filter(possiblyApplied);
      report.result = 'failed';
      report.leftInPlace = applied.map((r) =>
        r.status === 'applied'
          ? describeStep(r)
          : `${describeStep(r)} (outcome unknown: ${r.error ?? 'no answer'})`,
      );
      report.items = items();
      report.sections = [
        {
          title: 'Left in place (rollback is off)',
          markdown:
            report.leftInPlace.map((l) => `- ${l}`).join('\n') +
            `\n\nUndo them later with \`fabric-deploy rollback --journal ${tx.file}\`.`,
        },
      ];
      ctx.log.warn(
        `rollback is off: ${applied.length} applied change${applied.length === 1 ? '' : 's'} left in place (journal: ${tx.file})`,
      );
    }
  }
  report.sections = [planSection(state.plan, report.planFile), ...(report.sections ?? [])];
  await tx.end(report.result);
  return finish(ctx, report);

  async function releaseHeldLock(): Promise<void> {
    if (!lockStep || lockStep.status !== 'applied') return;
    try {
      await tx.undoNow(ops, lockStep);
    } catch (err) {
      ctx.log.warn(
        `could not release the workspace lock '${lockStep.target.name}': ${errorMessage(err)}; delete that folder by hand`,
      );
    }
  }
}

function markRolledBack(outcomes: Map<string, ItemOutcome>, steps: readonly StepRecord[]): void {
  const byId = new Map<string, StepRecord[]>();
  for (const r of steps)
    if (r.target.id) (byId.get(r.target.id) ?? byId.set(r.target.id, []).get(r.target.id)!).push(r);
  for (const o of outcomes.values()) {
    if (o.status !== 'done' || !o.id) continue;
    const recs = byId.get(o.id) ?? [];
    if (recs.some((r) => r.status === 'undone')) o.status = 'rolled-back';
    else if (recs.some((r) => r.status === 'undo-failed'))
      o.error = 'rollback failed: ' + (recs.find((r) => r.undoError)?.undoError ?? '');
  }
}

export function toReportUndo(u: UndoOutcome): NonNullable<DeploymentReport['rollback']>[number] {
  return { action: u.undo, target: describeStep(u), result: u.result, error: u.error };
}
