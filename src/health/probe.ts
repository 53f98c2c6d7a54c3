/** Reachability probes and abort plumbing shared by the checks. */
import { CheckTimeout, type HealthContext } from './model';

export type ProbeAnswer = { status: number; errorCode?: string } | { error: string };

/** One anonymous GET through the client's pipeline (its proxy, CA and retry settings). */
export async function probe(
  client: NonNullable<HealthContext['client']>,
  operation: string,
  url: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ProbeAnswer> {
  try {
    return await client.probe(operation, url, { signal, timeoutMs });
  } catch (err) {
    const e = err as { status?: number; errorCode?: string; name?: string };
    if (typeof e.status === 'number' && e.status > 0) return { status: e.status, errorCode: e.errorCode };
    if (signal.aborted) throw err;
    return { error: describe(err) };
  }
}

export async function fetchProbe(url: string, signal: AbortSignal): Promise<ProbeAnswer> {
  try {
    const res = await fetch(url, { signal });
    await res.body?.cancel();
    return { status: res.status };
  } catch (err) {
    if (signal.aborted) throw err;
    return { error: describe(err) };
  }
}

export function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CheckTimeout());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CheckTimeout());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export function describe(err: unknown): string {
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  const msg = e?.message ?? String(err);
  const code = e?.code ?? e?.cause?.code;
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}
