/**
 * Retry with p-retry: 408, 429, 5xx (500/502/503/504), ItemDisplayNameNotAvailableYet and network
 * errors; exponential backoff with full jitter (a random wait up to 2 s, 4 s, 8 s by default, so parallel
 * callers do not retry in lockstep); never sooner than `Retry-After`; creates are checked for before they
 * are sent again. Throttling is not failure: a 429 waits out its `Retry-After` within a time budget of its
 * own and does not use up the retries, which are for failures (5xx, network, 408).
 */
import pRetry from 'p-retry';
import {
  FabricApiError,
  FabricNetworkError,
  isAmbiguousFailure,
  isRetriableError,
  markAmbiguousEarlier,
} from './errors';
import type { ClientEvent } from './events';
import {
  ResponseHeaders,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
} from './pipeline';
import { systemClock, type Clock } from './rate-limit';

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff (ms, default 2000); then ×`factor` each retry. */
  baseDelayMs?: number;
  /** Default 2: 2 s, 4 s, 8 s. */
  factor?: number;
  /** Cap on the computed backoff (ms, default 60 000). `Retry-After` may exceed it: it is never cut short. */
  maxDelayMs?: number;
  /**
   * `full` (default): each backoff is a random wait from 0 to the exponential value ("full jitter");
   * `none`: exactly the exponential value (2/4/8 s). A `Retry-After` is always waited out in full, plus a
   * spread of up to 10 % (at most 5 s) so throttled callers do not come back in the same instant.
   */
  jitter?: 'full' | 'none';
  /**
   * Total time (ms, default 900 000) one call may spend waiting out throttling (429) before it fails with
   * the throttling error, which names the budget. Throttle waits do not count against `retries`.
   */
  throttleBudgetMs?: number;
  /** Gives up once this much time (ms) has passed since the first attempt (default: no limit). */
  maxRetryTimeMs?: number;
  /**
   * A `Retry-After` longer than this (ms, default 300 000) is not waited out: the call fails at once with
   * the throttling error, rather than a deploy hanging silently for an hour. Shorter ones are always honoured.
   */
  maxRetryAfterMs?: number;
  /**
   * When a resent create meets "name already in use" after a lost answer, the first attempt is probably
   * still being created (a pending LRO holds the name): look for it for up to this long (ms, default 60 000).
   */
  createRecoveryWaitMs?: number;
}

export const RETRY_DEFAULTS = {
  retries: 3,
  baseDelayMs: 2000,
  factor: 2,
  maxDelayMs: 60_000,
  jitter: 'full',
  throttleBudgetMs: 900_000,
} as const;

/** Backoff before retry number `retry` (1-based), never shorter than `retryAfterMs`. */
export function computeRetryDelay(
  retry: number,
  opts: RetryOptions = {},
  retryAfterMs?: number,
  random = Math.random,
): number {
  const base = opts.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const factor = opts.factor ?? RETRY_DEFAULTS.factor;
  const max = opts.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const jitter = opts.jitter ?? RETRY_DEFAULTS.jitter;
  const cap = Math.min(max, base * factor ** Math.max(0, retry - 1));
  const backoff = jitter === 'full' ? cap * random() : cap;
  if (retryAfterMs === undefined) return Math.round(backoff);
  const spread = jitter === 'full' ? Math.min(5000, retryAfterMs * 0.1) * random() : 0;
  return Math.round(Math.max(backoff, retryAfterMs + spread));
}

/** A short reason for the retry event and logs. */
export function retryReason(err: unknown): string {
  if (err instanceof FabricApiError) return `${err.status} ${err.errorCode}`;
  if (err instanceof FabricNetworkError) return err.code;
  return err instanceof Error ? err.message : String(err);
}

const CONFLICT_CODES = new Set([
  'ItemDisplayNameAlreadyInUse',
  'WorkspaceNameAlreadyExists',
  'FolderDisplayNameAlreadyInUse',
  'PrincipalAlreadyHasWorkspaceRolePermissions',
  'WorkspaceAlreadyConnectedToGit',
  'WorkspaceGitConnectionAlreadyInitialized',
  'WorkspaceHeadMismatch',
]);

export function retryPolicy(opts: {
  retry: RetryOptions;
  emit: (e: ClientEvent) => void;
  clock?: Clock;
}): PipelinePolicy {
  const clock = opts.clock ?? systemClock;
  const retries = opts.retry.retries ?? RETRY_DEFAULTS.retries;
  const throttleBudgetMs = opts.retry.throttleBudgetMs ?? RETRY_DEFAULTS.throttleBudgetMs;
  return {
    name: 'retry',
    async send(req, next) {
      // Set once an attempt failed in a way that may have applied a create.
      let ambiguous = false;
      // Failures and throttling are counted apart: only failures use up `retries`.
      let failures = 0;
      let throttledMs = 0;
      let throttles = 0;
      const recovered = async (why: string): Promise<PipelineResponse | undefined> => {
        const found = await req.findCreated!();
        if (found === undefined) return undefined;
        opts.emit({ type: 'duplicateAvoided', operation: req.operation, reason: why });
        return syntheticCreated(req, found);
      };
      return pRetry(
        async (attemptNumber) => {
          if (attemptNumber > 1 && ambiguous && req.findCreated) {
            const r = await recovered(
              'an earlier attempt was applied before its answer was lost; not sending the create again',
            );
            if (r) return r;
          }
          try {
            return await next({ ...req, attempt: attemptNumber });
          } catch (err) {
            // An earlier attempt may have applied the change: whatever this one says, the outcome is unknown.
            if (ambiguous) markAmbiguousEarlier(err);
            // The resend collided with what the lost attempt created: that is the result.
            if (
              ambiguous &&
              req.findCreated &&
              err instanceof FabricApiError &&
              CONFLICT_CODES.has(err.errorCode)
            ) {
              const why = `the resent create met ${err.errorCode}: the first attempt had been applied`;
              const deadline = clock.now() + (opts.retry.createRecoveryWaitMs ?? 60_000);
              for (let k = 0; ; k++) {
                const r = await recovered(why);
                if (r) return r;
                const left = deadline - clock.now();
                if (left <= 0) break;
                await clock.sleep(Math.min(left, 250 * 2 ** k, 10_000), req.signal);
              }
              // Still nothing: a different item holds the name. Not retriable.
              throw err;
            }
            // A resent DELETE that finds nothing: the lost attempt did the delete.
            if (ambiguous && req.method === 'DELETE' && err instanceof FabricApiError && err.status === 404) {
              opts.emit({
                type: 'duplicateAvoided',
                operation: req.operation,
                reason: 'the resent delete found nothing: the first attempt had been applied',
              });
              return { status: 200, headers: new ResponseHeaders(), text: '', body: undefined, request: req };
            }
            if (isAmbiguousFailure(err)) ambiguous = true;
            throw err;
          }
        },
        {
          // The budgets are kept in shouldRetry (failures and throttle time apart); this only bounds the loop.
          retries: Infinity,
          // The delay is computed and slept in shouldRetry so Retry-After can stretch it.
          minTimeout: 0,
          factor: 1,
          maxRetryTime: opts.retry.maxRetryTimeMs,
          signal: req.signal,
          shouldRetry: async ({ error, retriesConsumed }) => {
            if (!isRetriableError(error)) return false;
            const retryAfterSeconds = error instanceof FabricApiError ? error.retryAfterSeconds : undefined;
            const throttled = error instanceof FabricApiError && error.status === 429;
            if (throttled) {
              opts.emit({
                type: 'throttled',
                operation: req.operation,
                group: req.group,
                retryAfter: retryAfterSeconds ?? 0,
              });
            }
            if (
              retryAfterSeconds !== undefined &&
              retryAfterSeconds * 1000 > (opts.retry.maxRetryAfterMs ?? 300_000)
            ) {
              return false;
            }
            const delayMs = computeRetryDelay(
              throttled ? ++throttles : ++failures,
              // After a lost answer the full backoff gives an accepted create time to show up before
              // it is looked for (a jittered near-zero wait would resend it into a name conflict).
              ambiguous ? { ...opts.retry, jitter: 'none' } : opts.retry,
              retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000,
            );
            if (!throttled && failures > retries) return false;
            if (throttled) {
              throttledMs += delayMs;
              if (throttledMs > throttleBudgetMs) {
                error.message += ` (throttled for more than the ${Math.round(throttleBudgetMs / 1000)} s budget of one call: the service keeps answering 429; lower max-parallel, or run when the capacity is less busy)`;
                return false;
              }
            }
            opts.emit({
              type: 'retry',
              operation: req.operation,
              group: req.group,
              attempt: retriesConsumed + 2,
              delayMs,
              reason: retryReason(error),
            });
            await clock.sleep(delayMs, req.signal);
            return true;
          },
        },
      );
    },
  };
}

function syntheticCreated(req: PipelineRequest, found: unknown): PipelineResponse {
  const text = JSON.stringify(found);
  return {
    status: 201,
    headers: new ResponseHeaders({ 'content-type': 'application/json', 'x-fabric-deploy-recovered': 'true' }),
    text,
    body: found,
    request: req,
  };
}
