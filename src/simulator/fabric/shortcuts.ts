/**
 * OneLake shortcuts of a data item (platform swagger, OneLakeShortcuts_*): create with a
 * `shortcutConflictPolicy`, list (paged, `parentPath`), get and delete by `{path}/{name}`.
 *
 * A OneLake target is checked as the service checks it: the target workspace and item must exist and
 * the target path must be there. A Lakehouse holds the folders `Files` and `Tables` (and `Tables/dbo`
 * with schemas); anything deeper exists only as data (`oneLakePaths` on the item, seeded through
 * `POST /_sim/state`) or as a shortcut. The recorded real deployment shows the answer to a missing
 * path: fabric-cicd's shortcut to `Tables/dbo/publicholidays` of a lakehouse it had just created
 * (empty) got 400 BadRequest, moreDetails RequestBodyValidationFailed "Target path doesn't exist";
 * a target item that does not exist is a missing path to OneLake and is answered the same way.
 */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { FabricError, notFound } from '../errors';
import { page, readPage } from '../paging';
import type { ItemRec, ShortcutRec } from '../types';
import { itemIn, requireObjectBody, workspaceFor } from './access';

/** Items with a OneLake folder tree that shortcuts can live in. */
const SHORTCUT_ITEM_TYPES = new Set(['Lakehouse', 'KQLDatabase', 'MirroredDatabase']);
const POLICIES = ['Abort', 'GenerateUniqueName', 'CreateOrOverwrite', 'OverwriteOnly'] as const;
const TARGET_KINDS = [
  'oneLake',
  'amazonS3',
  'adlsGen2',
  'googleCloudStorage',
  's3Compatible',
  'dataverse',
  'azureBlobStorage',
  'oneDriveSharePoint',
] as const;

/** The real service's 400 for a shortcut request it cannot carry out (recorded trace). */
const invalid = (message: string) =>
  new FabricError(
    400,
    'BadRequest',
    'The request could not be processed due to missing or invalid information',
    {
      moreDetails: [{ errorCode: 'RequestBodyValidationFailed', message }],
      isRetriable: false,
    },
  );

/** `/Tables/dbo/` → `Tables/dbo` (fabric-cicd writes a leading slash; the service answers without). */
export const normalisePath = (p: string) => p.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const json = (s: ShortcutRec) => ({ path: s.path, name: s.name, target: s.target });

/** Whether `path` exists in a data item's OneLake folders (roots, seeded data, shortcuts). */
function pathExists(item: ItemRec, path: string): boolean {
  const p = normalisePath(path).toLowerCase();
  if (!p) return true;
  const roots = ['files', 'tables'];
  if (item.properties?.enableSchemas === true || item.creationPayload?.enableSchemas === true)
    roots.push('tables/dbo');
  const have = [
    ...roots,
    ...(item.oneLakePaths ?? []).map((x) => normalisePath(x).toLowerCase()),
    ...(item.shortcuts ?? []).map((s) => `${s.path}/${s.name}`.toLowerCase()),
  ];
  // A folder exists when something is at it or below it.
  return have.some((h) => h === p || h.startsWith(`${p}/`));
}

function shortcutItem(ctx: Ctx, minRole: 'Viewer' | 'Contributor'): ItemRec {
  const { ws } = workspaceFor(ctx, minRole, minRole === 'Viewer' ? 'read shortcuts' : 'manage shortcuts');
  const item = itemIn(ctx, ws, ctx.params.itemId);
  if (!SHORTCUT_ITEM_TYPES.has(item.type))
    throw invalid(`Shortcuts are not supported on an item of type '${item.type}'`);
  return item;
}

function checkOneLakeTarget(ctx: Ctx, t: Record<string, unknown>): Record<string, unknown> {
  const { workspaceId, itemId, path } = t;
  if (typeof workspaceId !== 'string' || typeof itemId !== 'string' || typeof path !== 'string')
    throw invalid('target.oneLake needs workspaceId, itemId and path');
  const ws = ctx.sim.state.workspaces[workspaceId.toLowerCase()];
  const item = ctx.sim.state.items[itemId.toLowerCase()];
  if (!ws || !item || item.workspaceId !== ws.id || !pathExists(item, path))
    throw invalid("Target path doesn't exist");
  // Stored as the service answers it: its own fields only (fabric-cicd's artifactType is not kept).
  return {
    workspaceId: ws.id,
    itemId: item.id,
    path: normalisePath(path),
    ...(typeof t.connectionId === 'string' ? { connectionId: t.connectionId } : {}),
  };
}

const create: Handler = (ctx) => {
  const item = shortcutItem(ctx, 'Contributor');
  const raw = ctx.query.get('shortcutConflictPolicy') ?? 'Abort';
  const policy = POLICIES.find((p) => p.toLowerCase() === raw.toLowerCase());
  if (!policy)
    throw new FabricError(
      400,
      'InvalidParameter',
      `The value '${raw}' of query parameter 'shortcutConflictPolicy' is not valid; use one of ${POLICIES.join(', ')}.`,
    );
  const b = requireObjectBody(ctx);
  if (typeof b.name !== 'string' || !b.name.trim()) throw invalid('A shortcut needs a name');
  if (typeof b.path !== 'string') throw invalid('A shortcut needs a path (under Files or Tables)');
  const path = normalisePath(b.path);
  if (!/^(files|tables)(\/|$)/i.test(path))
    throw invalid(`The shortcut path '${b.path}' must start with Files or Tables`);
  if (!pathExists(item, path)) throw invalid(`The shortcut path '${b.path}' doesn't exist`);
  const target = (b.target ?? {}) as Record<string, unknown>;
  const kinds = TARGET_KINDS.filter((k) => target[k] && typeof target[k] === 'object');
  if (kinds.length !== 1) throw invalid('The target must specify exactly one of the supported destinations');
  const kind = kinds[0]!;
  const detail =
    kind === 'oneLake'
      ? checkOneLakeTarget(ctx, target.oneLake as Record<string, unknown>)
      : { ...(target[kind] as Record<string, unknown>) };
  const stored: ShortcutRec = {
    path,
    name: b.name,
    target: { type: kind[0]!.toUpperCase() + kind.slice(1), [kind]: detail },
  };
  const list = (item.shortcuts ??= []);
  const at = list.findIndex((s) => same(s.path, path) && same(s.name, b.name));
  let status = 201;
  if (at >= 0) {
    if (policy === 'Abort')
      throw new FabricError(
        409,
        'ShortcutAlreadyExists',
        `A shortcut named '${b.name}' already exists at '${path}'.`,
      );
    if (policy === 'GenerateUniqueName') {
      let n = 1;
      while (list.some((s) => same(s.path, path) && same(s.name, `${b.name}_${n}`))) n++;
      stored.name = `${b.name}_${n}`;
      list.push(stored);
    } else {
      list[at] = { ...stored, name: list[at]!.name };
      status = 200;
    }
  } else {
    if (policy === 'OverwriteOnly') throw notFound('EntityNotFound', `shortcut '${path}/${b.name}'`);
    list.push(stored);
  }
  ctx.sim.changed();
  const made = at >= 0 && status === 200 ? list[at]! : stored;
  return {
    status,
    body: json(made),
    headers: {
      Location: `${ctx.sim.url}/v1/workspaces/${item.workspaceId}/items/${item.id}/shortcuts/${made.path}/${encodeURIComponent(made.name)}`,
    },
  };
};

const list: Handler = (ctx) => {
  const item = shortcutItem(ctx, 'Viewer');
  const pr = readPage(`shortcuts-${item.id}`, ctx.query, ['parentPath']);
  const parent = pr.filters.parentPath ? normalisePath(pr.filters.parentPath).toLowerCase() : '';
  const all = (item.shortcuts ?? [])
    .filter(
      (s) => !parent || s.path.toLowerCase() === parent || s.path.toLowerCase().startsWith(`${parent}/`),
    )
    .map(json);
  const url = `${ctx.sim.url}/v1/workspaces/${item.workspaceId}/items/${item.id}/shortcuts`;
  return {
    status: 200,
    // The recorded service answers this list with a bare `application/json`.
    headers: { 'Content-Type': 'application/json' },
    body: page(all, pr, ctx.sim.cfg.pageSize, `shortcuts-${item.id}`, url),
  };
};

/** The spec's `{shortcutPath}/{shortcutName}`, where the path has slashes of its own (`Tables/dbo`). */
function located(ctx: Ctx, item: ItemRec): number {
  const segs = [ctx.params.shortcutPath, ...DEEPER.map((p) => ctx.params[p])].filter(
    (x): x is string => x !== undefined,
  );
  const path = normalisePath(segs.join('/'));
  const name = ctx.params.shortcutName ?? '';
  const rest = `${path}/${name}`;
  const at = (item.shortcuts ?? []).findIndex((s) => same(s.path, path) && same(s.name, name));
  if (at < 0) throw notFound('EntityNotFound', `shortcut '${rest}'`);
  return at;
}

const get: Handler = (ctx) => {
  const item = shortcutItem(ctx, 'Viewer');
  return { status: 200, body: json(item.shortcuts![located(ctx, item)]!) };
};

const remove: Handler = (ctx) => {
  const item = shortcutItem(ctx, 'Contributor');
  item.shortcuts!.splice(located(ctx, item), 1);
  ctx.sim.changed();
  return { status: 200 };
};

/** Path segments after the first: clients send `Tables/dbo` with its slash (fabric-cicd does). */
const DEEPER = ['p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];

export function registerShortcuts(r: Router<Handler>): void {
  const base = '/workspaces/{workspaceId}/items/{itemId}/shortcuts';
  r.add('POST', base, create).add('GET', base, list);
  for (let depth = 0; depth <= DEEPER.length; depth++) {
    const middle = DEEPER.slice(0, depth)
      .map((p) => `/{${p}}`)
      .join('');
    const t = `${base}/{shortcutPath}${middle}/{shortcutName}`;
    r.add('GET', t, get).add('DELETE', t, remove);
  }
}
