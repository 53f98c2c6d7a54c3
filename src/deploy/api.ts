/**
 * The Fabric operations the deploy steps use, as one narrow seam over FabricClient: every call a
 * step makes is listed here (what the journal's undo replays, what tests count in the request log).
 */
import type { FabricClient } from '../fabric/client';
import { FabricApiError, hadAmbiguousAttempt, isAmbiguousFailure } from '../fabric/errors';
import { expectedItemMs } from './timing';
import type {
  AddRoleAssignmentRequest,
  Capacity,
  CreateItemRequest,
  Folder,
  GitConnection,
  GitConnectRequest,
  GitStatusResponse,
  InitializeGitConnectionRequest,
  InitializeGitConnectionResponse,
  Item,
  ItemDefinition,
  RoleAssignment,
  UpdateFromGitRequest,
  Workspace,
  WorkspaceRole,
} from '../fabric/types';

export function isNotFound(err: unknown): boolean {
  return (
    err instanceof FabricApiError &&
    (err.status === 404 || /NotFound$/.test(err.errorCode) || err.errorCode === 'WorkspaceNotConnectedToGit')
  );
}

export function errorCode(err: unknown): string | undefined {
  return err instanceof FabricApiError ? err.errorCode : undefined;
}

/** Workspace path segment. */
const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;

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

  constructor(readonly client: FabricClient) {}

  // ---- workspaces
  listWorkspaces(): Promise<Workspace[]> {
    return this.client.listWorkspaces();
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
  listItems(workspaceId: string): Promise<Item[]> {
    return this.client.listItems(workspaceId);
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
    const op = `create ${req.type} '${req.displayName}'`;
    const holder = async () =>
      (await this.client.listItems(workspaceId, req.type)).find(
        (i) => i.type === req.type && i.displayName.toLowerCase() === req.displayName.toLowerCase(),
      );
    // Set once an attempt may have been applied without our knowing (its answer was lost).
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const item = await this.paced<Item>(
          op,
          'POST',
          `${ws(workspaceId)}/items`,
          req,
          expectedItemMs(req.type),
        );
        if (item && typeof item === 'object' && 'id' in item) return item;
        // An operation without a result: find what it made.
        const found = await holder();
        if (!found) throw new Error(`${op} succeeded but the item is not in the workspace`);
        return found;
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
        await new Promise((r) => setTimeout(r, delay));
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
  async getItemDefinition(
    workspaceId: string,
    item: Pick<Item, 'id' | 'type' | 'displayName'>,
    format?: string,
  ): Promise<ItemDefinition> {
    const op = `get definition of ${item.type} '${item.displayName}'`;
    const q = format ? `?format=${encodeURIComponent(format)}` : '';
    const res = await this.paced<{ definition: ItemDefinition }>(
      op,
      'POST',
      `${ws(workspaceId)}/items/${item.id}/getDefinition${q}`,
      undefined,
      expectedItemMs(item.type) / 4,
    );
    if (!res?.definition) throw new Error(`${op} returned no definition`);
    return res.definition;
  }
  async updateItemDefinition(
    workspaceId: string,
    item: Pick<Item, 'id' | 'type' | 'displayName'>,
    definition: ItemDefinition,
  ): Promise<void> {
    await this.paced(
      `update definition of ${item.type} '${item.displayName}'`,
      'POST',
      `${ws(workspaceId)}/items/${item.id}/updateDefinition?updateMetadata=true`,
      { definition },
      expectedItemMs(item.type),
    );
  }

  /**
   * A long-running call polled around when it is expected to finish: the first poll at 80 % of
   * the type's typical duration, then every 10 % (growing to 30 %). The default doubling cadence
   * (1, 2, 4, 8, 16, 20 s…) sees a 30 s operation only at 31 s and a 20 s one at 31 s too, which
   * adds up along a dependency chain. Durations are in units of the client's own cadence (its
   * first poll delay over 1 s), so a client configured for a time-scaled simulator scales with it.
   */
  private async paced<T>(
    operation: string,
    method: string,
    path: string,
    body: unknown,
    expectedMs: number,
  ): Promise<T | undefined> {
    if (!this.pacing) return this.client.lro<T>(operation, method, path, body);
    const lro = this.client.options.lro ?? {};
    const unit = (lro.initialDelayMs ?? 1000) / 1000;
    const floor = lro.minIntervalMs ?? 500 * unit;
    const step = Math.max(floor, 0.1 * expectedMs * unit);
    // The first poll at 80 % of the typical duration, but never later than the service's Retry-After
    // (0 → the client's minimum interval) nor the deadline; the wait is the poller's, so it is abortable.
    const poller = await this.client.beginLro<T>(operation, method, path, body, {
      initialDelayMs: step,
      maxIntervalMs: Math.max(step, 3 * step),
      firstPollDelayMs: Math.max(step, 0.8 * expectedMs * unit),
    });
    return poller.pollUntilDone();
  }
  async moveItem(workspaceId: string, itemId: string, targetFolderId: string | undefined): Promise<void> {
    await this.client.moveItem(workspaceId, itemId, targetFolderId);
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
