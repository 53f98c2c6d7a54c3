/**
 * Client-side throttling: a token bucket per quota bucket (platform calls, LRO polls) and a
 * concurrency limit, so a large deploy stays under Fabric's per-identity quota instead of
 * provoking 429 storms.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => abortableSleep(ms, signal),
};

/** Node's abortable timer, rejecting with the signal's own reason (a cancellation stays a cancellation). */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(Math.max(0, ms), undefined, { signal });
  } catch (err) {
    throw signal?.aborted ? signal.reason : err;
  }
}

export interface TokenBucketOptions {
  /** Tokens the bucket holds when full (the largest burst). */
  capacity: number;
  /** Tokens added per millisecond. */
  refillPerMs: number;
  clock?: Clock;
}

/**
 * A token bucket with a FIFO queue of waiters. `take()` resolves when a token is available.
 * Over any span of T ms it lets through at most `capacity + refillPerMs·T` calls.
 */
export class TokenBucket {
  readonly capacity: number;
  /** Tokens added per ms; lowered and raised by the limiter when the service throttles below its quota. */
  refillPerMs: number;
  private tokens: number;
  private last: number;
  private readonly clock: Clock;
  private queue: Promise<void> = Promise.resolve();
  /** Calls in take() that have not got their token yet. */
  private waiting = 0;

  constructor(opts: TokenBucketOptions) {
    if (!(opts.capacity >= 1)) throw new RangeError('token bucket capacity must be at least 1');
    if (!(opts.refillPerMs > 0)) throw new RangeError('token bucket refill rate must be positive');
    this.capacity = opts.capacity;
    this.refillPerMs = opts.refillPerMs;
    this.clock = opts.clock ?? systemClock;
    this.tokens = opts.capacity;
    this.last = this.clock.now();
  }

  /** Tokens available now (fractional). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Takes a token if one is available now; returns the wait in ms otherwise (0 = taken). */
  tryTake(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.refillPerMs);
  }

  /** Waits for a token, in arrival order. Returns how long it waited (ms). */
  take(signal?: AbortSignal): Promise<number> {
    const start = this.clock.now();
    // Held only when a token had to be waited for, by this call or by the ones queued before it; the
    // promise queue's own scheduling on a busy machine is not the limiter holding the call.
    let held = this.waiting > 0;
    this.waiting++;
    // Chain on the previous waiter so tokens go out first come, first served.
    const turn = this.queue.then(async () => {
      for (;;) {
        const wait = this.tryTake();
        if (wait === 0) return;
        held = true;
        await this.clock.sleep(wait, signal);
      }
    });
    const done = turn.finally(() => this.waiting--);
    this.queue = done.catch(() => undefined);
    return done.then(() => (held ? this.clock.now() - start : 0));
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = now - this.last;
    if (elapsed > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerMs);
      this.last = now;
    }
  }
}

/** A counting semaphore with a FIFO queue. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('concurrency limit must be at least 1');
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiters.length;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal!.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
    // The releaser handed its slot over: `active` was not decremented.
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    };
  }
}

export interface RateLimitOptions {
  /**
   * The service's quota for platform calls: calls per `windowMs` per identity (Fabric publishes 200/min).
   * The client stays at or below `utilization` of it in any window of that length.
   */
  quota?: number;
  /** Quota for LRO polling (`/operations/…`), a separate bucket in Fabric. Default: same as `quota`. */
  lroQuota?: number;
  /** Length of the quota window in ms (default 60 000). Tests shorten it together with the simulator's. */
  windowMs?: number;
  /** Fraction of the quota the client may use in any window (default 0.9: headroom for other callers and clock skew). */
  utilization?: number;
  /** Largest burst (bucket capacity). Default: 5 % of the quota, at least 1, at most 10. */
  burst?: number;
  clock?: Clock;
}

export const RATE_LIMIT_DEFAULTS = { quota: 200, windowMs: 60_000, utilization: 0.9 } as const;

/**
 * Token-bucket parameters that keep any window of `windowMs` at or below `utilization·quota`:
 * burst + refill·window ≤ utilization·quota. That holds whether the service counts with a
 * fixed window, a sliding window or its own token bucket.
 */
export function bucketFor(
  quota: number,
  windowMs: number,
  utilization: number,
  burst?: number,
): TokenBucketOptions {
  const budget = Math.max(1, Math.floor(quota * utilization));
  const capacity = Math.max(1, Math.min(budget - 1 || 1, burst ?? Math.min(10, Math.floor(quota * 0.05))));
  const perWindow = Math.max(1, budget - capacity);
  return { capacity, refillPerMs: perWindow / windowMs };
}

export type RateBucket = 'platform' | 'lro';

/**
 * The client-side limiter: one bucket per Fabric quota bucket. Share one instance across clients of one
 * identity. It adapts: a 429 means the service allows less than the published quota right now (other
 * callers on the same identity, a busy capacity), so the bucket's rate drops by a quarter (to a tenth at
 * the lowest); each quota window without a 429 gives a quarter back, up to the configured rate.
 */
export class RateLimiter {
  private readonly buckets: Record<RateBucket, TokenBucket>;
  private readonly configured: Record<RateBucket, number>;
  private readonly lastChange: Record<RateBucket, number>;
  private readonly windowMs: number;
  private readonly clock: Clock;

  constructor(opts: RateLimitOptions = {}) {
    const quota = opts.quota ?? RATE_LIMIT_DEFAULTS.quota;
    const windowMs = opts.windowMs ?? RATE_LIMIT_DEFAULTS.windowMs;
    const utilization = opts.utilization ?? RATE_LIMIT_DEFAULTS.utilization;
    if (!(quota >= 1)) throw new RangeError('rateLimit.quota must be at least 1');
    if (!(utilization > 0 && utilization <= 1))
      throw new RangeError('rateLimit.utilization must be in (0, 1]');
    this.buckets = {
      platform: new TokenBucket({
        ...bucketFor(quota, windowMs, utilization, opts.burst),
        clock: opts.clock,
      }),
      lro: new TokenBucket({
        ...bucketFor(opts.lroQuota ?? quota, windowMs, utilization, opts.burst),
        clock: opts.clock,
      }),
    };
    this.configured = {
      platform: this.buckets.platform.refillPerMs,
      lro: this.buckets.lro.refillPerMs,
    };
    this.windowMs = windowMs;
    this.clock = opts.clock ?? systemClock;
    const now = this.clock.now();
    this.lastChange = { platform: now, lro: now };
  }

  /** The service answered 429 on `bucket`: send slower. */
  throttled(bucket: RateBucket): void {
    const b = this.buckets[bucket];
    b.refillPerMs = Math.max(this.configured[bucket] * 0.1, b.refillPerMs * 0.75);
    this.lastChange[bucket] = this.clock.now();
  }

  /** Back towards the configured rate, a quarter per quiet window. */
  private recover(bucket: RateBucket): void {
    const b = this.buckets[bucket];
    if (b.refillPerMs >= this.configured[bucket]) return;
    const now = this.clock.now();
    if (now - this.lastChange[bucket] < this.windowMs) return;
    b.refillPerMs = Math.min(this.configured[bucket], b.refillPerMs * 1.25);
    this.lastChange[bucket] = now;
  }

  bucket(name: RateBucket): TokenBucket {
    return this.buckets[name];
  }

  /** Waits for a token in `bucket`; resolves to the wait in ms. */
  take(bucket: RateBucket, signal?: AbortSignal): Promise<number> {
    this.recover(bucket);
    return this.buckets[bucket].take(signal);
  }
}
