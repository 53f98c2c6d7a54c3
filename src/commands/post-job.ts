/**
 * The post-job step (GitHub `post:`, Azure DevOps `postjobexecution`): when this step's deploy (or
 * destroy, or rollback) was cancelled or killed before it finished — its journal has no end record —
 * it replays the journal as `rollback` does. Otherwise (no journal saved, none written yet, a run that
 * ended, rolled back included) it does nothing but say so.
 */
import { VERSION } from '../version';
import { promises as fs } from 'node:fs';
import { errorMessage } from '../errors';
import { JOURNAL_STATE } from '../deploy/journal';
import { parseJournal } from '../deploy/journal-file';
import type { Host } from '../hosts/host';
import { rollbackCommand } from './rollback';

export async function postJob(host: Host): Promise<void> {
  const file = host.getState?.(JOURNAL_STATE);
  if (!file) {
    host.log.info(
      `Fabric Deploy ${VERSION} post-job: this step wrote no journal (it changed nothing); nothing to do`,
    );
    return;
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      host.log.info(
        `Fabric Deploy ${VERSION} post-job: the step stopped before its first change (no ${file}); nothing to do`,
      );
      return;
    }
    host.log.warn(
      `Fabric Deploy ${VERSION} post-job: cannot read the journal '${file}': ${errorMessage(err)}`,
    );
    host.setResult('failed', `cannot read the journal '${file}': ${errorMessage(err)}`);
    return;
  }
  const j = parseJournal(text);
  const id = j.header?.deploymentId ?? 'of this step';
  if (j.ended) {
    host.log.info(`Fabric Deploy ${VERSION} post-job: deployment ${id} ended (${j.ended}); nothing to do`);
    return;
  }
  host.log.warn(
    j.committed
      ? `deployment ${id} was stopped after it committed (cancelled or killed): its changes stand; releasing what it still holds`
      : `deployment ${id} was stopped before it finished (cancelled or killed: its journal has no end record); rolling back what it applied`,
  );
  await rollbackCommand(host, file, { committedIsDone: true });
}
