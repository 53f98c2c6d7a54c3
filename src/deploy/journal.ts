/**
 * The transaction journal: every write is recorded *before* it is sent (with the way to undo it) and
 * marked applied after, in a JSON-lines file that is fsync'd per record. A run killed at any point
 * leaves a journal from which `rollbackFromJournal` can undo exactly what was applied.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Host, Logger } from '../hosts/host';
import type { Connection, ItemDefinition, WorkspaceRole } from '../fabric/types';
import type { AuditLog, AuditRecord } from '../report/telemetry-types';
import { errorMessage } from '../errors';
import { CircuitOpenError, FabricApiError, isDefiniteFailure } from '../fabric/errors';
import { FabricOps, isNotFound } from './api';
import { acquireLock, releaseLock, type Acquired, type LockOptions } from './lock';
import { TokenExpiredError } from '../identity/token-cache';
import type { Folder } from '../fabric/types';

/** How to undo one applied step. Everything needed is in the record: a journal is replayable alone. */
export type Undo =
  | {
      kind: 'delete-item';
      workspaceId: string;
      itemId?: string;
      type: string;
      name: string;
      /** The repository's logical id: how a create whose answer never came is found when its name is not. */
      logicalId?: string;
      /** Ids of the items of this type the workspace had before the run: never taken for this one. */
      priorIds?: string[];
    }
  | {
      kind: 'restore-definition';
      workspaceId: string;
      itemId: string;
      type: string;
      name: string;
      definition: ItemDefinition;
    }
  | {
      kind: 'restore-item-metadata';
      workspaceId: string;
      itemId: string;
      type: string;
      name: string;
      description: string;
      /** The display name before the run (older journals: `name`). */
      displayName?: string;
    }
  | { kind: 'move-item'; workspaceId: string; itemId: string; type: string; name: string; folderId?: string }
  | { kind: 'delete-folder'; workspaceId: string; folderId?: string; name: string; parentFolderId?: string }
  | { kind: 'remove-role'; workspaceId: string; principalId: string; principal: string }
  | { kind: 'restore-role'; workspaceId: string; principalId: string; principal: string; role: WorkspaceRole }
  | { kind: 'disconnect-git'; workspaceId: string }
  | { kind: 'restore-capacity'; workspaceId: string; capacityId?: string }
  | { kind: 'restore-workspace'; workspaceId: string; description: string }
  | { kind: 'restore-value-set'; workspaceId: string; itemId: string; valueSet: string }
  /** A semantic model's data source rebound as it was (connectivityType None: unbound). */
  | { kind: 'restore-binding'; workspaceId: string; itemId: string; name: string; connection: Connection }
  | { kind: 'delete-workspace'; workspaceId: string; name: string }
  /** A workspace create whose answer never came: found by its name (unique in the tenant; the plan saw none). */
  | { kind: 'delete-workspace-by-name'; name: string }
  | { kind: 'release-lock'; workspaceId: string; folderId?: string; name: string }
  | { kind: 'none'; reason: string };

export interface StepTarget {
  type: string;
  name?: string;
  id?: string;
}

export type StepStatus = 'pending' | 'applied' | 'failed' | 'undone' | 'undo-failed' | 'undo-skipped';

export interface StepRecord {
  seq: number;
  /** Audit action, e.g. item.create, role.add, git.connect. */
  action: string;
  target: StepTarget;
  undo: Undo;
  status: StepStatus;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  error?: string;
  /** The failure proves nothing changed (a 4xx answer): no blind undo needed. */
  definite?: boolean;
  undoError?: string;
  /** Its outcome was unknown and the lookup found nothing: not applied as far as anyone can tell. */
  absent?: boolean;
}

export interface JournalHeader {
  rec: 'begin';
  journal: 'fabric-deploy';
  version: 1;
  deploymentId: string;
  command: string;
  workspace: { id?: string; name?: string };
  startedAt: string;
  pid: number;
  /**
   * Present when resolved secret values were written as their `${secret:NAME}` references: where they
   * came from, so a replay resolves them again (docs/reliability.md, "Secrets on disk").
   */
  secrets?: JournalSecretSources;
}

export interface JournalSecretSources {
  keyVault?: string;
  dotenv?: string;
}

type Line =
  | JournalHeader
  | {
      rec: 'step';
      seq: number;
      time: string;
      action: string;
      target: StepTarget;
      undo: Undo;
      before?: Record<string, unknown>;
      after?: Record<string, unknown>;
    }
  | {
      rec: 'applied';
      seq: number;
      time: string;
      target?: StepTarget;
      undo?: Undo;
      after?: Record<string, unknown>;
    }
  | { rec: 'failed'; seq: number; time: string; error: string; definite?: boolean }
  | { rec: 'undone'; seq: number; time: string }
  | { rec: 'undo-failed'; seq: number; time: string; error: string }
  /** `absent`: a create of unknown outcome was looked up and not found; a later replay looks again. */
  | { rec: 'undo-skipped'; seq: number; time: string; reason: string; absent?: boolean }
  | { rec: 'commit'; time: string }
  | { rec: 'end'; time: string; result: string };

export interface UndoOutcome {
  seq: number;
  action: string;
  target: StepTarget;
  undo: Undo['kind'];
  result: 'undone' | 'failed' | 'skipped';
  error?: string;
  /** Skipped because the lookup of a create of unknown outcome found nothing. */
  absent?: boolean;
}

export interface TransactionOptions {
  file: string;
  deploymentId: string;
  command: string;
  workspace: { id?: string; name?: string };
  log: Logger;
  audit: AuditLog;
  identity?: AuditRecord['identity'];
  /** Replaces resolved secret values by their references in every line written (the journal is a file on disk). */
  redact?: <T>(line: T) => T;
  /** Recorded in the header with `redact`: where the references resolve from. */
  secretSources?: JournalSecretSources;
}

/** The name a step saves its journal under for its post-job step (`src/commands/post-job.ts`). */
export const JOURNAL_STATE = 'journal';

/**
 * Tells the host where this run's journal is, before its first line is written: the post-job step
 * replays it when the run is killed, and the `journal-file` output is set already (a killed step sets
 * no other output), so a later `command: rollback` step can be given it.
 */
export function rememberJournal(host: Pick<Host, 'saveState' | 'setOutput'>, file: string): void {
  host.saveState?.(JOURNAL_STATE, file);
  host.setOutput('journal-file', file);
}

/** Default journal location: one file per deployment in the host's temp dir. */
export function journalPath(tempDir: string, deploymentId: string): string {
  return path.join(tempDir, `fabric-deploy-journal-${deploymentId}.jsonl`);
}

export class Transaction {
  private readonly records: StepRecord[] = [];
  private seq = 0;
  private committed = false;

  private constructor(
    readonly options: TransactionOptions,
    private readonly handle: fs.FileHandle,
  ) {}

  get file(): string {
    return this.options.file;
  }

  static async begin(options: TransactionOptions): Promise<Transaction> {
    await fs.mkdir(path.dirname(options.file), { recursive: true });
    const handle = await fs.open(options.file, 'a', 0o600);
    const tx = new Transaction(options, handle);
    await tx.write({
      rec: 'begin',
      journal: 'fabric-deploy',
      version: 1,
      deploymentId: options.deploymentId,
      command: options.command,
      workspace: options.workspace,
      startedAt: new Date().toISOString(),
      pid: process.pid,
      ...(options.redact ? { secrets: options.secretSources ?? {} } : {}),
    });
    return tx;
  }

  private queued: { line: string; done: () => void; fail: (e: unknown) => void }[] = [];
  private flushing = false;

  /**
   * Appends one line; resolves once it is on disk (fsync'd). Lines written while a flush runs are
   * committed together by the next one (group commit): parallel steps share an fsync instead of
   * queueing one each, and every step's intent is still durable before its request goes out.
   */
  private write(line: Line): Promise<void> {
    return new Promise<void>((done, fail) => {
      const onDisk = this.options.redact ? this.options.redact(line) : line;
      this.queued.push({ line: JSON.stringify(onDisk) + '\n', done, fail });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queued.length) {
      const batch = this.queued.splice(0);
      try {
        await this.handle.appendFile(batch.map((b) => b.line).join(''));
        await this.handle.datasync();
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.fail(err);
      }
    }
    this.flushing = false;
  }

  /** Steps in the order they were started. */
  steps(): readonly StepRecord[] {
    return this.records;
  }

  /** True when anything besides the lock was (or may have been) changed. */
  hasEffects(): boolean {
    return this.records.some(possiblyApplied);
  }

  /** Applied (or possibly applied) steps that a rollback would undo. */
  appliedSteps(): StepRecord[] {
    return this.records.filter(
      (r) => r.status === 'applied' || (r.status === 'pending' && r.undo.kind !== 'none'),
    );
  }

  /**
   * Records the intent, runs `apply`, records the outcome. `refine` turns the result into the final
   * undo (e.g. the id of a created item) and the audit `after`.
   */
  async step<T>(
    desc: {
      action: string;
      target: StepTarget;
      undo: Undo;
      before?: Record<string, unknown>;
      after?: Record<string, unknown>;
    },
    apply: () => Promise<T>,
    refine?: (result: T) => { target?: Partial<StepTarget>; undo?: Undo; after?: Record<string, unknown> },
  ): Promise<T> {
    if (this.committed && desc.undo.kind !== 'none' && desc.undo.kind !== 'release-lock')
      throw new Error('transaction already committed');
    const rec: StepRecord = {
      seq: ++this.seq,
      action: desc.action,
      target: { ...desc.target },
      undo: desc.undo,
      status: 'pending',
      before: desc.before,
      after: desc.after,
    };
    this.records.push(rec);
    await this.write({
      rec: 'step',
      seq: rec.seq,
      time: now(),
      action: rec.action,
      target: rec.target,
      undo: rec.undo,
      before: rec.before,
      after: rec.after,
    });
    let result: T;
    try {
      result = await apply();
    } catch (err) {
      rec.status = 'failed';
      rec.error = errorMessage(err);
      rec.definite = isDefiniteFailure(err);
      await this.write({
        rec: 'failed',
        seq: rec.seq,
        time: now(),
        error: rec.error,
        definite: rec.definite,
      });
      this.audit(rec, 'failed');
      throw err;
    }
    const r = refine?.(result);
    if (r?.target) rec.target = { ...rec.target, ...r.target };
    if (r?.undo) rec.undo = r.undo;
    if (r?.after) rec.after = { ...(rec.after ?? {}), ...r.after };
    rec.status = 'applied';
    await this.write({
      rec: 'applied',
      seq: rec.seq,
      time: now(),
      target: r?.target ? rec.target : undefined,
      undo: r?.undo,
      after: r?.after,
    });
    this.audit(rec, 'succeeded');
    return result;
  }

  /** A change that cannot be undone (orphan deletion after commit, Git update): journalled and audited only. */
  async record(
    desc: { action: string; target: StepTarget; reason: string },
    apply: () => Promise<void>,
  ): Promise<void> {
    return this.step(
      { action: desc.action, target: desc.target, undo: { kind: 'none', reason: desc.reason } },
      apply,
    );
  }

  private audit(rec: StepRecord, result: AuditRecord['result']): void {
    this.options.audit.record({
      time: now(),
      deploymentId: this.options.deploymentId,
      action: rec.action,
      target: rec.target,
      before: rec.before,
      after: rec.after,
      result,
      error: rec.error,
      identity: this.options.identity,
    });
  }

  /** Marks the deploy as complete: a later `rollback --journal` of this file will undo nothing. */
  async commit(): Promise<void> {
    await this.write({ rec: 'commit', time: now() });
    this.committed = true;
  }

  /** Undoes every applied step, newest first, continuing past failures. */
  async rollback(ops: FabricOps, opts: { keepWorkspace?: boolean } = {}): Promise<UndoOutcome[]> {
    const outcomes = await undoSteps(ops, this.records, {
      log: this.options.log,
      keepWorkspace: opts.keepWorkspace,
      onOutcome: async (rec, o) => {
        if (o.result === 'undone') await this.write({ rec: 'undone', seq: rec.seq, time: now() });
        else if (o.result === 'failed')
          await this.write({ rec: 'undo-failed', seq: rec.seq, time: now(), error: o.error ?? '' });
        else await this.write(skippedLine(rec, o));
        auditUndo(this.options.audit, this.options.deploymentId, rec, o, this.options.identity);
      },
    });
    return outcomes;
  }

  /** Undoes one step now (releasing the lock at the end of a run) and journals it as undone. */
  async undoNow(
    ops: FabricOps,
    rec: StepRecord,
    apply: () => Promise<unknown> = () => applyUndo(ops, rec.undo),
  ): Promise<void> {
    await apply();
    rec.status = 'undone';
    await this.write({ rec: 'undone', seq: rec.seq, time: now() });
  }

  get isCommitted(): boolean {
    return this.committed;
  }

  async end(result: string): Promise<void> {
    await this.write({ rec: 'end', time: now(), result }).catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }
}

function now(): string {
  return new Date().toISOString();
}

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

function platformLogicalId(def: ItemDefinition): string | undefined {
  const part = def.parts?.find((p) => p.path === '.platform');
  if (!part?.payload) return undefined;
  try {
    const j = JSON.parse(Buffer.from(part.payload, 'base64').toString('utf8')) as {
      config?: { logicalId?: string };
    };
    return j.config?.logicalId;
  } catch {
    return undefined;
  }
}

export interface ParsedJournal {
  header?: JournalHeader;
  steps: StepRecord[];
  committed: boolean;
  ended?: string;
  /** Lines that could not be parsed (a torn last line after a kill). */
  badLines: number;
}

/** Folds the journal's lines back into step states. */
export function parseJournal(text: string): ParsedJournal {
  const out: ParsedJournal = { steps: [], committed: false, badLines: 0 };
  const bySeq = new Map<number, StepRecord>();
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      out.badLines++;
      continue;
    }
    switch (line.rec) {
      case 'begin':
        out.header = line;
        break;
      case 'step': {
        const rec: StepRecord = {
          seq: line.seq,
          action: line.action,
          target: line.target,
          undo: line.undo,
          status: 'pending',
          before: line.before,
          after: line.after,
        };
        bySeq.set(line.seq, rec);
        out.steps.push(rec);
        break;
      }
      case 'applied': {
        const rec = bySeq.get(line.seq);
        if (!rec) break;
        rec.status = 'applied';
        if (line.target) rec.target = line.target;
        if (line.undo) rec.undo = line.undo;
        break;
      }
      case 'failed': {
        const rec = bySeq.get(line.seq);
        if (rec) {
          rec.status = 'failed';
          rec.error = line.error;
          rec.definite = line.definite;
        }
        break;
      }
      case 'undone':
      case 'undo-failed':
      case 'undo-skipped': {
        const rec = bySeq.get(line.seq);
        if (rec) {
          rec.status = line.rec;
          rec.absent = line.rec === 'undo-skipped' && line.absent === true;
        }
        break;
      }
      case 'commit':
        out.committed = true;
        break;
      case 'end':
        out.ended = line.result;
        break;
    }
  }
  return out;
}

/** Re-opens a journal to append undo outcomes to it. */
export async function appendToJournal(file: string, lines: object[]): Promise<void> {
  const h = await fs.open(file, 'a');
  try {
    for (const l of lines) await h.appendFile(JSON.stringify(l) + '\n');
    await h.datasync();
  } finally {
    await h.close();
  }
}

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
