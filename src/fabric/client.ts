/**
 * Typed access to the Fabric REST API (v1). Every call goes through one HttpClient pipeline
 * (auth, timeout, retry, circuit breaker, rate limit, logging); long-running operations through
 * LroPoller; lists through the paging iterator.
 */
import type { TokenProvider } from '../identity/token';
import { FabricApiError } from './errors';
import { HttpClient, type HttpClientOptions, type RequestOptions } from './http-client';
import { assertSafeUrl } from './http';
import { LRO_DEFAULTS, LroPoller, pollDelay, type LroOptions } from './lro';
import { pages, type PageOptions } from './paging';
import type { PipelineResponse } from './pipeline';
import { abortableSleep } from './rate-limit';
import type {
  AddRoleAssignmentRequest,
  Capacity,
  CommitToGitRequest,
  CreateFolderRequest,
  CreateItemRequest,
  CreateWorkspaceRequest,
  Environment,
  Folder,
  GitConnection,
  GitConnectRequest,
  GitCredentials,
  GitStatusResponse,
  InitializeGitConnectionRequest,
  InitializeGitConnectionResponse,
  Item,
  ItemDefinition,
  Lakehouse,
  OperationState,
  Paged,
  RoleAssignment,
  UpdateFromGitRequest,
  UpdateItemRequest,
  UpdateWorkspaceRequest,
  Warehouse,
  Workspace,
  WorkspaceInfo,
  WorkspaceRole,
} from './types';

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
  headers: Headers;
  body: T;
}

export type SendOptions = Omit<RequestOptions, 'body'>;

/** Waiting for a condition by polling (capacity assignment, SQL endpoint provisioning). */
export interface WaitOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** First interval (ms); doubles up to `maxIntervalMs`. */
  initialDelayMs?: number;
  maxIntervalMs?: number;
  signal?: AbortSignal;
}

const seg = encodeURIComponent;

export class FabricClient {
  readonly http: HttpClient;
  readonly baseUrl: string;
  private readonly lroDefaults: Omit<LroOptions, 'signal'>;

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
      opts.findCreated ?? (method.toUpperCase() === 'POST' ? this.createFinder(url, body) : undefined);
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
      opts.findCreated ?? (method.toUpperCase() === 'POST' ? this.createFinder(url, body) : undefined);
    const first = await this.http.request(operation, method, url, { ...opts, body, findCreated });
    const lroOpts: LroOptions = {
      initialDelayMs: opts.initialDelayMs ?? this.lroDefaults.initialDelayMs,
      minIntervalMs: opts.minIntervalMs ?? this.lroDefaults.minIntervalMs,
      maxIntervalMs: opts.maxIntervalMs ?? this.lroDefaults.maxIntervalMs,
      deadlineMs: opts.deadlineMs ?? this.lroDefaults.deadlineMs,
      firstPollDelayMs: opts.firstPollDelayMs,
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

  // ------------------------------------------------------------------ workspaces

  listWorkspaces(opts: { roles?: WorkspaceRole[] } = {}): Promise<Workspace[]> {
    const q = opts.roles?.length ? `?roles=${seg(opts.roles.join(','))}` : '';
    return this.listAll('list workspaces', `/workspaces${q}`);
  }

  async getWorkspace(id: string): Promise<WorkspaceInfo> {
    return (await this.send<WorkspaceInfo>('get workspace', 'GET', `/workspaces/${seg(id)}`)).body;
  }

  /** The workspace with this display name (case-insensitive), if the caller can see it. */
  async findWorkspaceByName(displayName: string): Promise<Workspace | undefined> {
    const want = displayName.toLowerCase();
    for await (const w of this.paginate<Workspace>('find workspace', '/workspaces')) {
      if (w.displayName.toLowerCase() === want) return w;
    }
    return undefined;
  }

  async createWorkspace(req: CreateWorkspaceRequest): Promise<Workspace> {
    return (await this.send<Workspace>(`create workspace '${req.displayName}'`, 'POST', '/workspaces', req))
      .body;
  }

  async updateWorkspace(id: string, req: UpdateWorkspaceRequest): Promise<Workspace> {
    return (await this.send<Workspace>('update workspace', 'PATCH', `/workspaces/${seg(id)}`, req)).body;
  }

  async deleteWorkspace(id: string): Promise<void> {
    await this.send('delete workspace', 'DELETE', `/workspaces/${seg(id)}`);
  }

  /**
   * Assigns the workspace to a capacity (202, not an LRO) and, unless `wait: false`, polls the workspace
   * until `capacityAssignmentProgress` leaves InProgress.
   */
  async assignToCapacity(
    workspaceId: string,
    capacityId: string,
    opts: WaitOptions & { wait?: boolean } = {},
  ): Promise<WorkspaceInfo | undefined> {
    await this.send(
      'assign workspace to capacity',
      'POST',
      `/workspaces/${seg(workspaceId)}/assignToCapacity`,
      { capacityId },
    );
    if (opts.wait === false) return undefined;
    return this.waitForCapacityAssignment(
      workspaceId,
      opts,
      (w) => w.capacityId?.toLowerCase() === capacityId.toLowerCase(),
    );
  }

  async unassignFromCapacity(
    workspaceId: string,
    opts: WaitOptions & { wait?: boolean } = {},
  ): Promise<WorkspaceInfo | undefined> {
    await this.send(
      'unassign workspace from capacity',
      'POST',
      `/workspaces/${seg(workspaceId)}/unassignFromCapacity`,
    );
    if (opts.wait === false) return undefined;
    return this.waitForCapacityAssignment(workspaceId, opts, (w) => !w.capacityId);
  }

  /** Polls `GET /workspaces/{id}` until the capacity assignment completes (or fails). */
  async waitForCapacityAssignment(
    workspaceId: string,
    opts: WaitOptions = {},
    isTarget: (w: WorkspaceInfo) => boolean = () => true,
  ): Promise<WorkspaceInfo> {
    return this.waitFor(
      'capacity assignment',
      () => this.getWorkspace(workspaceId),
      (w) => {
        const p = w.capacityAssignmentProgress;
        if (p === 'Failed') {
          throw new FabricApiError({
            operation: 'assign workspace to capacity',
            status: 0,
            body: {
              errorCode: 'AssignWorkspaceToCapacityFailed',
              message: `capacity assignment of workspace ${workspaceId} failed`,
            },
          });
        }
        // Absent progress means the service has nothing in flight.
        return (p === undefined || p === 'Completed') && isTarget(w);
      },
      { timeoutMs: 5 * 60_000, ...opts },
    );
  }

  // ------------------------------------------------------------------ capacities

  listCapacities(): Promise<Capacity[]> {
    return this.listAll('list capacities', '/capacities');
  }

  async getCapacity(id: string): Promise<Capacity> {
    return (await this.send<Capacity>('get capacity', 'GET', `/capacities/${seg(id)}`)).body;
  }

  // ------------------------------------------------------------------ role assignments

  listRoleAssignments(workspaceId: string): Promise<RoleAssignment[]> {
    return this.listAll('list role assignments', `/workspaces/${seg(workspaceId)}/roleAssignments`);
  }

  async getRoleAssignment(workspaceId: string, id: string): Promise<RoleAssignment> {
    return (
      await this.send<RoleAssignment>(
        'get role assignment',
        'GET',
        `/workspaces/${seg(workspaceId)}/roleAssignments/${seg(id)}`,
      )
    ).body;
  }

  async addRoleAssignment(workspaceId: string, req: AddRoleAssignmentRequest): Promise<RoleAssignment> {
    const op = `add ${req.role} role for ${req.principal.type} ${req.principal.id}`;
    return (
      await this.send<RoleAssignment>(op, 'POST', `/workspaces/${seg(workspaceId)}/roleAssignments`, req)
    ).body;
  }

  async updateRoleAssignment(workspaceId: string, id: string, role: WorkspaceRole): Promise<RoleAssignment> {
    return (
      await this.send<RoleAssignment>(
        `set role ${role} for ${id}`,
        'PATCH',
        `/workspaces/${seg(workspaceId)}/roleAssignments/${seg(id)}`,
        { role },
      )
    ).body;
  }

  async deleteRoleAssignment(workspaceId: string, id: string): Promise<void> {
    await this.send(
      `remove role assignment ${id}`,
      'DELETE',
      `/workspaces/${seg(workspaceId)}/roleAssignments/${seg(id)}`,
    );
  }

  // ------------------------------------------------------------------ items

  listItems(
    workspaceId: string,
    type?: string,
    opts: { recursive?: boolean; rootFolderId?: string } = {},
  ): Promise<Item[]> {
    const q = new URLSearchParams();
    if (type) q.set('type', type);
    if (opts.recursive !== undefined) q.set('recursive', String(opts.recursive));
    if (opts.rootFolderId) q.set('rootFolderId', opts.rootFolderId);
    const qs = q.toString();
    return this.listAll(
      type ? `list ${type} items` : 'list items',
      `/workspaces/${seg(workspaceId)}/items${qs ? `?${qs}` : ''}`,
    );
  }

  async getItem(workspaceId: string, itemId: string): Promise<Item> {
    return (await this.send<Item>('get item', 'GET', `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}`))
      .body;
  }

  /** Creates an item (201, or 202 → poll → result). Never creates it twice, even when an answer is lost. */
  async createItem(workspaceId: string, req: CreateItemRequest, opts: LroOptions = {}): Promise<Item> {
    const op = `create ${req.type} '${req.displayName}'`;
    const item = await this.lro<Item>(op, 'POST', `/workspaces/${seg(workspaceId)}/items`, req, opts);
    if (item && typeof item === 'object' && 'id' in item) return item;
    // An operation without a result: find what it made.
    const found = (await this.listItems(workspaceId, req.type)).find((i) =>
      sameName(i.displayName, req.displayName),
    );
    if (!found) throw new Error(`${op} succeeded but the item is not in the workspace`);
    return found;
  }

  async updateItem(workspaceId: string, itemId: string, req: UpdateItemRequest): Promise<Item> {
    return (
      await this.send<Item>(
        `update item ${req.displayName ?? itemId}`,
        'PATCH',
        `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}`,
        req,
      )
    ).body;
  }

  /** Deletes an item: soft where the type supports it, hard (`hardDelete=true`, needs Admin) on request. */
  async deleteItem(
    workspaceId: string,
    itemId: string,
    opts: { hardDelete?: boolean; operation?: string } = {},
  ): Promise<void> {
    const q = opts.hardDelete ? '?hardDelete=true' : '';
    await this.send(
      opts.operation ?? `delete item ${itemId}`,
      'DELETE',
      `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}${q}`,
    );
  }

  /** The item's definition (LRO; result fetched from `/result`). */
  async getItemDefinition(
    workspaceId: string,
    itemId: string,
    opts: LroOptions & { format?: string; operation?: string } = {},
  ): Promise<ItemDefinition> {
    const q = opts.format ? `?format=${seg(opts.format)}` : '';
    const op = opts.operation ?? `get definition of item ${itemId}`;
    const res = await this.lro<{ definition: ItemDefinition }>(
      op,
      'POST',
      `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}/getDefinition${q}`,
      undefined,
      opts,
    );
    if (!res?.definition) throw new Error(`${op} returned no definition`);
    return res.definition;
  }

  async updateItemDefinition(
    workspaceId: string,
    item: Pick<Item, 'id' | 'type' | 'displayName'>,
    definition: ItemDefinition,
    opts: LroOptions & { updateMetadata?: boolean } = {},
  ): Promise<void> {
    const q = opts.updateMetadata === false ? '' : '?updateMetadata=true';
    await this.lro(
      `update definition of ${item.type} '${item.displayName}'`,
      'POST',
      `/workspaces/${seg(workspaceId)}/items/${seg(item.id)}/updateDefinition${q}`,
      { definition },
      opts,
    );
  }

  /** Moves an item (and its children) to a folder, or to the workspace root when `targetFolderId` is undefined. */
  async moveItem(workspaceId: string, itemId: string, targetFolderId?: string): Promise<Item[]> {
    const body = targetFolderId ? { targetFolderId } : {};
    const res = await this.send<{ value?: Item[] }>(
      `move item ${itemId}`,
      'POST',
      `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}/move`,
      body,
    );
    return res.body?.value ?? [];
  }

  async bulkMoveItems(workspaceId: string, itemIds: string[], targetFolderId?: string): Promise<Item[]> {
    const res = await this.send<{ value?: Item[] }>(
      `move ${itemIds.length} items`,
      'POST',
      `/workspaces/${seg(workspaceId)}/items/bulkMove`,
      {
        items: itemIds,
        ...(targetFolderId ? { targetFolderId } : {}),
      },
    );
    return res.body?.value ?? [];
  }

  // ------------------------------------------------------------------ typed item endpoints

  /** `GET /workspaces/{ws}/{collection}/{id}` (e.g. `lakehouses`); a 202 (provisioning warehouse) is polled. */
  async getTypedItem<T extends Item>(
    workspaceId: string,
    collection: string,
    itemId: string,
    opts: LroOptions = {},
  ): Promise<T> {
    const res = await this.lro<T>(
      `get ${collection} ${itemId}`,
      'GET',
      `/workspaces/${seg(workspaceId)}/${collection}/${seg(itemId)}`,
      undefined,
      opts,
    );
    return res as T;
  }

  getLakehouse(workspaceId: string, id: string): Promise<Lakehouse> {
    return this.getTypedItem<Lakehouse>(workspaceId, 'lakehouses', id);
  }

  getWarehouse(workspaceId: string, id: string): Promise<Warehouse> {
    return this.getTypedItem<Warehouse>(workspaceId, 'warehouses', id);
  }

  getEnvironment(workspaceId: string, id: string): Promise<Environment> {
    return this.getTypedItem<Environment>(workspaceId, 'environments', id);
  }

  /** Polls a lakehouse until its SQL endpoint is provisioned (bounded; fabric-cicd's loop is not). */
  async waitForLakehouseSqlEndpoint(
    workspaceId: string,
    lakehouseId: string,
    opts: WaitOptions = {},
  ): Promise<Lakehouse> {
    return this.waitFor(
      `SQL endpoint of lakehouse ${lakehouseId}`,
      () => this.getLakehouse(workspaceId, lakehouseId),
      (lh) => {
        const status = lh.properties?.sqlEndpointProperties?.provisioningStatus;
        if (status === 'Failed') {
          throw new FabricApiError({
            operation: `provision SQL endpoint of lakehouse '${lh.displayName}'`,
            status: 0,
            body: { errorCode: 'SqlEndpointProvisioningFailed', message: 'provisioningStatus is Failed' },
          });
        }
        return status === 'Success';
      },
      { timeoutMs: 5 * 60_000, ...opts },
    );
  }

  /**
   * Publishes an environment's staged changes (`staging/publish?beta=false`, LRO with a long deadline).
   * When the service gives nothing to poll, waits on `publishDetails.state` instead.
   */
  async publishEnvironment(
    workspaceId: string,
    environmentId: string,
    opts: LroOptions = {},
  ): Promise<Environment> {
    const deadlineMs = opts.deadlineMs ?? this.options.environmentPublishDeadlineMs ?? 60 * 60_000;
    const poller = await this.beginLro<unknown>(
      `publish environment ${environmentId}`,
      'POST',
      `/workspaces/${seg(workspaceId)}/environments/${seg(environmentId)}/staging/publish?beta=false`,
      undefined,
      { ...opts, deadlineMs },
    );
    const hadOperation = !!poller.state.pollUrl;
    await poller.pollUntilDone();
    const env = () => this.getEnvironment(workspaceId, environmentId);
    if (hadOperation) return env();
    return this.waitFor(
      `publish of environment ${environmentId}`,
      env,
      (e) => {
        const state = e.properties?.publishDetails?.state;
        if (state === 'Failed' || state === 'Cancelled') {
          throw new FabricApiError({
            operation: `publish environment '${e.displayName}'`,
            status: 0,
            body: { errorCode: `EnvironmentPublish${state}`, message: `publishDetails.state is ${state}` },
          });
        }
        return state === undefined || state === 'Success';
      },
      {
        timeoutMs: deadlineMs,
        initialDelayMs: opts.initialDelayMs,
        maxIntervalMs: opts.maxIntervalMs,
        signal: opts.signal,
      },
    );
  }

  // ------------------------------------------------------------------ folders

  listFolders(
    workspaceId: string,
    opts: { rootFolderId?: string; recursive?: boolean } = {},
  ): Promise<Folder[]> {
    const q = new URLSearchParams();
    if (opts.rootFolderId) q.set('rootFolderId', opts.rootFolderId);
    if (opts.recursive !== undefined) q.set('recursive', String(opts.recursive));
    const qs = q.toString();
    return this.listAll('list folders', `/workspaces/${seg(workspaceId)}/folders${qs ? `?${qs}` : ''}`);
  }

  async getFolder(workspaceId: string, folderId: string): Promise<Folder> {
    return (
      await this.send<Folder>('get folder', 'GET', `/workspaces/${seg(workspaceId)}/folders/${seg(folderId)}`)
    ).body;
  }

  async createFolder(workspaceId: string, req: CreateFolderRequest): Promise<Folder> {
    return (
      await this.send<Folder>(
        `create folder '${req.displayName}'`,
        'POST',
        `/workspaces/${seg(workspaceId)}/folders`,
        req,
      )
    ).body;
  }

  async updateFolder(workspaceId: string, folderId: string, displayName: string): Promise<Folder> {
    return (
      await this.send<Folder>(
        `rename folder to '${displayName}'`,
        'PATCH',
        `/workspaces/${seg(workspaceId)}/folders/${seg(folderId)}`,
        { displayName },
      )
    ).body;
  }

  async deleteFolder(workspaceId: string, folderId: string): Promise<void> {
    await this.send(
      `delete folder ${folderId}`,
      'DELETE',
      `/workspaces/${seg(workspaceId)}/folders/${seg(folderId)}`,
    );
  }

  async moveFolder(workspaceId: string, folderId: string, targetFolderId?: string): Promise<Folder> {
    const body = targetFolderId ? { targetFolderId } : {};
    return (
      await this.send<Folder>(
        `move folder ${folderId}`,
        'POST',
        `/workspaces/${seg(workspaceId)}/folders/${seg(folderId)}/move`,
        body,
      )
    ).body;
  }

  // ------------------------------------------------------------------ git

  async getGitConnection(workspaceId: string): Promise<GitConnection> {
    return (
      await this.send<GitConnection>(
        'get Git connection',
        'GET',
        `/workspaces/${seg(workspaceId)}/git/connection`,
      )
    ).body;
  }

  /**
   * Connects the workspace to Git. After a lost answer the resend is not blind: a connection that
   * matches the request is the first attempt's doing, and counts as done.
   */
  async connectGit(workspaceId: string, req: GitConnectRequest): Promise<void> {
    await this.send('connect workspace to Git', 'POST', `/workspaces/${seg(workspaceId)}/git/connect`, req, {
      findCreated: async () => {
        const conn = await this.getGitConnection(workspaceId);
        return conn.gitConnectionState !== 'NotConnected' && sameGitProvider(conn, req) ? conn : undefined;
      },
    });
  }

  async disconnectGit(workspaceId: string): Promise<void> {
    await this.send(
      'disconnect workspace from Git',
      'POST',
      `/workspaces/${seg(workspaceId)}/git/disconnect`,
    );
  }

  async initializeGitConnection(
    workspaceId: string,
    req?: InitializeGitConnectionRequest,
    opts: LroOptions = {},
  ): Promise<InitializeGitConnectionResponse | undefined> {
    // After a lost answer: a connection already initialized is the first attempt's doing; what it
    // would have answered is rebuilt from the heads in the Git status.
    const findCreated = async (): Promise<InitializeGitConnectionResponse | undefined> => {
      const conn = await this.getGitConnection(workspaceId);
      if (conn.gitConnectionState !== 'ConnectedAndInitialized') return undefined;
      const st = await this.getGitStatus(workspaceId);
      const remote = st.remoteCommitHash ?? undefined;
      const head = st.workspaceHead ?? undefined;
      return {
        requiredAction: remote && remote !== head ? 'UpdateFromGit' : 'None',
        remoteCommitHash: remote,
        workspaceHead: head,
      } as InitializeGitConnectionResponse;
    };
    return this.lro(
      'initialize Git connection',
      'POST',
      `/workspaces/${seg(workspaceId)}/git/initializeConnection`,
      req,
      { ...opts, findCreated },
    );
  }

  /** Git status (a GET that may answer 202 and be polled). */
  async getGitStatus(workspaceId: string, opts: LroOptions = {}): Promise<GitStatusResponse> {
    const res = await this.lro<GitStatusResponse>(
      'get Git status',
      'GET',
      `/workspaces/${seg(workspaceId)}/git/status`,
      undefined,
      opts,
    );
    if (!res) throw new Error('get Git status returned no status');
    return res;
  }

  async updateFromGit(workspaceId: string, req: UpdateFromGitRequest, opts: LroOptions = {}): Promise<void> {
    // After a lost answer: a workspace whose head is already the requested remote commit was updated.
    const findCreated = async () => {
      const st = await this.getGitStatus(workspaceId);
      return req.remoteCommitHash && st.workspaceHead === req.remoteCommitHash ? {} : undefined;
    };
    await this.lro(
      'update workspace from Git',
      'POST',
      `/workspaces/${seg(workspaceId)}/git/updateFromGit`,
      req,
      { ...opts, findCreated },
    );
  }

  async commitToGit(workspaceId: string, req: CommitToGitRequest, opts: LroOptions = {}): Promise<void> {
    await this.lro(
      'commit workspace to Git',
      'POST',
      `/workspaces/${seg(workspaceId)}/git/commitToGit`,
      req,
      opts,
    );
  }

  async getMyGitCredentials(workspaceId: string): Promise<GitCredentials> {
    return (
      await this.send<GitCredentials>(
        'get my Git credentials',
        'GET',
        `/workspaces/${seg(workspaceId)}/git/myGitCredentials`,
      )
    ).body;
  }

  async updateMyGitCredentials(workspaceId: string, req: GitCredentials): Promise<GitCredentials> {
    return (
      await this.send<GitCredentials>(
        'set my Git credentials',
        'PATCH',
        `/workspaces/${seg(workspaceId)}/git/myGitCredentials`,
        req,
      )
    ).body;
  }

  // ------------------------------------------------------------------ operations

  async getOperationState(operationId: string): Promise<OperationState> {
    return (await this.send<OperationState>('get operation state', 'GET', `/operations/${seg(operationId)}`))
      .body;
  }

  async getOperationResult<T = unknown>(operationId: string): Promise<T> {
    return (await this.send<T>('get operation result', 'GET', `/operations/${seg(operationId)}/result`)).body;
  }

  // ------------------------------------------------------------------ internals

  /** Polls `get` until `done` says so (or throws), doubling the interval, bounded by `timeoutMs`. */
  private async waitFor<T>(
    what: string,
    get: () => Promise<T>,
    done: (v: T) => boolean,
    opts: WaitOptions,
  ): Promise<T> {
    const timeoutMs = opts.timeoutMs ?? LRO_DEFAULTS.deadlineMs;
    const start = Date.now();
    const schedule = {
      initialDelayMs: opts.initialDelayMs ?? 1000,
      minIntervalMs: 0,
      maxIntervalMs: opts.maxIntervalMs ?? 10_000,
    };
    for (let n = 0; ; n++) {
      const v = await get();
      if (done(v)) return v;
      const remaining = start + timeoutMs - Date.now();
      if (remaining <= 0) {
        throw new FabricApiError({
          operation: `wait for ${what}`,
          status: 0,
          body: {
            errorCode: 'OperationDeadlineExceeded',
            message: `not done after ${Math.round(timeoutMs / 1000)} s`,
          },
        });
      }
      await abortableSleep(Math.min(pollDelay(n, schedule), remaining), opts.signal);
    }
  }

  /**
   * For a POST that creates something, a function that looks for it (list/get by name). The retry policy
   * calls it before sending the create again after a lost answer: no duplicates, ever.
   */
  private createFinder(url: string, body: unknown): (() => Promise<unknown | undefined>) | undefined {
    if (!body || typeof body !== 'object') return undefined;
    const b = body as Record<string, unknown>;
    const u = new URL(url);
    const base = new URL(this.baseUrl);
    if (u.origin !== base.origin || !u.pathname.startsWith(base.pathname)) return undefined;
    const rel = u.pathname.slice(base.pathname.replace(/\/$/, '').length);
    const name = typeof b.displayName === 'string' ? b.displayName : undefined;

    if (rel === '/workspaces' && name) {
      return () => this.findWorkspaceByName(name);
    }
    let m = /^\/workspaces\/([^/]+)\/items$/.exec(rel);
    if (m && name) {
      const ws = decodeURIComponent(m[1]!);
      const type = typeof b.type === 'string' ? b.type : undefined;
      return async () =>
        (await this.listItems(ws, type)).find(
          (i) => sameName(i.displayName, name) && (!type || i.type === type),
        );
    }
    m =
      /^\/workspaces\/([^/]+)\/(lakehouses|notebooks|semanticModels|reports|dataPipelines|environments|warehouses|[A-Za-z]+s)$/.exec(
        rel,
      );
    if (m && name && !['folders', 'roleAssignments'].includes(m[2]!)) {
      const path = `/workspaces/${m[1]}/${m[2]}`;
      return async () =>
        (await this.listAll<Item>('look for created item', path)).find((i) => sameName(i.displayName, name));
    }
    m = /^\/workspaces\/([^/]+)\/folders$/.exec(rel);
    if (m && name) {
      const ws = decodeURIComponent(m[1]!);
      const parent = typeof b.parentFolderId === 'string' && b.parentFolderId ? b.parentFolderId : undefined;
      return async () =>
        (await this.listFolders(ws)).find(
          (f) => sameName(f.displayName, name) && (f.parentFolderId || undefined) === parent,
        );
    }
    m = /^\/workspaces\/([^/]+)\/roleAssignments$/.exec(rel);
    const principal = b.principal as { id?: string } | undefined;
    if (m && principal?.id) {
      const ws = decodeURIComponent(m[1]!);
      const role = b.role;
      return async () =>
        (await this.listRoleAssignments(ws)).find(
          (r) => r.principal.id.toLowerCase() === principal.id!.toLowerCase() && r.role === role,
        );
    }
    return undefined;
  }
}

/** The connection points at the repository, branch and folder the connect request asked for. */
function sameGitProvider(conn: GitConnection, req: GitConnectRequest): boolean {
  const have = (conn.gitProviderDetails ?? {}) as unknown as Record<string, unknown>;
  const want = req.gitProviderDetails as unknown as Record<string, unknown>;
  const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/^\/+|\/+$/g, '').toLowerCase() : v);
  return Object.keys(want).every((k) => want[k] === undefined || norm(have[k]) === norm(want[k]));
}

/** Fabric's name comparison is undocumented; case-insensitive is the safe assumption. */
function sameName(a: string | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}
