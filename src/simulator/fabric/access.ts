/**
 * Workspace look-up with role enforcement. A caller with no role on an existing
 * workspace gets 403 InsufficientPrivileges (the workspace exists, the caller may
 * not use it); an unknown id gets 404 WorkspaceNotFound. See docs/simulator.md.
 */
import type { Ctx } from '../context';
import { FabricError, insufficient, notFound } from '../errors';
import { effectiveRole, ROLE_RANK } from '../state';
import type { WorkspaceRec, WorkspaceRole, ItemRec, FolderRec } from '../types';

export function workspaceFor(
  ctx: Ctx,
  minRole: WorkspaceRole,
  what = 'perform this operation',
): { ws: WorkspaceRec; role: WorkspaceRole } {
  const ws = ctx.sim.state.workspaces[(ctx.params.workspaceId ?? '').toLowerCase()];
  if (!ws) throw notFound('WorkspaceNotFound', 'workspace');
  settleWorkspace(ctx, ws);
  const role = effectiveRole(ctx.sim.state, ws, ctx.identity.oid);
  if (!role) throw insufficient('The caller does not have access to the workspace.');
  if (ROLE_RANK[role] < ROLE_RANK[minRole])
    throw insufficient(
      `The caller's workspace role '${role}' is not sufficient to ${what}; '${minRole}' or higher is required.`,
    );
  return { ws, role };
}

/** Finish a capacity assignment whose time has come. */
export function settleWorkspace(ctx: Ctx, ws: WorkspaceRec): void {
  if (ws.capacityAssignmentProgress === 'InProgress' && (ws.capacityAssignmentDoneAt ?? 0) <= Date.now()) {
    ws.capacityAssignmentProgress = 'Completed';
    delete ws.capacityAssignmentDoneAt;
    ctx.sim.changed();
  }
}

export function itemIn(ctx: Ctx, ws: WorkspaceRec, id: string | undefined, type?: string): ItemRec {
  const item = ctx.sim.state.items[(id ?? '').toLowerCase()];
  if (!item || item.workspaceId !== ws.id || (type && item.type !== type))
    throw notFound('ItemNotFound', 'item');
  return item;
}

export function folderIn(ctx: Ctx, ws: WorkspaceRec, id: string | undefined): FolderRec {
  const f = ctx.sim.state.folders[(id ?? '').toLowerCase()];
  if (!f || f.workspaceId !== ws.id) throw notFound('FolderNotFound', 'folder');
  return f;
}

export function requireObjectBody(ctx: Ctx): Record<string, any> {
  if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body))
    throw new FabricError(400, 'InvalidInput', 'The request body is required.', {
      moreDetails: [{ errorCode: 'InvalidParameter', message: 'A JSON object body is required.' }],
    });
  return ctx.body;
}

/** A boolean query value (`true`/`false`, any case); absent or empty → dflt; else 400 InvalidParameter. */
export function boolValue(v: string | null | undefined, name: string, dflt: boolean): boolean {
  if (v === null || v === undefined || v === '') return dflt;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw new FabricError(400, 'InvalidParameter', `The value '${v}' of parameter '${name}' is not a boolean.`);
}

export const parseBool = (ctx: Ctx, name: string, dflt: boolean): boolean =>
  boolValue(ctx.query.get(name), name, dflt);

export const sameName = (a: string, b: string) =>
  a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
