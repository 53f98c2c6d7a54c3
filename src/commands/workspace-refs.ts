/**
 * What the `workspaces` subcommands share: the context, workspaces, capacities and roles by id or
 * name (refused with the fix when unknown), how a role assignment is shown, and the audited write.
 */
import type { CommandContext } from '../context';
import { UserError } from '../errors';
import { isGuid } from '../guid';
import type { Capacity, RoleAssignment, Workspace, WorkspaceRole } from '../fabric/types';
import { isNotFound } from '../deploy/api';
import type { PrincipalDirectory } from '../deploy/workspace';
import type { BaseSettings } from '../settings/settings';

export type WorkspacesContext = CommandContext<BaseSettings> & { directory?: PrincipalDirectory };

/** What a subcommand shows: a table (or lines) for people, the same facts as JSON for scripts. */
export interface Shown {
  text: string;
  json: unknown;
}

export const ROLES: readonly WorkspaceRole[] = ['Admin', 'Member', 'Contributor', 'Viewer'];

/** A workspace by id or (case-insensitive) display name; refused with the fix when it is not visible. */
export async function resolveWorkspace(ctx: WorkspacesContext, ref: string): Promise<Workspace> {
  const want = ref.trim();
  if (isGuid(want)) {
    try {
      return await ctx.client.getWorkspace(want);
    } catch (err) {
      if (isNotFound(err) || (err as { status?: number }).status === 403)
        throw new UserError(`workspace ${want} was not found, or this identity has no role in it`, {
          field: 'workspace',
          fix: 'check the id (run `fabric-deploy workspaces list`), or give the identity a role in the workspace',
          cause: err,
        });
      throw err;
    }
  }
  const all = await ctx.client.listWorkspaces();
  const matches = all.filter((w) => w.displayName.toLowerCase() === want.toLowerCase());
  if (matches.length > 1)
    throw new UserError(`more than one workspace is named '${want}'`, {
      field: 'workspace',
      fix: `give the id instead: ${matches.map((m) => m.id).join(', ')}`,
    });
  if (!matches[0])
    throw new UserError(`no workspace named '${want}' is visible to this identity`, {
      field: 'workspace',
      fix: 'check the name (run `fabric-deploy workspaces list`), or give the identity a role in the workspace',
    });
  return ctx.client.getWorkspace(matches[0].id);
}

/** A capacity by id or (case-insensitive) display name, among those the identity may assign. */
export async function resolveCapacityRef(ctx: WorkspacesContext, ref: string): Promise<Capacity> {
  const all = await ctx.client.listCapacities();
  const want = ref.trim().toLowerCase();
  const matches = all.filter((c) => c.id.toLowerCase() === want || c.displayName.toLowerCase() === want);
  if (matches.length > 1)
    throw new UserError(`more than one capacity is named '${ref}'`, {
      field: 'capacity',
      fix: `give the id instead: ${matches.map((m) => m.id).join(', ')}`,
    });
  const cap = matches[0];
  if (!cap)
    throw new UserError(`capacity '${ref}' was not found (or this identity has no rights on it)`, {
      field: 'capacity',
      fix: all.length
        ? `use one of: ${all.map((c) => `'${c.displayName}'`).join(', ')}`
        : 'grant the identity contributor rights on a capacity',
    });
  if (cap.state !== 'Active')
    throw new UserError(
      `capacity '${cap.displayName}' is ${cap.state}: workspaces cannot be assigned to it`,
      {
        field: 'capacity',
        fix: 'resume the capacity in the Azure portal, or choose an active one',
      },
    );
  return cap;
}

export function parseRoles(raw: string | undefined): WorkspaceRole[] | undefined {
  if (!raw) return undefined;
  const out: WorkspaceRole[] = [];
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const role = ROLES.find((r) => r.toLowerCase() === part.toLowerCase());
    if (!role)
      throw new UserError(`unknown workspace role '${part}'`, {
        field: 'role',
        fix: `use one or more of: ${ROLES.join(', ')} (comma-separated)`,
      });
    out.push(role);
  }
  return out;
}

export function parseRole(raw: string | undefined): WorkspaceRole {
  const roles = parseRoles(raw);
  if (!roles || roles.length !== 1)
    throw new UserError(`a role is needed, not '${raw ?? ''}'`, {
      field: 'role',
      fix: `use one of: ${ROLES.join(', ')}`,
    });
  return roles[0]!;
}

export function principalLabel(r: RoleAssignment): string {
  return (
    r.principal.userDetails?.userPrincipalName ??
    r.principal.displayName ??
    (r.principal.servicePrincipalDetails
      ? `app ${r.principal.servicePrincipalDetails.aadAppId}`
      : r.principal.id)
  );
}

export function principalJson(r: RoleAssignment) {
  return {
    id: r.principal.id,
    type: r.principal.type,
    displayName: r.principal.displayName ?? null,
    userPrincipalName: r.principal.userDetails?.userPrincipalName ?? null,
    appId: r.principal.servicePrincipalDetails?.aadAppId ?? null,
    role: r.role,
  };
}

/** Runs one write and records it in the audit log, succeeded or failed. */
export async function audited<T>(
  ctx: WorkspacesContext,
  action: string,
  target: { type: string; name?: string; id?: string },
  write: () => Promise<T>,
  change: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
): Promise<T> {
  try {
    const out = await write();
    const id = target.id ?? (out as { id?: string } | undefined)?.id;
    ctx.audit.record({
      deploymentId: ctx.deploymentId,
      action,
      target: { ...target, ...(id ? { id } : {}) },
      ...change,
      result: 'succeeded',
    });
    return out;
  } catch (err) {
    ctx.audit.record({
      deploymentId: ctx.deploymentId,
      action,
      target,
      ...change,
      result: 'failed',
      error: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}
