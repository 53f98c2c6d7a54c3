import type { Host } from './hosts/host';

/**
 * CI cancellation sends SIGINT (GitHub, then SIGTERM) or SIGTERM (Azure Pipelines) a few seconds before
 * killing the job: the returned signal aborts so no further item starts and the run rolls back. Each
 * signal is caught once; a second one ends the process as usual.
 */
export function onCancel(host: Host): { signal: AbortSignal; dispose: () => void } {
  const cancel = new AbortController();
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      if (!cancel.signal.aborted)
        host.log.warn(`${name} received: stopping after the items in flight, then rolling back`);
      cancel.abort();
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: cancel.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
