import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientEvent } from '../fabric/events';
import type { ItemOutcome } from '../report/model';
import type { ProgressStep } from './progress';

/**
 * The item whose deploy is running in the current async context, so client events can be put on it
 * without threading an id through every call: retries are counted per item for the summary, and a
 * long-running operation's `percentComplete` is kept on its progress step for the heartbeat.
 */
const scope = new AsyncLocalStorage<{ outcome: ItemOutcome; step?: ProgressStep }>();

export function inItemScope<T>(outcome: ItemOutcome, fn: () => Promise<T>, step?: ProgressStep): Promise<T> {
  return scope.run({ outcome, step }, fn);
}

/** A client event listener that puts retries and LRO progress on the item being deployed, if any. */
export function countItemRetries(event: ClientEvent): void {
  const current = scope.getStore();
  if (!current) return;
  if (event.type === 'retry') current.outcome.retries = (current.outcome.retries ?? 0) + 1;
  else if (event.type === 'lro' && current.step && typeof event.percentComplete === 'number')
    current.step.percentComplete = event.percentComplete;
}
