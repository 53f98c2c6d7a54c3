/**
 * `deploy`: the plan executed inside a journalled transaction holding the workspace lock. A failure
 * rolls back exactly (or, with rollback off, leaves a resumable report); orphans go only after commit.
 */
import type { RunContext } from '../context';
import { errorMessage, UserError } from '../errors';
import type { Workspace } from '../fabric/types';
import type { Plan } from '../deploy/plan/model';
import type { DeploymentReport, ItemOutcome } from '../report/model';
import { executePlan } from '../deploy/execute';
import { deleteOrphans } from '../deploy/orphans';
import { ItemsFailedError } from '../deploy/steps/env';
import { heartbeatMs, Progress } from '../deploy/progress';
import { planLines } from '../report/plan-log';
import { takeJournalledLock } from '../deploy/journal-lock';
import type { StepRecord } from '../deploy/journal-records';
import { describeStep, possiblyApplied } from '../deploy/undo';
import { WorkspaceLockedError, type Acquired } from '../deploy/lock';
import { PlanOutdatedError, readReviewedPlan, reviewedPlanChanges } from '../deploy/plan/reviewed';
import { finishCommand } from '../deploy/finish-command';
import { toReportUndo } from '../deploy/rollback';
import { deployFailure } from '../report/run-error';
import { findWorkspace } from '../deploy/workspace';
import {
  baseReport,
  finish,
  opsFor,
  planFor,
  prepare,
  writePlanFile,
  openJournal,
  type CommandOptions,
} from './prepare';

export async function runDeploy(ctx: RunContext, options: CommandOptions): Promise<DeploymentReport> {
  const s = ctx.settings;
  const ops = opsFor(ctx, options);
  // A reviewed plan (plan-file) is read and checked first: a wrong file costs no call to Fabric.
  const reviewed = s.planFile ? await readReviewedPlan(s.planFile) : undefined;
  const checkReviewed = (plan: Plan) => {
    if (!reviewed) return;
    const changes = reviewedPlanChanges(reviewed, plan);
    if (changes.length) throw new PlanOutdatedError(s.planFile!, changes);
  };
  // Everything that can be refused is refused here, before anything is written.
  // (Lifecycle telemetry — started, succeeded / rolled back / failed, counts — is sent by main from the report.)
  const prepared = await prepare(ctx, ops);
  const found = await findWorkspace(ops, s.workspace);
  // Planning writes nothing, so an unchanged repository costs reads only (no lock, no journal).
  let state = await planFor(ctx, ops, prepared, found);
  checkReviewed(state.plan);
  if (reviewed)
    ctx.log.info(`the plan in ${s.planFile} still matches the workspace and the repository: applying it`);
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
    return finish(ctx, report);
  }

  const tx = await openJournal(ctx, 'deploy', {
    id: found?.id,
    name: found?.displayName ?? s.workspace.name,
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
      // Only another run's lock means the workspace is not ours to delete; a failed call (an expired
      // token, a 500) does not: the workspace this run created is still undone.
      if (err instanceof WorkspaceLockedError) lostLock = true;
      throw err;
    }
  };

  let outcomes = new Map<string, ItemOutcome>();
  let failure: unknown;
  let progress: Progress | undefined;
  let stopHeartbeat = () => undefined as void;
  try {
    if (found) {
      const got = await ctx.log.group('Lock', () => takeLock(found));
      // The plan applied is always the one made under the lock, from a full re-read: whatever another
      // deployment did between the first plan and the lock is seen (no marker needed in the workspace).
      ctx.log.info(
        got.waited
          ? 'the other deployment has finished: planning again under the lock'
          : 'planning again under the lock, so that nothing another deployment did since the first plan is missed',
      );
      const first = state.plan;
      state = await planFor(ctx, ops, prepared, await ops.getWorkspace(found.id));
      // A deploy that ran between the check above and the lock: the reviewed plan is no longer it.
      checkReviewed(state.plan);
      if (planChanged(first, state.plan))
        ctx.log.info('the workspace changed since the first plan: applying the plan made under the lock');
      report.plan = state.plan;
      report.planFile = await writePlanFile(ctx, state.plan);
    }
    report.hasChanges = state.plan.hasChanges;
    // The plan about to be applied (the one made under the lock), in the log before any item is.
    for (const line of planLines(state.plan)) ctx.log.info(line);
    progress = new Progress(
      state.plan.items.filter((p) => p.action !== 'unchanged' && (p.action !== 'delete' || s.deleteOrphans))
        .length,
      ctx.log,
      {
        onComplete: (percent, done, total) =>
          ctx.host.setProgress?.(percent, `Fabric Deploy: ${done} of ${total} item actions done`),
      },
    );
    stopHeartbeat = progress.heartbeat(heartbeatMs());
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
          optionalSteps: new Set(s.config.items?.optionalSteps ?? []),
          progress,
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
            deleteOrphans(
              { ops, tx, log: ctx.log, maxParallel: s.maxParallel, progress },
              wsRef,
              state.orphans,
            ),
          )
        : [];
    stopHeartbeat();
    await releaseHeldLock();
    report.items = [...items(), ...deleted];
    const orphanFailures = deleted.filter((d) => d.status === 'failed');
    if (orphanFailures.length) {
      report.result = 'failed';
      report.error = `the deployment committed, but ${orphanFailures.length} orphan${orphanFailures.length === 1 ? '' : 's'} could not be deleted: ${orphanFailures.map((o) => `${o.type} '${o.name}'`).join(', ')}`;
      report.failure = { code: 'OrphansNotDeleted', message: report.error };
    }
  } else {
    stopHeartbeat();
    report.error = errorMessage(failure);
    report.failure = deployFailure(failure, prepared.items);
    if (!tx.hasEffects()) {
      // Nothing but (maybe) our lock was written.
      await releaseHeldLock();
      await tx.end('failed');
      if (failure instanceof UserError) throw failure;
      report.result = 'failed';
      report.items = items();
    } else if (s.features.rollback) {
      // A refusal the repository can fix (a shortcut's target) is annotated at its file and line.
      const first = failure instanceof ItemsFailedError ? failure.failures[0]?.error : failure;
      ctx.log.error(
        `deployment failed: ${report.error}; rolling back`,
        first instanceof UserError ? first.location : undefined,
      );
      const undo = await ctx.log.group('Rollback', () => tx.rollback(ops, { keepWorkspace: lostLock }));
      report.result = 'rolled-back';
      report.rollback = undo.map(toReportUndo);
      markRolledBack(outcomes, tx.steps());
      report.items = items();
      const failedUndo = undo.filter((u) => u.result === 'failed');
      if (failedUndo.length) {
        // Not "rolled-back": something this run changed is still there. Say what, and how to finish.
        report.result = 'rollback-incomplete';
        report.leftInPlace = failedUndo.map((u) => `${describeStep(u)}: ${u.error}`);
        report.finishCommand = finishCommand(ctx.host, tx.file);
        report.warnings.push(...failedUndo.map((u) => `not undone: ${describeStep(u)}: ${u.error}`));
        report.error += ` — rollback incomplete: ${failedUndo.length} undo${failedUndo.length === 1 ? '' : 's'} failed; once the cause is fixed, finish it with: ${report.finishCommand}`;
        report.failure = {
          ...report.failure,
          message: report.error,
          fix: `finish the rollback: ${report.finishCommand}`,
        };
        ctx.log.error(
          `rollback incomplete: ${failedUndo.length} change${failedUndo.length === 1 ? '' : 's'} left; finish it with: ${report.finishCommand}`,
        );
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

/** Whether two plans of one repository differ in what they would do (ids and time aside). */
function planChanged(a: Plan, b: Plan): boolean {
  const shape = (p: Plan) =>
    JSON.stringify([p.workspace, p.capacity, p.principals, p.git, p.folders, p.items, p.unmanaged]);
  return shape(a) !== shape(b);
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
