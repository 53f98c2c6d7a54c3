/**
 * The one door the deploy steps (plan, execute, journal undo, lock, destroy, rollback) have to Fabric:
 * every call a step makes is listed here, and steps see nothing else (not the client). Each method is
 * a typed FabricClient endpoint plus what a deploy adds to it: pacing (long-running calls polled
 * around the item type's typical duration) and waiting out display names a recent delete still
 * reserves. The client itself stays transport and typed endpoints.
 */
import type { FabricClient } from '../fabric/client';
import { FabricApiError, hadAmbiguousAttempt, isAmbiguousFailure } from '../fabric/errors';
import { expectedItemMs } from './timing';
import { bindConnectionBody } from '../items/postdeploy';
import type {
  AddRoleAssignmentRequest,
  BulkImportRequest,
  BulkImportResult,
  Capacity,
  Connection,
  CreateItemRequest,
  Folder,
  GitConnection,
  GitConnectRequest,
  GitStatusResponse,
  InitializeGitConnectionRequest,
  InitializeGitConnectionResponse,
  Item,
  ItemDefinition,
  Lakehouse,
  RoleAssignment,
  Shortcut,
  SparkPool,
  UpdateFromGitRequest,
  Workspace,
  WorkspaceRole,
} from '../fabric/types';
import { setTimeout as sleep } from 'node:timers/promises';

export function isNotFound(err: unknown): boolean {
  return (
    err instanceof FabricApiError &&
    (err.status === 404 || /NotFound$/.test(err.errorCode) || err.errorCode === 'WorkspaceNotConnectedToGit')
  );
}

export function errorCode(err: unknown): string | undefined {
  return err instanceof FabricApiError ? err.errorCode : undefined;
}

export class FabricOps {
  /** How long a create waits for a display name a recent delete still reserves (ItemDisplayNameNotAvailableYet). */
  nameWaitMs = 5 * 60_000;

  /**
   * How long a create keeps trying a name the service says is in use (ItemDisplayNameAlreadyInUse)
   * while no item of that name and type can be listed: a name stays reserved for a while after a
   * delete (fabric-cicd retries it too). ms, default 60 s; 0 = fail at once.
   */
  nameInUseWaitMs = 60_000;

  /** Poll long-running calls around the type's typical duration (else the client's default cadence). */
  pacing = true;

  /**
   * How long an undo refused by an open circuit breaker keeps waiting for the circuit's trial call
   * (ms, default 3 min: three trials at the default 60 s half-open time).
   */
  undoCircuitWaitMs = 3 * 60_000;

  constructor(private readonly client: FabricClient) {}

  // ---- workspaces
  listWorkspaces(): Promise<Workspace[]> {
    return this.client.listWorkspaces();
  }
  findWorkspaceByName(displayName: string): Promise<Workspace | undefined> {
    return this.client.findWorkspaceByName(displayName);
  }
  getWorkspace(id: string): Promise<Workspace> {
    return this.client.getWorkspace(id);
  }
  createWorkspace(req: {
    displayName: string;
    description?: string;
    capacityId?: string;
  }): Promise<Workspace> {
    return this.client.createWorkspace(req);
  }
  async updateWorkspace(id: string, req: { displayName?: string; description?: string }): Promise<void> {
    await this.client.updateWorkspace(id, req);
  }
  deleteWorkspace(id: string): Promise<void> {
    return this.client.deleteWorkspace(id);
  }
  /** Assigns (or, without an id, unassigns) the capacity and waits until the assignment settles. */
  async assignCapacity(workspaceId: string, capacityId: string | undefined): Promise<void> {
    if (capacityId) await this.client.assignToCapacity(workspaceId, capacityId);
    else await this.client.unassignFromCapacity(workspaceId);
  }

  // ---- capacities
  listCapacities(): Promise<Capacity[]> {
    return this.client.listCapacities();
  }

  // ---- role assignments
  listRoleAssignments(workspaceId: string): Promise<RoleAssignment[]> {
    return this.client.listRoleAssignments(workspaceId);
  }
  addRoleAssignment(
    workspaceId: string,
    principal: AddRoleAssignmentRequest['principal'],
    role: WorkspaceRole,
  ): Promise<RoleAssignment> {
    return this.client.addRoleAssignment(workspaceId, { principal, role });
  }
  async updateRoleAssignment(workspaceId: string, assignmentId: string, role: WorkspaceRole): Promise<void> {
    await this.client.updateRoleAssignment(workspaceId, assignmentId, role);
  }
  deleteRoleAssignment(workspaceId: string, assignmentId: string): Promise<void> {
    return this.client.deleteRoleAssignment(workspaceId, assignmentId);
  }

  // ---- items
  /** Every item of the workspace, or of one type. */
  listItems(workspaceId: string, type?: string): Promise<Item[]> {
    return this.client.listItems(workspaceId, type);
  }
  /**
   * Creates an item. A name freed by a recent delete (a rollback, an orphan removal) stays reserved
   * for a while: the service says ItemDisplayNameNotAvailableYet (retriable) or, for a while after a
   * delete, ItemDisplayNameAlreadyInUse. Both are waited out (`nameWaitMs`, `nameInUseWaitMs`); an
   * "in use" is only tried again while no item of that name and type can be listed, so a real clash
   * fails at once and a create is never sent next to an item that holds the name.
   */
  async createItem(workspaceId: string, req: CreateItemRequest): Promise<Item> {
    const started = Date.now();
    const holder = async () =>
      (await this.client.listItems(workspaceId, req.type)).find(
        (i) => i.type === req.type && i.displayName.toLowerCase() === req.displayName.toLowerCase(),
      );
    // Set once an attempt may have been applied without our knowing (its answer was lost).
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.createItem(workspaceId, req, this.pace(expectedItemMs(req.type)));
      } catch (err) {
        if (hadAmbiguousAttempt(err) || isAmbiguousFailure(err)) ambiguous = true;
        const code = errorCode(err);
        const elapsed = Date.now() - started;
        let limit: number;
        if (code === 'ItemDisplayNameNotAvailableYet') limit = this.nameWaitMs;
        else if (code === 'ItemDisplayNameAlreadyInUse') {
          const found = await holder();
          // An earlier attempt of ours was applied after all: that is the item (no second create).
          if (found && ambiguous) return found;
          // Another item holds the name: a real clash, not a reservation.
          if (found) throw err;
          limit = this.nameInUseWaitMs;
        } else throw err;
        if (elapsed >= limit) throw err;
        const delay = Math.min(30_000, 250 * 2 ** attempt, Math.max(0, limit - elapsed));
        await sleep(delay);
      }
    }
  }
  async updateItem(
    workspaceId: string,
    itemId: string,
    req: { displayName?: string; description?: string },
  ): Promise<void> {
    await this.client.updateItem(workspaceId, itemId, req);
  }
  deleteItem(workspaceId: string, itemId: string, hardDelete = false): Promise<void> {
    return this.client.deleteItem(workspaceId, itemId, { hardDelete });
  }
  getItemDefinition(
    workspaceId: string,
    item: Pick<Item, 'id' | 'type' | 'displayName'>,
    format?: string,
  ): Promise<ItemDefinition> {
    return this.client.getItemDefinition(workspaceId, item.id, {
      format,
      operation: `get definition of ${item.type} '${item.displayName}'`,
      ...this.pace(expectedItemMs(item.type) / 4),
    });
  }
  /**
   * One `bulkExportDefinitions` call (Selective, at most 1,000 items): each exported item's definition
   * by item id, part paths relative to its root as getDefinition gives them. Items the export left out
   * are absent; a refusal throws the service's error.
   */
  async exportDefinitions(
    workspaceId: string,
    itemIds: readonly string[],
  ): Promise<Map<string, ItemDefinition>> {
    const res = await this.client.bulkExportDefinitions(
      workspaceId,
      itemIds,
      // The service's own estimate (2 s + 10 ms per item, as documented in docs/simulator.md).
      this.pace(2000 + 10 * itemIds.length),
    );
    // Longest root first, so an item's parts never go to a parent whose root prefixes its own.
    const roots = [...res.itemDefinitionsIndex].sort((a, b) => b.rootPath.length - a.rootPath.length);
    const out = new Map<string, ItemDefinition>(
      res.itemDefinitionsIndex.map((e) => [e.id.toLowerCase(), { parts: [] }]),
    );
    for (const part of res.definitionParts) {
      const root = roots.find((r) => part.path.startsWith(`${r.rootPath}/`));
      if (!root) continue;
      out
        .get(root.id.toLowerCase())!
        .parts.push({ ...part, path: part.path.slice(root.rootPath.length + 1) });
    }
    return out;
  }
  /**
   * One `bulkImportDefinitions` call (at most 1,000 items), polled around `expectedMs` (the service
   * ends it after its longest dependency chain). The result names each item; the caller checks them.
   */
  importDefinitions(
    workspaceId: string,
    request: BulkImportRequest,
    items: number,
    expectedMs: number,
  ): Promise<BulkImportResult> {
    // Polled from 80 % of the chain every second (to 3 s): the lag after its end is what the run waits.
    const pace = this.pacing ? { expectedMs, pacingStepMs: Math.min(1000, expectedMs / 10) } : {};
    return this.client.bulkImportDefinitions(workspaceId, request, items, pace);
  }
  updateItemDefinition(
    workspaceId: string,
    item: Pick<Item, 'id' | 'type' | 'displayName'>,
    definition: ItemDefinition,
  ): Promise<void> {
    return this.client.updateItemDefinition(
      workspaceId,
      item,
      definition,
      this.pace(expectedItemMs(item.type)),
    );
  }

  /** The poller's pacing around `expectedMs`, when pacing is on (else the client's default cadence). */
  private pace(expectedMs: number): { expectedMs?: number } {
    return this.pacing ? { expectedMs } : {};
  }
  async moveItem(workspaceId: string, itemId: string, targetFolderId: string | undefined): Promise<void> {
    await this.client.moveItem(workspaceId, itemId, targetFolderId);
  }

  // ---- typed item endpoints (`$items` attributes, post-deploy steps)
  /** `GET /workspaces/{ws}/{collection}/{id}`, e.g. a KQL database's query URI. */
  getTypedItem(workspaceId: string, collection: string, itemId: string): Promise<Item> {
    return this.client.getTypedItem(workspaceId, collection, itemId);
  }
  /** A lakehouse once its SQL endpoint is provisioned (a new one gets it after the create). */
  waitForLakehouseSqlEndpoint(workspaceId: string, lakehouseId: string): Promise<Lakehouse> {
    return this.client.waitForLakehouseSqlEndpoint(workspaceId, lakehouseId);
  }
  async publishEnvironment(workspaceId: string, environmentId: string): Promise<void> {
    await this.client.publishEnvironment(workspaceId, environmentId);
  }
  async activeValueSet(workspaceId: string, variableLibraryId: string): Promise<string | undefined> {
    const lib = await this.client.getVariableLibrary(workspaceId, variableLibraryId);
    return lib?.properties?.activeValueSetName;
  }
  /** Activates a VariableLibrary's value set; `operation` names the call ('activate value set', 'restore value set'). */
  setActiveValueSet(
    workspaceId: string,
    variableLibraryId: string,
    valueSet: string,
    operation: string,
  ): Promise<void> {
    return this.client.updateVariableLibrary(
      workspaceId,
      variableLibraryId,
      { properties: { activeValueSetName: valueSet } },
      { operation },
    );
  }
  listConnections(): Promise<Connection[]> {
    return this.client.listConnections();
  }
  listItemConnections(workspaceId: string, itemId: string): Promise<Connection[]> {
    return this.client.listItemConnections(workspaceId, itemId);
  }
  /** Binds a semantic model's data source to `connection`, or unbinds it (connectivityType None). */
  bindConnection(
    workspaceId: string,
    semanticModelId: string,
    connection: Connection,
    operation = 'bind connection',
  ): Promise<void> {
    return this.client.bindSemanticModelConnection(
      workspaceId,
      semanticModelId,
      bindConnectionBody(connection),
      {
        operation,
      },
    );
  }
  // ---- OneLake shortcuts (a Lakehouse's shortcuts.metadata.json)
  listShortcuts(workspaceId: string, itemId: string): Promise<Shortcut[]> {
    return this.client.listShortcuts(workspaceId, itemId);
  }
  /** Create, or replace the shortcut of that path and name (fabric-cicd's CreateOrOverwrite). */
  putShortcut(workspaceId: string, itemId: string, shortcut: Shortcut, operation = 'create shortcut') {
    return this.client.createShortcut(workspaceId, itemId, shortcut, 'CreateOrOverwrite', { operation });
  }
  deleteShortcut(
    workspaceId: string,
    itemId: string,
    path: string,
    name: string,
    operation = 'delete shortcut',
  ) {
    return this.client.deleteShortcut(workspaceId, itemId, path, name, { operation });
  }
  /** An item of another workspace, or undefined when that workspace has none of that id (a shortcut's target). */
  async findItem(workspaceId: string, itemId: string): Promise<Item | undefined> {
    return this.client
      .getItem(workspaceId, itemId)
      .catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
  }
  listSparkPools(workspaceId: string): Promise<SparkPool[]> {
    return this.client.listSparkPools(workspaceId);
  }

  // ---- folders
  listFolders(workspaceId: string): Promise<Folder[]> {
    return this.client.listFolders(workspaceId);
  }
  createFolder(workspaceId: string, displayName: string, parentFolderId?: string): Promise<Folder> {
    return this.client.createFolder(
      workspaceId,
      parentFolderId ? { displayName, parentFolderId } : { displayName },
    );
  }
  deleteFolder(workspaceId: string, folderId: string): Promise<void> {
    return this.client.deleteFolder(workspaceId, folderId);
  }
  async renameFolder(workspaceId: string, folderId: string, displayName: string): Promise<void> {
    await this.client.updateFolder(workspaceId, folderId, displayName);
  }

  // ---- git
  getGitConnection(workspaceId: string): Promise<GitConnection> {
    return this.client.getGitConnection(workspaceId);
  }
  connectGit(workspaceId: string, req: GitConnectRequest): Promise<void> {
    return this.client.connectGit(workspaceId, req);
  }
  disconnectGit(workspaceId: string): Promise<void> {
    return this.client.disconnectGit(workspaceId);
  }
  initializeGit(
    workspaceId: string,
    initializationStrategy?: InitializeGitConnectionRequest['initializationStrategy'],
  ): Promise<InitializeGitConnectionResponse | undefined> {
    return this.client.initializeGitConnection(
      workspaceId,
      initializationStrategy ? { initializationStrategy } : {},
    );
  }
  gitStatus(workspaceId: string): Promise<GitStatusResponse> {
    return this.client.getGitStatus(workspaceId);
  }
  updateFromGit(workspaceId: string, req: UpdateFromGitRequest): Promise<void> {
    return this.client.updateFromGit(workspaceId, req);
  }
}
