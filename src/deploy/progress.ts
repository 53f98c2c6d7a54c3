/**
 * Live progress of a deploy in the log: each item action says when it starts and when it ends with
 * `[n/N]` (N = the plan's item actions, orphan deletions included), so a reader at 2 a.m. sees what
 * runs and how far along the run is; the host may show completion too (Azure DevOps' task progress).
 */
import { errorMessage } from '../errors';
import type { Logger } from '../hosts/host';

/** One item action under way: its number, and what it is doing for the heartbeat. */
export interface ProgressStep {
  readonly n: number;
  readonly label: string;
  readonly startedAt: number;
  /** The last `percentComplete` a long-running operation of this step reported. */
  percentComplete?: number;
  /** Logs the end line: `[n/N] <text> in 1.2 s`. */
  end(text: string): void;
  fail(err: unknown): void;
}

export interface ProgressOptions {
  /** Called as items complete with the share of the plan's actions done (0–100). */
  onComplete?: (percent: number, done: number, total: number) => void;
  now?: () => number;
}

export class Progress {
  private started = 0;
  private completed = 0;
  private readonly running = new Set<ProgressStep>();
  private readonly now: () => number;

  constructor(
    readonly total: number,
    private readonly log: Logger,
    private readonly options: ProgressOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Logs `[n/N] <label>…` and returns the step to end. */
  start(label: string): ProgressStep {
    const n = ++this.started;
    const tag = `[${n}/${Math.max(this.total, n)}]`;
    const startedAt = this.now();
    const finish = (line: string) => {
      if (!this.running.delete(step)) return;
      this.completed++;
      this.log.info(`${tag} ${line} in ${seconds(this.now() - startedAt)}`);
      const total = Math.max(this.total, this.started);
      this.options.onComplete?.(Math.floor((this.completed / total) * 100), this.completed, total);
    };
    const step: ProgressStep = {
      n,
      label,
      startedAt,
      end: (text) => finish(text),
      fail: (err) => finish(`failed: ${label}: ${errorMessage(err)}`),
    };
    this.running.add(step);
    this.log.info(`${tag} ${label}…`);
    return step;
  }

  /**
   * Every `everyMs`, an info line naming what is in flight (elapsed, `percentComplete` of its
   * long-running operation), so a long publish is not silent; returns the function that stops it.
   */
  heartbeat(everyMs: number): () => void {
    const timer = setInterval(() => {
      const running = this.inFlight();
      if (!running.length) return;
      const now = this.now();
      const what = running
        .map((s) => {
          const pct = s.percentComplete === undefined ? '' : `, ${s.percentComplete}%`;
          return `[${s.n}/${Math.max(this.total, this.started)}] ${s.label} (${seconds(now - s.startedAt)}${pct})`;
        })
        .join('; ');
      this.log.info(`in flight: ${what} — ${this.completed} of ${this.total} done`);
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** The steps under way, oldest first (for the heartbeat). */
  inFlight(): ProgressStep[] {
    return [...this.running];
  }

  get done(): number {
    return this.completed;
  }
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** Real runs beat every 30 s; FABRIC_DEPLOY_TEST_HEARTBEAT_MS (tests only, at least 100) makes it sooner. */
export function heartbeatMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.FABRIC_DEPLOY_TEST_HEARTBEAT_MS);
  return Number.isFinite(v) && v >= 100 ? v : 30_000;
}
