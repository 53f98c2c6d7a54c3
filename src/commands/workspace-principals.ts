/** `fabric-deploy workspaces principals …`: list, add (or change the role of) and remove role assignments. */
import { UserError } from '../errors';
import type { WorkspaceRole } from '../fabric/types';
import { resolvePrincipals } from '../deploy/workspace';
import type { PrincipalConfig } from '../settings/config';
import { renderTable } from './table';
import {
  audited,
  parseRole,
  principalJson,
  principalLabel,
  resolveWorkspace,
  type Shown,
  type WorkspacesContext,
} from './workspace-refs';

export async function listPrincipals(ctx: WorkspacesContext, ref: string): Promise<Shown> {
  const ws = await resolveWorkspace(ctx, ref);
  const roles = await ctx.client.listRoleAssignments(ws.id);
  return {
    text: renderTable(
      ['PRINCIPAL', 'TYPE', 'ROLE', 'ID'],
      roles.map((r) => [principalLabel(r), r.principal.type, r.role, r.principal.id]),
    ),
    json: roles.map(principalJson),
  };
}

/** How a principal is given on the command line: exactly one of these. */
export type PrincipalRef = Pick<PrincipalConfig, 'id' | 'upn' | 'group' | 'appId' | 'type'>;

async function resolvePrincipalRef(ctx: WorkspacesContext, p: PrincipalRef, role: WorkspaceRole) {
  const given = (['id', 'upn', 'group', 'appId'] as const).filter((k) => p[k]);
  if (given.length !== 1)
    throw new UserError(
      given.length ? `give one principal, not ${given.join(' and ')}` : 'no principal was given',
      {
        field: 'principal',
        fix: 'pass one of --upn <user@domain>, --group <display name>, --app-id <application id> or --id <object id> --type <User|Group|ServicePrincipal>',
      },
    );
  const [resolved] = await resolvePrincipals([{ ...p, role, source: 'config' }], ctx.directory);
  return resolved!;
}

export async function addPrincipal(
  ctx: WorkspacesContext,
  ref: string,
  p: PrincipalRef,
  roleRaw: string | undefined,
): Promise<Shown> {
  const role = parseRole(roleRaw);
  const ws = await resolveWorkspace(ctx, ref);
  const want = await resolvePrincipalRef(ctx, p, role);
  const current = (await ctx.client.listRoleAssignments(ws.id)).find(
    (r) => r.principal.id.toLowerCase() === want.id,
  );
  const target = { type: want.type, name: want.label, id: want.id };
  if (current?.role === role)
    return {
      text: `${want.label} already has the ${role} role in '${ws.displayName}': nothing changed`,
      json: { workspaceId: ws.id, principalId: want.id, role, changed: false },
    };
  if (current)
    await audited(
      ctx,
      'role.update',
      target,
      () => ctx.client.updateRoleAssignment(ws.id, current.id, role),
      {
        before: { role: current.role, workspaceId: ws.id },
        after: { role, workspaceId: ws.id },
      },
    );
  else
    await audited(
      ctx,
      'role.add',
      target,
      () => ctx.client.addRoleAssignment(ws.id, { principal: { id: want.id, type: want.type }, role }),
      { after: { role, workspaceId: ws.id } },
    );
  return {
    text: `${want.label} (${want.type}) ${current ? `changed from ${current.role} to` : 'given'} the ${role} role in '${ws.displayName}'`,
    json: { workspaceId: ws.id, principalId: want.id, type: want.type, role, changed: true },
  };
}

export async function removePrincipal(ctx: WorkspacesContext, ref: string, p: PrincipalRef): Promise<Shown> {
  const ws = await resolveWorkspace(ctx, ref);
  const want = await resolvePrincipalRef(ctx, p, 'Viewer');
  const current = (await ctx.client.listRoleAssignments(ws.id)).find(
    (r) => r.principal.id.toLowerCase() === want.id,
  );
  if (!current)
    throw new UserError(`${want.label} has no role in workspace '${ws.displayName}'`, {
      field: 'principal',
      fix: `see who has one with \`fabric-deploy workspaces principals list ${ws.id}\``,
    });
  await audited(
    ctx,
    'role.remove',
    { type: current.principal.type, name: want.label, id: want.id },
    () => ctx.client.deleteRoleAssignment(ws.id, current.id),
    { before: { role: current.role, workspaceId: ws.id } },
  );
  return {
    text: `removed the ${current.role} role of ${want.label} from '${ws.displayName}'`,
    json: { workspaceId: ws.id, principalId: want.id, removedRole: current.role },
  };
}
