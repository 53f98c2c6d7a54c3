/**
 * Git integration (§10), modelled simply: a remote is a head hash plus a list
 * of item snapshots (logicalId, type, name, content hash, parts), keyed by
 * provider/owner/repo/branch/directory and settable through the control API.
 * The workspace remembers the remote content at its last sync (the baseline),
 * so status can tell workspace changes from remote changes and conflicts.
 */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import type { Reply } from '../http';
import { FabricError, badRequest, notFound } from '../errors';
import { nowIso, randomSha1 } from '../ids';
import { lroDurationMs } from '../profiles';
import type {
  GitItemSnapshot,
  GitProviderDetailsRec,
  ItemRec,
  WorkspaceGitRec,
  WorkspaceRec,
} from '../types';
import { requireObjectBody, workspaceFor } from './access';
import { contentHash } from './definitions';
import { createItemNow, deleteItemCascade } from './items';
import { SYSTEM_TYPES } from './itemTypes';

export function remoteKey(p: GitProviderDetailsRec): string {
  const owner = p.gitProviderType === 'AzureDevOps' ? `${p.organizationName}/${p.projectName}` : p.ownerName;
  const dir = (p.directoryName ?? '').replace(/^\/+|\/+$/g, '');
  return [p.gitProviderType, owner, p.repositoryName, p.branchName, dir].join('/');
}

function remoteOf(ctx: Ctx, git: WorkspaceGitRec) {
  const key = remoteKey(git.provider);
  const st = ctx.sim.state;
  st.gitRemotes[key] ??= { head: randomSha1(), items: [] };
  return st.gitRemotes[key]!;
}

function connected(ctx: Ctx, ws: WorkspaceRec, initialized = false): WorkspaceGitRec {
  if (!ws.git) throw badRequest('WorkspaceNotConnectedToGit', 'Workspace is not connected to git.');
  if (initialized && ws.git.state !== 'ConnectedAndInitialized')
    throw badRequest(
      'WorkspaceGitConnectionNotInitialized',
      'The Git connection of the workspace is not initialized.',
    );
  return ws.git;
}

function requireCapacity(ws: WorkspaceRec): void {
  if (!ws.capacityId)
    throw badRequest('WorkspaceHasNoCapacityAssigned', 'No capacity assigned to workspace.');
}

function requireCredentials(ctx: Ctx, ws: WorkspaceRec): void {
  const c = ws.gitCredentials[ctx.identity.oid];
  if (!c || c.source === 'None')
    throw badRequest(
      'GitCredentialsNotConfigured',
      "The caller's Git credentials are not configured; use Update My Git Credentials first.",
    );
}

function snapshotOf(item: ItemRec): GitItemSnapshot {
  return {
    logicalId: item.logicalId,
    type: item.type,
    displayName: item.displayName,
    description: item.description,
    hash: contentHash(item),
    parts: item.definition?.parts.filter((p) => p.path !== '.platform'),
  };
}

function workspaceItems(ctx: Ctx, ws: WorkspaceRec): ItemRec[] {
  // System items (a lakehouse's SQL endpoint) are not tracked by Git.
  return Object.values(ctx.sim.state.items).filter(
    (i) => i.workspaceId === ws.id && !SYSTEM_TYPES.has(i.type) && !i.parentItemId,
  );
}

interface Change {
  logicalId: string;
  item?: ItemRec;
  remote?: GitItemSnapshot;
  base?: GitItemSnapshot;
  workspaceChange?: 'Added' | 'Deleted' | 'Modified';
  remoteChange?: 'Added' | 'Deleted' | 'Modified';
  conflictType: 'None' | 'Conflict' | 'SameChanges';
}

const diff = (b?: { hash: string }, x?: { hash: string }) =>
  !b && x ? 'Added' : b && !x ? 'Deleted' : b && x && b.hash !== x.hash ? 'Modified' : undefined;

function changes(ctx: Ctx, ws: WorkspaceRec, git: WorkspaceGitRec): Change[] {
  const remote = remoteOf(ctx, git);
  const base = new Map(git.baseline.map((s) => [s.logicalId, s]));
  const items = new Map(workspaceItems(ctx, ws).map((i) => [i.logicalId, i]));
  const rem = new Map(remote.items.map((s) => [s.logicalId, s]));
  const ids = new Set([...base.keys(), ...items.keys(), ...rem.keys()]);
  const out: Change[] = [];
  for (const id of ids) {
    const item = items.get(id);
    const w = item ? snapshotOf(item) : undefined;
    const r = rem.get(id);
    const b = base.get(id);
    const workspaceChange = diff(b, w);
    const remoteChange = diff(b, r);
    if (!workspaceChange && !remoteChange) continue;
    let conflictType: Change['conflictType'] = 'None';
    if (workspaceChange && remoteChange)
      conflictType = (w?.hash ?? '') === (r?.hash ?? '') ? 'SameChanges' : 'Conflict';
    out.push({ logicalId: id, item, remote: r, base: b, workspaceChange, remoteChange, conflictType });
  }
  return out;
}

function changeJson(c: Change): Record<string, unknown> {
  const meta = c.item ?? c.remote ?? c.base!;
  const identifier: Record<string, string> = { logicalId: c.logicalId };
  if (c.item) identifier.objectId = c.item.id;
  const out: Record<string, unknown> = {
    itemMetadata: { itemIdentifier: identifier, itemType: meta.type, displayName: meta.displayName },
    conflictType: c.conflictType,
  };
  if (c.workspaceChange) out.workspaceChange = c.workspaceChange;
  if (c.remoteChange) out.remoteChange = c.remoteChange;
  return out;
}

/** Git operations answer 202 in the fast profile (to exercise clients) and 200 in the realistic one. */
function maybeLro(ctx: Ctx, kind: string, hasResult: boolean, apply: () => unknown, okStatus = 200): Reply {
  if (ctx.sim.cfg.profile === 'realistic' && !ctx.lroFail) {
    const result = apply();
    return hasResult ? { status: okStatus, body: result } : { status: okStatus };
  }
  return ctx.sim.ops.start(ctx, {
    kind,
    durationMs: lroDurationMs(ctx.sim.cfg, undefined) / 2,
    retryAfter: ctx.sim.cfg.retryAfterSeconds,
    hasResult,
    apply,
  });
}

function validateCredentials(
  ctx: Ctx,
  cred: any,
  provider: string | undefined,
): WorkspaceGitRec['credentials'] {
  const source = cred?.source;
  if (source === 'ConfiguredConnection') {
    const conn = ctx.sim.state.gitConnections[String(cred.connectionId ?? '').toLowerCase()];
    if (!conn) throw notFound('ConnectionNotFound', 'connection');
    if (provider && conn.gitProviderType !== provider)
      throw badRequest(
        'ConnectionMismatch',
        `Connection '${conn.displayName}' is for ${conn.gitProviderType}, not ${provider}.`,
      );
    return { source, connectionId: conn.id };
  }
  if (source === 'Automatic') {
    if (ctx.identity.isServicePrincipal)
      throw badRequest(
        'PrincipalTypeNotSupported',
        'Automatic Git credentials are not supported for service principals.',
      );
    if (provider === 'GitHub')
      throw badRequest(
        'InvalidInput',
        'Automatic Git credentials are not supported for GitHub; use a ConfiguredConnection.',
      );
    return { source };
  }
  if (source === 'None') return { source };
  throw badRequest('InvalidInput', `Unknown Git credentials source '${String(source)}'.`);
}

const connect: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'connect the workspace to Git');
  const b = requireObjectBody(ctx);
  if (ws.git)
    throw new FabricError(409, 'WorkspaceAlreadyConnectedToGit', 'Workspace is already connected to git.');
  requireCapacity(ws);
  const p = b.gitProviderDetails ?? {};
  if (p.gitProviderType === 'GitHub' && !b.myGitCredentials)
    throw badRequest('InvalidInput', 'myGitCredentials is required for GitHub.', [
      { errorCode: 'InvalidParameter', message: 'myGitCredentials' },
    ]);
  const cred = b.myGitCredentials
    ? validateCredentials(ctx, b.myGitCredentials, p.gitProviderType)
    : { source: 'Automatic' as const };
  if (cred.source === 'Automatic' && ctx.identity.isServicePrincipal)
    throw badRequest(
      'PrincipalTypeNotSupported',
      'Service principals can connect only with ConfiguredConnection credentials.',
    );
  const provider: GitProviderDetailsRec = {
    gitProviderType: p.gitProviderType,
    repositoryName: p.repositoryName,
    branchName: p.branchName,
    directoryName: p.directoryName,
    ...(p.ownerName ? { ownerName: p.ownerName } : {}),
    ...(p.organizationName ? { organizationName: p.organizationName, projectName: p.projectName } : {}),
    ...(p.customDomainName ? { customDomainName: p.customDomainName } : {}),
  };
  ws.git = { provider, state: 'Connected', connectionType: 'Full', credentials: cred, baseline: [] };
  ws.gitCredentials[ctx.identity.oid] = cred;
  remoteOf(ctx, ws.git);
  ctx.sim.changed();
  return { status: 200 };
};

const disconnect: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'disconnect the workspace from Git');
  connected(ctx, ws);
  delete ws.git;
  ws.gitCredentials = {};
  ctx.sim.changed();
  return { status: 200 };
};

const getConnection: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'read the Git connection');
  const g = ws.git;
  if (!g) return { status: 200, body: { gitConnectionState: 'NotConnected' } };
  const body: Record<string, unknown> = {
    gitProviderDetails: g.provider,
    gitConnectionState: g.state,
    gitConnectionType: g.connectionType,
  };
  if (g.workspaceHead && g.lastSyncTime)
    body.gitSyncDetails = { head: g.workspaceHead, lastSyncTime: g.lastSyncTime };
  return { status: 200, body };
};

const initialize: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'initialize the Git connection');
  const git = connected(ctx, ws);
  if (git.state === 'ConnectedAndInitialized')
    throw badRequest(
      'WorkspaceGitConnectionAlreadyInitialized',
      'The Git connection is already initialized.',
    );
  requireCapacity(ws);
  requireCredentials(ctx, ws);
  const strategy: string = (ctx.body as any)?.initializationStrategy ?? 'None';
  const remote = remoteOf(ctx, git);
  const local = workspaceItems(ctx, ws);
  let action: 'None' | 'UpdateFromGit' | 'CommitToGit';
  if (!remote.items.length && !local.length) action = 'None';
  else if (!remote.items.length) action = 'CommitToGit';
  else if (!local.length) action = 'UpdateFromGit';
  else if (strategy === 'PreferRemote') action = 'UpdateFromGit';
  else if (strategy === 'PreferWorkspace') action = 'CommitToGit';
  else
    throw badRequest(
      'MissingInitializationPolicy',
      'Both the workspace and the branch have content; an initialization strategy is required.',
    );
  return maybeLro(ctx, 'initializeGitConnection', true, () => {
    git.state = 'ConnectedAndInitialized';
    git.pendingAction = action;
    // Choose the baseline so the required action sees exactly the changes it has to move.
    if (action === 'UpdateFromGit') {
      git.baseline = local.map(snapshotOf);
      git.workspaceHead = undefined;
    } else {
      git.baseline = remote.items.map((s) => ({ ...s }));
      git.workspaceHead = remote.head;
      if (action === 'None') git.lastSyncTime = nowIso();
    }
    ctx.sim.changed();
    return { requiredAction: action, workspaceHead: git.workspaceHead ?? '', remoteCommitHash: remote.head };
  });
};

const status: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'read the Git status');
  const git = connected(ctx, ws, true);
  requireCredentials(ctx, ws);
  return maybeLro(ctx, 'gitStatus', true, () => {
    const remote = remoteOf(ctx, git);
    return {
      workspaceHead: git.workspaceHead ?? '',
      remoteCommitHash: remote.head,
      changes: changes(ctx, ws, git).map(changeJson),
    };
  });
};

function checkHead(git: WorkspaceGitRec, given: unknown): void {
  if (git.workspaceHead === undefined) return; // right after initializeConnection
  if (given !== git.workspaceHead)
    throw badRequest('WorkspaceHeadMismatch', "Head in the request doesn't match the head in the system.");
}

const updateFromGit: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'update the workspace from Git');
  const git = connected(ctx, ws, true);
  requireCapacity(ws);
  requireCredentials(ctx, ws);
  const b = requireObjectBody(ctx);
  const remote = remoteOf(ctx, git);
  checkHead(git, b.workspaceHead ?? undefined);
  if (b.remoteCommitHash !== remote.head)
    throw badRequest(
      'RemoteCommitHashMismatch',
      "The remote commit hash in the request doesn't match the head of the branch.",
    );
  const all = changes(ctx, ws, git);
  const conflicts = all.filter((c) => c.conflictType === 'Conflict');
  const policy: string | undefined = b.conflictResolution?.conflictResolutionPolicy;
  if (conflicts.length && !policy)
    throw badRequest(
      'WorkspaceHasConflicts',
      'There are conflicts between the workspace and the branch; specify a conflict resolution.',
    );
  const incoming = all.filter(
    (c) => c.remoteChange && (c.conflictType !== 'Conflict' || policy === 'PreferRemote'),
  );
  const overrides = incoming.filter((c) => c.workspaceChange);
  if (overrides.length && b.options?.allowOverrideItems !== true)
    throw badRequest(
      'ItemsOverrideNotAllowed',
      'The update would override workspace items; set options.allowOverrideItems to true.',
      overrides.map((c) => ({
        errorCode: 'ItemOverride',
        message: `${c.item?.displayName ?? c.remote?.displayName} would be overridden.`,
      })),
    );
  // Duplicate name and type check before starting (PotentialDuplicateDisplayNameAndType).
  const names = new Map<string, string>();
  for (const it of workspaceItems(ctx, ws))
    names.set(`${it.type}|${it.displayName.toLowerCase()}`, it.logicalId);
  for (const c of incoming)
    if (c.remote && c.remoteChange !== 'Deleted') {
      const k = `${c.remote.type}|${c.remote.displayName.toLowerCase()}`;
      const owner = names.get(k);
      if (owner && owner !== c.logicalId)
        throw badRequest(
          'PotentialDuplicateDisplayNameAndType',
          `Update would create a duplicate ${c.remote.type} named '${c.remote.displayName}'.`,
        );
    }
  const remoteHead = remote.head;
  return maybeLro(ctx, 'updateFromGit', false, () => {
    if (remoteOf(ctx, git).head !== remoteHead)
      throw badRequest('WorkspacePreviousOperationInProgress', 'The branch moved during the update.');
    for (const c of incoming) {
      if (c.remoteChange === 'Deleted') {
        if (c.item) deleteItemCascade(ctx, c.item, false);
      } else if (c.remote) {
        const parts = c.remote.parts;
        if (c.item) {
          c.item.displayName = c.remote.displayName;
          c.item.description = c.remote.description ?? '';
          if (parts) c.item.definition = { parts };
          c.item.lastUpdatedTime = nowIso();
        } else {
          createItemNow(ctx, ws, {
            type: c.remote.type,
            displayName: c.remote.displayName,
            description: c.remote.description ?? '',
            logicalId: c.remote.logicalId,
            definition: parts ? { definition: { parts } } : undefined,
          });
        }
      }
    }
    git.baseline = remote.items.map((s) => ({ ...s }));
    git.workspaceHead = remote.head;
    git.lastSyncTime = nowIso();
    git.pendingAction = undefined;
    ctx.sim.changed();
    return undefined;
  });
};

const commitToGit: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'commit the workspace to Git');
  const git = connected(ctx, ws, true);
  requireCapacity(ws);
  requireCredentials(ctx, ws);
  const b = requireObjectBody(ctx);
  checkHead(git, b.workspaceHead ?? undefined);
  let selected = changes(ctx, ws, git).filter((c) => c.workspaceChange);
  if (b.mode === 'Selective') {
    const wanted: { objectId?: string; logicalId?: string }[] = b.items ?? [];
    if (!wanted.length) throw badRequest('NoItemsSelected', 'Selective commit needs at least one item.');
    selected = selected.filter((c) =>
      wanted.some(
        (w) =>
          (w.objectId && c.item?.id === w.objectId.toLowerCase()) ||
          (w.logicalId && c.logicalId === w.logicalId.toLowerCase()),
      ),
    );
    if (!selected.length)
      throw badRequest('NoItemsSelected', 'None of the selected items has changes to commit.');
  }
  if (!selected.length) throw badRequest('NoChangesToCommit', 'There are no changes to commit.');
  if (selected.some((c) => c.conflictType === 'Conflict'))
    throw badRequest(
      'WorkspaceHasConflicts',
      'Some selected items changed on the branch too; update from Git first.',
    );
  return maybeLro(ctx, 'commitToGit', false, () => {
    const remote = remoteOf(ctx, git);
    const upToDate = git.workspaceHead === remote.head;
    for (const c of selected) {
      remote.items = remote.items.filter((s) => s.logicalId !== c.logicalId);
      const base = git.baseline.filter((s) => s.logicalId !== c.logicalId);
      if (c.workspaceChange !== 'Deleted' && c.item) {
        const snap = snapshotOf(c.item);
        remote.items.push(snap);
        base.push({ ...snap });
      }
      git.baseline = base;
    }
    remote.head = randomSha1();
    // The workspace head follows the branch only when nothing else was pending on it.
    if (upToDate || git.workspaceHead === undefined) git.workspaceHead = remote.head;
    git.lastSyncTime = nowIso();
    git.pendingAction = undefined;
    ctx.sim.changed();
    return undefined;
  });
};

const getMyCredentials: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'read Git credentials');
  connected(ctx, ws);
  const c = ws.gitCredentials[ctx.identity.oid] ?? { source: 'None' };
  return { status: 200, body: c };
};

const updateMyCredentials: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'update Git credentials');
  const git = connected(ctx, ws);
  const cred = validateCredentials(ctx, requireObjectBody(ctx), git.provider.gitProviderType);
  ws.gitCredentials[ctx.identity.oid] = cred;
  ctx.sim.changed();
  return { status: 200, body: cred };
};

export function registerGit(r: Router<Handler>): void {
  const g = '/workspaces/{workspaceId}/git';
  r.add('POST', `${g}/connect`, connect)
    .add('POST', `${g}/disconnect`, disconnect)
    .add('GET', `${g}/connection`, getConnection)
    .add('POST', `${g}/initializeConnection`, initialize)
    .add('GET', `${g}/status`, status)
    .add('POST', `${g}/updateFromGit`, updateFromGit)
    .add('POST', `${g}/commitToGit`, commitToGit)
    .add('GET', `${g}/myGitCredentials`, getMyCredentials)
    .add('PATCH', `${g}/myGitCredentials`, updateMyCredentials);
}
