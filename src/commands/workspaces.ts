/**
 * `fabric-deploy workspaces …`: workspace management through the same client, identity and audit log
 * as a deploy. Each operation returns what it found or did as a readable table and as JSON; every
 * write is audited. Bad input (unknown workspace, capacity, role or principal) is refused before any
 * write, with the fix.
 */
import type { CommandContext } from '../context';
import { UserError } from '../errors';
import { isGuid } from '../guid';
import type { Capacity, Folder, Item, RoleAssignment, Workspace, WorkspaceRole } from '../fabric/types';
import { isNotFound } from '../deploy/api';
import { isLockFolder } from '../deploy/lock';
import { folderPaths } from '../deploy/plan/folders';
import { resolvePrincipals, type PrincipalDirectory } from '../deploy/workspace';
import type { BaseSettings } from '../settings/settings';
import type { PrincipalConfig } from '../settings/config';
import { workspaceUrl } from './portal';
import { renderTable } from './table';

export type WorkspacesContext = CommandContext<BaseSettings> & { directory?: PrincipalDirectory };

/** What a subcommand shows: a table (or lines) for people, the same facts as JSON for scripts. */
export interface Shown {
  text: string;
  json: unknown;
}

export const ROLES: readonly WorkspaceRole[] = ['Admin', 'Member', 'Contributor', 'Viewer'];

export { workspaceUrl };

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

function parseRoles(raw: string | undefined): WorkspaceRole[] | undefined {
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

/** Capacity names by id, for tables; an identity that cannot list capacities sees ids. */
async function capacityNames(ctx: WorkspacesContext): Promise<Map<string, string>> {
  try {
    return new Map((await ctx.client.listCapacities()).map((c) => [c.id.toLowerCase(), c.displayName]));
  } catch {
    return new Map();
  }
}

export async function listWorkspaces(
  ctx: WorkspacesContext,
  filter: { name?: string; capacity?: string; role?: string } = {},
): Promise<Shown> {
  const roles = parseRoles(filter.role);
  const names = await capacityNames(ctx);
  let all = await ctx.client.listWorkspaces(roles ? { roles } : {});
  if (filter.name) {
    const n = filter.name.toLowerCase();
    all = all.filter((w) => w.displayName.toLowerCase().includes(n));
  }
  if (filter.capacity) {
    const c = filter.capacity.toLowerCase();
    all = all.filter(
      (w) =>
        w.capacityId &&
        (w.capacityId.toLowerCase() === c || names.get(w.capacityId.toLowerCase())?.toLowerCase() === c),
    );
  }
  all.sort((a, b) => a.displayName.localeCompare(b.displayName));
  const rows = all.map((w) => ({
    id: w.id,
    name: w.displayName,
    type: w.type ?? 'Workspace',
    capacityId: w.capacityId ?? null,
    capacity: w.capacityId ? (names.get(w.capacityId.toLowerCase()) ?? w.capacityId) : null,
    description: w.description ?? '',
    url: workspaceUrl(w.id),
  }));
  const text = renderTable(
    ['NAME', 'ID', 'CAPACITY', 'DESCRIPTION'],
    rows.map((r) => [r.name, r.id, r.capacity ?? '-', oneLine(r.description)]),
  );
  const count = `${rows.length} workspace${rows.length === 1 ? '' : 's'}`;
  return { text: rows.length ? `${text}\n\n${count}` : `no workspaces`, json: rows };
}

export async function showWorkspace(ctx: WorkspacesContext, ref: string): Promise<Shown> {
  const ws = await resolveWorkspace(ctx, ref);
  const info = await ctx.client.getWorkspace(ws.id);
  const [names, roles, items] = await Promise.all([
    capacityNames(ctx),
    ctx.client.listRoleAssignments(ws.id).catch(() => undefined),
    ctx.client.listItems(ws.id),
  ]);
  const byType = new Map<string, number>();
  for (const i of items) byType.set(i.type, (byType.get(i.type) ?? 0) + 1);
  const json = {
    id: info.id,
    name: info.displayName,
    description: info.description ?? '',
    url: workspaceUrl(info.id),
    capacityId: info.capacityId ?? null,
    capacity: info.capacityId ? (names.get(info.capacityId.toLowerCase()) ?? info.capacityId) : null,
    capacityRegion: info.capacityRegion ?? null,
    capacityAssignmentProgress: info.capacityAssignmentProgress ?? null,
    principals: roles?.map(principalJson) ?? null,
    items: Object.fromEntries([...byType].sort(([a], [b]) => a.localeCompare(b))),
    itemCount: items.length,
  };
  const lines = [
    `Name:        ${json.name}`,
    `Id:          ${json.id}`,
    `URL:         ${json.url}`,
    `Description: ${oneLine(json.description) || '-'}`,
    `Capacity:    ${json.capacity ?? '-'}${json.capacityRegion ? ` (${json.capacityRegion})` : ''}`,
    `Items:       ${items.length}${byType.size ? ` (${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')})` : ''}`,
    '',
    roles
      ? renderTable(
          ['PRINCIPAL', 'TYPE', 'ROLE', 'ID'],
          roles.map((r) => [principalLabel(r), r.principal.type, r.role, r.principal.id]),
        )
      : 'Principals: not readable (the identity needs the Member or Admin role)',
  ];
  return { text: lines.join('\n'), json };
}

export async function createWorkspace(
  ctx: WorkspacesContext,
  name: string,
  opts: { capacity?: string; description?: string } = {},
): Promise<Shown> {
  const displayName = name.trim();
  if (!displayName || displayName.length > 256)
    throw new UserError(`'${name}' is not a workspace name`, {
      field: 'name',
      fix: 'give a name of 1 to 256 characters',
    });
  const cap = opts.capacity ? await resolveCapacityRef(ctx, opts.capacity) : undefined;
  const existing = (await ctx.client.listWorkspaces()).find(
    (w) => w.displayName.toLowerCase() === displayName.toLowerCase(),
  );
  if (existing)
    throw new UserError(`a workspace named '${existing.displayName}' already exists (${existing.id})`, {
      field: 'name',
      fix: 'choose another name, or manage the existing one with `fabric-deploy workspaces show`',
    });
  const ws = await audited(ctx, 'workspace.create', { type: 'Workspace', name: displayName }, () =>
    ctx.client.createWorkspace({
      displayName,
      ...(opts.description ? { description: opts.description } : {}),
      ...(cap ? { capacityId: cap.id } : {}),
    }),
  );
  if (cap) await ctx.client.waitForCapacityAssignment(ws.id).catch(() => undefined);
  ctx.log.info(`created workspace '${ws.displayName}' (${ws.id})${cap ? ` on '${cap.displayName}'` : ''}`);
  const json = { id: ws.id, name: ws.displayName, url: workspaceUrl(ws.id), capacityId: cap?.id ?? null };
  return { text: `created workspace '${ws.displayName}'\nId:  ${ws.id}\nURL: ${json.url}`, json };
}

/**
 * Deletes a workspace and everything in it. `confirm` decides (a prompt on a terminal, `--yes`
 * otherwise); when it says no, nothing is deleted and the command fails.
 */
export async function deleteWorkspace(
  ctx: WorkspacesContext,
  ref: string,
  confirm: (ws: Workspace, itemCount: number) => Promise<boolean>,
): Promise<Shown> {
  const ws = await resolveWorkspace(ctx, ref);
  const items = await ctx.client.listItems(ws.id);
  if (!(await confirm(ws, items.length)))
    throw new UserError(`workspace '${ws.displayName}' was not deleted: not confirmed`, {
      field: 'yes',
      fix: 'pass --yes to delete without asking (required in CI); a deleted workspace cannot be restored',
    });
  await audited(ctx, 'workspace.delete', { type: 'Workspace', name: ws.displayName, id: ws.id }, () =>
    ctx.client.deleteWorkspace(ws.id),
  );
  ctx.log.info(`deleted workspace '${ws.displayName}' (${ws.id}) and its ${items.length} items`);
  return {
    text: `deleted workspace '${ws.displayName}' (${ws.id}) with ${items.length} item${items.length === 1 ? '' : 's'}`,
    json: { id: ws.id, name: ws.displayName, deleted: true, itemCount: items.length },
  };
}

/** Assigns the workspace to a capacity (or, with `none`, unassigns it) and waits until it settles. */
export async function assignCapacity(ctx: WorkspacesContext, ref: string, capacity: string): Promise<Shown> {
  const ws = await resolveWorkspace(ctx, ref);
  const none = /^none$/i.test(capacity.trim());
  const cap = none ? undefined : await resolveCapacityRef(ctx, capacity);
  if ((ws.capacityId?.toLowerCase() ?? undefined) === cap?.id.toLowerCase()) {
    const what = cap ? `on capacity '${cap.displayName}'` : 'on no capacity';
    return { text: `workspace '${ws.displayName}' is already ${what}: nothing changed`, json: result(false) };
  }
  await audited(
    ctx,
    cap ? 'workspace.capacity.assign' : 'workspace.capacity.unassign',
    { type: 'Workspace', name: ws.displayName, id: ws.id },
    () => (cap ? ctx.client.assignToCapacity(ws.id, cap.id) : ctx.client.unassignFromCapacity(ws.id)),
    { before: { capacityId: ws.capacityId ?? null }, after: { capacityId: cap?.id ?? null } },
  );
  return {
    text: cap
      ? `workspace '${ws.displayName}' assigned to capacity '${cap.displayName}' (${cap.sku}, ${cap.region})`
      : `workspace '${ws.displayName}' unassigned from its capacity`,
    json: result(true),
  };

  function result(changed: boolean) {
    return { id: ws.id, name: ws.displayName, capacityId: cap?.id ?? null, changed };
  }
}

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

export async function listWorkspaceItems(
  ctx: WorkspacesContext,
  ref: string,
  filter: { type?: string; folder?: string } = {},
): Promise<Shown> {
  const ws = await resolveWorkspace(ctx, ref);
  const [items, folders] = await Promise.all([
    ctx.client.listItems(ws.id, filter.type),
    ctx.client.listFolders(ws.id).catch(() => [] as Folder[]),
  ]);
  // Paths without the leading slash, as they are typed (`--folder etl/raw`).
  const paths = new Map(
    [...folderPaths(folders.filter((f) => !isLockFolder(f)))].map(([k, v]) => [k, v.replace(/^\/+/, '')]),
  );
  let shown: (Item & { folder: string })[] = items.map((i) => ({
    ...i,
    folder: (i.folderId && paths.get(i.folderId)) || '',
  }));
  if (filter.folder !== undefined) {
    const f = filter.folder.replace(/^\/+|\/+$/g, '').toLowerCase();
    if (f && !folders.some((x) => paths.get(x.id)?.toLowerCase() === f))
      throw new UserError(`workspace '${ws.displayName}' has no folder '${filter.folder}'`, {
        field: 'folder',
        fix: `use one of: ${[...paths.values()].join(', ') || '(no folders)'}; '/' is the top level`,
      });
    shown = shown.filter((i) => {
      const p = i.folder.toLowerCase();
      return f === '' ? p === '' : p === f || p.startsWith(f + '/');
    });
  }
  shown.sort(
    (a, b) =>
      a.folder.localeCompare(b.folder) ||
      a.type.localeCompare(b.type) ||
      a.displayName.localeCompare(b.displayName),
  );
  const json = shown.map((i) => ({
    id: i.id,
    name: i.displayName,
    type: i.type,
    folder: i.folder || null,
    description: i.description ?? '',
  }));
  const text = renderTable(
    ['NAME', 'TYPE', 'FOLDER', 'ID'],
    json.map((i) => [i.name, i.type, i.folder ?? '/', i.id]),
  );
  const count = `${json.length} item${json.length === 1 ? '' : 's'}`;
  return { text: json.length ? `${text}\n\n${count}` : 'no items', json };
}

// ------------------------------------------------------------------ helpers

function principalLabel(r: RoleAssignment): string {
  return (
    r.principal.userDetails?.userPrincipalName ??
    r.principal.displayName ??
    (r.principal.servicePrincipalDetails
      ? `app ${r.principal.servicePrincipalDetails.aadAppId}`
      : r.principal.id)
  );
}

function principalJson(r: RoleAssignment) {
  return {
    id: r.principal.id,
    type: r.principal.type,
    displayName: r.principal.displayName ?? null,
    userPrincipalName: r.principal.userDetails?.userPrincipalName ?? null,
    appId: r.principal.servicePrincipalDetails?.aadAppId ?? null,
    role: r.role,
  };
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? t.slice(0, 59) + '…' : t;
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
