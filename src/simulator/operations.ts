/**
 * Long-running operations (fabric-api-notes §2). An accepted request answers
 * 202 with an absolute Location, x-ms-operation-id and Retry-After; the work
 * (a closure) is applied when the operation's time is up. A FabricError thrown
 * by the work turns the operation Failed (HTTP 200 with status Failed).
 */
import type { Ctx } from './context';
import type { Reply } from './http';
import type { OperationRec } from './types';
import { FabricError } from './errors';
import { nowIso, uuid } from './ids';
import type { Simulator } from './simulator';

export interface LroSpec {
  kind: string;
  durationMs: number;
  retryAfter: number;
  /** Does a successful run have a /result? */
  hasResult: boolean;
  /** The work; its return value is the result. */
  apply: () => unknown;
  /** Runs when the operation ends, whatever the outcome (releases reservations). */
  cleanup?: () => void;
}

export class Operations {
  private work = new Map<string, () => unknown>();
  private cleanups = new Map<string, () => void>();
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private sim: Simulator) {}

  /** Start an LRO for this request and build the 202 reply. */
  start(ctx: Ctx, spec: LroSpec): Reply {
    const now = Date.now();
    const op: OperationRec = {
      id: uuid(),
      status: 'NotStarted',
      createdTimeUtc: nowIso(now),
      lastUpdatedTimeUtc: nowIso(now),
      startAt: now,
      doneAt: now + Math.max(0, spec.durationMs),
      kind: spec.kind,
      ownerOid: ctx.identity.oid,
      retryAfter: spec.retryAfter,
      hasResult: spec.hasResult,
      failWith: ctx.lroFail,
    };
    this.sim.state.operations[op.id] = op;
    this.work.set(op.id, spec.apply);
    if (spec.cleanup) this.cleanups.set(op.id, spec.cleanup);
    const t = setTimeout(() => this.complete(op.id), Math.max(0, spec.durationMs));
    t.unref();
    this.timers.set(op.id, t);
    this.sim.changed();
    // The real service's item-create 202s carry a JSON `null` body (application/json; charset=utf-8).
    return { status: 202, body: null, headers: this.headers(op, this.stateUrl(op.id)) };
  }

  stateUrl(id: string): string {
    return `${this.sim.url}/v1/operations/${id}`;
  }

  headers(op: OperationRec, location?: string): Record<string, string> {
    const h: Record<string, string> = { 'x-ms-operation-id': op.id, 'Retry-After': String(op.retryAfter) };
    if (location) h.Location = location;
    return h;
  }

  /** Apply the work if its time has come (timers may lag behind a fast poller). */
  settle(op: OperationRec): void {
    if ((op.status === 'NotStarted' || op.status === 'Running') && Date.now() >= op.doneAt)
      this.complete(op.id);
  }

  complete(id: string): void {
    const op = this.sim.state.operations[id];
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
    if (!op || op.status === 'Succeeded' || op.status === 'Failed') return;
    const work = this.work.get(id);
    this.work.delete(id);
    const cleanup = this.cleanups.get(id);
    this.cleanups.delete(id);
    cleanup?.();
    op.lastUpdatedTimeUtc = nowIso();
    if (op.failWith) {
      op.status = 'Failed';
      op.error = { errorCode: op.failWith.errorCode, message: op.failWith.message };
    } else if (!work) {
      // Lost across a restart: the work closure is not persisted.
      op.status = 'Failed';
      op.error = {
        errorCode: 'OperationInterrupted',
        message: 'The simulator restarted while the operation was running.',
      };
    } else {
      try {
        const result = work();
        op.status = 'Succeeded';
        if (op.hasResult) op.result = result;
      } catch (e) {
        op.status = 'Failed';
        op.error =
          e instanceof FabricError
            ? { errorCode: e.errorCode, message: e.message }
            : { errorCode: 'InternalError', message: (e as Error).message };
      }
    }
    this.sim.changed();
  }

  /** GET /v1/operations/{id} */
  getState(ctx: Ctx): Reply {
    const op = this.find(ctx);
    this.settle(op);
    const now = Date.now();
    if (op.status === 'NotStarted' || op.status === 'Running') {
      const span = Math.max(1, op.doneAt - op.startAt);
      const f = (now - op.startAt) / span;
      // Every poll of a running operation in the recorded trace says Running (never NotStarted).
      op.status = 'Running';
      const body = {
        status: op.status,
        createdTimeUtc: op.createdTimeUtc,
        lastUpdatedTimeUtc: nowIso(now),
        percentComplete: Math.min(99, Math.max(0, Math.floor(f * 100))),
      };
      return { status: 200, body, headers: this.headers(op, this.stateUrl(op.id)) };
    }
    const body: Record<string, unknown> = {
      status: op.status,
      createdTimeUtc: op.createdTimeUtc,
      lastUpdatedTimeUtc: op.lastUpdatedTimeUtc,
      percentComplete: 100,
    };
    if (op.status === 'Failed' && op.error) body.error = { ...op.error, requestId: ctx.requestId };
    // On success with a result Location points at /result; without a result it is left out.
    const location = op.status === 'Succeeded' && op.hasResult ? `${this.stateUrl(op.id)}/result` : undefined;
    // A finished operation has no Retry-After (as recorded).
    const headers = this.headers(op, location);
    delete headers['Retry-After'];
    return { status: 200, body, headers };
  }

  /** GET /v1/operations/{id}/result */
  getResult(ctx: Ctx): Reply {
    const op = this.find(ctx);
    this.settle(op);
    if (op.status !== 'Succeeded')
      throw new FabricError(
        400,
        'OperationNotSucceeded',
        `The operation is in state ${op.status}; it has no result.`,
      );
    if (!op.hasResult) throw new FabricError(400, 'OperationHasNoResult', 'The operation has no result.');
    // As recorded: plain `application/json` (no charset) and no x-ms-operation-id on /result.
    return {
      status: 200,
      body: op.result ?? {},
      headers: { 'Content-Type': 'application/json' },
    };
  }

  private find(ctx: Ctx): OperationRec {
    const op = this.sim.state.operations[ctx.params.operationId ?? ''];
    // Only the identity that started an operation can see it.
    if (!op || (op.ownerOid && op.ownerOid !== ctx.identity.oid))
      throw new FabricError(404, 'OperationNotFound', 'The requested operation was not found.');
    return op;
  }

  /** Stop timers (close). Pending operations stay pending in the state. */
  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const c of this.cleanups.values()) c();
    this.cleanups.clear();
  }

  /** After loading persisted state: operations whose work was lost end Failed when polled. */
  adoptLoaded(): void {
    for (const op of Object.values(this.sim.state.operations)) {
      if (op.status === 'NotStarted' || op.status === 'Running') op.doneAt = Math.min(op.doneAt, Date.now());
    }
  }
}
