import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientEvent } from '../fabric/events';
import type { ItemOutcome } from '../report/model';

/**
 * The item whose deploy is running in the current async context, so client events (retries) can be
 * counted per item for the summary without threading an id through every call.
 */
const scope = new AsyncLocalStorage<ItemOutcome>();

export function inItemScope<T>(outcome: ItemOutcome, fn: () => Promise<T>): Promise<T> {
  return scope.run(outcome, fn);
}

/** A client event listener that counts retries against the item being deployed, if any. */
export function countItemRetries(event: ClientEvent): void {
  if (event.type !== 'retry') return;
  const outcome = scope.getStore();
  if (outcome) outcome.retries = (outcome.retries ?? 0) + 1;
}
