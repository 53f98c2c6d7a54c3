/** Folders (§9.3, Preview): list/create/get/update/delete (empty only)/move. */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { FabricError, badRequest } from '../errors';
import { uuid } from '../ids';
import { page, readPage } from '../paging';
import type { FolderRec, WorkspaceRec } from '../types';
import { boolValue, folderIn, requireObjectBody, sameName, workspaceFor } from './access';

export const MAX_DEPTH = 10;
export const INVALID_NAME = /[~"#.&*:<>?/\\{|}]|^\s|\s$|^\$recycle\.bin$|^recycled$|^recycler$/i;

export function folderJson(f: FolderRec): Record<string, unknown> {
  const out: Record<string, unknown> = { id: f.id, displayName: f.displayName, workspaceId: f.workspaceId };
  if (f.parentFolderId) out.parentFolderId = f.parentFolderId;
  return out;
}

function depth(ctx: Ctx, id: string | undefined): number {
  let d = 0;
  while (id) {
    d++;
    id = ctx.sim.state.folders[id]?.parentFolderId;
  }
  return d;
}

function isDescendant(ctx: Ctx, candidate: string | undefined, ancestor: string): boolean {
  while (candidate) {
    if (candidate === ancestor) return true;
    candidate = ctx.sim.state.folders[candidate]?.parentFolderId;
  }
  return false;
}

function checkName(
  ctx: Ctx,
  ws: WorkspaceRec,
  name: unknown,
  parent: string | undefined,
  exceptId?: string,
): string {
  if (typeof name !== 'string' || !name.trim() || name.length > 255 || INVALID_NAME.test(name))
    throw badRequest('InvalidFolderDisplayName', `Folder name '${String(name)}' is not valid.`);
  const clash = Object.values(ctx.sim.state.folders).some(
    (f) =>
      f.workspaceId === ws.id &&
      f.id !== exceptId &&
      (f.parentFolderId ?? undefined) === parent &&
      sameName(f.displayName, name),
  );
  if (clash)
    throw new FabricError(
      409,
      'FolderDisplayNameAlreadyInUse',
      `A folder named '${name}' already exists here.`,
    );
  return name;
}

const list: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Viewer');
  const key = `folders:${ws.id}`;
  const pr = readPage(key, ctx.query, ['recursive', 'rootFolderId']);
  const recursive = boolValue(pr.filters.recursive, 'recursive', true);
  const root = pr.filters.rootFolderId ? folderIn(ctx, ws, pr.filters.rootFolderId).id : undefined;
  const all = Object.values(ctx.sim.state.folders)
    .filter((f) => f.workspaceId === ws.id)
    .filter((f) =>
      recursive
        ? !root || (f.id !== root && isDescendant(ctx, f.parentFolderId, root))
        : (f.parentFolderId ?? undefined) === root,
    )
    .map(folderJson);
  return {
    status: 200,
    body: page(all, pr, ctx.sim.cfg.pageSize, key, `${ctx.sim.url}/v1/workspaces/${ws.id}/folders`),
  };
};

const create: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'create folders');
  const b = requireObjectBody(ctx);
  const parent = b.parentFolderId ? folderIn(ctx, ws, b.parentFolderId).id : undefined;
  const name = checkName(ctx, ws, b.displayName, parent);
  if (depth(ctx, parent) + 1 > MAX_DEPTH)
    throw badRequest('FolderDepthOutOfRange', `Folders nest at most ${MAX_DEPTH} levels.`);
  const f: FolderRec = { id: uuid(), workspaceId: ws.id, displayName: name, parentFolderId: parent };
  ctx.sim.state.folders[f.id] = f;
  ctx.sim.changed();
  return {
    status: 201,
    body: folderJson(f),
    headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}/folders/${f.id}` },
  };
};

const get: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Viewer');
  return { status: 200, body: folderJson(folderIn(ctx, ws, ctx.params.folderId)) };
};

const update: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'update folders');
  const f = folderIn(ctx, ws, ctx.params.folderId);
  f.displayName = checkName(ctx, ws, requireObjectBody(ctx).displayName, f.parentFolderId, f.id);
  ctx.sim.changed();
  return { status: 200, body: folderJson(f) };
};

const remove: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'delete folders');
  const f = folderIn(ctx, ws, ctx.params.folderId);
  const st = ctx.sim.state;
  if (
    Object.values(st.folders).some((x) => x.parentFolderId === f.id) ||
    Object.values(st.items).some((i) => i.folderId === f.id)
  )
    throw badRequest('FolderNotEmpty', 'Only empty folders can be deleted.');
  delete st.folders[f.id];
  ctx.sim.changed();
  return { status: 200 };
};

const move: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'move folders');
  const f = folderIn(ctx, ws, ctx.params.folderId);
  const b = (ctx.body ?? {}) as Record<string, any>;
  const target = b.targetFolderId ? folderIn(ctx, ws, b.targetFolderId).id : undefined;
  if (target && isDescendant(ctx, target, f.id))
    throw badRequest('InfiniteFolderHierarchyLoop', 'A folder cannot move into itself or its subfolders.');
  checkName(ctx, ws, f.displayName, target, f.id);
  const subtreeDepth = (id: string): number =>
    1 +
    Math.max(
      0,
      ...Object.values(ctx.sim.state.folders)
        .filter((x) => x.parentFolderId === id)
        .map((x) => subtreeDepth(x.id)),
    );
  if (depth(ctx, target) + subtreeDepth(f.id) > MAX_DEPTH)
    throw badRequest('FolderDepthOutOfRange', `Folders nest at most ${MAX_DEPTH} levels.`);
  f.parentFolderId = target;
  ctx.sim.changed();
  return { status: 200, body: folderJson(f) };
};

export function registerFolders(r: Router<Handler>): void {
  const base = '/workspaces/{workspaceId}/folders';
  r.add('GET', base, list)
    .add('POST', base, create)
    .add('GET', `${base}/{folderId}`, get)
    .add('PATCH', `${base}/{folderId}`, update)
    .add('DELETE', `${base}/{folderId}`, remove)
    .add('POST', `${base}/{folderId}/move`, move);
}
