/**
 * The plan: desired state against what the workspace holds, for every resource. Building it only
 * reads (GETs and getDefinition); the result is plain data that `plan` prints and `deploy` executes.
 */
import { ConfigError, type SourceLocation } from '../errors';
import type {
  Capacity,
  Folder,
  GitConnection,
  Item,
  ItemDefinition,
  RoleAssignment,
  Workspace,
} from '../fabric/types';
import type { Logger } from '../hosts/host';
import { FabricOps, isNotFound } from './api';
import type { BuildContext, DesiredItem } from './desired';
import { itemKey } from './desired';
import { topologicalOrder } from './graph';
import { DEFAULT_LOCK, isLockFolder, lockStateOf, type LockState } from './lock';
import { definitionDiff } from '../items/normalise';
import { itemTypeInfo, SERVICE_MADE_TYPES } from '../items/types';
import { mapLimit } from './pool';
import { expectedItemMs } from './timing';
import { sameGit, type DesiredGit, type DesiredPrincipal } from './workspace';

/** What the plan does with an item; the report speaks the plan's vocabulary. */
export type ItemAction = 'create' | 'update' | 'unchanged' | 'delete' | 'move';

export interface PlannedItem {
  key: string;
  type: string;
  name: string;
  logicalId?: string;
  action: ItemAction;
  id?: string;
  /** Workspace folder ('' = root). */
  folder: string;
  /** Set when the item changes folder (alone: action 'move'; with a definition change: action 'update'). */
  fromFolder?: string;
  dependsOn: string[];
  /** Why it changes (changed parts, description), or why an orphan is kept. */
  reason?: string;
}

export interface PlannedPrincipal {
  id: string;
  type: string;
  label: string;
  role: string;
  action: 'add' | 'update' | 'unchanged';
  fromRole?: string;
  source: 'config' | 'file';
}

export interface Plan {
  version: 1;
  deploymentId: string;
  createdAt: string;
  environment?: string;
  workspace: {
    action: 'create' | 'update' | 'unchanged';
    id?: string;
    name: string;
    description?: string;
    fromDescription?: string;
  };
  capacity?: { action: 'assign' | 'unchanged'; id: string; name: string; fromId?: string };
  principals: PlannedPrincipal[];
  git?: {
    action: 'connect' | 'unchanged';
    label: string;
    initialize?: 'PreferRemote' | 'PreferWorkspace';
    updateFromGit: boolean;
    state?: string;
  };
  folders: { path: string; action: 'create' | 'unchanged'; id?: string }[];
  /** Every desired item (dependency order), then orphans (action 'delete' when deleteOrphans is on). */
  items: PlannedItem[];
  /** Deployed items not in the repository that stay (orphan deletion off, or a type holding data). */
  unmanaged: { type: string; name: string; id: string; reason: string }[];
  /** Another deployment's lock seen while planning. */
  lockedBy?: { deploymentId: string; since: string };
  hasChanges: boolean;
  counts: Record<string, number>;
  warnings: string[];
}

/** Everything the executor needs beyond the plan data itself. */
export interface PlanState {
  plan: Plan;
  workspace?: Workspace;
  desired: Map<string, DesiredItem>;
  /** Deployed items matched to desired keys. */
  existing: Map<string, Item>;
  /** Definitions captured before any change (the undo of an update restores them). */
  captured: Map<string, ItemDefinition>;
  /** Folder path → id, for folders that exist. */
  folderIds: Map<string, string>;
  roles: RoleAssignment[];
  git?: GitConnection;
  capacity?: Capacity;
  principals: DesiredPrincipal[];
  desiredGit?: DesiredGit;
  /** Orphans to delete (only when deleteOrphans is on). */
  orphans: Item[];
  /** Other deployments' locks and the done-marker, as seen while planning. */
  lockState: LockState;
}

export interface PlanInputs {
  deploymentId: string;
  environment?: string;
  workspaceTarget: { id?: string; name?: string; description?: string };
  items: DesiredItem[];
  capacity?: Capacity;
  principals: DesiredPrincipal[];
  git?: DesiredGit;
  deleteOrphans: boolean;
  /** Types in scope (orphans are only looked for among them); all known types when absent. */
  types?: readonly string[];
  /** Regexes on names excluded from the deployment: their deployed items are never orphans. */
  exclude?: readonly string[];
  maxParallel: number;
  /** Object id of the deploying identity (the creator of a new workspace is its Admin already). */
  selfId?: string;
  warnings?: string[];
  log?: Logger;
  /** Checks against the workspace's items (e.g. `$items` names), before anything is compared or written. */
  checkAgainst?: (deployed: readonly Item[]) => void;
  gitLocation?: SourceLocation;
}

/** Folder path of a folder id, from the flat list the API returns. */
export function folderPaths(folders: Folder[]): Map<string, string> {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const cache = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const hit = cache.get(id);
    if (hit !== undefined) return hit;
    const f = byId.get(id);
    if (!f || depth > 64) return '';
    const p = (f.parentFolderId ? pathOf(f.parentFolderId, depth + 1) : '') + '/' + f.displayName;
    cache.set(id, p);
    return p;
  };
  const out = new Map<string, string>();
  for (const f of folders) out.set(f.id, pathOf(f.id));
  return out;
}

/** Every folder the desired items need, parents before children. */
export function neededFolders(items: DesiredItem[]): string[] {
  const set = new Set<string>();
  for (const i of items) {
    if (!i.folderPath) continue;
    const segs = i.folderPath.split('/').filter(Boolean);
    for (let n = 1; n <= segs.length; n++) set.add('/' + segs.slice(0, n).join('/'));
  }
  return [...set].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

export function buildContextFrom(
  ops: FabricOps,
  ws: { id: string; displayName: string },
  desired: Iterable<DesiredItem>,
  ids: Map<string, string>,
): BuildContext {
  const logicalIds = new Map<string, string>();
  for (const d of desired) {
    const id = ids.get(d.key);
    if (id) logicalIds.set(d.logicalId, id);
  }
  return {
    workspaceId: ws.id,
    workspaceName: ws.displayName,
    logicalIds,
    idsByName: ids,
    client: ops,
  };
}

/** Reads the workspace and compares; writes nothing. */
export async function buildPlan(
  ops: FabricOps,
  ws: Workspace | undefined,
  input: PlanInputs,
): Promise<PlanState> {
  const warnings = [...(input.warnings ?? [])];
  const desired = new Map(input.items.map((i) => [i.key, i]));
  let items: Item[] = [];
  let folders: Folder[] = [];
  let roles: RoleAssignment[] = [];
  let git: GitConnection | undefined;
  if (ws) {
    [items, folders, roles, git] = await Promise.all([
      ops.listItems(ws.id),
      ops.listFolders(ws.id).catch((e) => (isNotFound(e) ? [] : Promise.reject(e))),
      input.principals.length ? ops.listRoleAssignments(ws.id) : Promise.resolve([]),
      input.git
        ? ops.getGitConnection(ws.id).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)))
        : Promise.resolve(undefined),
    ]);
  }
  const lockState = lockStateOf(folders, input.deploymentId, {
    staleAfterMs: DEFAULT_LOCK.staleAfterMs,
    log: input.log,
  });
  input.checkAgainst?.(items);
  const realFolders = folders.filter((f) => !isLockFolder(f));
  const pathById = folderPaths(realFolders);
  const folderIds = new Map<string, string>();
  for (const [id, p] of pathById) folderIds.set(p, id);

  // ---- items: match by (type, name), then compare definitions of the matches
  const byKey = new Map<string, Item>();
  for (const it of items) byKey.set(itemKey(it.type, it.displayName), it);
  const existing = new Map<string, Item>();
  for (const d of input.items) {
    const found = byKey.get(d.key);
    if (found) existing.set(d.key, found);
  }
  const ids = new Map<string, string>();
  for (const [k, it] of existing) ids.set(k, it.id);
  const bctx = ws ? { ...buildContextFrom(ops, ws, input.items, ids), planning: true } : undefined;

  const captured = new Map<string, ItemDefinition>();
  const planned = new Map<string, PlannedItem>();
  // Longest reads first, so the slowest definition is not fetched last.
  const readOrder = [...input.items].sort((a, b) => expectedItemMs(b.type) - expectedItemMs(a.type));
  await mapLimit(readOrder, input.maxParallel, async (d) => {
    const found = existing.get(d.key);
    let folder = d.folderPath ?? '';
    const p: PlannedItem = {
      key: d.key,
      type: d.type,
      name: d.displayName,
      logicalId: d.logicalId,
      action: 'create',
      folder,
      dependsOn: d.dependsOn,
    };
    planned.set(d.key, p);
    if (!found || !ws || !bctx) return;
    p.id = found.id;
    const actualFolder = found.folderId ? (pathById.get(found.folderId) ?? '') : '';
    if (d.folderPath === undefined) p.folder = folder = actualFolder;
    const moved = actualFolder !== folder;
    if (moved) p.fromFolder = actualFolder;
    const reasons: string[] = [];
    if (found.displayName !== d.displayName) reasons.push(`renamed from '${found.displayName}'`);
    if ((found.description ?? '') !== (d.description ?? '')) reasons.push('description');
    if (!d.shell) {
      const want = (await d.payload(bctx)).definition;
      if (want) {
        const have = await ops.getItemDefinition(ws.id, found, want.format);
        captured.set(d.key, have);
        const diff = definitionDiff(want, have).filter((p) => p !== '.platform' || !reasons.length);
        if (diff.length)
          reasons.push(
            `${describePaths(diff)}${d.dependsOn.some((k) => !ids.has(k)) ? ' (refers to items this run creates)' : ''}`,
          );
      }
    }
    if (reasons.length) {
      p.action = 'update';
      p.reason = reasons.join('; ');
    } else p.action = moved ? 'move' : 'unchanged';
    if (moved)
      p.reason = [p.reason, `folder ${actualFolder || '/'} → ${folder || '/'}`].filter(Boolean).join('; ');
  });
  const order = topologicalOrder(input.items.map((d) => ({ key: d.key, dependsOn: d.dependsOn })));
  const planItems = order.map((k) => planned.get(k)!);

  // ---- orphans
  const orphans: Item[] = [];
  const unmanaged: Plan['unmanaged'] = [];
  const excludes = (input.exclude ?? []).map((r) => new RegExp(r));
  const managedTypes = input.types ? new Set(input.types) : undefined;
  for (const it of items) {
    const k = itemKey(it.type, it.displayName);
    if (desired.has(k) || SERVICE_MADE_TYPES.has(it.type)) continue;
    if (managedTypes && !managedTypes.has(it.type)) continue;
    if (excludes.some((r) => r.test(it.displayName))) continue;
    const folder = it.folderId ? (pathById.get(it.folderId) ?? '') : '';
    if (!input.deleteOrphans) {
      unmanaged.push({
        type: it.type,
        name: it.displayName,
        id: it.id,
        reason: 'not in the repository (orphan deletion is off)',
      });
    } else if (itemTypeInfo(it.type).holdsData) {
      // Deleting it loses its data: kept and listed (fabric-cicd asks for a flag too).
      unmanaged.push({
        type: it.type,
        name: it.displayName,
        id: it.id,
        reason: `kept: a ${it.type} holds data; delete it by hand if it is no longer needed`,
      });
    } else {
      orphans.push(it);
      planItems.push({
        key: k,
        type: it.type,
        name: it.displayName,
        action: 'delete',
        id: it.id,
        folder,
        dependsOn: [],
        reason: 'not in the repository',
      });
    }
  }

  // ---- folders
  const planFolders = neededFolders(input.items).map((p) => ({
    path: p,
    action: folderIds.has(p) ? ('unchanged' as const) : ('create' as const),
    id: folderIds.get(p),
  }));

  // ---- principals
  const roleById = new Map(roles.map((r) => [r.principal.id.toLowerCase(), r]));
  const principals: PlannedPrincipal[] = input.principals.map((p) => {
    const have = roleById.get(p.id);
    const self = !ws && input.selfId && p.id === input.selfId.toLowerCase();
    const base = { id: p.id, type: p.type, label: p.label, role: p.role, source: p.source };
    if (self)
      return p.role === 'Admin'
        ? { ...base, action: 'unchanged' as const, fromRole: 'Admin' }
        : { ...base, action: 'update' as const, fromRole: 'Admin' };
    if (!have) return { ...base, action: 'add' as const };
    if (have.role !== p.role) return { ...base, action: 'update' as const, fromRole: have.role };
    return { ...base, action: 'unchanged' as const };
  });

  // ---- capacity
  let capacity: Plan['capacity'];
  if (input.capacity) {
    const same = ws?.capacityId?.toLowerCase() === input.capacity.id.toLowerCase();
    capacity = {
      action: same || !ws ? 'unchanged' : 'assign',
      id: input.capacity.id,
      name: input.capacity.displayName,
      fromId: ws?.capacityId,
    };
    // A new workspace is created on its capacity: one call, shown as part of 'create'.
    if (!ws) capacity.action = 'assign';
  }

  // ---- git
  let gitPlan: Plan['git'];
  if (input.git && !input.capacity && !ws?.capacityId) {
    // Fabric refuses Git integration without a capacity (WorkspaceHasNoCapacityAssigned): say so before any write.
    throw new ConfigError('Git integration needs the workspace on a Fabric capacity, and it has none', {
      location: input.gitLocation,
      field: 'workspace.capacity',
      fix: 'set workspace.capacity (name or id) in the config',
    });
  }
  if (input.git) {
    const connected = git && git.gitConnectionState !== 'NotConnected';
    if (connected && !sameGit(git!, input.git)) {
      const d = git!.gitProviderDetails;
      const now = `${d?.gitProviderType} ${d?.ownerName ?? `${d?.organizationName}/${d?.projectName}`}/${d?.repositoryName}@${d?.branchName}:/${d?.directoryName ?? ''}`;
      throw new ConfigError(`the workspace is connected to ${now}, not to ${input.git.label}`, {
        location: input.gitLocation,
        field: 'workspace.git',
        fix: 'disconnect the workspace from Git first (Workspace settings → Git integration), or make workspace.git match it',
      });
    }
    const init = input.git.config.initialize;
    // An initialized connection whose head is the remote's has nothing to update: say so, so that
    // an unchanged re-deploy stays write-free (git/status is a read, possibly long-running).
    let update = Boolean(input.git.config.updateFromGit);
    if (update && ws && git?.gitConnectionState === 'ConnectedAndInitialized') {
      const st = await ops.gitStatus(ws.id);
      update = !st.workspaceHead || st.workspaceHead !== st.remoteCommitHash;
    }
    gitPlan = {
      action: connected ? 'unchanged' : 'connect',
      label: input.git.label,
      initialize:
        init && init !== 'None' && (!connected || git?.gitConnectionState === 'Connected') ? init : undefined,
      updateFromGit: update,
      state: git?.gitConnectionState,
    };
  }

  // ---- the deploying identity keeps Admin while Admin-only steps need it
  if (ws && input.selfId) {
    const selfId = input.selfId.toLowerCase();
    const selfAt = input.principals.findIndex((p) => p.id === selfId);
    const entry = input.principals[selfAt];
    const current = roleById.get(selfId)?.role;
    if (entry && entry.role !== 'Admin' && current === 'Admin') {
      const needAdmin: string[] = [];
      if (gitPlan?.action === 'connect')
        needAdmin.push(`connecting the workspace to Git (${gitPlan.label}; undone by a disconnect)`);
      else if (gitPlan?.initialize) needAdmin.push('initializing the Git connection');
      const others = principals.filter((p, i) => i !== selfAt && p.action !== 'unchanged');
      if (others.length)
        needAdmin.push(
          `${others.length === 1 ? 'the role change' : `${others.length} role changes`} of ${others
            .slice(0, 3)
            .map((p) => p.label)
            .join(', ')}${others.length > 3 ? ', …' : ''} (and their undo on rollback)`,
        );
      if (needAdmin.length) {
        const where = entry.source === 'file' ? 'the principals file' : 'workspace.principals in the config';
        throw new ConfigError(
          `the principals would demote the deploying identity (${entry.label}) from Admin to ${entry.role} on workspace '${ws.displayName}', ` +
            `but later steps need Admin: ${needAdmin.join('; ')}`,
          {
            location: entry.location,
            field: entry.source === 'file' ? 'principals' : 'workspace.principals',
            fix: `give ${entry.label} the role Admin in ${where} (or remove that entry, keeping its current Admin role); demote it in a separate deploy with no Git or role changes, or let another Admin change its role`,
          },
        );
      }
    }
  }

  // ---- workspace
  const wsPlan: Plan['workspace'] = ws
    ? {
        action:
          input.workspaceTarget.description !== undefined &&
          (ws.description ?? '') !== input.workspaceTarget.description
            ? 'update'
            : 'unchanged',
        id: ws.id,
        name: ws.displayName,
        description: input.workspaceTarget.description,
        fromDescription: ws.description,
      }
    : { action: 'create', name: input.workspaceTarget.name!, description: input.workspaceTarget.description };

  const holder = lockState.locks[0];
  if (holder)
    warnings.push(
      `deployment ${holder.deploymentId} holds the workspace lock (since ${holder.since.toISOString()}); a deploy now would wait or fail`,
    );

  const counts: Record<string, number> = {};
  for (const i of planItems) counts[i.action] = (counts[i.action] ?? 0) + 1;
  const hasChanges =
    wsPlan.action !== 'unchanged' ||
    (capacity?.action ?? 'unchanged') !== 'unchanged' ||
    principals.some((p) => p.action !== 'unchanged') ||
    (gitPlan !== undefined &&
      (gitPlan.action !== 'unchanged' || Boolean(gitPlan.initialize) || gitPlan.updateFromGit)) ||
    planFolders.some((f) => f.action !== 'unchanged') ||
    planItems.some((i) => i.action !== 'unchanged');

  const plan: Plan = {
    version: 1,
    deploymentId: input.deploymentId,
    createdAt: new Date().toISOString(),
    environment: input.environment,
    workspace: wsPlan,
    capacity,
    principals,
    git: gitPlan,
    folders: planFolders,
    items: planItems,
    unmanaged,
    lockedBy: holder ? { deploymentId: holder.deploymentId, since: holder.since.toISOString() } : undefined,
    hasChanges,
    counts,
    warnings,
  };
  return {
    plan,
    workspace: ws,
    desired,
    existing,
    captured,
    folderIds,
    roles,
    git,
    capacity: input.capacity,
    principals: input.principals,
    desiredGit: input.git,
    orphans,
    lockState,
  };
}

function describePaths(paths: string[]): string {
  const shown = paths.slice(0, 3).join(', ');
  return `changed ${shown}${paths.length > 3 ? ` +${paths.length - 3}` : ''}`;
}
