/**
 * Workspace role assignments (§8). The assignment id is the principal's object
 * id, as in every spec example. Member+ adds and lists (a Member grants at most
 * Member); Admin updates and deletes; the last Admin stays.
 */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { FabricError, badRequest, insufficient, notFound } from '../errors';
import { page, readPage } from '../paging';
import { ROLES, ROLE_RANK } from '../state';
import type { RoleAssignmentRec, WorkspaceRec, WorkspaceRole, PrincipalType } from '../types';
import { requireObjectBody, workspaceFor } from './access';

export function roleAssignmentJson(ra: RoleAssignmentRec): Record<string, unknown> {
  const p = ra.principal;
  const principal: Record<string, unknown> = { id: p.id, type: p.type };
  if (p.displayName) principal.displayName = p.displayName;
  const d = p.details ?? {};
  if (p.type === 'User') principal.userDetails = { userPrincipalName: d.userPrincipalName ?? '' };
  else if (p.type === 'Group') principal.groupDetails = { groupType: d.groupType ?? 'SecurityGroup' };
  else if (p.type === 'ServicePrincipal')
    principal.servicePrincipalDetails = { aadAppId: d.aadAppId ?? p.id };
  else if (p.type === 'ServicePrincipalProfile' && d.parentPrincipal)
    principal.servicePrincipalProfileDetails = { parentPrincipal: d.parentPrincipal };
  return { id: p.id, principal, role: ra.role };
}

/** Resolve a principal against the directory (PrincipalNotFound otherwise). */
function resolvePrincipal(
  ctx: Ctx,
  p: { id?: string; type?: string; servicePrincipalProfileDetails?: any },
): RoleAssignmentRec['principal'] {
  const id = String(p.id ?? '').toLowerCase();
  const dir = ctx.sim.state.directory;
  switch (p.type as PrincipalType) {
    case 'User': {
      const u = dir.users.find((x) => x.id === id);
      if (u)
        return {
          id,
          type: 'User',
          displayName: u.displayName,
          details: { userPrincipalName: u.userPrincipalName },
        };
      break;
    }
    case 'Group': {
      const g = dir.groups.find((x) => x.id === id);
      if (g)
        return {
          id,
          type: 'Group',
          displayName: g.displayName,
          details: { groupType: g.securityEnabled ? 'SecurityGroup' : 'DistributionList' },
        };
      break;
    }
    case 'ServicePrincipal': {
      const s = dir.servicePrincipals.find((x) => x.id === id);
      if (s)
        return { id, type: 'ServicePrincipal', displayName: s.displayName, details: { aadAppId: s.appId } };
      if (dir.servicePrincipals.some((x) => x.appId === id))
        throw badRequest(
          'PrincipalNotFound',
          `'${id}' is an application (client) id; use the service principal object id.`,
        );
      break;
    }
    case 'ServicePrincipalProfile': {
      const parent = p.servicePrincipalProfileDetails?.parentPrincipal;
      if (!parent?.id)
        throw badRequest(
          'ServicePrincipalProfileMissingParentPrincipalInformation',
          'The parent principal of the profile is missing.',
        );
      return {
        id,
        type: 'ServicePrincipalProfile',
        details: { parentPrincipal: { id: parent.id, type: parent.type ?? 'ServicePrincipal' } },
      };
    }
    default:
      throw badRequest(
        'InvalidPrincipalType',
        `Principal type '${String(p.type)}' is not supported for workspace roles.`,
      );
  }
  throw badRequest(
    'PrincipalNotFound',
    `Principal '${id}' of type ${String(p.type)} was not found in the directory.`,
  );
}

function assignmentIn(ctx: Ctx, ws: WorkspaceRec): RoleAssignmentRec {
  const id = (ctx.params.workspaceRoleAssignmentId ?? '').toLowerCase();
  const ra = ws.roles.find((r) => r.principal.id === id);
  if (!ra) throw notFound('WorkspaceRoleAssignmentNotFound', 'workspace role assignment');
  return ra;
}

function parseRole(v: unknown): WorkspaceRole {
  const r = ROLES.find((x) => x === v);
  if (!r)
    throw badRequest('InvalidInput', `Invalid workspace role '${String(v)}'.`, [
      { errorCode: 'InvalidParameter', message: 'role' },
    ]);
  return r;
}

const adminCount = (ws: WorkspaceRec) => ws.roles.filter((r) => r.role === 'Admin').length;

const add: Handler = (ctx) => {
  const { ws, role: callerRole } = workspaceFor(ctx, 'Member', 'manage role assignments');
  const b = requireObjectBody(ctx);
  const role = parseRole(b.role);
  if (callerRole !== 'Admin' && ROLE_RANK[role] > ROLE_RANK[callerRole])
    throw insufficient(`A ${callerRole} can grant at most the ${callerRole} role.`);
  const principal = resolvePrincipal(ctx, b.principal ?? {});
  if (ws.roles.some((r) => r.principal.id === principal.id))
    throw new FabricError(
      409,
      'PrincipalAlreadyHasWorkspaceRolePermissions',
      `Principal '${principal.id}' already has a role in this workspace.`,
    );
  const ra: RoleAssignmentRec = { principal, role };
  ws.roles.push(ra);
  ctx.sim.changed();
  return {
    status: 201,
    body: roleAssignmentJson(ra),
    headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}/roleAssignments/${principal.id}` },
  };
};

const list: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Member', 'list role assignments');
  const key = `roles:${ws.id}`;
  const pr = readPage(key, ctx.query, []);
  const all = ws.roles.map(roleAssignmentJson);
  return {
    status: 200,
    body: page(all, pr, ctx.sim.cfg.pageSize, key, `${ctx.sim.url}/v1/workspaces/${ws.id}/roleAssignments`),
  };
};

const get: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Member', 'read role assignments');
  return { status: 200, body: roleAssignmentJson(assignmentIn(ctx, ws)) };
};

const update: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'update role assignments');
  const ra = assignmentIn(ctx, ws);
  const role = parseRole(requireObjectBody(ctx).role);
  if (ra.role === 'Admin' && role !== 'Admin' && adminCount(ws) === 1)
    throw badRequest('WorkspaceMustHaveAtLeastOneAdmin', 'The last admin of a workspace cannot be demoted.');
  ra.role = role;
  ctx.sim.changed();
  return { status: 200, body: roleAssignmentJson(ra) };
};

const remove: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'delete role assignments');
  const ra = assignmentIn(ctx, ws);
  if (ra.role === 'Admin' && adminCount(ws) === 1)
    throw badRequest('WorkspaceMustHaveAtLeastOneAdmin', 'The last admin of a workspace cannot be removed.');
  ws.roles = ws.roles.filter((r) => r !== ra);
  ctx.sim.changed();
  return { status: 200 };
};

export function registerRoles(r: Router<Handler>): void {
  const base = '/workspaces/{workspaceId}/roleAssignments';
  r.add('POST', base, add)
    .add('GET', base, list)
    .add('GET', `${base}/{workspaceRoleAssignmentId}`, get)
    .add('PATCH', `${base}/{workspaceRoleAssignmentId}`, update)
    .add('DELETE', `${base}/{workspaceRoleAssignmentId}`, remove);
}
