/**
 * The workspace lock taken inside a transaction, so that the journal of a killed run releases it too.
 */
import type { Logger } from '../hosts/host';
import type { Folder } from '../fabric/types';
import { FabricOps } from './api';
import { acquireLock, releaseLock, type Acquired, type LockOptions } from './lock';
import type { StepRecord } from './journal-records';
import type { Transaction } from './journal';

/**
 * Takes the workspace lock as a journalled step (its undo releases it, so a killed run's journal frees
 * the workspace too); backing off from a collision undoes that step at once. Returns the lock and its step.
 */
export async function takeJournalledLock(
  tx: Transaction,
  ops: FabricOps,
  workspaceId: string,
  deploymentId: string,
  options: LockOptions & { log: Logger },
): Promise<{ acquired: Acquired; step?: StepRecord }> {
  const acquired = await acquireLock(
    ops,
    workspaceId,
    deploymentId,
    (name) =>
      tx.step<Folder>(
        {
          action: 'lock.acquire',
          target: { type: 'Lock', name },
          undo: { kind: 'release-lock', workspaceId, name },
        },
        () => ops.createFolder(workspaceId, name),
        (f) => ({
          target: { id: f.id },
          undo: { kind: 'release-lock', workspaceId, folderId: f.id, name },
        }),
      ),
    async (f) => {
      const rec = tx.steps().find((r) => r.action === 'lock.acquire' && r.target.id === f.id);
      if (rec) await tx.undoNow(ops, rec, () => releaseLock(ops, workspaceId, f.id));
    },
    options,
  );
  const step = [...tx.steps()].reverse().find((r) => r.action === 'lock.acquire' && r.status === 'applied');
  return { acquired, step };
}
