/**
 * `rollback`: undoes what a failed, cancelled or killed run left, from its journal alone (no config file
 * needed: only how to reach and sign in to Fabric, and how long to wait for the lock). The CLI is given
 * the journal; on the Action and the task it defaults to the last journal of the job, which lives in the
 * job's own temp folder (RUNNER_TEMP / Agent.TempDirectory, emptied between jobs).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import { JOURNAL_STATE } from '../deploy/journal';
import { parseJournal } from '../deploy/journal-file';
import { rollbackFromJournal } from '../deploy/rollback';
import type { Host } from '../hosts/host';
import type { DeploymentReport } from '../report/model';
import { publish } from '../report/publish';
import { withSignedIn } from './signed-in';

export interface RollbackOptions {
  /**
   * The post-job step: a journal that committed but was killed before its end record is not a failure
   * there (its changes stand, the rollback only releases its lock).
   */
  committedIsDone?: boolean;
}

export async function rollbackCommand(
  host: Host,
  journal: string | undefined,
  options: RollbackOptions = {},
): Promise<DeploymentReport | undefined> {
  return withSignedIn(
    host,
    async (ctx, file) => {
      const report = await rollbackFromJournal(ctx, file);
      await publish(host, report);
      if (ctx.audit.path) host.setOutput('audit-log', ctx.audit.path);
      const done =
        report.result === 'rolled-back' ||
        (options.committedIsDone && report.result === 'failed' && !report.leftInPlace);
      host.setResult(done ? 'succeeded' : 'failed', done ? undefined : report.error);
      return report;
    },
    // Found (or refused) before signing in: a wrong path costs no network call.
    async () => {
      const file = journal ? path.resolve(journal) : await lastJournalOfJob(host);
      // A rollback killed half-way is finished by this step's post-job step, like a killed deploy.
      host.saveState?.(JOURNAL_STATE, file);
      return file;
    },
  );
}

/** The journal of the last deploy or destroy in the host's temp folder, by the time it started. */
export async function lastJournalOfJob(host: Pick<Host, 'tempDir' | 'log'>): Promise<string> {
  const dir = host.tempDir();
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const found: { file: string; startedAt: string }[] = [];
  for (const name of names) {
    if (!/^fabric-deploy-journal-.+\.jsonl$/.test(name)) continue;
    const file = path.join(dir, name);
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    const header = parseJournal(text).header;
    if (header) found.push({ file, startedAt: header.startedAt });
  }
  found.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const last = found.at(-1);
  if (!last)
    throw new ConfigError(`no journal to roll back: no deploy or destroy of this job wrote one in '${dir}'`, {
      field: 'journal-file',
      fix: "run the rollback in the job that ran the deploy, after it (if: failure() on GitHub, condition: failed() on Azure Pipelines), or give journal-file: the deploy step's journal-file output",
    });
  host.log.info(
    `journal: ${last.file} (the last of ${found.length} in this job's temp folder; journal-file picks another)`,
  );
  return last.file;
}
