/**
 * What the journal says about an imported item: the steps recorded before the call (a create with its
 * delete, an update with the definition the plan read, a move), what the call's result means for each
 * (applied with the created id, or failed), and the items a result names that the request did not.
 */
import type { BulkImportDetail } from '../../fabric/types';
import type { Refinement, StepDesc } from '../journal';
import { undoCreate, undoMove, undoUpdate } from '../journal-records';
import type { PlannedItem } from '../plan/model';
import type { BulkRun } from './run';
import { detailLabel, type ImportEntry } from './request';

/** The journal steps of one item: its create or update, and a move when its folder changes. */
export function stepsFor(run: BulkRun, p: PlannedItem, e: ImportEntry): StepDesc[] {
  const { state, ws } = run;
  const d = state.desired.get(e.key)!;
  const after = { via: 'bulkImportDefinitions' };
  if (p.action === 'create')
    return [
      {
        action: 'item.create',
        target: { type: e.type, name: e.name },
        undo: undoCreate(ws.id, { type: e.type, name: e.name, logicalId: d.logicalId }, state.workspaceItems),
        after: { ...after, folder: e.folderPath || undefined, logicalId: d.logicalId },
      },
    ];
  const existing = state.existing.get(e.key)!;
  const before = state.captured.get(e.key);
  if (!before) throw new Error(`${e.type} '${e.name}': no definition was read before its update`);
  const target = { type: e.type, name: e.name, id: existing.id };
  const steps: StepDesc[] = [
    {
      action: 'item.update',
      target,
      undo: undoUpdate(ws.id, existing, e.type, before, run.snapshot),
      after: { ...after, reason: p.reason },
    },
  ];
  if (p.fromFolder !== undefined)
    steps.push({
      action: 'item.move',
      target,
      undo: undoMove(ws.id, existing, { type: e.type, name: e.name }),
      before: { folder: p.fromFolder || '/' },
      after: { ...after, folder: e.folderPath || '/' },
    });
  return steps;
}

/** What one item's result means for its step: applied (with the created id), or a throw. */
export function settle(
  run: BulkRun,
  p: PlannedItem,
  d: BulkImportDetail | undefined,
): Refinement | undefined {
  const what = `${p.type} '${p.name}'`;
  if (!d) throw new Error(`the bulk import's result does not mention ${what}`);
  if (d.operationStatus === 'Failed') throw new Error(`${what}: the bulk import reports Failed`);
  if (d.operationStatus !== 'Succeeded' && d.operationStatus !== 'SucceededDespiteFailures')
    throw new Error(`${what}: the bulk import reports '${d.operationStatus ?? 'no status'}'`);
  if (!d.itemId) throw new Error(`${what}: the bulk import's result gives no item id`);
  const id = d.itemId.toLowerCase();
  if (p.action === 'create') {
    if (run.state.workspaceItems.some((i) => i.id.toLowerCase() === id))
      throw new Error(
        `${what}: the bulk import paired it with an item the workspace already had (${d.itemId})`,
      );
    return { target: { id: d.itemId }, undo: { ...createUndo(run, p), itemId: d.itemId } };
  }
  const existing = run.state.existing.get(p.key)!;
  if (existing.id.toLowerCase() !== id)
    throw new Error(`${what}: the bulk import paired it with another item (${d.itemId}, not ${existing.id})`);
  return undefined;
}

function createUndo(run: BulkRun, p: PlannedItem) {
  const d = run.state.desired.get(p.key)!;
  return {
    kind: 'delete-item' as const,
    workspaceId: run.ws.id,
    type: p.type,
    name: p.name,
    logicalId: d.logicalId,
    priorIds: run.state.workspaceItems.filter((i) => i.type === p.type).map((i) => i.id),
  };
}

/**
 * Result entries for items the request did not contain: an error (the deploy rolls back). One the
 * workspace did not have before is journalled to be deleted with the rest; one it had is left alone.
 */
export async function foreignItems(run: BulkRun, foreign: BulkImportDetail[]): Promise<Error> {
  const prior = new Set(run.state.workspaceItems.map((i) => i.id.toLowerCase()));
  for (const d of foreign) {
    if (!d.itemId || prior.has(d.itemId.toLowerCase())) continue;
    await run.env.tx.step(
      {
        action: 'item.unexpected',
        target: { type: d.itemType ?? 'Item', name: d.itemDisplayName, id: d.itemId },
        undo: {
          kind: 'delete-item',
          workspaceId: run.ws.id,
          itemId: d.itemId,
          type: d.itemType ?? 'Item',
          name: d.itemDisplayName ?? d.itemId,
        },
        after: { reason: 'named by the bulk import result, not by its request' },
      },
      async () => undefined,
    );
  }
  return new Error(
    `the bulk import's result names ${foreign.length === 1 ? 'an item' : `${foreign.length} items`} the request did not contain: ${foreign.map(detailLabel).join(', ')}`,
  );
}
