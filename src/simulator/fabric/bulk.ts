/**
 * Bulk item definitions (beta): `bulkExportDefinitions` and `bulkImportDefinitions`, as the spec
 * describes them (platform/swagger.json, definitions/platform.json, examples BulkExport… and
 * BulkImportItemDefinitions.json). Both are long-running operations whose result carries the
 * definitions (export) or one status per item (import). Paths are workspace-folder-rooted:
 * `/<folder>/…/<Name>.<Type>/<part>`. Where the spec is silent the behaviour is an assumption,
 * listed in docs/simulator.md ("Bulk definitions").
 */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { FabricError, badRequest, type MoreDetail } from '../errors';
import { nowIso, uuid } from '../ids';
import { lroDurationMs, type SimConfig } from '../profiles';
import type { DefinitionPart, FolderRec, ItemRec, WorkspaceRec } from '../types';
import { itemIn, requireObjectBody, sameName, workspaceFor } from './access';
import { definitionOut, validateDefinition } from './definitions';
import { INVALID_NAME, MAX_DEPTH } from './folders';
import { NO_DEFINITION_TYPES, SYSTEM_TYPES, canonicalType } from './itemTypes';
import { assertNameFree, createItemNow } from './items';

/** Items per call (fabric-cicd's BULK_ITEM_COUNT_LIMIT, "as per current API documentation"). */
export const BULK_MAX_ITEMS = 1000;

/**
 * Types the bulk APIs leave out (export) or refuse (import): those without a definition, and
 * DataBuildToolJob, which fabric-cicd 1.3 keeps out of its bulk publish.
 */
export function bulkSupportsType(type: string): boolean {
  return !NO_DEFINITION_TYPES.has(type) && !SYSTEM_TYPES.has(type) && type !== 'DataBuildToolJob';
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const isZero = (id: string | undefined) => !id || /^[0-]+$/.test(id);

/** Assumption: the export takes 2 s plus 10 ms per item (scaled), the fast profile's delay otherwise. */
export function exportDurationMs(cfg: SimConfig, items: number): number {
  if (cfg.lroDelayMs !== undefined) return cfg.lroDelayMs;
  return Math.round((2000 + 10 * items) * cfg.timeScale);
}

function tooMany(n: number): FabricError {
  return badRequest('InvalidInput', `A bulk request holds at most ${BULK_MAX_ITEMS} items; it has ${n}.`, [
    { errorCode: 'TooManyItems', message: `${n} items exceed the limit of ${BULK_MAX_ITEMS}.` },
  ]);
}

function folderChain(ctx: Ctx, folderId: string | undefined): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  let f = folderId ? ctx.sim.state.folders[folderId] : undefined;
  while (f && !seen.has(f.id)) {
    seen.add(f.id);
    names.unshift(f.displayName);
    f = f.parentFolderId ? ctx.sim.state.folders[f.parentFolderId] : undefined;
  }
  return names;
}

/** `/<folders>/<Name>.<Type>`, as the export's itemDefinitionsIndex names it. */
export function rootPathOf(ctx: Ctx, item: ItemRec): string {
  return `/${[...folderChain(ctx, item.folderId), `${item.displayName}.${item.type}`].join('/')}`;
}

/** Items of protected labels (tenantSettings.protectedSensitivityLabelIds) cannot be exported. */
function isProtected(ctx: Ctx, item: ItemRec): boolean {
  const ids = ctx.sim.state.tenantSettings.protectedSensitivityLabelIds ?? [];
  return (
    !!item.sensitivityLabelId && ids.some((id) => id.toLowerCase() === item.sensitivityLabelId!.toLowerCase())
  );
}

const exportDefinitions: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'export item definitions');
  const b = requireObjectBody(ctx);
  let items: ItemRec[];
  if (b.mode === 'Selective') {
    const ids: string[] = (Array.isArray(b.items) ? b.items : []).map((x: any) =>
      String(x?.id ?? '').toLowerCase(),
    );
    if (!ids.length)
      throw badRequest('InvalidInput', 'A Selective export needs the items to export.', [
        { errorCode: 'InvalidParameter', message: 'items is missing or empty.' },
      ]);
    if (ids.length > BULK_MAX_ITEMS) throw tooMany(ids.length);
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length)
      throw badRequest(
        'ItemReferencedMoreThanOnce',
        'The same item is being referenced more than once in the request.',
        [...new Set(twice)].map((id) => ({
          errorCode: 'ItemReferencedMoreThanOnce',
          message: `Item '${id}'.`,
        })),
      );
    items = ids.map((id) => itemIn(ctx, ws, id));
    const labelled = items.filter((i) => isProtected(ctx, i));
    if (labelled.length)
      throw badRequest(
        'ItemsHaveProtectedLabels',
        'Requested items have protected labels.',
        labelled.map((i) => ({
          errorCode: 'ItemHasProtectedLabel',
          message: `${i.type} '${i.displayName}' has a protected sensitivity label.`,
          relatedResource: { resourceId: i.id, resourceType: i.type },
        })),
      );
  } else {
    // All mode exports what the caller may export and leaves the rest out.
    items = Object.values(ctx.sim.state.items).filter((i) => i.workspaceId === ws.id && !isProtected(ctx, i));
  }
  // Types without a (bulk) definition are left out of the index, in either mode.
  const ids = items.filter((i) => bulkSupportsType(i.type)).map((i) => i.id);
  return ctx.sim.ops.start(ctx, {
    kind: 'bulkExportDefinitions',
    durationMs: exportDurationMs(ctx.sim.cfg, ids.length),
    retryAfter: ctx.sim.cfg.retryAfterSeconds,
    hasResult: true,
    apply: () => {
      const itemDefinitionsIndex: { id: string; rootPath: string }[] = [];
      const definitionParts: DefinitionPart[] = [];
      for (const id of ids) {
        const item = ctx.sim.state.items[id];
        if (!item) continue; // deleted meanwhile
        const rootPath = rootPathOf(ctx, item);
        itemDefinitionsIndex.push({ id: item.id, rootPath });
        const parts = definitionOut(item).parts;
        // The .platform first, as in the spec's examples.
        parts.sort((x, y) => Number(y.path === '.platform') - Number(x.path === '.platform'));
        for (const p of parts)
          definitionParts.push({
            path: `${rootPath}/${p.path}`,
            payload: p.payload,
            payloadType: p.payloadType,
          });
      }
      return { itemDefinitionsIndex, definitionParts };
    },
  });
};

/** One item of an import request: its root path and parts relative to it. */
interface ImportGroup {
  root: string;
  folders: string[];
  segmentName: string;
  type: string;
  parts: DefinitionPart[];
  logicalId?: string;
  displayName: string;
  description?: string;
  target?: ItemRec;
  deps: Set<number>;
}

function badPaths(details: MoreDetail[]): FabricError {
  return badRequest('InvalidFilesPath', 'The request contains definition parts with invalid paths.', details);
}

/** Group parts by item root (the first `<Name>.<Type>` segment; `.children/<Name>.<Type>` nests). */
function groupParts(raw: any[]): ImportGroup[] {
  const details: MoreDetail[] = [];
  const groups = new Map<string, ImportGroup>();
  const seen = new Set<string>();
  raw.forEach((p, i) => {
    const path: string = typeof p?.path === 'string' ? p.path : '';
    const segs = path.split('/');
    const bad = (why: string) =>
      details.push({
        errorCode: 'InvalidFilesPath',
        message: `definitionParts[${i}].path '${path}' ${why}.`,
      });
    if (
      !path.startsWith('/') ||
      path.includes('\\') ||
      segs.slice(1).some((s) => s === '' || s === '.' || s === '..')
    )
      return bad('is not an absolute workspace path');
    if (seen.has(path.toLowerCase())) return bad('appears twice');
    seen.add(path.toLowerCase());
    const first = segs.findIndex((s, k) => k > 0 && k < segs.length - 1 && !!itemSegment(s));
    if (first < 0) return bad('names no <Name>.<Type> item folder');
    // A child item (KQL database of an eventhouse) lives under its parent's .children, in its folder.
    const child =
      segs[first + 1] === '.children' && first + 3 < segs.length && !!itemSegment(segs[first + 2]!);
    const at = child ? first + 2 : first;
    const folders = segs.slice(1, first);
    const badFolder = folders.find((f) => INVALID_NAME.test(f) || f.length > 255);
    if (badFolder !== undefined) return bad(`has an invalid folder name '${badFolder}'`);
    if (folders.length > MAX_DEPTH) return bad(`nests folders deeper than ${MAX_DEPTH} levels`);
    const root = segs.slice(0, at + 1).join('/');
    const key = root.toLowerCase();
    const seg = itemSegment(segs[at]!)!;
    let g = groups.get(key);
    if (!g) {
      g = {
        root,
        folders,
        segmentName: seg.name,
        type: seg.type,
        parts: [],
        displayName: seg.name,
        deps: new Set(),
      };
      groups.set(key, g);
    }
    g.parts.push({ path: segs.slice(at + 1).join('/'), payload: p.payload, payloadType: p.payloadType });
  });
  if (details.length) throw badPaths(details);
  return [...groups.values()];
}

function itemSegment(seg: string): { name: string; type: string } | undefined {
  const dot = seg.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const type = canonicalType(seg.slice(dot + 1));
  return type && type === seg.slice(dot + 1) ? { name: seg.slice(0, dot), type } : undefined;
}

function decode(payload: string): string | undefined {
  const buf = Buffer.from(String(payload ?? ''), 'base64');
  const text = buf.toString('utf8');
  // Only text parts take part in reference resolution (a PNG is left as it is).
  return Buffer.from(text, 'utf8').equals(buf) ? text : undefined;
}

function readPlatform(g: ImportGroup): void {
  const p = g.parts.find((x) => x.path === '.platform');
  if (!p) return;
  try {
    const j = JSON.parse(decode(p.payload) ?? '');
    if (typeof j?.config?.logicalId === 'string' && !isZero(j.config.logicalId))
      g.logicalId = j.config.logicalId.toLowerCase();
    if (typeof j?.metadata?.displayName === 'string' && j.metadata.displayName.trim())
      g.displayName = j.metadata.displayName;
    if (typeof j?.metadata?.description === 'string') g.description = j.metadata.description;
  } catch {
    // validateDefinition reports an unreadable .platform on the item.
  }
}

/** Resolve a path relative to an item root (`../../Model.SemanticModel`), as posix paths do. */
function resolveRelative(root: string, rel: string): string {
  const out = root.split('/').filter(Boolean);
  for (const s of rel.split('/')) {
    if (s === '..') out.pop();
    else if (s && s !== '.') out.push(s);
  }
  return `/${out.join('/')}`;
}

function byPathOf(g: ImportGroup): string | undefined {
  if (g.type !== 'Report') return undefined;
  const pbir = g.parts.find((p) => p.path.toLowerCase() === 'definition.pbir');
  try {
    const path = JSON.parse(decode(pbir?.payload ?? '') ?? '')?.datasetReference?.byPath?.path;
    return typeof path === 'string' && path ? path : undefined;
  } catch {
    return undefined;
  }
}

function dependenciesFailed(details: MoreDetail[]): FabricError {
  return badRequest(
    'DependenciesCouldNotBeResolved',
    'The request contains items with dependencies that could not be resolved.',
    details,
  );
}

/** Pairing, name conflicts and dependencies: everything the service refuses before it starts. */
function planImport(ctx: Ctx, ws: WorkspaceRec, groups: ImportGroup[], byName: boolean): number[] {
  const wsItems = Object.values(ctx.sim.state.items).filter(
    (i) => i.workspaceId === ws.id && !SYSTEM_TYPES.has(i.type),
  );
  const dupes: MoreDetail[] = [];
  const names = new Map<string, ImportGroup>();
  const lids = new Map<string, ImportGroup>();
  for (const g of groups) {
    const k = `${g.type}|${g.displayName.toLowerCase()}`;
    if (names.has(k))
      dupes.push({
        errorCode: 'DuplicateDisplayNameAndType',
        message: `${g.type} '${g.displayName}' appears twice.`,
      });
    names.set(k, g);
    if (g.logicalId && lids.has(g.logicalId))
      dupes.push({
        errorCode: 'DuplicateLogicalId',
        message: `Logical id ${g.logicalId} is given to '${lids.get(g.logicalId)!.root}' and '${g.root}'.`,
      });
    if (g.logicalId) lids.set(g.logicalId, g);
  }
  for (const g of groups) {
    g.target = g.logicalId
      ? wsItems.find((i) => i.logicalId === g.logicalId && i.type === g.type)
      : undefined;
    const named = wsItems.find((i) => i.type === g.type && sameName(i.displayName, g.displayName));
    if (!g.target && named) {
      if (!g.logicalId && byName) g.target = named;
      else
        dupes.push({
          errorCode: 'DuplicateDisplayNameAndType',
          message: g.logicalId
            ? `${g.type} '${g.displayName}' already exists in the workspace under another logical id.`
            : `${g.type} '${g.displayName}' already exists in the workspace and pairing by name is off.`,
        });
    } else if (
      g.target &&
      named &&
      named.id !== g.target.id &&
      !groups.some((o) => o.target?.id === named.id)
    )
      dupes.push({
        errorCode: 'DuplicateDisplayNameAndType',
        message: `Renaming to ${g.type} '${g.displayName}' would duplicate an existing item.`,
      });
  }
  if (dupes.length)
    throw badRequest(
      'DuplicateDisplayNameAndType',
      'Duplicate items detected having the same display name and type.',
      dupes,
    );
  // Dependencies: a logical id of another item of the request in a part, or a Report's byPath.
  const unresolved: MoreDetail[] = [];
  const roots = new Map(groups.map((g, i) => [g.root.toLowerCase(), i]));
  const wsRoots = new Set(wsItems.map((i) => rootPathOf(ctx, i).toLowerCase()));
  groups.forEach((g, i) => {
    const text = g.parts
      .filter((p) => p.path !== '.platform')
      .map((p) => decode(p.payload) ?? '')
      .join('\n')
      .toLowerCase();
    groups.forEach((o, j) => {
      if (j !== i && o.logicalId && text.includes(o.logicalId)) g.deps.add(j);
    });
    const rel = byPathOf(g);
    if (rel) {
      const abs = resolveRelative(g.root, rel).toLowerCase();
      const j = roots.get(abs);
      if (j !== undefined && j !== i) g.deps.add(j);
      else if (!wsRoots.has(abs))
        unresolved.push({
          errorCode: 'DependencyNotFound',
          message: `${g.root}/definition.pbir refers to '${rel}', which is neither in the request nor in the workspace.`,
        });
    }
  });
  // Dependency order; a cycle cannot be resolved either.
  const order: number[] = [];
  const mark = new Map<number, 'open' | 'done'>();
  const visit = (i: number, trail: number[]): void => {
    if (mark.get(i) === 'done') return;
    if (mark.get(i) === 'open') {
      unresolved.push({
        errorCode: 'DependencyCycle',
        message: `Items depend on each other: ${[...trail.slice(trail.indexOf(i)), i].map((k) => groups[k]!.root).join(' → ')}.`,
      });
      return;
    }
    mark.set(i, 'open');
    for (const d of groups[i]!.deps) visit(d, [...trail, i]);
    mark.set(i, 'done');
    order.push(i);
  };
  groups.forEach((_, i) => visit(i, []));
  if (unresolved.length) throw dependenciesFailed(unresolved);
  return order;
}

/**
 * Assumption: the import ends after the longest dependency chain of its items' per-type durations
 * (`items` in dependency order, each naming the indexes it depends on).
 */
export function importDurationMs(
  cfg: SimConfig,
  items: { type: string; deps: Iterable<number> }[],
  order: number[],
): number {
  if (cfg.lroDelayMs !== undefined) return cfg.lroDelayMs;
  const end = new Map<number, number>();
  for (const i of order) {
    const g = items[i]!;
    const start = Math.max(0, ...[...g.deps].map((d) => end.get(d) ?? 0));
    end.set(i, start + lroDurationMs(cfg, g.type));
  }
  return Math.max(0, ...end.values());
}

function ensureFolders(ctx: Ctx, ws: WorkspaceRec, names: string[]): string | undefined {
  let parent: string | undefined;
  for (const name of names) {
    const hit = Object.values(ctx.sim.state.folders).find(
      (f) =>
        f.workspaceId === ws.id &&
        (f.parentFolderId ?? undefined) === parent &&
        sameName(f.displayName, name),
    );
    if (hit) parent = hit.id;
    else {
      const f: FolderRec = { id: uuid(), workspaceId: ws.id, displayName: name, parentFolderId: parent };
      ctx.sim.state.folders[f.id] = f;
      parent = f.id;
    }
  }
  return parent;
}

/** Logical ids of the request and the workspace → object ids; the zero workspace id → this one. */
function rewrite(parts: DefinitionPart[], ids: Map<string, string>, wsId: string): DefinitionPart[] {
  return parts.map((p) => {
    if (p.path === '.platform') return p;
    const text = decode(p.payload);
    if (text === undefined) return p;
    const out = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (g) => {
      const l = g.toLowerCase();
      return l === ZERO_GUID ? wsId : (ids.get(l) ?? g);
    });
    return out === text ? p : { ...p, payload: Buffer.from(out, 'utf8').toString('base64') };
  });
}

function kqlParent(ctx: Ctx, ws: WorkspaceRec, parts: DefinitionPart[]): string {
  const props = parts.find((p) => p.path.toLowerCase() === 'databaseproperties.json');
  let id: unknown;
  try {
    id = JSON.parse(decode(props?.payload ?? '') ?? '')?.parentEventhouseItemId;
  } catch {
    id = undefined;
  }
  const parent = typeof id === 'string' ? ctx.sim.state.items[id.toLowerCase()] : undefined;
  if (!parent || parent.workspaceId !== ws.id || parent.type !== 'Eventhouse')
    throw badRequest(
      'MissingDefinitionParts',
      'A KQL database definition needs DatabaseProperties.json naming its parentEventhouseItemId.',
    );
  return parent.id;
}

const importDefinitions: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'import item definitions');
  const b = requireObjectBody(ctx);
  const raw: any[] = Array.isArray(b.definitionParts) ? b.definitionParts : [];
  if (!raw.length)
    throw badRequest('InvalidInput', 'The request has no definition parts.', [
      { errorCode: 'InvalidParameter', message: 'definitionParts is empty.' },
    ]);
  const groups = groupParts(raw);
  if (groups.length > BULK_MAX_ITEMS) throw tooMany(groups.length);
  const refused = groups.filter((g) => !bulkSupportsType(g.type));
  if (refused.length)
    throw badRequest(
      'UnsupportedItemType',
      'The request contains item types that bulk import does not support.',
      refused.map((g) => ({ errorCode: 'UnsupportedItemType', message: `${g.root}: ${g.type}.` })),
    );
  groups.forEach(readPlatform);
  const order = planImport(ctx, ws, groups, b.options?.allowPairingByName === true);
  const fault = ctx.itemFault;
  return ctx.sim.ops.start(ctx, {
    kind: 'bulkImportDefinitions',
    durationMs: importDurationMs(ctx.sim.cfg, groups, order),
    retryAfter: ctx.sim.cfg.retryAfterSeconds,
    hasResult: true,
    apply: () => {
      if (!ctx.sim.state.workspaces[ws.id])
        throw new FabricError(404, 'WorkspaceNotFound', 'The workspace was not found.');
      const ids = new Map<string, string>();
      for (const i of Object.values(ctx.sim.state.items))
        if (i.workspaceId === ws.id && !isZero(i.logicalId)) ids.set(i.logicalId, i.id);
      const details = new Map<number, Record<string, unknown>>();
      for (const n of order) {
        const g = groups[n]!;
        const target = g.target && ctx.sim.state.items[g.target.id];
        const entry: Record<string, unknown> = {
          itemDisplayName: g.displayName,
          itemType: g.type,
          operationType: target ? 'Update' : 'Create',
        };
        if (g.logicalId) entry.itemLogicalId = g.logicalId;
        if (target) entry.itemId = target.id;
        details.set(n, entry);
        const hit =
          fault && sameName(fault.displayName, g.displayName) && (!fault.type || fault.type === g.type);
        if (hit && fault.status === 'Failed') {
          entry.operationStatus = 'Failed';
          continue;
        }
        try {
          const parts = rewrite(g.parts, ids, ws.id);
          const def = validateDefinition(g.type, { parts });
          const folderId = ensureFolders(ctx, ws, g.folders);
          if (target) {
            if (!sameName(target.displayName, g.displayName))
              assertNameFree(ctx, ws.id, g.type, g.displayName, target.id);
            target.displayName = g.displayName;
            if (g.description !== undefined) target.description = g.description;
            target.definition = def.definition;
            target.folderId = folderId;
            target.lastUpdatedTime = nowIso();
          } else {
            assertNameFree(ctx, ws.id, g.type, g.displayName);
            const item = createItemNow(ctx, ws, {
              type: g.type,
              displayName: g.displayName,
              description: g.description ?? '',
              folderId,
              definition: def,
              logicalId: g.logicalId,
              parentItemId: g.type === 'KQLDatabase' ? kqlParent(ctx, ws, parts) : undefined,
            });
            entry.itemId = item.id;
            entry.itemLogicalId = item.logicalId;
            ids.set(item.logicalId, item.id);
          }
          entry.operationStatus = hit ? 'SucceededDespiteFailures' : 'Succeeded';
        } catch (e) {
          if (!(e instanceof FabricError)) throw e;
          entry.operationStatus = 'Failed';
        }
      }
      ctx.sim.changed();
      // In the order the request named the items.
      return { importItemDefinitionsDetails: groups.map((_, i) => details.get(i)!) };
    },
  });
};

const betaRequired: Handler = () => {
  throw new FabricError(
    400,
    'InvalidParameter',
    "This API is in beta: call it with the query parameter 'beta=true'.",
  );
};

export function registerBulkDefinitions(r: Router<Handler>): void {
  const base = '/workspaces/{workspaceId}/items';
  r.add('POST', `${base}/bulkExportDefinitions?beta=true`, exportDefinitions)
    .add('POST', `${base}/bulkImportDefinitions?beta=true`, importDefinitions)
    .add('POST', `${base}/bulkExportDefinitions`, betaRequired)
    .add('POST', `${base}/bulkImportDefinitions`, betaRequired);
}
