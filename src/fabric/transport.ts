/**
 * The client's transport: one call through the HttpClient pipeline (auth, timeout, retry, circuit
 * breaker, rate limit, logging), a long-running call through the one poller (lro.ts), a list through
 * the paging iterator. Typed endpoints (client.ts) are built on it; nothing outside src/fabric calls
 * it with a path of its own.
 */
import type { TokenProvider } from '../identity/token';
import { HttpClient, type HttpClientOptions, type RequestOptions } from './http-client';
import { assertSafeUrl } from './http';
import { LroPoller, type LroOptions } from './lro';
import { pages, type PageOptions } from './paging';
import type { HeaderReader, PipelineResponse } from './pipeline';
import type { Paged } from './types';

export interface FabricClientOptions extends HttpClientOptions {
  tokens: TokenProvider;
  /** e.g. https://api.fabric.microsoft.com/v1 (https only, except loopback). */
  baseUrl: string;
  /** Upper bound for one long-running operation (ms); same as `lro.deadlineMs`. */
  lroTimeoutMs?: number;
  /** Poll cadence and deadline of long-running operations. */
  lro?: Omit<LroOptions, 'signal'>;
  /** Deadline for an environment publish (ms, default 60 min: publishes with libraries take many minutes). */
  environmentPublishDeadlineMs?: number;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: HeaderReader;
  body: T;
}

export type SendOptions = Omit<RequestOptions, 'body'>;

/** A read with its own name in the log and telemetry (health checks), a signal and a time-out. */
export type ReadOptions = SendOptions & { operation?: string };

export class FabricTransport {
  readonly http: HttpClient;
  readonly baseUrl: string;
  protected readonly lroDefaults: Omit<LroOptions, 'signal'>;

  constructor(readonly options: FabricClientOptions) {
    const base = assertSafeUrl(options.baseUrl, 'Fabric API base URL');
    this.baseUrl = base.toString().replace(/\/$/, '');
    this.http = new HttpClient(options, [base.hostname]);
    this.lroDefaults = { ...options.lro, deadlineMs: options.lro?.deadlineMs ?? options.lroTimeoutMs };
  }

  /** Closes keep-alive sockets and breaker timers. */
  close(): Promise<void> {
    return this.http.close();
  }

  /** Absolute URL for a path under the base URL (absolute URLs pass through). */
  url(pathOrUrl: string): string {
    return /^https?:\/\//i.test(pathOrUrl)
      ? pathOrUrl
      : this.baseUrl + (pathOrUrl.startsWith('/') ? '' : '/') + pathOrUrl;
  }

  /** One call through the pipeline. A POST that creates something is guarded against duplicates automatically. */
  async send<T = unknown>(
    operation: string,
    method: string,
    pathOrUrl: string,
    body?: unknown,
    opts: SendOptions = {},
  ): Promise<ApiResponse<T>> {
    const url = this.url(pathOrUrl);
    const findCreated =
      opts.findCreated ?? (method.toUpperCase() === 'POST' ? this.finderFor(url, body) : undefined);
    const res = await this.http.request(operation, method, url, { ...opts, body, findCreated });
    return { status: res.status, headers: res.headers, body: res.body as T };
  }

  // ------------------------------------------------------------------ LRO

  /** Starts a call that may answer 202 and returns its poller (state inspectable, `pollUntilDone()`). */
  async beginLro<T>(
    operation: string,
    method: string,
    path: string,
    body?: unknown,
    opts: LroOptions & SendOptions = {},
  ): Promise<LroPoller<T>> {
    const url = this.url(path);
    const findCreated =
      opts.findCreated ?? (method.toUpperCase() === 'POST' ? this.finderFor(url, body) : undefined);
    const first = await this.http.request(operation, method, url, { ...opts, body, findCreated });
    const lroOpts: LroOptions = {
      initialDelayMs: opts.initialDelayMs ?? this.lroDefaults.initialDelayMs,
      minIntervalMs: opts.minIntervalMs ?? this.lroDefaults.minIntervalMs,
      maxIntervalMs: opts.maxIntervalMs ?? this.lroDefaults.maxIntervalMs,
      deadlineMs: opts.deadlineMs ?? this.lroDefaults.deadlineMs,
      firstPollDelayMs: opts.firstPollDelayMs,
      expectedMs: opts.expectedMs,
      signal: opts.signal,
    };
    return new LroPoller<T>(
      {
        baseUrl: this.baseUrl,
        emit: this.http.emit,
        get: (op, pollUrl, signal) =>
          this.http.request(op, 'GET', pollUrl, { signal, timeoutMs: opts.timeoutMs }),
      },
      operation,
      first,
      lroOpts,
    );
  }

  /** Runs a call that may answer 202: polls `Location` until done and returns the result, if any. */
  async lro<T>(
    operation: string,
    method: string,
    path: string,
    body?: unknown,
    opts: LroOptions & SendOptions = {},
  ): Promise<T | undefined> {
    const poller = await this.beginLro<T>(operation, method, path, body, opts);
    return poller.pollUntilDone();
  }

  // ------------------------------------------------------------------ paging

  /** Every item of a paged list, following continuationUri / continuationToken to the last page. */
  async *paginate<T>(
    operation: string,
    path: string,
    opts: PageOptions & SendOptions = {},
  ): AsyncGenerator<T> {
    const get = (url: string): Promise<PipelineResponse> => this.http.request(operation, 'GET', url, opts);
    for await (const page of pages(get, this.url(path), opts)) {
      for (const v of (page.body as Partial<Paged<T>> | undefined)?.value ?? []) yield v;
    }
  }

  async listAll<T>(operation: string, path: string, opts: PageOptions & SendOptions = {}): Promise<T[]> {
    const out: T[] = [];
    for await (const v of this.paginate<T>(operation, path, opts)) out.push(v);
    return out;
  }

  // ------------------------------------------------------------------ reachability

  /**
   * One anonymous GET of any URL through the pipeline (its proxy, CA and time-out): an answer of any
   * status proves DNS, TLS, the network path and the service are up. Throws what the pipeline throws.
   */
  async probe(operation: string, url: string, opts: SendOptions = {}): Promise<{ status: number }> {
    const res = await this.http.request(operation, 'GET', url, { ...opts, anonymous: true });
    return { status: res.status };
  }

  /**
   * For a POST that creates something, a function that looks for it (the typed client supplies them).
   * The retry policy calls it before sending the create again after a lost answer: no duplicates, ever.
   */
  protected finderFor(_url: string, _body: unknown): (() => Promise<unknown | undefined>) | undefined {
    return undefined;
  }
}
