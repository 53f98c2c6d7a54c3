/**
 * `fabric-deploy rollback --journal FILE`: undoes what a killed (or rollback-off) run left, from
 * its journal alone. Steps already undone are skipped, so running it twice is harmless; the
 * outcomes are appended to the same journal and to the audit log.
 */
import { promises as fs } from 'node:fs';
import type { CommandContext } from '../context';
import { ConfigError, errorMessage } from '../errors';
import type { DeploymentReport } from '../report/model';
import type { BaseSettings } from '../settings/settings';
import { errorCode, FabricOps, isNotFound } from './api';
import { appendToJournal, parseJournal } from './journal-file';
import type { UndoOutcome } from './journal-records';
import { auditUndo, describeStep, needsUndo, skippedLine, undoSteps } from './undo';
import { finishCommand } from './finish-command';
import { acquireLock, checkLockOptions, releaseLock, type LockOptions } from './lock';
import type { Folder } from '../fabric/types';
import { inlineSnapshots } from './bulk/snapshot';
import { resolveJournalSecrets, type JournalSecretsContext } from './journal-secrets';

/** What the rollback command needs: no configuration file, only a client, the reporters and the lock wait. */
export type RollbackContext = Pick<
  CommandContext<BaseSettings>,
  'host' | 'log' | 'client' | 'audit' | 'telemetry' | 'deploymentId' | 'startedAt' | 'settings'
> &
  JournalSecretsContext;

export async function rollbackFromJournal(
  ctx: RollbackContext,
  file: string,
  options: { lock?: LockOptions } = {},
): Promise<DeploymentReport> {
  const wait = ctx.settings.lockWaitMs;
  const lockOptions: LockOptions = { ...(wait === undefined ? {} : { waitMs: wait }), ...options.lock };
  checkLockOptions(lockOptions);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the journal '${file}': ${errorMessage(err)}`, {
      field: 'journal',
      fix: 'pass the journal a deploy printed (journal: …), e.g. $RUNNER_TEMP/fabric-deploy-journal-<deployment id>.jsonl',
    });
  }
  const j = parseJournal(text);
  if (!j.header) {
    throw new ConfigError(`'${file}' is not a fabric-deploy journal`, {
      location: { file, line: 1 },
      field: 'journal',
      fix: 'pass a fabric-deploy-journal-<id>.jsonl file',
    });
  }
  await inlineSnapshots(j, file);
  await resolveJournalSecrets(ctx, j, file);
  const ops = new FabricOps(ctx.client);
  const original = j.header.deploymentId;
  ctx.log.info(
    `journal of deployment ${original} (${j.header.command}, started ${j.header.startedAt}): ${j.steps.length} step${j.steps.length === 1 ? '' : 's'}${j.committed ? ', committed' : ''}`,
  );
  if (j.badLines)
    ctx.log.warn(
      `${j.badLines} unreadable line${j.badLines === 1 ? '' : 's'} ignored (the run was killed mid-write)`,
    );

  // A committed deploy is not undone; only a lock it still holds is released.
  const steps = j.committed ? j.steps.filter((r) => r.undo.kind === 'release-lock') : j.steps;
  // The undos write to the workspace: take its lock first, so that a deploy running now is not
  // overwritten. The lock is taken in the name of the journal's deployment: a lock that run still
  // holds (it was killed) does not block its own rollback, and is released by it.
  const wsId = j.header.workspace.id ?? steps.find((s) => s.undo.kind === 'delete-workspace')?.target.id;
  let held: Folder | undefined;
  if (wsId && steps.some((r) => needsUndo(r) && r.undo.kind !== 'release-lock')) {
    try {
      held = (
        await acquireLock(
          ops,
          wsId,
          original,
          (name) => ownLockFolder(ops, wsId, name),
          (f) => releaseLock(ops, wsId, f.id),
          { ...lockOptions, log: ctx.log },
        )
      ).folder;
    } catch (err) {
      // A workspace that is gone has nothing left to overwrite; the undos find nothing either.
      if (!isNotFound(err)) throw err;
    }
  }
  const lines: object[] = [];
  let undo: UndoOutcome[] = [];
  try {
    undo = await ctx.log.group('Rollback', () =>
      undoSteps(ops, steps, {
        log: ctx.log,
        onOutcome: async (rec, o) => {
          const time = new Date().toISOString();
          lines.push(
            o.result === 'undone'
              ? { rec: 'undone', seq: rec.seq, time }
              : o.result === 'failed'
                ? { rec: 'undo-failed', seq: rec.seq, time, error: o.error ?? '' }
                : skippedLine(rec, o),
          );
          auditUndo(ctx.audit, original, rec, o);
        },
      }),
    );
  } finally {
    if (held && wsId) {
      const h = held;
      await releaseLock(ops, wsId, h.id).catch((err) =>
        ctx.log.warn(
          `could not release the workspace lock '${h.displayName}': ${errorMessage(err)}; delete that folder by hand`,
        ),
      );
    }
  }
  const failed = undo.filter((u) => u.result === 'failed');
  // A committed deploy is not undone (its orphan deletes cannot be): the rollback asked for did not
  // happen, so it fails and says how to go back, rather than answer "rolled-back" over the deployed state.
  const refused = j.committed && !failed.length;
  const refusal = refused
    ? `deployment ${original} had committed: its changes stand and nothing was undone${undo.length ? ' (its workspace lock was released)' : ''}. To go back, deploy the previous version; to finish what it left (such as orphan deletes), run the deploy again`
    : undefined;
  const result = failed.length ? 'rollback-incomplete' : refused ? 'failed' : 'rolled-back';
  lines.push({ rec: 'end', time: new Date().toISOString(), result });
  await appendToJournal(file, lines).catch((err) =>
    ctx.log.warn(`could not append to the journal: ${errorMessage(err)}`),
  );
  ctx.telemetry.event('DeploymentRolledBack', {
    deploymentId: original,
    fromJournal: true,
    committed: j.committed,
    undone: undo.filter((u) => u.result === 'undone').length,
    undoFailed: failed.length,
  });

  const finish = failed.length ? finishCommand(ctx.host, file) : undefined;
  const report: DeploymentReport = {
    command: 'rollback',
    deploymentId: original,
    result,
    workspace: {
      id: j.header.workspace.id ?? steps.find((s) => s.undo.kind === 'delete-workspace')?.target.id,
      name: j.header.workspace.name,
    },
    items: [],
    startedAt: ctx.startedAt,
    durationMs: Date.now() - ctx.startedAt.getTime(),
    warnings: [],
    leftInPlace: failed.length ? failed.map((u) => `${describeStep(u)}: ${u.error}`) : undefined,
    finishCommand: finish,
    error: failed.length
      ? `rollback incomplete: ${failed.length} undo${failed.length === 1 ? '' : 's'} failed; once the cause is fixed, finish it with: ${finish}`
      : refusal,
    hasChanges: undo.some((u) => u.result === 'undone'),
    journalFile: file,
    rollback: undo.map(toReportUndo),
    sections: refusal ? [{ title: 'Rollback', markdown: `Not rolled back: ${refusal}.` }] : undefined,
  };
  return report;
}

/**
 * Creates the rollback's lock folder. Its name carries the journal's deployment id and the time to
 * the second, so the killed run's own lock may have the very same name: that folder is then the
 * lock (it belongs to the deployment being rolled back).
 */
async function ownLockFolder(ops: FabricOps, workspaceId: string, name: string): Promise<Folder> {
  try {
    return await ops.createFolder(workspaceId, name);
  } catch (err) {
    if (errorCode(err) !== 'FolderDisplayNameAlreadyInUse') throw err;
    const same = (await ops.listFolders(workspaceId)).find((f) => f.displayName === name);
    if (!same) throw err;
    return same;
  }
}

/** An undo as the report lists it. */
export function toReportUndo(u: UndoOutcome): NonNullable<DeploymentReport['rollback']>[number] {
  return { action: u.undo, target: describeStep(u), result: u.result, error: u.error };
}
