/**
 * `fabric-deploy rollback --journal FILE`: undoes what a killed (or rollback-off) run left, from
 * its journal alone. Steps already undone are skipped, so running it twice is harmless; the
 * outcomes are appended to the same journal and to the audit log.
 */
import { promises as fs } from 'node:fs';
import type { RunContext } from '../context';
import { ConfigError, errorMessage } from '../errors';
import type { DeploymentReport } from '../report/model';
import { FabricOps } from './api';
import { toReportUndo } from './command';
import { appendToJournal, auditUndo, parseJournal, undoSteps, type UndoOutcome } from './journal';

/** What the rollback command needs: no configuration file, only a client and the reporters. */
export type RollbackContext = Pick<
  RunContext,
  'host' | 'log' | 'client' | 'audit' | 'telemetry' | 'deploymentId' | 'startedAt'
>;

export async function rollbackFromJournal(ctx: RollbackContext, file: string): Promise<DeploymentReport> {
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
  const lines: object[] = [];
  const undo: UndoOutcome[] = await ctx.log.group('Rollback', () =>
    undoSteps(ops, steps, {
      log: ctx.log,
      onOutcome: async (rec, o) => {
        const time = new Date().toISOString();
        lines.push(
          o.result === 'undone'
            ? { rec: 'undone', seq: rec.seq, time }
            : o.result === 'failed'
              ? { rec: 'undo-failed', seq: rec.seq, time, error: o.error ?? '' }
              : { rec: 'undo-skipped', seq: rec.seq, time, reason: o.error ?? '' },
        );
        auditUndo(ctx.audit, original, rec, o);
      },
    }),
  );
  const failed = undo.filter((u) => u.result === 'failed');
  lines.push({
    rec: 'end',
    time: new Date().toISOString(),
    result: failed.length ? 'rollback-incomplete' : 'rolled-back',
  });
  await appendToJournal(file, lines).catch((err) =>
    ctx.log.warn(`could not append to the journal: ${errorMessage(err)}`),
  );
  ctx.telemetry.event('DeploymentRolledBack', {
    deploymentId: original,
    fromJournal: true,
    undone: undo.filter((u) => u.result === 'undone').length,
    undoFailed: failed.length,
  });

  const report: DeploymentReport = {
    command: 'rollback',
    deploymentId: original,
    result: failed.length ? 'failed' : 'rolled-back',
    workspace: {
      id: j.header.workspace.id ?? steps.find((s) => s.undo.kind === 'delete-workspace')?.target.id,
      name: j.header.workspace.name,
    },
    items: [],
    startedAt: ctx.startedAt,
    durationMs: Date.now() - ctx.startedAt.getTime(),
    warnings: failed.map(
      (u) => `not undone: ${u.action} ${u.target.type} '${u.target.name ?? ''}': ${u.error}`,
    ),
    error: failed.length
      ? `${failed.length} undo${failed.length === 1 ? '' : 's'} failed; run the rollback again once the cause is fixed`
      : undefined,
    hasChanges: undo.some((u) => u.result === 'undone'),
    journalFile: file,
    rollback: undo.map(toReportUndo),
    sections:
      j.committed && undo.length === 0
        ? [{ title: 'Rollback', markdown: 'The deployment had committed: nothing to undo.' }]
        : undefined,
  };
  return report;
}
