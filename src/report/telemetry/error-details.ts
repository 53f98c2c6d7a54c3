/** What telemetry reads from an error and its causes (AggregateError, `cause`, pool failures). */

export function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The error, then its causes breadth-first (bounded: a cycle or a huge tree stops at 20). */
export function* causes(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length) {
    const e = stack.shift();
    if (e === undefined || e === null || seen.has(e) || seen.size > 20) continue;
    seen.add(e);
    yield e;
    if (typeof e !== 'object') continue;
    const x = e as { cause?: unknown; errors?: unknown[]; failures?: { error: unknown }[] };
    if (x.cause !== undefined) stack.push(x.cause);
    if (Array.isArray(x.errors)) stack.push(...x.errors);
    if (Array.isArray(x.failures)) stack.push(...x.failures.map((f) => f?.error));
  }
}

/** Name, message and the Fabric details (errorCode, status, requestId) found on the error or its causes. */
export function describeError(err: unknown): {
  name: string;
  message: string;
  stack?: string;
  errorCode?: string;
  status?: number;
  requestId?: string;
  operation?: string;
} {
  const top = err instanceof Error ? err : undefined;
  const out: ReturnType<typeof describeError> = {
    name: top?.name ?? 'Error',
    message: top?.message ?? String(err),
    stack: top?.stack,
  };
  for (const e of causes(err)) {
    const x = e as {
      errorCode?: unknown;
      code?: unknown;
      status?: unknown;
      requestId?: unknown;
      operation?: unknown;
    };
    if (out.errorCode === undefined) {
      if (typeof x.errorCode === 'string') out.errorCode = x.errorCode;
      else if (typeof x.code === 'string' && x.code) out.errorCode = x.code;
    }
    if (out.status === undefined && typeof x.status === 'number') out.status = x.status;
    if (out.requestId === undefined && typeof x.requestId === 'string') out.requestId = x.requestId;
    if (out.operation === undefined && typeof x.operation === 'string') out.operation = x.operation;
  }
  return out;
}
