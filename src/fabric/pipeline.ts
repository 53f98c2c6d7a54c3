/**
 * The request pipeline: every HTTP call is a `PipelineRequest` passed through small named policies
 * `(request, next) => response`, outermost first, down to the transport (undici, keep-alive).
 */
import type { Dispatcher } from 'undici';
import { FabricNetworkError } from './errors';
import { redactUrl } from './http';
import type { RateBucket } from './rate-limit';

export interface PipelineRequest {
  /** Human name of the call, e.g. "create Notebook 'nb1'"; appears in errors and logs. */
  operation: string;
  method: string;
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Endpoint group: one circuit breaker per group. */
  group: string;
  /** Rate-limit bucket. */
  bucket: RateBucket;
  /** Per-attempt timeout (ms); 0 = none. */
  timeoutMs: number;
  /** Caller's cancellation. */
  signal?: AbortSignal;
  /** 1 for the first attempt; set by the retry policy. */
  attempt: number;
  /** Send without a bearer token (e.g. to a token endpoint). */
  anonymous?: boolean;
  /**
   * For creates: looks for what the create would have made (list/get by name). The retry policy calls it
   * before re-sending after an answer was lost, so a create is never applied twice.
   */
  findCreated?: () => Promise<unknown | undefined>;
  /** Role the call needs, for the permission hint. */
  requiredRole?: string;
}

/**
 * Response headers by case-insensitive name. Not the global `Headers`: its first use loads Node's own
 * copy of undici (~0.1 s of every run's start-up), and the transport is the bundled undici already.
 */
export class ResponseHeaders {
  private readonly byName = new Map<string, string>();

  constructor(init: Record<string, string | string[] | undefined> = {}) {
    for (const [k, v] of Object.entries(init)) {
      if (v === undefined) continue;
      for (const x of Array.isArray(v) ? v : [v]) this.append(k, x);
    }
  }

  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  /** A repeated header reads as its values joined by ', ', as with fetch's Headers. */
  private append(name: string, value: string): void {
    const k = name.toLowerCase();
    const had = this.byName.get(k);
    this.byName.set(k, had === undefined ? value : `${had}, ${value}`);
  }
}

/** What the pipeline reads of response headers: `ResponseHeaders`, or fetch's `Headers` in tests. */
export type HeaderReader = Pick<ResponseHeaders, 'get'>;

export interface PipelineResponse {
  status: number;
  headers: HeaderReader;
  /** Raw body text ('' when empty). */
  text: string;
  /** Parsed JSON when the body is JSON, otherwise the text; undefined when empty. */
  body: unknown;
  request: PipelineRequest;
}

export type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;

export interface PipelinePolicy {
  name: string;
  send(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}

/** Composes policies (outermost first) over a transport. */
export class Pipeline {
  private readonly chain: SendRequest;

  constructor(
    readonly policies: readonly PipelinePolicy[],
    readonly transport: SendRequest,
  ) {
    let next = transport;
    for (const policy of [...policies].reverse()) {
      const inner = next;
      next = (req) => policy.send(req, inner);
    }
    this.chain = next;
  }

  send(request: PipelineRequest): Promise<PipelineResponse> {
    return this.chain(request);
  }

  /** The policy names in order, for diagnostics and tests. */
  get names(): string[] {
    return this.policies.map((p) => p.name);
  }
}

/** The last step: one HTTP exchange over the shared keep-alive dispatcher; the body is read in full. */
export function undiciTransport(dispatcher: Dispatcher): SendRequest {
  return async (req) => {
    try {
      const url = new URL(req.url);
      const res = await dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        // Our own timeout policy bounds the whole exchange; undici's defaults (300 s) would only be later.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      const text = await res.body.text();
      const headers = new ResponseHeaders(res.headers);
      return { status: res.statusCode, headers, text, body: parseBody(text, headers), request: req };
    } catch (err) {
      if (req.signal?.aborted) throw req.signal.reason ?? err;
      throw toNetworkError(req, err);
    }
  };
}

export function parseBody(text: string, headers?: HeaderReader): unknown {
  if (!text) return undefined;
  const type = headers?.get('content-type') ?? '';
  const looksJson = /json/i.test(type) || /^\s*[[{"]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Maps undici/Node socket errors onto FabricNetworkError with a stable code. */
export function toNetworkError(req: PipelineRequest, err: unknown): FabricNetworkError {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code ?? 'ENETWORK';
  const message = e?.message && e.message !== 'fetch failed' ? e.message : e?.cause?.message;
  return new FabricNetworkError({
    operation: req.operation,
    code,
    message,
    method: req.method,
    url: redactUrl(req.url),
    cause: err,
  });
}
