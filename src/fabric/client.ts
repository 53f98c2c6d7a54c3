/**
 * Typed access to the Fabric REST API (v1): one method per operation the product uses, on the
 * transport (transport.ts), with the finders that keep a resent create from making a second
 * resource (finders.ts). Kept as one file on purpose, over 400 lines: it is a flat table of short
 * endpoint methods, one per REST operation, and reads best as one.
 */
import { FabricApiError } from './errors';
import { createFinder, gitConnectFinder, gitInitializeFinder, gitUpdateFinder, sameName } from './finders';
import { ConditionPoller, LRO_DEFAULTS, type LroOptions } from './lro';
import { FabricTransport, type ReadOptions } from './transport';
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
  BulkExportResult,
  BulkImportRequest,
  BulkImportResult,
  Lakehouse,
  OperationState,
  RoleAssignment,
  SparkPool,
  UpdateFromGitRequest,
  UpdateItemRequest,
  UpdateVariableLibraryRequest,
  UpdateWorkspaceRequest,
  VariableLibrary,
  Connection,
  BindConnectionRequest,
  Shortcut,
  ShortcutConflictPolicy,
  Warehouse,
  Workspace,
  WorkspaceInfo,
  WorkspaceRole,
} from './types';

export {
  FabricTransport,
  type ApiResponse,
  type FabricClientOptions,
  type ReadOptions,
  type SendOptions,
} from './transport';

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

export class FabricClient extends FabricTransport {
  // ------------------------------------------------------------------ workspaces

  listWorkspaces(opts: ReadOptions & { roles?: WorkspaceRole[] } = {}): Promise<Workspace[]> {
    const { roles, operation, ...send } = opts;
    const q = roles?.length ? `?roles=${seg(roles.join(','))}` : '';
    return this.listAll(operation ?? 'list workspaces', `/workspaces${q}`, send);
  }

  async getWorkspace(id: string, opts: ReadOptions = {}): Promise<WorkspaceInfo> {
    const { operation, ...send } = opts;
    return (
      await this.send<WorkspaceInfo>(
        operation ?? 'get workspace',
        'GET',
        `/workspaces/${seg(id)}`,
        undefined,
        send,
      )
    ).body;
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

  listCapacities(opts: ReadOptions = {}): Promise<Capacity[]> {
    const { operation, ...send } = opts;
    return this.listAll(operation ?? 'list capacities', '/capacities', send);
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

  /**
   * Definitions of many items in one long-running call (`bulkExportDefinitions`, beta): Selective over
   * `itemIds` (at most 1,000). Each index entry's `rootPath` prefixes its items' part paths.
   */
  async bulkExportDefinitions(
    workspaceId: string,
    itemIds: readonly string[],
    opts: LroOptions = {},
  ): Promise<BulkExportResult> {
    const op = `export ${itemIds.length} item definition${itemIds.length === 1 ? '' : 's'}`;
    const res = await this.lro<BulkExportResult>(
      op,
      'POST',
      `/workspaces/${seg(workspaceId)}/items/bulkExportDefinitions?beta=true`,
      { mode: 'Selective', items: itemIds.map((id) => ({ id })) },
      opts,
    );
    if (!res?.itemDefinitionsIndex || !res.definitionParts) throw new Error(`${op} returned no definitions`);
    return res;
  }

  /**
   * Creates or updates many items in one long-running call (`bulkImportDefinitions`, beta): parts under
   * workspace-folder-rooted paths (`/<folders>/<Name>.<Type>/<part>`), at most 1,000 items. The result
   * names each item with its status; a refusal of the whole call throws the service's error.
   */
  async bulkImportDefinitions(
    workspaceId: string,
    request: BulkImportRequest,
    items: number,
    opts: LroOptions = {},
  ): Promise<BulkImportResult> {
    const op = `import ${items} item definition${items === 1 ? '' : 's'}`;
    const res = await this.lro<BulkImportResult>(
      op,
      'POST',
      `/workspaces/${seg(workspaceId)}/items/bulkImportDefinitions?beta=true`,
      request,
      opts,
    );
    if (!res || !Array.isArray(res.importItemDefinitionsDetails))
      throw new Error(`${op} returned no item results`);
    return res;
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

  async getVariableLibrary(workspaceId: string, id: string): Promise<VariableLibrary> {
    return (
      await this.send<VariableLibrary>(
        'get variable library',
        'GET',
        `/workspaces/${seg(workspaceId)}/variableLibraries/${seg(id)}`,
      )
    ).body;
  }

  /** Sets a variable library's properties (the active value set); `operation` names the call (activate, restore). */
  async updateVariableLibrary(
    workspaceId: string,
    id: string,
    req: UpdateVariableLibraryRequest,
    opts: { operation?: string } = {},
  ): Promise<void> {
    await this.send(
      opts.operation ?? 'update variable library',
      'PATCH',
      `/workspaces/${seg(workspaceId)}/variableLibraries/${seg(id)}`,
      req,
    );
  }

  // ------------------------------------------------------------------ connections

  listConnections(): Promise<Connection[]> {
    return this.listAll('list connections', '/connections');
  }

  /** The connections an item uses (a semantic model: the ones its data sources are bound to). */
  listItemConnections(workspaceId: string, itemId: string): Promise<Connection[]> {
    return this.listAll(
      'list item connections',
      `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}/connections`,
    );
  }

  /** Binds (or, with connectivityType None, unbinds) one data source of a semantic model. */
  async bindSemanticModelConnection(
    workspaceId: string,
    semanticModelId: string,
    req: BindConnectionRequest,
    opts: { operation?: string } = {},
  ): Promise<void> {
    await this.send(
      opts.operation ?? 'bind connection',
      'POST',
      `/workspaces/${seg(workspaceId)}/semanticModels/${seg(semanticModelId)}/bindConnection`,
      req,
    );
  }

  // ------------------------------------------------------------------ OneLake shortcuts
  listShortcuts(workspaceId: string, itemId: string): Promise<Shortcut[]> {
    return this.listAll('list shortcuts', `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}/shortcuts`);
  }

  async createShortcut(
    workspaceId: string,
    itemId: string,
    shortcut: Shortcut,
    policy: ShortcutConflictPolicy,
    opts: { operation?: string } = {},
  ): Promise<Shortcut> {
    return (
      await this.send<Shortcut>(
        opts.operation ?? 'create shortcut',
        'POST',
        `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}/shortcuts?shortcutConflictPolicy=${policy}`,
        shortcut,
      )
    ).body;
  }

  /** `path` keeps its slashes (`Tables/dbo`), each segment encoded, as the service's own Location has it. */
  async deleteShortcut(
    workspaceId: string,
    itemId: string,
    path: string,
    name: string,
    opts: { operation?: string } = {},
  ): Promise<void> {
    const at = [...path.split('/').filter(Boolean), name].map(seg).join('/');
    await this.send(
      opts.operation ?? 'delete shortcut',
      'DELETE',
      `/workspaces/${seg(workspaceId)}/items/${seg(itemId)}/shortcuts/${at}`,
    );
  }

  // ------------------------------------------------------------------ spark

  listSparkPools(workspaceId: string): Promise<SparkPool[]> {
    return this.listAll('list spark pools', `/workspaces/${seg(workspaceId)}/spark/pools`);
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

  /** Connects the workspace to Git. After a lost answer the resend is not blind (gitConnectFinder). */
  async connectGit(workspaceId: string, req: GitConnectRequest): Promise<void> {
    await this.send('connect workspace to Git', 'POST', `/workspaces/${seg(workspaceId)}/git/connect`, req, {
      findCreated: gitConnectFinder(this, workspaceId, req),
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
    return this.lro(
      'initialize Git connection',
      'POST',
      `/workspaces/${seg(workspaceId)}/git/initializeConnection`,
      req,
      { ...opts, findCreated: gitInitializeFinder(this, workspaceId) },
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
    await this.lro(
      'update workspace from Git',
      'POST',
      `/workspaces/${seg(workspaceId)}/git/updateFromGit`,
      req,
      { ...opts, findCreated: gitUpdateFinder(this, workspaceId, req.remoteCommitHash) },
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

  /** Reads `get` until `done` says so (or throws): the client's one poller, on a resource. */
  private waitFor<T>(
    what: string,
    get: () => Promise<T>,
    done: (v: T) => boolean,
    opts: WaitOptions,
  ): Promise<T> {
    return new ConditionPoller(what, get, done, {
      initialDelayMs: opts.initialDelayMs ?? 1000,
      minIntervalMs: 0,
      maxIntervalMs: opts.maxIntervalMs ?? 10_000,
      deadlineMs: opts.timeoutMs ?? LRO_DEFAULTS.deadlineMs,
      signal: opts.signal,
    }).start();
  }

  protected override finderFor(url: string, body: unknown): (() => Promise<unknown | undefined>) | undefined {
    return createFinder(this, url, body);
  }
}
