/** Workspaces (fabric-api-notes §7): list, get, create, update, delete, capacity (un)assignment. */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { FabricError, badRequest, insufficient, notFound } from '../errors';
import { nowIso, uuid } from '../ids';
import { page, readPage } from '../paging';
import { effectiveRole, ROLES } from '../state';
import type { CapacityRec, WorkspaceRec, WorkspaceRole } from '../types';
import { requireObjectBody, sameName, settleWorkspace, workspaceFor } from './access';
import { POWER_BI_TYPES } from './itemTypes';
import { deleteItemCascade } from './items';

const RESERVED_NAMES = ['Admin monitoring'];

export function workspaceJson(ctx: Ctx, ws: WorkspaceRec, info = false): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: ws.id,
    displayName: ws.displayName,
    description: ws.description,
    type: ws.type,
  };
  if (ws.capacityId) {
    out.capacityId = ws.capacityId;
    const cap = ctx.sim.state.capacities[ws.capacityId];
    if (cap) out.capacityRegion = cap.region;
  }
  if (ws.domainId) out.domainId = ws.domainId;
  if (/^true$/i.test(ctx.query.get('preferWorkspaceSpecificEndpoints') ?? ''))
    out.apiEndpoint = `${ctx.sim.url}/v1`;
  if (info) {
    out.capacityAssignmentProgress = ws.capacityAssignmentProgress;
    if (ws.capacityId) {
      const short = ws.id.replace(/-/g, '');
      out.oneLakeEndpoints = {
        blobEndpoint: `https://${short}.z00.blob.fabric.microsoft.com`,
        dfsEndpoint: `https://${short}.z00.dfs.fabric.microsoft.com`,
      };
    }
  }
  return out;
}

function checkName(ctx: Ctx, name: string, exceptId?: string): void {
  if (!name.trim())
    throw badRequest('InvalidInput', 'The workspace display name must not be empty.', [
      { errorCode: 'InvalidParameter', message: 'displayName is empty.' },
    ]);
  if (name.length > 256)
    throw badRequest('InvalidInput', 'The workspace display name is too long.', [
      { errorCode: 'InvalidParameter', message: 'displayName exceeds 256 characters.' },
    ]);
  const taken =
    RESERVED_NAMES.some((r) => sameName(r, name)) ||
    Object.values(ctx.sim.state.workspaces).some((w) => w.id !== exceptId && sameName(w.displayName, name));
  if (taken)
    throw new FabricError(409, 'WorkspaceNameAlreadyExists', `Workspace name '${name}' already exists.`);
}

/** Capacity usable by the caller for assignment (exists, accessible, active). */
export function capacityForAssignment(ctx: Ctx, capacityId: string): CapacityRec {
  const cap = ctx.sim.state.capacities[capacityId.toLowerCase()];
  if (!cap) throw notFound('CapacityNotFound', 'capacity');
  if (cap.admins && !cap.admins.includes(ctx.identity.oid))
    throw new FabricError(
      403,
      'InsufficientPermissionsOverCapacity',
      'The caller does not have contributor or admin permissions on the capacity.',
    );
  if (cap.state !== 'Active')
    throw new FabricError(
      400,
      'CapacityNotInActiveState',
      `Capacity '${cap.displayName}' is not in active state.`,
    );
  return cap;
}

const list: Handler = (ctx) => {
  const pr = readPage('workspaces', ctx.query, ['roles']);
  let wanted: WorkspaceRole[] | undefined;
  if (pr.filters.roles) {
    const parts = pr.filters.roles
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    wanted = parts.map((p) => {
      const r = ROLES.find((x) => x.toLowerCase() === p.toLowerCase());
      if (!r) throw badRequest('InvalidParameter', 'Invalid workspace role.');
      return r;
    });
  }
  const all = Object.values(ctx.sim.state.workspaces).filter((ws) => {
    const role = effectiveRole(ctx.sim.state, ws, ctx.identity.oid);
    return role && (!wanted || wanted.includes(role));
  });
  for (const ws of all) settleWorkspace(ctx, ws);
  const p = page(
    all.map((w) => workspaceJson(ctx, w)),
    pr,
    ctx.sim.cfg.pageSize,
    'workspaces',
    `${ctx.sim.url}/v1/workspaces`,
  );
  return { status: 200, body: p };
};

const get: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Viewer');
  return { status: 200, body: workspaceJson(ctx, ws, true) };
};

const create: Handler = (ctx) => {
  const b = requireObjectBody(ctx);
  if (ctx.identity.isServicePrincipal && !ctx.sim.state.tenantSettings.servicePrincipalsCanCreateWorkspaces)
    throw insufficient('Service principals are not allowed to create workspaces in this tenant.');
  const name = String(b.displayName ?? '');
  checkName(ctx, name);
  let cap: CapacityRec | undefined;
  if (b.capacityId) cap = capacityForAssignment(ctx, b.capacityId);
  const ws: WorkspaceRec = {
    id: uuid(),
    displayName: name,
    description: b.description ?? '',
    type: 'Workspace',
    capacityId: cap?.id,
    domainId: b.domainId,
    capacityAssignmentProgress: 'Completed',
    roles: [{ principal: principalOfCaller(ctx), role: 'Admin' }],
    gitCredentials: {},
    createdTime: nowIso(),
  };
  ctx.sim.state.workspaces[ws.id] = ws;
  ctx.sim.changed();
  return {
    status: 201,
    body: workspaceJson(ctx, ws),
    headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}` },
  };
};

/** The caller as a role-assignment principal (the creator becomes Admin). */
export function principalOfCaller(ctx: Ctx): WorkspaceRec['roles'][number]['principal'] {
  const dir = ctx.sim.state.directory;
  if (ctx.identity.isServicePrincipal) {
    const sp = dir.servicePrincipals.find((s) => s.id === ctx.identity.oid);
    return {
      id: ctx.identity.oid,
      type: 'ServicePrincipal',
      displayName: sp?.displayName ?? ctx.identity.appid ?? ctx.identity.oid,
      details: { aadAppId: sp?.appId ?? ctx.identity.appid ?? ctx.identity.oid },
    };
  }
  const u = dir.users.find((x) => x.id === ctx.identity.oid);
  return {
    id: ctx.identity.oid,
    type: 'User',
    displayName: u?.displayName ?? ctx.identity.upn ?? ctx.identity.oid,
    details: { userPrincipalName: u?.userPrincipalName ?? ctx.identity.upn ?? `${ctx.identity.oid}@sim` },
  };
}

const update: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'update the workspace');
  const b = requireObjectBody(ctx);
  if (b.displayName !== undefined) {
    checkName(ctx, String(b.displayName), ws.id);
    ws.displayName = String(b.displayName);
  }
  if (b.description !== undefined) ws.description = String(b.description);
  ctx.sim.changed();
  return { status: 200, body: workspaceJson(ctx, ws) };
};

const remove: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'delete the workspace');
  const st = ctx.sim.state;
  for (const it of Object.values(st.items)) if (it.workspaceId === ws.id) deleteItemCascade(ctx, it, false);
  for (const f of Object.values(st.folders)) if (f.workspaceId === ws.id) delete st.folders[f.id];
  for (const p of Object.values(st.sparkPools)) if (p.workspaceId === ws.id) delete st.sparkPools[p.id];
  delete st.workspaces[ws.id];
  ctx.sim.changed();
  return { status: 200 };
};

const assign: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'assign the workspace to a capacity');
  const b = requireObjectBody(ctx);
  const cap = capacityForAssignment(ctx, String(b.capacityId));
  if (ws.capacityId && ws.capacityId !== cap.id) {
    const old = ctx.sim.state.capacities[ws.capacityId];
    const hasFabricItems = Object.values(ctx.sim.state.items).some(
      (i) => i.workspaceId === ws.id && !POWER_BI_TYPES.has(i.type),
    );
    if (old && hasFabricItems && old.region !== cap.region)
      throw new FabricError(
        400,
        'TargetCapacityIncompatibleRegion',
        'Fabric items cannot move to a capacity in another region.',
      );
  }
  ws.capacityId = cap.id;
  ws.capacityAssignmentProgress = 'InProgress';
  ws.capacityAssignmentDoneAt = Date.now() + ctx.sim.cfg.capacityAssignMs;
  ctx.sim.changed();
  return { status: 202 };
};

const unassign: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'unassign the workspace from its capacity');
  const hasFabricItems = Object.values(ctx.sim.state.items).some(
    (i) => i.workspaceId === ws.id && !POWER_BI_TYPES.has(i.type),
  );
  if (hasFabricItems)
    throw new FabricError(
      400,
      'WorkspaceItemsCanNotBeUnassignedFromCapacity',
      'The workspace contains Fabric items and cannot be unassigned from its capacity.',
    );
  delete ws.capacityId;
  ws.capacityAssignmentProgress = 'InProgress';
  ws.capacityAssignmentDoneAt = Date.now() + ctx.sim.cfg.capacityAssignMs;
  ctx.sim.changed();
  return { status: 202 };
};

export function registerWorkspaces(r: Router<Handler>): void {
  r.add('GET', '/workspaces', list)
    .add('POST', '/workspaces', create)
    .add('GET', '/workspaces/{workspaceId}', get)
    .add('PATCH', '/workspaces/{workspaceId}', update)
    .add('DELETE', '/workspaces/{workspaceId}', remove)
    .add('POST', '/workspaces/{workspaceId}/assignToCapacity', assign)
    .add('POST', '/workspaces/{workspaceId}/unassignFromCapacity', unassign);
}
