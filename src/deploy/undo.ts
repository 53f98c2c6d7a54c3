/**
 * Undoing journalled steps, newest first: by a failed run itself or by a replay of its journal file
 * (post-job step, `command: rollback`). Each undo is looked up before it is retried, so a replay is safe.
 */
import type { AuditLog, AuditRecord } from '../report/telemetry-types';
import { platformLogicalId } from '../items/normalise';
import { errorMessage } from '../errors';
import type { Logger } from '../hosts/host';
import { CircuitOpenError, FabricApiError } from '../fabric/errors';
import { FabricOps, isNotFound } from './api';
import { releaseLock } from './lock';
import { TokenExpiredError } from '../identity/token-cache';
import {
  journalTime as now,
  type Line,
  type StepRecord,
  type Undo,
  type UndoOutcome,
} from './journal-records';

/** The journal line of a skipped undo. */
export function skippedLine(rec: Pick<StepRecord, 'seq'>, o: UndoOutcome): Line {
  return {
    rec: 'undo-skipped',
    seq: rec.seq,
    time: now(),
    reason: o.error ?? '',
    ...(o.absent ? { absent: true } : {}),
  };
}

export function auditUndo(
  audit: AuditLog,
  deploymentId: string,
  rec: StepRecord,
  o: UndoOutcome,
  identity?: AuditRecord['identity'],
): void {
  audit.record({
    time: now(),
    deploymentId,
    action: `rollback.${rec.action}`,
    target: rec.target,
    result: o.result === 'undone' ? 'succeeded' : o.result === 'failed' ? 'failed' : 'skipped',
    error: o.error,
    identity,
  });
}

/**
 * Runs the undo of each step that was applied (or may have been: a create whose answer never came
 * back), newest first. A failing undo is reported and the rest still run.
 */
export async function undoSteps(
  ops: FabricOps,
  records: readonly StepRecord[],
  opts: {
    log: Logger;
    keepWorkspace?: boolean;
    onOutcome?: (rec: StepRecord, o: UndoOutcome) => Promise<void>;
  },
): Promise<UndoOutcome[]> {
  const outcomes: UndoOutcome[] = [];
  const todo = [...records].filter((r) => needsUndo(r)).sort((a, b) => b.seq - a.seq);
  const finish = async (rec: StepRecord, o: UndoOutcome) => {
    rec.status = o.result === 'undone' ? 'undone' : o.result === 'failed' ? 'undo-failed' : 'undo-skipped';
    if (o.result === 'failed') rec.undoError = o.error;
    rec.absent = o.absent;
    outcomes.push(o);
    await opts.onOutcome?.(rec, o);
  };
  const base = (rec: StepRecord) => ({
    seq: rec.seq,
    action: rec.action,
    target: rec.target,
    undo: rec.undo.kind,
  });
  // Once the given token has expired every call fails alike: the rest are not tried, and the cause is
  // said once (the finish command, run with a fresh token, does them).
  let halted: TokenExpiredError | undefined;
  const runOne = async (rec: StepRecord): Promise<UndoOutcome> => {
    if (halted && rec.undo.kind !== 'none')
      return { ...base(rec), result: 'failed', error: `not tried: ${halted.message}` };
    if (rec.undo.kind === 'none')
      return { ...base(rec), result: 'skipped', error: `cannot be undone: ${rec.undo.reason}` };
    if (isWorkspaceDelete(rec.undo) && opts.keepWorkspace) {
      return {
        ...base(rec),
        result: 'skipped',
        error: 'another deployment holds the workspace; it was left in place',
      };
    }
    try {
      const r = await applyUndo(ops, rec.undo, { log: opts.log });
      if (r === 'absent' && rec.status !== 'applied')
        return {
          ...base(rec),
          result: 'skipped',
          error: 'nothing to undo: it was never created',
          absent: true,
        };
      if (rec.undo.kind !== 'release-lock') opts.log.info(`undid ${describeStep(rec)}`);
      return { ...base(rec), result: 'undone' };
    } catch (err) {
      if (err instanceof TokenExpiredError) {
        halted = err;
        opts.log.error(`could not undo ${describeStep(rec)} nor anything after it: ${errorMessage(err)}`);
        return { ...base(rec), result: 'failed', error: err.message };
      }
      const o: UndoOutcome = { ...base(rec), result: 'failed', error: errorMessage(err) };
      opts.log.error(`could not undo ${describeStep(rec)}: ${o.error}`);
      return o;
    }
  };
  // A workspace this run created takes everything in it along when deleted: one call instead of
  // hundreds. Only when that delete fails are the finer undos run one by one.
  const wsRec = opts.keepWorkspace ? undefined : todo.find((r) => isWorkspaceDelete(r.undo));
  if (wsRec) {
    const o = await runOne(wsRec);
    if (o.result === 'undone') {
      for (const rec of todo) {
        if (rec === wsRec) continue;
        await finish(rec, {
          ...base(rec),
          result: rec.undo.kind === 'none' ? 'skipped' : 'undone',
          error: 'removed with the workspace',
        });
      }
      await finish(wsRec, o);
      return outcomes;
    }
    if (halted) {
      for (const rec of todo) if (rec !== wsRec) await finish(rec, await runOne(rec));
      await finish(wsRec, o);
      return outcomes;
    }
    opts.log.warn(`the workspace could not be deleted; undoing its changes one by one`);
  }
  // A folder that is not empty yet (an item in it whose undo failed for now, or that appeared late)
  // waits for the rest and is tried again after each pass that undid something; only a folder still
  // not empty when nothing else moves is reported as failed.
  let waiting: { rec: StepRecord; o: UndoOutcome }[] = [];
  for (const rec of todo) {
    if (rec === wsRec) continue;
    const o = await runOne(rec);
    if (isFolderNotEmpty(rec, o)) waiting.push({ rec, o });
    else await finish(rec, o);
  }
  for (let progress = true; waiting.length && progress;) {
    progress = false;
    const again: typeof waiting = [];
    for (const w of waiting) {
      const o = await runOne(w.rec);
      if (isFolderNotEmpty(w.rec, o)) again.push({ rec: w.rec, o });
      else {
        progress = true;
        await finish(w.rec, o);
      }
    }
    waiting = again;
  }
  for (const w of waiting) await finish(w.rec, w.o);
  if (wsRec) await finish(wsRec, await runOne(wsRec));
  return outcomes;
}

function isFolderNotEmpty(rec: StepRecord, o: UndoOutcome): boolean {
  return (
    rec.undo.kind === 'delete-folder' && o.result === 'failed' && /\bFolderNotEmpty\b/.test(o.error ?? '')
  );
}

const isWorkspaceDelete = (u: Undo) => u.kind === 'delete-workspace' || u.kind === 'delete-workspace-by-name';

export function needsUndo(r: StepRecord): boolean {
  if (r.status === 'applied' || r.status === 'undo-failed') return true;
  // A create of unknown outcome that an earlier rollback did not find: look again (harmless when absent).
  if (r.status === 'undo-skipped') return r.absent === true;
  // A refusal (a 4xx to every attempt) proves nothing changed.
  if (r.status === 'failed' && r.definite) return false;
  // The request went out but its outcome is unknown (killed run, lost answer, per-attempt timeout, 5xx
  // after retries, an operation that failed or outlived its deadline): it may have been applied. Every
  // undo is safe to run blind: deletes look the resource up first (absent → nothing to undo), and the
  // restores set an absolute state (the one the plan saw), which is a no-op when nothing changed.
  if (r.status === 'pending' || r.status === 'failed') return r.undo.kind !== 'none';
  return false;
}

/** A step that changed, or may have changed, the workspace (lock steps left out). */
export function possiblyApplied(r: StepRecord): boolean {
  if (r.action === 'lock.acquire' || r.undo.kind === 'release-lock') return false;
  if (r.status === 'applied') return true;
  return r.undo.kind !== 'none' && ((r.status === 'failed' && !r.definite) || r.status === 'pending');
}

export function describeStep(rec: Pick<StepRecord, 'action' | 'target'>): string {
  const t = rec.target;
  return `${rec.action} ${t.type}${t.name ? ` '${t.name}'` : ''}${t.id ? ` (${t.id})` : ''}`;
}

/**
 * Each undo is idempotent: a resource already gone counts as undone. A rollback usually follows the very
 * failures that opened a circuit breaker; an undo refused because a circuit is open waits for the
 * circuit's trial (half-open) time and tries again, for at most `ops.undoCircuitWaitMs` in all.
 */
export async function applyUndo(
  ops: FabricOps,
  u: Undo,
  opts: { log?: Pick<Logger, 'warn'> } = {},
): Promise<'done' | 'absent'> {
  const deadline = Date.now() + ops.undoCircuitWaitMs;
  for (;;) {
    try {
      return await applyUndoOnce(ops, u, opts);
    } catch (err) {
      if (!(err instanceof CircuitOpenError)) throw err;
      // Just after the trial time; undos run one at a time, so each trial is the only call in flight.
      const wait = Math.max(10, err.retryAt.getTime() - Date.now() + 25);
      if (Date.now() + wait > deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function applyUndoOnce(
  ops: FabricOps,
  u: Undo,
  opts: { log?: Pick<Logger, 'warn'> },
): Promise<'done' | 'absent'> {
  const gone = (err: unknown) => {
    if (!isNotFound(err)) throw err;
  };
  switch (u.kind) {
    case 'delete-item': {
      let id = u.itemId;
      if (!id) {
        id = await findCreatedItem(ops, u);
        if (!id) return 'absent';
      }
      // Every delete-item undo is of an item this run created (or took over from its own parent): a
      // hard delete, so its name is not left reserved by the recycle bin for the next deploy. That
      // needs the Admin role; with less, a soft delete still removes it (with a warning).
      try {
        await ops.deleteItem(u.workspaceId, id, true);
      } catch (err) {
        if (!(err instanceof FabricApiError && err.status === 403)) {
          gone(err);
          return 'done';
        }
        opts.log?.warn(
          `hard delete of ${u.type} '${u.name}' refused (${err.errorCode}: needs the workspace Admin role); ` +
            `deleted it softly instead: it stays in the recycle bin and its name may stay reserved for a while`,
        );
        await ops.deleteItem(u.workspaceId, id).catch(gone);
      }
      return 'done';
    }
    case 'restore-definition':
      await ops.updateItemDefinition(
        u.workspaceId,
        { id: u.itemId, type: u.type, displayName: u.name },
        u.definition,
      );
      return 'done';
    case 'restore-item-metadata':
      await ops.updateItem(u.workspaceId, u.itemId, {
        displayName: u.displayName ?? u.name,
        description: u.description,
      });
      return 'done';
    case 'move-item':
      await ops.moveItem(u.workspaceId, u.itemId, u.folderId);
      return 'done';
    case 'delete-folder':
    case 'release-lock': {
      let id = u.folderId;
      if (!id) {
        const found = (
          await ops.listFolders(u.workspaceId).catch((e) => (isNotFound(e) ? [] : Promise.reject(e)))
        ).find(
          (f) =>
            f.displayName === u.name &&
            (u.kind === 'release-lock' || (f.parentFolderId ?? undefined) === u.parentFolderId),
        );
        if (!found) return 'absent';
        id = found.id;
      }
      if (u.kind === 'release-lock') await releaseLock(ops, u.workspaceId, id);
      else await ops.deleteFolder(u.workspaceId, id).catch(gone);
      return 'done';
    }
    case 'remove-role':
      await ops.deleteRoleAssignment(u.workspaceId, u.principalId).catch(gone);
      return 'done';
    case 'restore-role':
      await ops.updateRoleAssignment(u.workspaceId, u.principalId, u.role);
      return 'done';
    case 'disconnect-git':
      await ops.disconnectGit(u.workspaceId).catch(gone);
      return 'done';
    case 'restore-capacity':
      await ops.assignCapacity(u.workspaceId, u.capacityId);
      return 'done';
    case 'restore-value-set':
      await ops.setActiveValueSet(u.workspaceId, u.itemId, u.valueSet, 'restore value set');
      return 'done';
    case 'restore-binding':
      await ops.bindConnection(u.workspaceId, u.itemId, u.connection, 'restore connection binding');
      return 'done';
    case 'delete-shortcut':
      await ops.deleteShortcut(u.workspaceId, u.itemId, u.path, u.shortcutName, 'undo shortcut').catch(gone);
      return 'done';
    case 'restore-shortcut':
      // CreateOrOverwrite: putting it back twice (a retried rollback) is the same as once.
      await ops.putShortcut(u.workspaceId, u.itemId, u.shortcut, 'restore shortcut');
      return 'done';
    case 'restore-workspace':
      await ops.updateWorkspace(u.workspaceId, { description: u.description });
      return 'done';
    case 'delete-workspace':
      await ops.deleteWorkspace(u.workspaceId).catch(gone);
      return 'done';
    case 'delete-workspace-by-name': {
      const found = (await ops.listWorkspaces()).find((w) => w.displayName === u.name);
      if (!found) return 'absent';
      await ops.deleteWorkspace(found.id).catch(gone);
      return 'done';
    }
    case 'none':
      return 'absent';
  }
}

/**
 * The item a create of unknown outcome may have made: by name and type (the plan saw none of that
 * name), else by the repository's logical id among the items of that type that were not there before
 * the run (the service may have stored another display name; an item that existed is never taken).
 */
async function findCreatedItem(
  ops: FabricOps,
  u: Extract<Undo, { kind: 'delete-item' }>,
): Promise<string | undefined> {
  const items = await ops
    .listItems(u.workspaceId, u.type)
    .catch((e) => (isNotFound(e) ? [] : Promise.reject(e)));
  const prior = new Set(u.priorIds ?? []);
  const fresh = items.filter((i) => i.type === u.type && !prior.has(i.id));
  const byName = fresh.find((i) => i.displayName.toLowerCase() === u.name.toLowerCase());
  if (byName) return byName.id;
  if (!u.logicalId || !u.priorIds) return undefined;
  for (const i of fresh) {
    const def = await ops.getItemDefinition(u.workspaceId, i).catch((e) => {
      if (isNotFound(e)) return undefined;
      throw e;
    });
    if (def && platformLogicalId(def)?.toLowerCase() === u.logicalId.toLowerCase()) return i.id;
  }
  return undefined;
}
