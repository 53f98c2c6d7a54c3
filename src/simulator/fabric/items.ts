/**
 * Items (§9.1, §9.4): the generic /items API and the typed collections share
 * these handlers; a typed route passes its fixed item type.
 */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import type { Reply } from '../http';
import { FabricError, badRequest, notFound } from '../errors';
import { nowIso, uuid } from '../ids';
import { page, readPage } from '../paging';
import { lroDurationMs } from '../profiles';
import type { ItemRec, WorkspaceRec } from '../types';
import type { Simulator } from '../simulator';
import { boolValue, folderIn, itemIn, parseBool, requireObjectBody, sameName, workspaceFor } from './access';
import {
  CREATION_PAYLOAD_TYPES,
  DEFINITION_REQUIRED_TYPES,
  NO_DEFINITION_TYPES,
  POWER_BI_TYPES,
  SYSTEM_TYPES,
  TYPED_COLLECTIONS,
  canonicalType,
  typeOfCollection,
} from './itemTypes';
import { definitionOut, validateDefinition } from './definitions';
import { itemProperties, onItemCreated, updateProperties } from './properties';

/** An item as the API shows it; with `propertiesFrom` its type-specific properties too (typed endpoints). */
export function itemJson(item: ItemRec, propertiesFrom?: Simulator): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: item.id,
    type: item.type,
    displayName: item.displayName,
    description: item.description,
    workspaceId: item.workspaceId,
  };
  if (item.folderId) out.folderId = item.folderId;
  if (item.sensitivityLabelId) out.sensitivityLabel = { id: item.sensitivityLabelId };
  if (propertiesFrom) {
    const props = itemProperties(propertiesFrom, item);
    if (props) out.properties = props;
  }
  return out;
}

/** Is this item type answered synchronously (201/200) instead of 202? */
export function isSync(ctx: Ctx, type: string): boolean {
  return ctx.sim.cfg.syncCreateTypes.some((t) => t.toLowerCase() === type.toLowerCase());
}

const pendingKey = (wsId: string, type: string, name: string) => `${wsId}|${type}|${name.toLowerCase()}`;

/** Name rules: unique per type (case-insensitive), reserved for a while after a delete. */
export function assertNameFree(ctx: Ctx, wsId: string, type: string, name: string, exceptId?: string): void {
  const st = ctx.sim.state;
  const clash = Object.values(st.items).some(
    (i) => i.workspaceId === wsId && i.type === type && i.id !== exceptId && sameName(i.displayName, name),
  );
  if (clash || ctx.sim.pendingNames.has(pendingKey(wsId, type, name)))
    throw badRequest('ItemDisplayNameAlreadyInUse', `Requested '${name}' is already in use`);
  const now = Date.now();
  st.nameReservations = st.nameReservations.filter((r) => r.until > now);
  if (st.nameReservations.some((r) => r.workspaceId === wsId && r.type === type && sameName(r.name, name)))
    throw new FabricError(
      400,
      'ItemDisplayNameNotAvailableYet',
      `Requested '${name}' is not available yet and is expected to become available in the upcoming minutes.`,
      {
        isRetriable: true,
      },
    );
}

function checkDisplayName(name: unknown): string {
  if (typeof name !== 'string' || !name.trim())
    throw badRequest('InvalidInput', 'The item display name must not be empty.', [
      { errorCode: 'InvalidParameter', message: 'displayName is empty.' },
    ]);
  if (name.length > 256)
    throw badRequest('InvalidInput', 'The item display name is too long.', [
      { errorCode: 'InvalidParameter', message: 'displayName exceeds 256 characters.' },
    ]);
  return name;
}

interface CreateSpec {
  type: string;
  displayName: string;
  description: string;
  folderId?: string;
  definition?: ReturnType<typeof validateDefinition>;
  creationPayload?: Record<string, unknown>;
  sensitivityLabelId?: string;
  logicalId?: string;
  parentItemId?: string;
}

/** Validate a create request (everything that answers synchronously with an error). */
function validateCreate(ctx: Ctx, ws: WorkspaceRec, b: Record<string, any>, fixedType?: string): CreateSpec {
  if (b.definition !== undefined && b.creationPayload !== undefined)
    throw badRequest(
      'RequestWithDefinitionAndCreationPayloadNotSupported',
      'A request cannot contain both a definition and a creation payload.',
    );
  let type = fixedType;
  if (!type) {
    type = canonicalType(String(b.type ?? ''));
    if (!type) throw badRequest('InvalidItemType', `Item type '${String(b.type)}' is not valid.`);
  }
  if (SYSTEM_TYPES.has(type))
    throw badRequest('UnsupportedItemType', `Items of type '${type}' cannot be created through this API.`);
  const displayName = checkDisplayName(b.displayName);
  if (typeof b.description === 'string' && b.description.length > 256)
    throw badRequest('InvalidInput', 'The description is too long.', [
      { errorCode: 'InvalidParameter', message: 'description exceeds 256 characters.' },
    ]);
  if (b.creationPayload !== undefined && !CREATION_PAYLOAD_TYPES.has(type))
    throw badRequest(
      'ItemTypeDoesNotSupportCreationPayload',
      `Item type '${type}' does not support a creation payload.`,
    );
  if (b.definition === undefined && DEFINITION_REQUIRED_TYPES.has(type))
    throw badRequest('MissingDefinitionParts', `Creating a ${type} requires a definition.`);
  if (b.definition !== undefined && NO_DEFINITION_TYPES.has(type))
    throw badRequest('OperationNotSupportedForItem', `Item type '${type}' does not accept a definition.`);
  if (type === 'Lakehouse' && b.creationPayload && b.creationPayload.enableSchemas !== true)
    throw badRequest('InvalidInput', 'creationPayload.enableSchemas must be true.', [
      { errorCode: 'InvalidParameter', message: 'Only true is allowed for enableSchemas.' },
    ]);
  if (b.folderId) folderIn(ctx, ws, String(b.folderId));
  // A paused (or otherwise inactive) capacity serves no item operation (as the real service answers).
  const capacity = ws.capacityId ? ctx.sim.state.capacities[ws.capacityId.toLowerCase()] : undefined;
  if (capacity && capacity.state !== 'Active')
    throw badRequest(
      'CapacityNotInActiveState',
      `Capacity '${capacity.displayName}' is not in active state.`,
    );
  if (ctx.sim.cfg.requireCapacity && !POWER_BI_TYPES.has(type) && !ws.capacityId)
    throw badRequest(
      'WorkspaceHasNoCapacityAssigned',
      'The workspace has no capacity assigned; Fabric items need a Fabric capacity.',
    );
  const definition = b.definition !== undefined ? validateDefinition(type, b.definition) : undefined;
  let parentItemId: string | undefined;
  if (type === 'KQLDatabase') {
    // The parent Eventhouse comes from the creationPayload, or from DatabaseProperties.json when a
    // definition is sent (as fabric-cicd does; the recorded real create is accepted that way).
    const parentId =
      b.definition === undefined
        ? kqlParentFromPayload(b.creationPayload)
        : kqlParentFromDefinition(b.definition);
    const parent = ctx.sim.state.items[parentId.toLowerCase()];
    if (!parent || parent.workspaceId !== ws.id || parent.type !== 'Eventhouse')
      throw notFound('ItemNotFound', 'parent eventhouse');
    parentItemId = parent.id;
  }
  assertNameFree(ctx, ws.id, type, displayName);
  return {
    type,
    displayName,
    description: b.description ?? '',
    folderId: b.folderId ? String(b.folderId).toLowerCase() : undefined,
    definition,
    creationPayload: b.creationPayload,
    sensitivityLabelId: b.sensitivityLabelSettings?.labelId,
    logicalId: definition?.platform?.logicalId,
    parentItemId,
  };
}

function kqlParentFromPayload(p: unknown): string {
  if (!p || typeof p !== 'object')
    throw badRequest(
      'InvalidInput',
      'A KQL database needs a creationPayload with databaseType and parentEventhouseItemId.',
    );
  return String((p as Record<string, unknown>).parentEventhouseItemId ?? '');
}

function kqlParentFromDefinition(def: any): string {
  const part = (Array.isArray(def?.parts) ? def.parts : []).find(
    (p: any) => typeof p?.path === 'string' && p.path.toLowerCase() === 'databaseproperties.json',
  );
  let parent: unknown;
  try {
    parent = JSON.parse(
      Buffer.from(String(part?.payload ?? ''), 'base64').toString('utf8'),
    )?.parentEventhouseItemId;
  } catch {
    parent = undefined;
  }
  if (typeof parent !== 'string' || !parent)
    throw badRequest(
      'MissingDefinitionParts',
      'A KQL database definition needs DatabaseProperties.json naming parentEventhouseItemId.',
    );
  return parent;
}

/** Create the item record (and its companions: a SQL analytics endpoint). */
export function createItemNow(ctx: Ctx, ws: WorkspaceRec, spec: CreateSpec): ItemRec {
  const now = nowIso();
  const item: ItemRec = {
    id: uuid(),
    workspaceId: ws.id,
    type: spec.type,
    displayName: spec.displayName,
    description: spec.description,
    folderId: spec.folderId,
    logicalId: spec.logicalId && !/^[0-]+$/.test(spec.logicalId) ? spec.logicalId.toLowerCase() : uuid(),
    definition: spec.definition?.definition,
    creationPayload: spec.creationPayload,
    sensitivityLabelId: spec.sensitivityLabelId ?? ctx.sim.state.tenantSettings.defaultSensitivityLabelId,
    parentItemId: spec.parentItemId,
    createdTime: now,
    lastUpdatedTime: now,
  };
  ctx.sim.state.items[item.id] = item;
  onItemCreated(ctx.sim, item);
  ctx.sim.changed();
  return item;
}

/** Remove an item, its dependants and reserve its name (soft and hard delete alike). */
export function deleteItemCascade(ctx: Ctx, item: ItemRec, reserve = true): void {
  const st = ctx.sim.state;
  delete st.items[item.id];
  for (const child of Object.values(st.items))
    if (child.parentItemId === item.id) deleteItemCascade(ctx, child, reserve);
  if (reserve && ctx.sim.cfg.nameReservationMs > 0)
    st.nameReservations.push({
      workspaceId: item.workspaceId,
      type: item.type,
      name: item.displayName,
      until: Date.now() + ctx.sim.cfg.nameReservationMs,
    });
  ctx.sim.changed();
}

function typeFilter(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const t = canonicalType(raw);
  if (!t) throw badRequest('InvalidItemType', `Item type '${raw}' is not valid.`);
  return t;
}

/** Items under a folder (recursive) or directly in it; root = undefined folder. */
function inScope(
  ctx: Ctx,
  ws: WorkspaceRec,
  item: ItemRec,
  rootFolderId: string | undefined,
  recursive: boolean,
): boolean {
  if (!recursive) return (item.folderId ?? undefined) === rootFolderId;
  if (!rootFolderId) return true;
  let f = item.folderId;
  const seen = new Set<string>();
  while (f && !seen.has(f)) {
    if (f === rootFolderId) return true;
    seen.add(f);
    f = ctx.sim.state.folders[f]?.parentFolderId;
  }
  return false;
}

export function listHandler(fixedType?: string, listKey = 'items'): Handler {
  return (ctx) => {
    const { ws } = workspaceFor(ctx, 'Viewer');
    const pr = readPage(
      `${listKey}:${ws.id}`,
      ctx.query,
      fixedType ? ['recursive', 'rootFolderId'] : ['type', 'recursive', 'rootFolderId'],
    );
    const type = fixedType ?? typeFilter(pr.filters.type);
    const recursive = boolValue(pr.filters.recursive, 'recursive', true);
    const root = pr.filters.rootFolderId ? folderIn(ctx, ws, pr.filters.rootFolderId).id : undefined;
    const all = Object.values(ctx.sim.state.items)
      .filter(
        (i) => i.workspaceId === ws.id && (!type || i.type === type) && inScope(ctx, ws, i, root, recursive),
      )
      .map((i) => itemJson(i, fixedType ? ctx.sim : undefined));
    const self = `${ctx.sim.url}/v1${ctx.path}`;
    return { status: 200, body: page(all, pr, ctx.sim.cfg.pageSize, `${listKey}:${ws.id}`, self) };
  };
}

/** Power BI items get the tenant's default label as they are created; other types right after. */
const LABELLED_AT_CREATE = new Set(['Report', 'SemanticModel']);

/**
 * The item as a create answers it (201 body or LRO result). In the recorded tenant a default label
 * policy applies: Reports' and semantic models' create answers already show the label, every other
 * type's do not (their GETs and lists do).
 */
function createdJson(ctx: Ctx, item: ItemRec, spec: CreateSpec, typed: boolean): Record<string, unknown> {
  const out = itemJson(item, typed ? ctx.sim : undefined);
  if (!spec.sensitivityLabelId && !LABELLED_AT_CREATE.has(item.type)) delete out.sensitivityLabel;
  return out;
}

export function createHandler(fixedType?: string): Handler {
  return (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'create items');
    const spec = validateCreate(ctx, ws, requireObjectBody(ctx), fixedType);
    const typed = !!fixedType;
    if (isSync(ctx, spec.type) && !ctx.lroFail) {
      const item = createItemNow(ctx, ws, spec);
      // The real service's 201 item creates carry no Location (folders and role assignments do).
      return { status: 201, body: createdJson(ctx, item, spec, typed) };
    }
    const key = pendingKey(ws.id, spec.type, spec.displayName);
    ctx.sim.pendingNames.set(key, { workspaceId: ws.id, type: spec.type, name: spec.displayName });
    return ctx.sim.ops.start(ctx, {
      kind: `create${spec.type}`,
      durationMs: lroDurationMs(ctx.sim.cfg, spec.type),
      retryAfter: ctx.sim.cfg.retryAfterSeconds,
      hasResult: true,
      cleanup: () => ctx.sim.pendingNames.delete(key),
      apply: () => {
        if (!ctx.sim.state.workspaces[ws.id]) throw notFound('WorkspaceNotFound', 'workspace');
        assertNameFree(ctx, ws.id, spec.type, spec.displayName);
        return createdJson(ctx, createItemNow(ctx, ws, spec), spec, typed);
      },
    });
  };
}

export function getHandler(fixedType?: string): Handler {
  return (ctx) => {
    const { ws } = workspaceFor(ctx, 'Viewer');
    const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
    return { status: 200, body: itemJson(item, fixedType ? ctx.sim : undefined) };
  };
}

export function updateHandler(fixedType?: string): Handler {
  return (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'update items');
    const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
    const b = requireObjectBody(ctx);
    if (b.displayName !== undefined) {
      const name = checkDisplayName(b.displayName);
      if (name !== item.displayName) assertNameFree(ctx, ws.id, item.type, name, item.id);
      item.displayName = name;
      for (const c of Object.values(ctx.sim.state.items))
        if (c.parentItemId === item.id && c.type === 'SQLEndpoint') c.displayName = name;
    }
    if (b.description !== undefined) item.description = String(b.description);
    if (b.properties !== undefined) updateProperties(item, b.properties);
    item.lastUpdatedTime = nowIso();
    ctx.sim.changed();
    return { status: 200, body: itemJson(item, fixedType ? ctx.sim : undefined) };
  };
}

export function deleteHandler(fixedType?: string): Handler {
  return (ctx) => {
    const hard = parseBool(ctx, 'hardDelete', false);
    const { ws } = workspaceFor(
      ctx,
      hard ? 'Admin' : 'Contributor',
      hard ? 'hard-delete items' : 'delete items',
    );
    const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
    if (item.parentItemId && item.type === 'SQLEndpoint')
      throw badRequest(
        'OperationNotSupportedForItem',
        'A SQL analytics endpoint is deleted together with its lakehouse.',
      );
    deleteItemCascade(ctx, item);
    return { status: 200 };
  };
}

export function getDefinitionHandler(fixedType?: string): Handler {
  return (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'read item definitions');
    const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
    if (NO_DEFINITION_TYPES.has(item.type))
      throw badRequest(
        'OperationNotSupportedForItem',
        `Item type '${item.type}' does not support getDefinition.`,
      );
    const format = ctx.query.get('format');
    const build = () => {
      const cur = ctx.sim.state.items[item.id];
      if (!cur) throw notFound('ItemNotFound', 'item');
      const def = definitionOut(cur);
      if (format && !def.format) def.format = format;
      return { definition: def };
    };
    if (isSync(ctx, item.type) && !ctx.lroFail) return { status: 200, body: build() };
    return ctx.sim.ops.start(ctx, {
      kind: 'getDefinition',
      durationMs: Math.round(lroDurationMs(ctx.sim.cfg, item.type) / 4),
      retryAfter: ctx.sim.cfg.retryAfterSeconds,
      hasResult: true,
      apply: build,
    });
  };
}

export function updateDefinitionHandler(fixedType?: string): Handler {
  return (ctx) => {
    const { ws } = workspaceFor(ctx, 'Contributor', 'update item definitions');
    const item = itemIn(ctx, ws, ctx.params.itemId, fixedType);
    const b = requireObjectBody(ctx);
    const updateMetadata = parseBool(ctx, 'updateMetadata', false);
    const { definition, platform } = validateDefinition(item.type, b.definition);
    let newName: string | undefined;
    let newDescription: string | undefined;
    if (updateMetadata && platform) {
      if (platform.displayName !== undefined) {
        newName = checkDisplayName(platform.displayName);
        if (newName !== item.displayName) assertNameFree(ctx, ws.id, item.type, newName, item.id);
      }
      if (platform.description !== undefined) newDescription = String(platform.description);
    }
    const apply = () => {
      const cur = ctx.sim.state.items[item.id];
      if (!cur) throw notFound('ItemNotFound', 'item');
      cur.definition = definition;
      if (newName !== undefined) cur.displayName = newName;
      if (newDescription !== undefined) cur.description = newDescription;
      cur.lastUpdatedTime = nowIso();
      ctx.sim.changed();
      return undefined;
    };
    if (isSync(ctx, item.type) && !ctx.lroFail) {
      apply();
      return { status: 200 };
    }
    return ctx.sim.ops.start(ctx, {
      kind: 'updateDefinition',
      durationMs: lroDurationMs(ctx.sim.cfg, item.type),
      retryAfter: ctx.sim.cfg.retryAfterSeconds,
      hasResult: false,
      apply,
    });
  };
}

function moveItems(ctx: Ctx, ws: WorkspaceRec, ids: string[], targetFolderId: string | undefined): Reply {
  const target = targetFolderId ? folderIn(ctx, ws, targetFolderId).id : undefined;
  const items = ids.map((id) => itemIn(ctx, ws, id));
  // A system item (a SQL analytics endpoint) moves with its parent; a KQL database moves on its own.
  const companion = (i: ItemRec) => !!i.parentItemId && SYSTEM_TYPES.has(i.type);
  for (const it of items)
    if (companion(it))
      throw badRequest('CannotMoveChildOnly', `Item '${it.displayName}' moves together with its parent.`);
  const moved: ItemRec[] = [];
  for (const it of items) {
    it.folderId = target;
    moved.push(it);
    for (const c of Object.values(ctx.sim.state.items))
      if (c.parentItemId === it.id && companion(c)) {
        c.folderId = target;
        moved.push(c);
      }
  }
  ctx.sim.changed();
  return { status: 200, body: { value: moved.map((i) => itemJson(i)) } };
}

const move: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'move items');
  const b = (ctx.body ?? {}) as Record<string, any>;
  return moveItems(ctx, ws, [ctx.params.itemId!], b.targetFolderId ?? undefined);
};

const bulkMove: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'move items');
  const b = requireObjectBody(ctx);
  const ids: string[] = b.items ?? [];
  if (!ids.length) throw badRequest('InvalidInput', 'items must not be empty.');
  return moveItems(ctx, ws, ids, b.targetFolderId ?? undefined);
};

/** Typed handlers read the spec's `{lakehouseId}`-style parameter as itemId. */
function typed(h: Handler, idParam: string): Handler {
  return (ctx) => {
    if (ctx.params[idParam] !== undefined) ctx.params.itemId = ctx.params[idParam]!;
    return h(ctx);
  };
}

/** `/{collection}` for item types without their own swagger: typed GET/list only. */
function genericCollection(h: (type: string) => Handler): Handler {
  return (ctx) => {
    const type = typeOfCollection(ctx.params.collection ?? '');
    if (!type)
      throw new FabricError(
        404,
        'EntityNotFound',
        `The requested resource '${ctx.method} /v1${ctx.path}' was not found.`,
      );
    return h(type)(ctx);
  };
}

export function registerItems(r: Router<Handler>): void {
  r.add('GET', '/workspaces/{workspaceId}/items', listHandler())
    .add('POST', '/workspaces/{workspaceId}/items', createHandler())
    .add('POST', '/workspaces/{workspaceId}/items/bulkMove', bulkMove)
    .add('GET', '/workspaces/{workspaceId}/items/{itemId}', getHandler())
    .add('PATCH', '/workspaces/{workspaceId}/items/{itemId}', updateHandler())
    .add('DELETE', '/workspaces/{workspaceId}/items/{itemId}', deleteHandler())
    .add('POST', '/workspaces/{workspaceId}/items/{itemId}/getDefinition', getDefinitionHandler())
    .add('POST', '/workspaces/{workspaceId}/items/{itemId}/updateDefinition', updateDefinitionHandler())
    .add('POST', '/workspaces/{workspaceId}/items/{itemId}/move', move);
  for (const [coll, type] of Object.entries(TYPED_COLLECTIONS)) {
    const idParam = `${coll.slice(0, -1)}Id`;
    const base = `/workspaces/{workspaceId}/${coll}`;
    r.add('GET', base, listHandler(type, coll))
      .add('POST', base, createHandler(type))
      .add('GET', `${base}/{${idParam}}`, typed(getHandler(type), idParam))
      .add('PATCH', `${base}/{${idParam}}`, typed(updateHandler(type), idParam))
      .add('DELETE', `${base}/{${idParam}}`, typed(deleteHandler(type), idParam));
    if (type !== 'Warehouse') {
      r.add('POST', `${base}/{${idParam}}/getDefinition`, typed(getDefinitionHandler(type), idParam)).add(
        'POST',
        `${base}/{${idParam}}/updateDefinition`,
        typed(updateDefinitionHandler(type), idParam),
      );
    }
  }
  // Property look-ups for any other type: /workspaces/{ws}/{camelCaseType}s[/{id}]
  r.add(
    'GET',
    '/workspaces/{workspaceId}/{collection}',
    genericCollection((t) => listHandler(t, `typed-${t}`)),
  ).add(
    'GET',
    '/workspaces/{workspaceId}/{collection}/{itemId}',
    genericCollection((t) => getHandler(t)),
  );
  r.add(
    'PATCH',
    '/workspaces/{workspaceId}/{collection}/{itemId}',
    genericCollection((t) => updateHandler(t)),
  );
  r.add(
    'DELETE',
    '/workspaces/{workspaceId}/{collection}/{itemId}',
    genericCollection((t) => deleteHandler(t)),
  );
}
