/**
 * Workspace lock: two deploys to one workspace must not interleave. The Fabric API has no lease or
 * ETag on a workspace, so the lock is something every deploy can see and create atomically: an
 * empty workspace folder named `fabric-deploy-lock <UTC time> <deployment id>`.
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
 * Releasing renames the lock to `fabric-deploy-done <time> <id>` (and removes older such markers),
 * so one empty marker folder stays in the workspace. It is what makes planning before locking
 * safe: a deploy plans without writing anything (an unchanged repository writes nothing at all),
 * then locks, and re-plans only if a lock was seen while planning or the marker changed, i.e.
 * another deploy ran in between.
 *
 * Locks older than `staleAfterMs` (a killed run) are ignored with a warning: the killed run's
 * journal still tells what to undo.
 */
import { randomInt } from 'node:crypto';
import { ConfigError, UserError } from '../errors';
import type { Folder } from '../fabric/types';
import type { Logger } from '../hosts/host';
import { FabricOps, isNotFound } from './api';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCK_PREFIX = 'fabric-deploy-lock';
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

/** Lock and done-marker folders: never planned, moved or deleted as content. */
export function isLockFolder(f: Pick<Folder, 'displayName'>): boolean {
  return f.displayName.startsWith(LOCK_PREFIX) || f.displayName.startsWith(DONE_PREFIX);
}

function doneName(lockFolderName: string): string {
  return lockFolderName.startsWith(LOCK_PREFIX)
    ? DONE_PREFIX + lockFolderName.slice(LOCK_PREFIX.length)
    : lockFolderName;
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
  /** Name of the newest done-marker (changes whenever a deploy finishes). */
  marker?: string;
}

/** Locks and the done-marker, from a folder list (the planner reads folders anyway). */
export function lockStateOf(
  folders: Folder[],
  deploymentId: string,
  opts: { staleAfterMs: number; log?: Logger },
): LockState {
  const out: LockState = { locks: [] };
  let newest: Date | undefined;
  for (const f of folders) {
    if (f.displayName.startsWith(DONE_PREFIX)) {
      const since = parseLock(f)?.since ?? new Date(0);
      if (!newest || since >= newest) {
        newest = since;
        out.marker = f.displayName;
      }
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
  /** The done-marker seen once the lock was ours. */
  marker?: string;
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
      if (state.locks.length === 0) return { folder: mine, waited, marker: state.marker };
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
 * Ends our hold: the lock folder becomes the done-marker (older markers are removed). `backOff`
 * (losing a race in acquireLock) deletes it instead: nothing was done under it.
 */
export async function releaseLock(
  ops: FabricOps,
  workspaceId: string,
  folderId: string,
  name: string,
  backOff = false,
): Promise<void> {
  const ignoreGone = (err: unknown) => {
    if (!isNotFound(err)) throw err;
  };
  if (backOff) {
    await ops.deleteFolder(workspaceId, folderId).catch(ignoreGone);
    return;
  }
  const marker = doneName(name);
  try {
    await ops.renameFolder(workspaceId, folderId, marker);
  } catch (err) {
    if (isNotFound(err)) return;
    // A marker that cannot be written must not leave the lock held.
    await ops.deleteFolder(workspaceId, folderId).catch(ignoreGone);
    return;
  }
  const folders = await ops.listFolders(workspaceId).catch(() => [] as Folder[]);
  for (const f of folders) {
    if (f.id !== folderId && f.displayName.startsWith(DONE_PREFIX))
      await ops.deleteFolder(workspaceId, f.id).catch(() => undefined);
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
