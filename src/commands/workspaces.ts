/**
 * `fabric-deploy workspaces …`: workspace management through the same client, identity and audit log
 * as a deploy. Each operation returns what it found or did as a readable table and as JSON; every
 * write is audited. Bad input (unknown workspace, capacity, role or principal) is refused before any
 * write, with the fix.
 */
import { UserError } from '../errors';
import type { Folder, Item, Workspace } from '../fabric/types';
import { isLockFolder } from '../deploy/lock';
import { folderPaths } from '../deploy/plan/folders';
import { workspaceUrl } from './portal';
import { renderTable } from './table';
import {
  audited,
  parseRoles,
  principalJson,
  principalLabel,
  resolveCapacityRef,
  resolveWorkspace,
  type Shown,
  type WorkspacesContext,
} from './workspace-refs';

export * from './workspace-refs';
export * from './workspace-principals';
export { workspaceUrl };

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

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? t.slice(0, 59) + '…' : t;
}
