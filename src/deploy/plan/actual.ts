/**
 * The first step of a plan: read what the workspace holds into an `ActualState`. Items, folders (the
 * locks among them), role assignments and the Git connection in parallel; then, for every item the
 * repository also has, its deployed definition (bulk export, getDefinition for what the export cannot
 * give: read-definitions.ts) next to the repository's, built for this workspace; last, the Git status
 * when an update may be due.
 * Only reads.
 */
import type {
  Capacity,
  Folder,
  GitConnection,
  Item,
  ItemDefinition,
  RoleAssignment,
  Workspace,
} from '../../fabric/types';
import type { Logger } from '../../hosts/host';
import { FabricOps, isNotFound } from '../api';
import { buildContextFrom, type DesiredItem } from '../desired';
import { DEFAULT_LOCK, isLockFolder, lockStateOf } from '../lock';
import { mapLimit } from '../pool';
import { sameGit, type DesiredGit } from '../workspace';
import { matchDeployed } from './diff';
import type { ActualState, DefinitionRead, DefinitionReads } from './model';
import { readDefinitions } from './read-definitions';
import { findRenames } from './renames';
import { managedBy, type ItemScope } from './scope';

export interface ReadRequest extends ItemScope {
  deploymentId: string;
  items: readonly DesiredItem[];
  /** Role assignments are read only when principals are managed. */
  principals: readonly unknown[];
  git?: DesiredGit;
  capacity?: Capacity;
  maxParallel: number;
  log?: Logger;
  /** Checks against the workspace's items (e.g. `$items` names), before any definition is read. */
  checkAgainst?: (deployed: readonly Item[]) => void;
}

export interface WorkspaceReading {
  actual: ActualState;
  /** The repository's definitions of the items the workspace also has, built for it (key → definition). */
  desiredDefinitions: Map<string, ItemDefinition>;
  /** VariableLibraries the workspace has: the value set the environment activates, and the active one. */
  valueSets: Map<string, { want: string; current?: string }>;
}

export async function readActualState(
  ops: FabricOps,
  ws: Workspace | undefined,
  req: ReadRequest,
): Promise<WorkspaceReading> {
  let items: Item[] = [];
  let folders: Folder[] = [];
  let roles: RoleAssignment[] = [];
  let git: GitConnection | undefined;
  if (ws) {
    [items, folders, roles, git] = await Promise.all([
      ops.listItems(ws.id),
      ops.listFolders(ws.id).catch((e) => (isNotFound(e) ? [] : Promise.reject(e))),
      req.principals.length ? ops.listRoleAssignments(ws.id) : Promise.resolve([]),
      req.git
        ? ops.getGitConnection(ws.id).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)))
        : Promise.resolve(undefined),
    ]);
  }
  const lockState = lockStateOf(folders, req.deploymentId, {
    staleAfterMs: DEFAULT_LOCK.staleAfterMs,
    log: req.log,
  });
  req.checkAgainst?.(items);

  let definitions = new Map<string, ItemDefinition>();
  let reads = new Map<string, DefinitionRead>();
  let readSummary: DefinitionReads | undefined;
  const desiredDefinitions = new Map<string, ItemDefinition>();
  const valueSets = new Map<string, { want: string; current?: string }>();
  const existing = matchDeployed(req.items, items);
  // Items renamed (or moved and renamed) in the repository: the same deployed item, by logical id.
  const renames = new Map<string, string>();
  if (ws)
    for (const [k, it] of await findRenames(ops, ws.id, req.items, items.filter(managedBy(req)), existing, {
      maxParallel: req.maxParallel,
      log: req.log,
    })) {
      existing.set(k, it);
      renames.set(k, it.id);
    }
  if (ws && existing.size) {
    const ids = new Map([...existing].map(([k, it]) => [k, it.id]));
    const bctx = { ...buildContextFrom(ops, ws, req.items, ids), planning: true };
    const shared = req.items.filter((d) => !d.shell && existing.has(d.key));
    await mapLimit(shared, req.maxParallel, async (d) => {
      const payload = await d.payload(bctx);
      if (d.type === 'VariableLibrary' && payload.activeValueSetName)
        valueSets.set(d.key, {
          want: payload.activeValueSetName,
          current: await ops.activeValueSet(ws.id, existing.get(d.key)!.id),
        });
      if (payload.definition) desiredDefinitions.set(d.key, payload.definition);
    });
    const wanted = shared
      .filter((d) => desiredDefinitions.has(d.key))
      .map((d) => ({
        key: d.key,
        item: existing.get(d.key)!,
        format: desiredDefinitions.get(d.key)!.format,
      }));
    ({
      definitions,
      reads,
      summary: readSummary,
    } = await readDefinitions(ops, ws.id, wanted, {
      maxParallel: req.maxParallel,
      log: req.log,
    }));
  }

  // Whether an initialized connection is behind the remote (git/status is a read, possibly long-running);
  // not asked when the plan is refused anyway (no capacity, connected elsewhere).
  let gitStatus: ActualState['gitStatus'];
  if (
    ws &&
    req.git?.config.updateFromGit &&
    git?.gitConnectionState === 'ConnectedAndInitialized' &&
    sameGit(git, req.git) &&
    (req.capacity || ws.capacityId)
  )
    gitStatus = await ops.gitStatus(ws.id);

  return {
    actual: {
      workspace: ws,
      items,
      folders: folders.filter((f) => !isLockFolder(f)),
      lockState,
      roles,
      git,
      gitStatus,
      definitions,
      reads,
      readSummary,
      renames,
    },
    desiredDefinitions,
    valueSets,
  };
}
