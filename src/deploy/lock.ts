/**
 * Workspace lock: two deploys to one workspace must not interleave. The Fabric API has no lease or
 * ETag on a workspace, so the lock is something every deploy can see and create atomically: an
 * empty workspace folder named `fabric-deploy-lock <UTC time> <deployment id>`, held only while the
 * run writes and deleted when it ends (nothing of this tool stays in the workspace).
 *
 * Protocol (mutual exclusion needs only read-after-write consistency of create/list folders):
 *   1. list folders; a live lock of another deployment → wait or fail, naming it;
 *   2. create our lock folder;
 *   3. list again; if any other live lock exists, delete ours, pause a random moment and go back
 *      to 1 (a few times: two runs that started together both back off, and whoever looks first
 *      next wins; the other then sees a held lock and waits or fails).
 * A run that proceeds saw no other lock after creating its own, so any competitor created its
 * folder later and will see ours in its step 3.
 *
 * Planning before locking stays safe without a marker: a deploy plans without writing (an unchanged
 * repository writes nothing at all); one with changes takes the lock and plans again under it from a
 * full re-read, so whatever another deploy did between the first plan and the lock is seen.
 *
 * Earlier versions (0.1.0 and before) renamed the lock to `fabric-deploy-done <time> <id>` on release and left it in
 * the workspace. Such folders are never planned as content; whoever holds the lock next deletes them
 * (and says so). A lock whose delete Fabric refuses is renamed to that form, so it blocks nobody and
 * the next run removes it.
 *
 * Locks older than `staleAfterMs` (a killed run) are ignored with a warning: the killed run's
 * journal still tells what to undo.
 */
import { randomInt } from 'node:crypto';
import { ConfigError, errorMessage, UserError } from '../errors';
import type { Folder } from '../fabric/types';
import type { Logger } from '../hosts/host';
import { FabricOps, isNotFound } from './api';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCK_PREFIX = 'fabric-deploy-lock';
/** The released-lock marker of earlier versions (and of a lock whose delete was refused). */
export const DONE_PREFIX = 'fabric-deploy-done';
const LOCK_RE = /^fabric-deploy-(?:lock|done) (\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ) ([0-9a-f-]{8,36})$/i;

export interface LockInfo {
  folderId: string;
  name: string;
  deploymentId: string;
  since: Date;
}

export interface LockOptions {
  /** How long to wait for another deployment's lock before failing (0 = fail at once). */
  waitMs?: number;
  /** A lock older than this is a leftover of a killed run and is ignored. */
  staleAfterMs?: number;
  /** Poll interval while waiting (jittered). */
  pollMs?: number;
}

export const DEFAULT_LOCK: Required<LockOptions> = { waitMs: 0, staleAfterMs: 6 * 60 * 60_000, pollMs: 5000 };

/** Folder names allow no ':' or '.', so the time uses '-' (2025-01-31T10-00-00Z). */
export function lockName(deploymentId: string, at = new Date()): string {
  return `${LOCK_PREFIX} ${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')} ${deploymentId}`;
}

/** Lock folders and old markers: never planned, moved or deleted as content. */
export function isLockFolder(f: Pick<Folder, 'displayName'>): boolean {
  return f.displayName.startsWith(LOCK_PREFIX) || f.displayName.startsWith(DONE_PREFIX);
}

export function parseLock(f: Folder): LockInfo | undefined {
  const m = LOCK_RE.exec(f.displayName);
  if (!m) return undefined;
  const iso = m[1]!.replace(/T(\d\d)-(\d\d)-(\d\d)Z$/, 'T$1:$2:$3Z');
  return { folderId: f.id, name: f.displayName, deploymentId: m[2]!, since: new Date(iso) };
}

export interface LockState {
  /** Live locks of other deployments. */
  locks: LockInfo[];
  /** Released-lock markers (`fabric-deploy-done …`) left by earlier versions: removed under the lock. */
  leftovers: Folder[];
}

/** Locks and leftover markers, from a folder list (the planner reads folders anyway). */
export function lockStateOf(
  folders: Folder[],
  deploymentId: string,
  opts: { staleAfterMs: number; log?: Logger },
): LockState {
  const out: LockState = { locks: [], leftovers: [] };
  for (const f of folders) {
    if (f.displayName.startsWith(DONE_PREFIX)) {
      out.leftovers.push(f);
      continue;
    }
    if (!f.displayName.startsWith(LOCK_PREFIX)) continue;
    const info = parseLock(f) ?? {
      folderId: f.id,
      name: f.displayName,
      deploymentId: '?',
      since: new Date(0),
    };
    if (info.deploymentId === deploymentId) continue;
    if (Date.now() - info.since.getTime() > opts.staleAfterMs) {
      opts.log?.warn(
        `ignoring a stale lock '${f.displayName}' (deployment ${info.deploymentId}, ${ageText(info.since)} old): that run probably died; ` +
          `undo what it left with 'fabric-deploy rollback --journal <its journal>' and delete the folder`,
      );
      continue;
    }
    out.locks.push(info);
  }
  return out;
}

export async function readLockState(
  ops: FabricOps,
  workspaceId: string,
  deploymentId: string,
  opts: { staleAfterMs: number; log?: Logger },
): Promise<LockState> {
  return lockStateOf(await ops.listFolders(workspaceId), deploymentId, opts);
}

export class WorkspaceLockedError extends UserError {
  constructor(
    readonly holders: LockInfo[],
    waitedMs: number,
  ) {
    const h = holders[0]!;
    super(
      `workspace is locked by deployment ${h.deploymentId} (started ${h.since.toISOString()}, ${ageText(h.since)} ago)` +
        (waitedMs > 0 ? ` — waited ${Math.round(waitedMs / 1000)} s` : ''),
      {
        field: 'workspace',
        code: 'WorkspaceLocked',
        fix:
          'wait for that deployment to finish (or serialise runs with a CI concurrency group); if it was killed, run ' +
          `'fabric-deploy rollback --journal <its journal>' or delete the workspace folder '${h.name}'`,
      },
    );
    this.name = 'WorkspaceLockedError';
  }
}

export interface Acquired {
  folder: Folder;
  /** Another deployment held the lock for a while first. */
  waited: boolean;
}

/**
 * Takes the lock, creating the folder through `create` (so the caller can journal it) and backing
 * off through `release`. Throws WorkspaceLockedError when another deployment holds it past `waitMs`.
 */
export async function acquireLock(
  ops: FabricOps,
  workspaceId: string,
  deploymentId: string,
  create: (name: string) => Promise<Folder>,
  release: (f: Folder) => Promise<void>,
  options: LockOptions & { log: Logger },
): Promise<Acquired> {
  const o = { ...DEFAULT_LOCK, ...stripUndefined(options) };
  const started = Date.now();
  let waited = false;
  let collisions = 0;
  for (let attempt = 0; ; attempt++) {
    let state = await readLockState(ops, workspaceId, deploymentId, {
      staleAfterMs: o.staleAfterMs,
      log: attempt === 0 ? options.log : undefined,
    });
    if (state.locks.length === 0) {
      const mine = await create(lockName(deploymentId));
      state = await readLockState(ops, workspaceId, deploymentId, { staleAfterMs: o.staleAfterMs });
      if (state.locks.length === 0) {
        await removeLeftovers(ops, workspaceId, state.leftovers, options.log);
        return { folder: mine, waited };
      }
      // Someone created theirs between our two looks: back off so at most one proceeds.
      await release(mine);
      // Both may have backed off: a collision is not a held lock, so retry after a random pause
      // (whoever looks first next time wins) before treating it as one.
      if (collisions++ < 5) {
        await sleep(50 + randomInt(500));
        continue;
      }
    }
    const spent = Date.now() - started;
    if (spent >= o.waitMs) throw new WorkspaceLockedError(state.locks, spent);
    if (!waited)
      options.log.info(
        `workspace is locked by deployment ${state.locks[0]!.deploymentId}; waiting up to ${Math.round(o.waitMs / 1000)} s`,
      );
    waited = true;
    await sleep(Math.min(o.waitMs - spent, o.pollMs / 2 + randomInt(Math.max(1, o.pollMs))));
  }
}

/**
 * Ends our hold: the lock folder is deleted. Should Fabric refuse that delete, the folder is renamed
 * to a released marker instead, so it holds nobody up (and the next run deletes it); only when both
 * are refused does the error reach the caller, who names the folder to delete by hand.
 */
export async function releaseLock(ops: FabricOps, workspaceId: string, folderId: string): Promise<void> {
  try {
    await ops.deleteFolder(workspaceId, folderId);
  } catch (err) {
    if (isNotFound(err)) return;
    const released = `${DONE_PREFIX} ${new Date()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replace(/:/g, '-')} released`;
    await ops.renameFolder(workspaceId, folderId, released).catch((renameErr: unknown) => {
      if (!isNotFound(renameErr)) throw err;
    });
  }
}

/**
 * Deletes the released-lock markers earlier versions left (we hold the lock, so none is in use).
 * A refusal is a warning: they are litter, not state.
 */
async function removeLeftovers(ops: FabricOps, workspaceId: string, leftovers: Folder[], log: Logger) {
  for (const f of leftovers) {
    try {
      await ops.deleteFolder(workspaceId, f.id);
      log.info(
        `removed the folder '${f.displayName}' an earlier version of fabric-deploy left in the workspace`,
      );
    } catch (err) {
      if (!isNotFound(err))
        log.warn(
          `could not remove the folder '${f.displayName}' an earlier version of fabric-deploy left: ${errorMessage(err)}; delete it by hand`,
        );
    }
  }
}

function ageText(since: Date): string {
  const s = Math.max(0, Math.round((Date.now() - since.getTime()) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Validates lock options given in config or inputs. */
export function checkLockOptions(o: LockOptions): void {
  if (o.waitMs !== undefined && (!Number.isFinite(o.waitMs) || o.waitMs < 0)) {
    throw new ConfigError(`lock wait must be a number of seconds ≥ 0`, { field: 'lock-wait' });
  }
}
