/**
 * The transaction journal: every write is recorded *before* it is sent (with the way to undo it) and
 * marked applied after, in a JSON-lines file that is fsync'd per record. A run killed at any point
 * leaves a journal from which `rollbackFromJournal` can undo exactly what was applied.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Host, Logger } from '../hosts/host';
import type { AuditLog, AuditRecord } from '../report/telemetry-types';
import { errorMessage } from '../errors';
import { isDefiniteFailure } from '../fabric/errors';
import { FabricOps } from './api';
import {
  journalTime as now,
  type JournalSecretSources,
  type Line,
  type StepRecord,
  type StepTarget,
  type Undo,
  type UndoOutcome,
} from './journal-records';
import { applyUndo, auditUndo, possiblyApplied, skippedLine, undoSteps } from './undo';

/** A definition the rollback snapshot holds is written as the snapshot's name only (bulk/snapshot.ts). */
function withoutSnapshotted(line: Line): Line {
  if ((line.rec !== 'step' && line.rec !== 'applied') || line.undo?.kind !== 'restore-definition')
    return line;
  if (!line.undo.snapshot) return line;
  const { definition: _held, ...undo } = line.undo;
  return { ...line, undo: undo as Undo };
}

/** What a step is about to do (journalled before it is sent). */
export interface StepDesc {
  action: string;
  target: StepTarget;
  undo: Undo;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** What a step's result adds to its record: the created id, the final undo, the audit's `after`. */
export interface Refinement {
  target?: Partial<StepTarget>;
  undo?: Undo;
  after?: Record<string, unknown>;
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
      const onDisk = withoutSnapshotted(this.options.redact ? this.options.redact(line) : line);
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
  async step<T>(desc: StepDesc, apply: () => Promise<T>, refine?: (result: T) => Refinement): Promise<T> {
    if (this.committed && desc.undo.kind !== 'none' && desc.undo.kind !== 'release-lock')
      throw new Error('transaction already committed');
    const [rec] = await this.intend([desc]);
    let result: T;
    try {
      result = await apply();
    } catch (err) {
      await this.failed(rec!, err, isDefiniteFailure(err));
      throw err;
    }
    await this.applied(rec!, refine?.(result));
    return result;
  }

  /** Records the intent of each step (with its undo) before anything is sent. */
  private async intend(descs: readonly StepDesc[]): Promise<StepRecord[]> {
    const recs: StepRecord[] = descs.map((d) => ({
      seq: ++this.seq,
      action: d.action,
      target: { ...d.target },
      undo: d.undo,
      status: 'pending',
      before: d.before,
      after: d.after,
    }));
    this.records.push(...recs);
    await Promise.all(
      recs.map((rec) =>
        this.write({
          rec: 'step',
          seq: rec.seq,
          time: now(),
          action: rec.action,
          target: rec.target,
          undo: rec.undo,
          before: rec.before,
          after: rec.after,
        }),
      ),
    );
    return recs;
  }

  private async failed(rec: StepRecord, err: unknown, definite: boolean): Promise<void> {
    rec.status = 'failed';
    rec.error = errorMessage(err);
    rec.definite = definite;
    await this.write({ rec: 'failed', seq: rec.seq, time: now(), error: rec.error, definite });
    this.audit(rec, 'failed');
  }

  /** Marks a step applied, with what its result added (the created id, the undo that needs it). */
  private async applied(rec: StepRecord, r: Refinement | undefined): Promise<void> {
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
  }

  /**
   * Many steps applied by one call (a bulk import): every intent is on disk before `apply` runs. A
   * failure of the call fails every step (and is thrown); otherwise `settle` says, step by step, what
   * the result means for it: its refinement, or a throw (that step failed; its outcome is not known
   * to be nothing, so a rollback still undoes it). Returns each step's error, if any.
   */
  async stepAll<T>(
    descs: readonly StepDesc[],
    apply: () => Promise<T>,
    settle: (result: T, index: number) => Refinement | undefined,
  ): Promise<{ result: T; errors: (unknown | undefined)[] }> {
    if (this.committed) throw new Error('transaction already committed');
    const recs = await this.intend(descs);
    let result: T;
    try {
      result = await apply();
    } catch (err) {
      await Promise.all(recs.map((rec) => this.failed(rec, err, isDefiniteFailure(err))));
      throw err;
    }
    const errors = await Promise.all(
      recs.map(async (rec, i) => {
        let r: Refinement | undefined;
        try {
          r = settle(result, i);
        } catch (err) {
          await this.failed(rec, err, false);
          return err;
        }
        await this.applied(rec, r);
        return undefined;
      }),
    );
    return { result, errors };
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
