/**
 * The one polling loop of the client. `Poller` owns the schedule (early polls doubling, `Retry-After`
 * as the upper bound, a floor, pacing around an expected duration), the deadline and the abortable
 * wait; what one poll does is its subclass's:
 *
 * - `LroPoller`, long-running operations (fabric-api-notes §2): a 202 carries `Location` (absolute,
 *   possibly another host) and `x-ms-operation-id`; polling returns an OperationState; a Succeeded
 *   state that has a result points `Location` at `/operations/{id}/result`; a Failed state carries
 *   the service's error.
 * - `ConditionPoller`, a resource read until it says done (capacity assignment, SQL endpoint
 *   provisioning, an environment publish with nothing to poll).
 */
import { FabricApiError, markAmbiguousEarlier } from './errors';
import type { ClientEvent } from './events';
import type { PipelineResponse } from './pipeline';
import { parseRetryAfter } from './policies';
import { abortableSleep } from './rate-limit';
import type { OperationState } from './types';

export interface LroOptions {
  /** Wait before the first poll (ms, default 1000). Later polls double it: 1, 2, 4, 8, 16 s… */
  initialDelayMs?: number;
  /** Floor of the poll interval (ms, default 500), so `Retry-After: 0` does not spin. */
  minIntervalMs?: number;
  /** Ceiling of the poll interval when the service sends no `Retry-After` (ms, default 30 000). */
  maxIntervalMs?: number;
  /** Give up after this long (ms, default 20 min); one last poll is made at the deadline. */
  deadlineMs?: number;
  /**
   * Wait before the first poll instead of `initialDelayMs` (a caller that knows when the operation
   * usually ends). Capped by `Retry-After` when the service sends one (`0` → `minIntervalMs`) and by
   * the deadline, so it never polls later than the service asked.
   */
  firstPollDelayMs?: number;
  /**
   * Pacing: the operation's typical duration (ms, in units of a 1 s `initialDelayMs`). Polls then
   * start at 80 % of it and follow every 10 % (growing to 30 %), instead of the doubling cadence,
   * which sees a 30 s operation only at 31 s and a 20 s one at 31 s too, adding up along a
   * dependency chain. A cadence scaled for a time-scaled simulator scales the pacing with it.
   */
  expectedMs?: number;
  /**
   * Pacing's step (same units as `expectedMs`; default a tenth of it). One long operation that stands
   * for many items (a bulk import) is polled more finely near its end: polls of one call cost little.
   */
  pacingStepMs?: number;
  signal?: AbortSignal;
}

export const LRO_DEFAULTS = {
  initialDelayMs: 1000,
  minIntervalMs: 500,
  maxIntervalMs: 30_000,
  deadlineMs: 20 * 60_000,
} as const;

/**
 * Interval before poll number `poll` (0-based): short early polls doubling from `initialDelayMs`,
 * with `Retry-After` as the upper bound (not the floor) and `minIntervalMs` as the floor.
 */
export function pollDelay(poll: number, opts: LroOptions = {}, retryAfterMs?: number): number {
  const initial = opts.initialDelayMs ?? LRO_DEFAULTS.initialDelayMs;
  const min = opts.minIntervalMs ?? LRO_DEFAULTS.minIntervalMs;
  const max = opts.maxIntervalMs ?? LRO_DEFAULTS.maxIntervalMs;
  const upper = retryAfterMs === undefined ? max : Math.min(retryAfterMs, max);
  const early = initial * 2 ** Math.min(poll, 30);
  return Math.max(min, Math.min(early, upper));
}

/** The schedule `expectedMs` asks for (see LroOptions.expectedMs); other options stay as given. */
export function pacedSchedule(opts: LroOptions): LroOptions {
  if (opts.expectedMs === undefined) return opts;
  const unit = (opts.initialDelayMs ?? LRO_DEFAULTS.initialDelayMs) / 1000;
  const floor = opts.minIntervalMs ?? LRO_DEFAULTS.minIntervalMs * unit;
  const step = Math.max(floor, (opts.pacingStepMs ?? 0.1 * opts.expectedMs) * unit);
  return {
    ...opts,
    initialDelayMs: step,
    maxIntervalMs: Math.max(step, 3 * step),
    firstPollDelayMs: Math.max(step, 0.8 * opts.expectedMs * unit),
  };
}

export interface PollState<T> {
  status: 'NotStarted' | 'Running' | 'Succeeded' | 'Failed' | 'Undefined' | string;
  polls: number;
  result?: T;
  error?: FabricApiError;
}

/** Waits, polls, repeats until done or the deadline; the state is inspectable (as in Azure core-lro). */
export abstract class Poller<T, S extends PollState<T> = PollState<T>> {
  protected retryAfterMs?: number;
  protected readonly opts: LroOptions;
  private readonly startedAt = Date.now();
  private lastPollAt = 0;

  protected constructor(
    readonly state: S,
    opts: LroOptions,
  ) {
    this.opts = pacedSchedule(opts);
  }

  get isDone(): boolean {
    return (
      this.state.status === 'Succeeded' || this.state.status === 'Failed' || this.state.status === 'Undefined'
    );
  }

  /** The wait before the next poll. */
  nextDelayMs(): number {
    const first = this.opts.firstPollDelayMs;
    if (this.state.polls > 0 || first === undefined)
      return pollDelay(this.state.polls, this.opts, this.retryAfterMs);
    const min = this.opts.minIntervalMs ?? LRO_DEFAULTS.minIntervalMs;
    return Math.max(min, this.retryAfterMs === undefined ? first : Math.min(first, this.retryAfterMs));
  }

  /**
   * Waits the next interval (never past the deadline), polls once and updates `state`. At the deadline
   * it looks once more before giving up: an operation that finished in the meantime is not reported
   * as failed.
   */
  async poll(): Promise<void> {
    if (this.isDone) return;
    const deadlineMs = this.opts.deadlineMs ?? LRO_DEFAULTS.deadlineMs;
    const deadline = this.startedAt + deadlineMs;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      if (this.lastPollAt >= deadline) throw this.deadlineError(deadlineMs);
      await this.pollNow();
      if (!this.isDone) throw this.deadlineError(deadlineMs);
      return;
    }
    await abortableSleep(Math.min(this.nextDelayMs(), remaining), this.opts.signal);
    await this.pollNow();
  }

  /** Polls until Succeeded (returns the result, if any) or Failed (throws the service's error). */
  async pollUntilDone(): Promise<T | undefined> {
    while (!this.isDone) await this.poll();
    if (this.state.error) throw this.state.error;
    return this.state.result;
  }

  private async pollNow(): Promise<void> {
    this.lastPollAt = Date.now();
    await this.pollOnce();
    this.state.polls++;
  }

  /** One look at the operation: updates `state` (and `retryAfterMs` when the service sends one). */
  protected abstract pollOnce(): Promise<void>;

  protected abstract deadlineError(deadlineMs: number): FabricApiError;
}

export interface LroHost {
  /** GET through the pipeline (auth, retry, breaker, LRO rate bucket). */
  get(operation: string, url: string, signal?: AbortSignal): Promise<PipelineResponse>;
  /** Base URL used to build `/operations/{id}` when a 202 has no Location. */
  baseUrl: string;
  emit(e: ClientEvent): void;
}

export interface LroState<T> extends PollState<T> {
  operationId?: string;
  percentComplete?: number | null;
  pollUrl?: string;
}

/** A long-running operation, from the answer that started it. */
export class LroPoller<T> extends Poller<T, LroState<T>> {
  constructor(
    private readonly host: LroHost,
    readonly operation: string,
    initial: PipelineResponse,
    opts: LroOptions = {},
  ) {
    super({ status: 'NotStarted', polls: 0 }, opts);
    if (initial.status !== 202) {
      // Finished in-line (200/201): the body is the result.
      this.state.status = 'Succeeded';
      this.state.result = initial.body as T;
      return;
    }
    const operationId = initial.headers.get('x-ms-operation-id') ?? undefined;
    const location = initial.headers.get('location');
    this.state.operationId = operationId;
    this.state.pollUrl = location
      ? new URL(location, initial.request.url).toString()
      : operationId
        ? `${host.baseUrl.replace(/\/$/, '')}/operations/${encodeURIComponent(operationId)}`
        : undefined;
    this.retryAfterMs = secondsToMs(parseRetryAfter(initial.headers.get('retry-after')));
    // A 202 with neither header (assignToCapacity style) has nothing to poll.
    if (!this.state.pollUrl) this.state.status = 'Succeeded';
  }

  protected async pollOnce(): Promise<void> {
    try {
      await this.pollOperation();
    } catch (err) {
      // The request was accepted (202): whatever a poll or /result answers now (404, 400, a lost
      // answer), the change may have been applied, so this error proves nothing about the outcome.
      markAmbiguousEarlier(err);
      throw err;
    }
  }

  private async pollOperation(): Promise<void> {
    const pollUrl = this.state.pollUrl!;
    const res = await this.host.get(this.operation, pollUrl, this.opts.signal);
    this.retryAfterMs = secondsToMs(parseRetryAfter(res.headers.get('retry-after'))) ?? this.retryAfterMs;
    const body = (res.body ?? {}) as Partial<OperationState>;
    this.state.status = body.status ?? 'Undefined';
    this.state.percentComplete = body.percentComplete;
    this.state.operationId ??= res.headers.get('x-ms-operation-id') ?? undefined;
    this.host.emit({
      type: 'lro',
      operation: this.operation,
      operationId: this.state.operationId,
      status: this.state.status,
      percentComplete: body.percentComplete,
    });

    if (this.state.status === 'Succeeded') {
      const next = res.headers.get('location');
      const resultUrl = next ? new URL(next, pollUrl).toString() : undefined;
      // Only fetch a result the service points at; no Location means the operation has none.
      if (resultUrl && resultUrl !== pollUrl) {
        const result = await this.host.get(`${this.operation} (result)`, resultUrl, this.opts.signal);
        this.state.result = result.body as T;
      }
      return;
    }
    if (this.state.status === 'Failed' || this.state.status === 'Undefined') {
      const error = body.error ?? {
        errorCode: 'OperationFailed',
        message: `the operation ended ${this.state.status} without an error`,
      };
      this.state.error = new FabricApiError({
        operation: this.operation,
        status: 0,
        body: error,
        requestId: res.headers.get('requestid') ?? undefined,
        operationId: this.state.operationId,
      });
    }
  }

  protected deadlineError(deadlineMs: number): FabricApiError {
    const pct = this.state.percentComplete != null ? `, ${this.state.percentComplete}%` : '';
    return new FabricApiError({
      operation: this.operation,
      status: 0,
      body: {
        errorCode: 'OperationDeadlineExceeded',
        message: `still ${this.state.status}${pct} after ${Math.round(deadlineMs / 1000)} s (${this.state.polls} polls)`,
      },
      operationId: this.state.operationId,
    });
  }
}

/**
 * A resource read until `done` says so; `done` throws to end in failure. The first read is made at
 * once (`start`), as the answer to the call that began the change.
 */
export class ConditionPoller<T> extends Poller<T> {
  constructor(
    private readonly what: string,
    private readonly get: () => Promise<T>,
    private readonly done: (v: T) => boolean,
    opts: LroOptions = {},
  ) {
    super({ status: 'NotStarted', polls: 0 }, opts);
  }

  /** Reads once now and polls until done; returns the last value read. */
  async start(): Promise<T> {
    await this.pollOnce();
    await this.pollUntilDone();
    return this.state.result as T;
  }

  protected async pollOnce(): Promise<void> {
    const v = await this.get();
    this.state.status = this.done(v) ? 'Succeeded' : 'Running';
    this.state.result = v;
  }

  protected deadlineError(deadlineMs: number): FabricApiError {
    return new FabricApiError({
      operation: `wait for ${this.what}`,
      status: 0,
      body: {
        errorCode: 'OperationDeadlineExceeded',
        message: `not done after ${Math.round(deadlineMs / 1000)} s`,
      },
    });
  }
}

function secondsToMs(s: number | undefined): number | undefined {
  return s === undefined ? undefined : s * 1000;
}
