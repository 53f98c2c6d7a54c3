/**
 * The second step of a plan, and a pure one: the desired state against what the workspace holds
 * (`ActualState`), for every resource, into a `Plan`. No I/O, no clock but the one passed in; a
 * configuration the workspace refuses (Git without a capacity, a workspace connected elsewhere, a
 * deploying identity demoted before its Admin-only steps) is a ConfigError before anything is written.
 */
import { ConfigError, type SourceLocation } from '../../errors';
import { managedBy, type ItemScope } from './scope';
import type { Capacity, Item, ItemDefinition } from '../../fabric/types';
import { definitionDiff } from '../../items/normalise';
import { itemTypeInfo, SERVICE_MADE_TYPES } from '../../items/types';
import { itemKey, type DesiredItem } from '../desired';
import { checkDeleteShare, countedItems } from '../guards';
import { topologicalOrder } from '../graph';
import { sameGit, type DesiredGit, type DesiredPrincipal } from '../workspace';
import { folderPaths, neededFolders } from './folders';
import { partChanges } from './parts';
import type { ActualState, Plan, PlannedItem, PlannedPrincipal } from './model';

/** What the plan needs to know of a desired item (its payload is built before, while reading). */
export type DesiredItemFacts = Pick<
  DesiredItem,
  'key' | 'type' | 'displayName' | 'description' | 'logicalId' | 'folderPath' | 'shell' | 'dependsOn'
> &
  Partial<Pick<DesiredItem, 'files'>>;

/** `types` and `exclude` (ItemScope): deployed items outside them are never orphans. */
export interface PlanDesired extends ItemScope {
  deploymentId: string;
  environment?: string;
  workspaceTarget: { id?: string; name?: string; description?: string };
  items: readonly DesiredItemFacts[];
  /** The repository's definitions of the items the workspace also has, built for it (key → definition). */
  definitions: ReadonlyMap<string, ItemDefinition>;
  capacity?: Capacity;
  principals: readonly DesiredPrincipal[];
  git?: DesiredGit;
  deleteOrphans: boolean;
  /** Largest share (0–1) of the workspace's items the orphan deletion may take; unchecked when absent. */
  maxDeleteRatio?: number;
  /** Where delete-orphans was set, for the refusal. */
  deleteLocation?: SourceLocation;
  /** Object id of the deploying identity (the creator of a new workspace is its Admin already). */
  selfId?: string;
  warnings?: readonly string[];
  gitLocation?: SourceLocation;
  /** Writes resolved secret values as their `${secret:NAME}` references: applied to every text a part diff shows. */
  redact?: (text: string) => string;
}

/** The plan, and what the executor needs to act on it. */
export interface PlanDiff {
  plan: Plan;
  /** Deployed items matched to desired keys. */
  existing: Map<string, Item>;
  /** Folder path → id, for folders that exist. */
  folderIds: Map<string, string>;
  /** Orphans to delete (only when deleteOrphans is on). */
  orphans: Item[];
}

/** Deployed items of the desired ones, matched by type and name (Fabric keeps names unique per type). */
export function matchDeployed(
  desired: readonly { key: string }[],
  deployed: readonly Item[],
  /** Matches by logical id (renames.ts): desired key → deployed item id. */
  renames?: ReadonlyMap<string, string>,
): Map<string, Item> {
  const byKey = new Map<string, Item>();
  for (const it of deployed) byKey.set(itemKey(it.type, it.displayName), it);
  const byId = new Map(deployed.map((it) => [it.id, it]));
  const out = new Map<string, Item>();
  for (const d of desired) {
    const renamedFrom = renames?.get(d.key);
    const found = byKey.get(d.key) ?? (renamedFrom ? byId.get(renamedFrom) : undefined);
    if (found) out.set(d.key, found);
  }
  return out;
}

export function diff(desired: PlanDesired, actual: ActualState, now = new Date()): PlanDiff {
  const ws = actual.workspace;
  const pathById = folderPaths(actual.folders);
  const folderIds = new Map<string, string>();
  for (const [id, p] of pathById) folderIds.set(p, id);
  const existing = matchDeployed(desired.items, actual.items, actual.renames);

  const byKey = new Map(desired.items.map((d) => [d.key, planItem(d, existing, pathById, desired, actual)]));
  const order = topologicalOrder(desired.items.map((d) => ({ key: d.key, dependsOn: d.dependsOn })));
  const items = order.map((k) => byKey.get(k)!);
  for (const i of items) {
    const read = actual.reads?.get(i.key);
    if (read) i.read = read;
  }
  const { orphans, unmanaged } = planOrphans(desired, actual, pathById, items);
  if (desired.maxDeleteRatio !== undefined)
    checkDeleteShare({
      orphans,
      workspaceItems: countedItems(actual.items),
      maxRatio: desired.maxDeleteRatio,
      selected: desired.items.length,
      location: desired.deleteLocation,
    });

  const folders = neededFolders(desired.items).map((p) => ({
    path: p,
    action: folderIds.has(p) ? ('unchanged' as const) : ('create' as const),
    id: folderIds.get(p),
  }));
  const principals = planPrincipals(desired, actual);
  const capacity = planCapacity(desired, actual);
  const git = planGit(desired, actual);
  checkSelfKeepsAdmin(desired, actual, principals, git);
  const workspace: Plan['workspace'] = ws
    ? {
        action:
          desired.workspaceTarget.description !== undefined &&
          (ws.description ?? '') !== desired.workspaceTarget.description
            ? 'update'
            : 'unchanged',
        id: ws.id,
        name: ws.displayName,
        description: desired.workspaceTarget.description,
        fromDescription: ws.description,
      }
    : {
        action: 'create',
        name: desired.workspaceTarget.name!,
        description: desired.workspaceTarget.description,
      };

  const warnings = [...(desired.warnings ?? [])];
  const holder = actual.lockState.locks[0];
  if (holder)
    warnings.push(
      `deployment ${holder.deploymentId} holds the workspace lock (since ${holder.since.toISOString()}); a deploy now would wait or fail`,
    );

  const counts: Record<string, number> = {};
  for (const i of items) counts[i.action] = (counts[i.action] ?? 0) + 1;
  const hasChanges =
    workspace.action !== 'unchanged' ||
    (capacity?.action ?? 'unchanged') !== 'unchanged' ||
    principals.some((p) => p.action !== 'unchanged') ||
    (git !== undefined && (git.action !== 'unchanged' || Boolean(git.initialize) || git.updateFromGit)) ||
    folders.some((f) => f.action !== 'unchanged') ||
    items.some((i) => i.action !== 'unchanged');

  const plan: Plan = {
    version: 1,
    deploymentId: desired.deploymentId,
    createdAt: now.toISOString(),
    environment: desired.environment,
    workspace,
    capacity,
    principals,
    git,
    folders,
    items,
    unmanaged,
    lockedBy: holder ? { deploymentId: holder.deploymentId, since: holder.since.toISOString() } : undefined,
    hasChanges,
    counts,
    reads: actual.readSummary,
    warnings,
  };
  return { plan, existing, folderIds, orphans };
}

/** One desired item: create when not deployed; else update (name case, description, definition), move or unchanged. */
function planItem(
  d: DesiredItemFacts,
  existing: ReadonlyMap<string, Item>,
  pathById: ReadonlyMap<string, string>,
  desired: PlanDesired,
  actual: ActualState,
): PlannedItem {
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
  const found = existing.get(d.key);
  if (!found) {
    if (!d.shell && d.files)
      p.parts = d.files.map((f) => ({
        path: f.path,
        change: 'add' as const,
        added: f.lines ?? 0,
        removed: 0,
        size: f.size,
        sha256: f.sha256,
      }));
    return p;
  }
  p.id = found.id;
  const actualFolder = found.folderId ? (pathById.get(found.folderId) ?? '') : '';
  // Folders not managed: an existing item stays where it is.
  if (d.folderPath === undefined) p.folder = folder = actualFolder;
  const moved = actualFolder !== folder;
  if (moved) p.fromFolder = actualFolder;
  const reasons: string[] = [];
  if (found.displayName !== d.displayName) {
    p.fromName = found.displayName;
    reasons.push(`renamed from '${found.displayName}'`);
  }
  if ((found.description ?? '') !== (d.description ?? '')) reasons.push('description');
  const want = d.shell ? undefined : desired.definitions.get(d.key);
  const have = actual.definitions.get(d.key);
  if (want && have) {
    // `.platform` carries the name and description: already said when they changed.
    const paths = definitionDiff(want, have).filter((x) => x !== '.platform' || !reasons.length);
    if (paths.length) p.parts = partChanges(want, have, paths, desired.redact);
    if (paths.length)
      reasons.push(
        `${describePaths(paths)}${d.dependsOn.some((k) => !existing.has(k)) ? ' (refers to items this run creates)' : ''}`,
      );
  }
  if (reasons.length) {
    p.action = 'update';
    p.reason = reasons.join('; ');
  } else p.action = moved ? 'move' : 'unchanged';
  if (moved)
    p.reason = [p.reason, `folder ${actualFolder || '/'} → ${folder || '/'}`].filter(Boolean).join('; ');
  return p;
}

function describePaths(paths: string[]): string {
  const shown = paths.slice(0, 3).join(', ');
  return `changed ${shown}${paths.length > 3 ? ` +${paths.length - 3}` : ''}`;
}

/**
 * Deployed items the repository does not have (in the types it manages, not excluded, not made by the
 * service): deleted when deleteOrphans is on, unless they hold data; listed as unmanaged otherwise.
 * The deletes are appended to `items`.
 */
function planOrphans(
  desired: PlanDesired,
  actual: ActualState,
  pathById: ReadonlyMap<string, string>,
  items: PlannedItem[],
): { orphans: Item[]; unmanaged: Plan['unmanaged'] } {
  const orphans: Item[] = [];
  const unmanaged: Plan['unmanaged'] = [];
  const keys = new Set(desired.items.map((d) => d.key));
  // A deployed item renamed in the repository is that item's update, not an orphan.
  const renamedIds = new Set(actual.renames?.values() ?? []);
  const managed = managedBy(desired);
  for (const it of actual.items) {
    const k = itemKey(it.type, it.displayName);
    if (keys.has(k) || renamedIds.has(it.id) || SERVICE_MADE_TYPES.has(it.type)) continue;
    if (!managed(it)) continue;
    const base = { type: it.type, name: it.displayName, id: it.id };
    if (!desired.deleteOrphans) {
      unmanaged.push({ ...base, reason: 'not in the repository (orphan deletion is off)' });
    } else if (itemTypeInfo(it.type).holdsData) {
      // Deleting it loses its data: kept and listed (fabric-cicd asks for a flag too).
      unmanaged.push({
        ...base,
        reason: `kept: a ${it.type} holds data; delete it by hand if it is no longer needed`,
      });
    } else {
      orphans.push(it);
      items.push({
        key: k,
        type: it.type,
        name: it.displayName,
        action: 'delete',
        id: it.id,
        folder: it.folderId ? (pathById.get(it.folderId) ?? '') : '',
        dependsOn: [],
        reason: 'not in the repository',
      });
    }
  }
  return { orphans, unmanaged };
}

function planPrincipals(desired: PlanDesired, actual: ActualState): PlannedPrincipal[] {
  const roleById = new Map(actual.roles.map((r) => [r.principal.id.toLowerCase(), r]));
  return desired.principals.map((p) => {
    const have = roleById.get(p.id);
    // A new workspace has its creator as Admin.
    const self = !actual.workspace && desired.selfId && p.id === desired.selfId.toLowerCase();
    const base = { id: p.id, type: p.type, label: p.label, role: p.role, source: p.source };
    if (self)
      return p.role === 'Admin'
        ? { ...base, action: 'unchanged' as const, fromRole: 'Admin' }
        : { ...base, action: 'update' as const, fromRole: 'Admin' };
    if (!have) return { ...base, action: 'add' as const };
    if (have.role !== p.role) return { ...base, action: 'update' as const, fromRole: have.role };
    return { ...base, action: 'unchanged' as const };
  });
}

function planCapacity(desired: PlanDesired, actual: ActualState): Plan['capacity'] {
  if (!desired.capacity) return undefined;
  const ws = actual.workspace;
  const same = ws?.capacityId?.toLowerCase() === desired.capacity.id.toLowerCase();
  return {
    // A new workspace is created on its capacity: one call, shown as part of 'create'.
    action: !ws ? 'assign' : same ? 'unchanged' : 'assign',
    id: desired.capacity.id,
    name: desired.capacity.displayName,
    fromId: ws?.capacityId,
  };
}

function planGit(desired: PlanDesired, actual: ActualState): Plan['git'] {
  const want = desired.git;
  if (!want) return undefined;
  const ws = actual.workspace;
  const git = actual.git;
  if (!desired.capacity && !ws?.capacityId) {
    // Fabric refuses Git integration without a capacity (WorkspaceHasNoCapacityAssigned): say so before any write.
    throw new ConfigError('Git integration needs the workspace on a Fabric capacity, and it has none', {
      location: desired.gitLocation,
      field: 'workspace.capacity',
      fix: 'set workspace.capacity (name or id) in the config',
    });
  }
  const connected = git !== undefined && git.gitConnectionState !== 'NotConnected';
  if (connected && !sameGit(git, want)) {
    const d = git.gitProviderDetails;
    const now = `${d?.gitProviderType} ${d?.ownerName ?? `${d?.organizationName}/${d?.projectName}`}/${d?.repositoryName}@${d?.branchName}:/${d?.directoryName ?? ''}`;
    throw new ConfigError(`the workspace is connected to ${now}, not to ${want.label}`, {
      location: desired.gitLocation,
      field: 'workspace.git',
      fix: 'disconnect the workspace from Git first (Workspace settings → Git integration), or make workspace.git match it',
    });
  }
  const init = want.config.initialize;
  // An initialized connection whose head is the remote's has nothing to update: say so, so that an
  // unchanged re-deploy stays write-free.
  let update = Boolean(want.config.updateFromGit);
  if (update && ws && git?.gitConnectionState === 'ConnectedAndInitialized') {
    const st = actual.gitStatus;
    update = !st?.workspaceHead || st.workspaceHead !== st.remoteCommitHash;
  }
  return {
    action: connected ? 'unchanged' : 'connect',
    label: want.label,
    initialize:
      init && init !== 'None' && (!connected || git?.gitConnectionState === 'Connected') ? init : undefined,
    updateFromGit: update,
    state: git?.gitConnectionState,
  };
}

/** The deploying identity keeps Admin while Admin-only steps (Git, role changes and their undo) need it. */
function checkSelfKeepsAdmin(
  desired: PlanDesired,
  actual: ActualState,
  principals: PlannedPrincipal[],
  git: Plan['git'],
): void {
  const ws = actual.workspace;
  if (!ws || !desired.selfId) return;
  const selfId = desired.selfId.toLowerCase();
  const selfAt = desired.principals.findIndex((p) => p.id === selfId);
  const entry = desired.principals[selfAt];
  const current = actual.roles.find((r) => r.principal.id.toLowerCase() === selfId)?.role;
  if (!entry || entry.role === 'Admin' || current !== 'Admin') return;
  const needAdmin: string[] = [];
  if (git?.action === 'connect')
    needAdmin.push(`connecting the workspace to Git (${git.label}; undone by a disconnect)`);
  else if (git?.initialize) needAdmin.push('initializing the Git connection');
  const others = principals.filter((p, i) => i !== selfAt && p.action !== 'unchanged');
  if (others.length)
    needAdmin.push(
      `${others.length === 1 ? 'the role change' : `${others.length} role changes`} of ${others
        .slice(0, 3)
        .map((p) => p.label)
        .join(', ')}${others.length > 3 ? ', …' : ''} (and their undo on rollback)`,
    );
  if (!needAdmin.length) return;
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
