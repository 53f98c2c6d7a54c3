import { FabricApiError } from './errors';
import type { TokenProvider } from '../identity/token';
import type {
  CreateItemRequest,
  Item,
  ItemDefinition,
  OperationState,
  Paged,
  Workspace,
} from './types';

export interface FabricClientOptions {
  /** e.g. https://api.fabric.microsoft.com/v1 */
  baseUrl: string;
  tokens: TokenProvider;
  userAgent?: string;
  /** Sent as `x-ms-correlation-id` on every call so support can find a deployment. */
  correlationId?: string;
  /** Upper bound for one long-running operation (ms). */
  lroTimeoutMs?: number;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Typed access to the Fabric REST API. Every call goes through `send`. */
export class FabricClient {
  constructor(readonly options: FabricClientOptions) {}

  async send<T = unknown>(
    operation: string,
    method: string,
    pathOrUrl: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : this.options.baseUrl.replace(/\/$/, '') + pathOrUrl;
    let token = await this.options.tokens.getToken();
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        'user-agent': this.options.userAgent ?? 'fabric-deploy',
      };
      if (this.options.correlationId) headers['x-ms-correlation-id'] = this.options.correlationId;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      const parsed = text ? safeJson(text) : undefined;
      if (res.status === 401 && res.headers.get('x-ms-public-api-error-code') === 'TokenExpired' && attempt === 0) {
        token = await this.options.tokens.getToken(true);
        continue;
      }
      if (res.status >= 400) {
        throw new FabricApiError({
          operation,
          status: res.status,
          body: parsed as never,
          requestId: res.headers.get('requestid') ?? undefined,
          retryAfterSeconds: numberHeader(res.headers.get('retry-after')),
        });
      }
      return { status: res.status, headers: res.headers, body: parsed as T };
    }
  }

  /** Runs a call that may answer 202: polls `Location` until done and returns the result, if any. */
  async lro<T>(operation: string, method: string, path: string, body?: unknown): Promise<T | undefined> {
    const first = await this.send<T>(operation, method, path, body);
    if (first.status !== 202) return first.body;
    let location = first.headers.get('location');
    if (!location) return undefined;
    const deadline = Date.now() + (this.options.lroTimeoutMs ?? 30 * 60_000);
    let retryAfter = numberHeader(first.headers.get('retry-after')) ?? 1;
    for (let poll = 0; ; poll++) {
      // Poll early at short intervals; Retry-After is the upper bound, not the floor.
      await sleep(Math.min(retryAfter * 1000, 250 * 2 ** poll));
      const state = await this.send<OperationState>(operation, 'GET', location);
      retryAfter = numberHeader(state.headers.get('retry-after')) ?? retryAfter;
      const status = state.body.status;
      if (status === 'Succeeded') {
        const next = state.headers.get('location');
        if (!next || next === location) return undefined;
        return (await this.send<T>(operation, 'GET', next)).body;
      }
      if (status === 'Failed' || status === 'Undefined') {
        throw new FabricApiError({
          operation,
          status: 200,
          body: state.body.error ?? { errorCode: 'OperationFailed', message: `operation ended ${status}` },
        });
      }
      if (Date.now() > deadline) {
        throw new FabricApiError({ operation, status: 0, body: { errorCode: 'OperationTimedOut', message: 'deadline exceeded' } });
      }
    }
  }

  /** Follows continuationUri to the last page. */
  async *paginate<T>(operation: string, path: string): AsyncGenerator<T> {
    let next: string | undefined = path;
    while (next) {
      const page: ApiResponse<Paged<T>> = await this.send<Paged<T>>(operation, 'GET', next);
      for (const v of page.body.value ?? []) yield v;
      next = page.body.continuationUri;
    }
  }

  async listAll<T>(operation: string, path: string): Promise<T[]> {
    const out: T[] = [];
    for await (const v of this.paginate<T>(operation, path)) out.push(v);
    return out;
  }

  // ---- workspaces
  listWorkspaces(): Promise<Workspace[]> {
    return this.listAll('list workspaces', '/workspaces');
  }
  async getWorkspace(id: string): Promise<Workspace> {
    return (await this.send<Workspace>('get workspace', 'GET', `/workspaces/${id}`)).body;
  }
  async createWorkspace(req: { displayName: string; description?: string; capacityId?: string }): Promise<Workspace> {
    return (await this.send<Workspace>('create workspace', 'POST', '/workspaces', req)).body;
  }

  // ---- items
  listItems(workspaceId: string, type?: string): Promise<Item[]> {
    const q = type ? `?type=${encodeURIComponent(type)}` : '';
    return this.listAll('list items', `/workspaces/${workspaceId}/items${q}`);
  }
  async createItem(workspaceId: string, req: CreateItemRequest): Promise<Item> {
    const item = await this.lro<Item>(`create ${req.type} '${req.displayName}'`, 'POST', `/workspaces/${workspaceId}/items`, req);
    if (!item) throw new Error(`create ${req.type} '${req.displayName}' returned no item`);
    return item;
  }
  async updateItemDefinition(workspaceId: string, item: Pick<Item, 'id' | 'type' | 'displayName'>, definition: ItemDefinition): Promise<void> {
    await this.lro(
      `update definition of ${item.type} '${item.displayName}'`,
      'POST',
      `/workspaces/${workspaceId}/items/${item.id}/updateDefinition?updateMetadata=true`,
      { definition },
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function numberHeader(v: string | null): number | undefined {
  if (v === null) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
