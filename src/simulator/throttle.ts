/**
 * Per-identity token buckets (Fabric "Unified Quota": independent buckets per
 * identity; platform APIs 200 calls/min; operation polling has its own bucket).
 * The window scales with timeScale so benchmarks keep the same shape.
 */
export class Throttle {
  private buckets = new Map<string, { tokens: number; last: number }>();

  constructor(
    private limits: { platform: number; lro: number },
    private windowMs: number,
  ) {}

  setLimits(limits: Partial<{ platform: number; lro: number }>): void {
    Object.assign(this.limits, limits);
    this.buckets.clear();
  }

  /** Take one token; returns 0 when allowed, else the seconds to wait (≥1). */
  take(identity: string, bucket: 'platform' | 'lro', now = Date.now()): number {
    const limit = this.limits[bucket];
    if (!Number.isFinite(limit) || limit <= 0) return 0;
    const key = `${bucket}:${identity}`;
    const ratePerMs = limit / this.windowMs;
    const b = this.buckets.get(key) ?? { tokens: limit, last: now };
    b.tokens = Math.min(limit, b.tokens + (now - b.last) * ratePerMs);
    b.last = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    const waitMs = (1 - b.tokens) / ratePerMs;
    return Math.max(1, Math.ceil(waitMs / 1000));
  }

  reset(): void {
    this.buckets.clear();
  }
}
