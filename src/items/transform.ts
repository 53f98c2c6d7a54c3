import { parseDocument } from 'yaml';
import { ConfigError, type SourceLocation } from '../errors';
import type { DefinitionPart, ItemDefinition } from '../fabric/types';
import {
  applyFindReplace,
  applyKeyValue,
  entryApplies,
  isEmptyValue,
  sparkPoolEntry,
  valueFor,
  type DynamicRef,
  type EnvValue,
  type FindReplaceEntry,
  type KeyValueEntry,
  type ParamValue,
  type ParameterFile,
  type ResolvableRef,
} from './parameters';
import { byCodePoint } from './repo-text';
import { type RepoFile, type RepoItem } from './repo-item';
import { GUID_IN_TEXT, ZERO_GUID } from '../guid';
import { at, isRecord, tryJson } from './json';
import { itemTypeInfo } from './types';

/**
 * The one pipeline that turns an item folder into what is sent, per text file:
 * item-specific rewrites → key_value_replace → find_replace → logical ids → workspace ids.
 * Used for real payloads and, with placeholder values, for validation and the dependency graph,
 * so all three agree on which replacement touches which file.
 */

export interface TransformContext {
  /** logicalId → deployed item id. */
  logicalIds: ReadonlyMap<string, string>;
  workspaceId: string;
  workspaceName?: string;
  environment?: string;
  parameters?: ParameterFile;
  /** Repository items: a reference to one of them without a deployed id is an error, not a silent leftover. */
  items?: readonly RepoItem[];
  /**
   * Repository items outside the deploy's scope (`items.types` / `items.exclude`). Like fabric-cicd, their logical
   * ids still map to deployed ids: the item of the same type and name in the target workspace, asked through
   * `TransformHooks.resolved` as `$items.<type>.<name>.$id` (with the logical id as 4th argument).
   */
  outOfScope?: readonly RepoItem[];
  /** Send shell types' files as a definition too (the walking skeleton's buildDefinition did). */
  definitionForShell?: boolean;
}

export interface TransformHooks {
  /**
   * Value of a variable the deploy engine resolves. `undefined` leaves the text as it is (no resolver);
   * a real run throws NeedValue for a value it does not have yet.
   */
  resolved(ref: ResolvableRef, at: SourceLocation, raw: string, logicalId?: string): string | undefined;
  /** Dry runs record, real runs insist on deployed ids. */
  dry: boolean;
  /** A logical id of a repository item was found in a file. */
  onLogicalId?(logicalId: string, file: RepoFile): void;
  /** An entry's filters selected a file; `count` matches were found in it. */
  onMatch?(entry: FindReplaceEntry | KeyValueEntry, count: number): void;
  /** The final text of a file. */
  onText?(file: RepoFile, text: string): void;
}

export interface TransformResult {
  definition?: ItemDefinition;
  creationPayload?: Record<string, unknown>;
  activeValueSetName?: string;
  warnings: string[];
}

/** Thrown by a real run for a variable it has no value for yet; the caller resolves it and runs again. */
export class NeedValue extends Error {
  constructor(
    readonly key: string,
    readonly ref: ResolvableRef,
    readonly at: SourceLocation,
    readonly raw: string,
    /** Set when the value is the deployed id of an out-of-scope repository item referenced by logical id. */
    readonly logicalId?: string,
  ) {
    super(`value needed for ${raw}`);
  }
}

export function refKey(ref: ResolvableRef): string {
  return JSON.stringify(ref);
}

/** A deploy tried to send a reference to a repository item that has no deployed id (ordering bug or excluded item). */
export class UnresolvedReferenceError extends Error {
  constructor(
    message: string,
    readonly logicalId: string,
  ) {
    super(message);
    this.name = 'UnresolvedReferenceError';
  }
}

const lowerMaps = new WeakMap<ReadonlyMap<string, string>, Map<string, string>>();
const repoMaps = new WeakMap<readonly RepoItem[], Map<string, RepoItem>>();

function lowerMap(m: ReadonlyMap<string, string>): Map<string, string> {
  let out = lowerMaps.get(m);
  if (!out) {
    out = new Map([...m].map(([k, v]) => [k.toLowerCase(), v]));
    lowerMaps.set(m, out);
  }
  return out;
}

export function repoByLogicalId(items: readonly RepoItem[]): Map<string, RepoItem> {
  let out = repoMaps.get(items);
  if (!out) {
    out = new Map(items.filter((i) => i.logicalId !== ZERO_GUID).map((i) => [i.logicalId.toLowerCase(), i]));
    repoMaps.set(items, out);
  }
  return out;
}

export function transformItem(item: RepoItem, ctx: TransformContext, h: TransformHooks): TransformResult {
  const info = itemTypeInfo(item.type);
  const warnings: string[] = [];
  if (info.shell && !ctx.definitionForShell) return { creationPayload: creationPayload(item), warnings };
  const env = ctx.environment ?? ctx.parameters?.environment;
  const run: Run = { item, ctx, h, env, warnings, selfWarned: false };
  const parts: DefinitionPart[] = [
    {
      path: '.platform',
      payload: Buffer.from(item.platformText, 'utf8').toString('base64'),
      payloadType: 'InlineBase64',
    },
  ];
  for (const f of item.type === 'Notebook' ? notebookOrder(item.files) : item.files) {
    let bytes = f.bytes;
    if (!f.binary) {
      const original = f.bytes.toString('utf8');
      let text = original;
      if (info.rewriteIds) text = itemSpecific(run, f, text);
      if (ctx.parameters) text = applyParameters(run, f, text, ctx.parameters);
      if (info.rewriteIds) text = rewriteWorkspaceIds(rewriteLogicalIds(run, f, text), ctx.workspaceId);
      h.onText?.(f, text);
      if (text !== original) bytes = Buffer.from(text, 'utf8');
    }
    parts.push({ path: f.path, payload: bytes.toString('base64'), payloadType: 'InlineBase64' });
  }
  const format = info.format?.(item.files.map((f) => f.path));
  const result: TransformResult = { definition: format ? { format, parts } : { parts }, warnings };
  if (item.type === 'VariableLibrary') result.activeValueSetName = activeValueSet(item, env, warnings);
  return result;
}

interface Run {
  item: RepoItem;
  ctx: TransformContext;
  h: TransformHooks;
  env?: string;
  warnings: string[];
  selfWarned: boolean;
}

/** Lakehouse `{enableSchemas: true}` when its metadata has a default schema; Warehouse from `.platform`. */
function creationPayload(item: RepoItem): Record<string, unknown> | undefined {
  if (item.type === 'Lakehouse') {
    const meta = item.files.find((f) => f.path === 'lakehouse.metadata.json');
    if (!meta) return undefined;
    const text = meta.bytes.toString('utf8');
    const json = tryJson(text);
    const hasSchema =
      json === undefined
        ? text.includes('defaultSchema')
        : !!json && typeof json === 'object' && 'defaultSchema' in json;
    return hasSchema ? { enableSchemas: true } : undefined;
  }
  const fromPlatform = at(item.platform, 'metadata', 'creationPayload');
  if (item.type === 'Warehouse' && isRecord(fromPlatform)) return { ...fromPlatform };
  return undefined;
}

/** fabric-cicd's part order for notebooks: `.platform`, the content (.py/.ipynb), other files, `.json` settings. */
function notebookOrder(files: RepoFile[]): RepoFile[] {
  const rank = (f: RepoFile) => {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1).toLowerCase();
    const ext = base.slice(base.lastIndexOf('.'));
    return ext === '.py' || ext === '.ipynb' ? 1 : ext === '.json' ? 3 : 2;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || byCodePoint(a.path, b.path));
}

/**
 * The value set to activate: the environment's, else 'Default value set'. A run that names no
 * environment asks for none, so the library's active set is left as the workspace has it (an exported
 * workspace deploys back with nothing written).
 */
function activeValueSet(item: RepoItem, env: string | undefined, warnings: string[]): string | undefined {
  if (env === undefined) return undefined;
  const settings = item.files.find((f) => f.path === 'settings.json');
  const sets = settings ? at(tryJson(settings.bytes.toString('utf8')), 'valueSetsOrder') : undefined;
  if (env !== undefined && Array.isArray(sets) && sets.includes(env)) return env;
  warnings.push(
    `VariableLibrary '${item.displayName}': no value set named '${env}' in settings.json; 'Default value set' stays active`,
  );
  return 'Default value set';
}

// ---------------------------------------------------------------------------------------------------------------

function itemSpecific(run: Run, f: RepoFile, text: string): string {
  const { item } = run;
  if (item.type === 'Report' && f.path === 'definition.pbir' && item.datasetByPath)
    return byPathToByConnection(run, text);
  if (item.type === 'KQLQueryset' || item.type === 'KQLDashboard') return fillClusterUri(run, f, text);
  if (item.type === 'Environment' && f.path === 'Setting/Sparkcompute.yml') return replacePool(run, f, text);
  if (item.type === 'Dataflow' && f.path.toLowerCase().endsWith('.pq')) return dataflowSource(run, f, text);
  return text;
}

/** fabric-cicd's DATAFLOW_SOURCE_REGEX: a `PowerPlatform.Dataflows` source, its workspaceId and dataflowId. */
const DATAFLOW_SOURCE =
  /(PowerPlatform\.Dataflows(?:\(\[\]\))?[\s\S]*?workspaceId\s*=\s*")(.*?)("[\s\S]*?dataflowId\s*=\s*")(.*?)"/;

/**
 * A dataflow that reads another dataflow of the repository: its `dataflowId` is replaced by a find_replace
 * entry whose value is `$items.Dataflow.<name>.$id` (that also orders the two, source first), and, as
 * fabric-cicd does, the source's `workspaceId` (the workspace it was authored in) becomes the target
 * workspace: set to the zero GUID here, which the workspace-id step turns into the target's id.
 */
function dataflowSource(run: Run, f: RepoFile, text: string): string {
  const m = DATAFLOW_SOURCE.exec(text);
  const params = run.ctx.parameters;
  if (!m || !params) return text;
  const dataflowId = m[4]!;
  const repo = run.ctx.items ?? [];
  const source = params.findReplace.some((e) => {
    if (e.isRegex || e.findRef || e.find !== dataflowId || !entryApplies(e.filters, run.item, f.path))
      return false;
    const v = valueFor(e.values, run.env)?.value;
    if (!v || !('ref' in v)) return false;
    const ref = v.ref;
    return (
      ref.kind === 'item' &&
      ref.type === 'Dataflow' &&
      !ref.workspace &&
      repo.some((i) => i.type === 'Dataflow' && i.displayName === ref.name)
    );
  });
  if (!source) return text;
  const start = m.index + m[1]!.length;
  return text.slice(0, start) + ZERO_GUID + text.slice(start + m[2]!.length);
}

/**
 * A report bound by relative path cannot be created in a workspace: fabric-cicd rewrites it to a live
 * connection to the model (`pbiModelDatabaseName`), here with the model's logical id, which the logical-id
 * step then turns into the deployed id.
 */
function byPathToByConnection(run: Run, text: string): string {
  // Parsed once already when the repository was read: an object.
  const json = tryJson(text) as Record<string, unknown>;
  json.$schema =
    'https://developer.microsoft.com/json-schemas/fabric/item/report/definitionProperties/1.0.0/schema.json';
  json.datasetReference = {
    byConnection: {
      connectionString: null,
      pbiServiceModelId: null,
      pbiModelVirtualServerName: 'sobe_wowvirtualserver',
      pbiModelDatabaseName: run.item.datasetByPath!.model.logicalId,
      name: 'EntityDataSource',
      connectionType: 'pbiServiceXmlaStyleLive',
    },
  };
  return JSON.stringify(json, null, 4);
}

/** An empty `clusterUri` of a KQL data source gets the query URI of the KQL database it names. */
function fillClusterUri(run: Run, f: RepoFile, text: string): string {
  const json = tryJson(text);
  const sources =
    run.item.type === 'KQLQueryset' ? at(json, 'queryset', 'dataSources') : at(json, 'dataSources');
  if (!Array.isArray(sources)) return text;
  let changed = false;
  for (const ds of sources) {
    if (!isRecord(ds) || ds.clusterUri !== '') continue;
    const name = run.item.type === 'KQLQueryset' ? ds.databaseItemName : ds.name;
    if (typeof name !== 'string' || !name) continue;
    const uri = run.h.resolved(
      { kind: 'item', type: 'KQLDatabase', name, attribute: 'queryserviceuri' },
      { file: f.absPath },
      `clusterUri of KQL database '${name}'`,
    );
    if (uri === undefined) {
      run.warnings.push(
        `${run.item.type} '${run.item.displayName}': empty clusterUri for KQL database '${name}' left empty (no resolver)`,
      );
      continue;
    }
    ds.clusterUri = uri;
    changed = true;
  }
  return changed ? JSON.stringify(json, null, 2) : text;
}

/** spark_pool: the `instance_pool_id` of the source workspace becomes the id of the named pool of the target. */
function replacePool(run: Run, f: RepoFile, text: string): string {
  const doc = parseDocument(text);
  const poolId = doc.errors.length ? undefined : doc.get('instance_pool_id');
  if (typeof poolId !== 'string' || !poolId) return text;
  const entry = run.ctx.parameters ? sparkPoolEntry(run.ctx.parameters, run.item, poolId) : undefined;
  if (!entry) {
    run.warnings.push(
      `Environment '${run.item.displayName}': instance_pool_id ${poolId} has no spark_pool entry in the parameter file; deployed unchanged`,
    );
    return text;
  }
  const v = valueFor(entry.values, run.env);
  if (!v) return text;
  const id = run.h.resolved(
    { kind: 'sparkPool', poolType: v.value.type, name: v.value.name },
    v.at,
    `spark_pool ${v.value.type} pool '${v.value.name}'`,
  );
  if (id === undefined) return text;
  doc.set('instance_pool_id', id);
  return doc.toString();
}

// ---------------------------------------------------------------------------------------------------------------

function applyParameters(run: Run, f: RepoFile, text: string, params: ParameterFile): string {
  const { item, h, env } = run;
  for (const e of params.keyValueReplace) {
    if (!entryApplies(e.filters, item, f.path)) continue;
    const v = valueFor(e.values, env);
    const counted = applyKeyValue(e, text, undefined, false);
    h.onMatch?.(e, counted.count);
    if (!v || counted.count === 0) continue;
    text = applyKeyValue(e, text, paramValue(run, v), true).text;
  }
  for (const e of params.findReplace) {
    if (!entryApplies(e.filters, item, f.path)) continue;
    const find = e.findRef ? contextValue(run, e.findRef, e.findAt, e.find) : e.find;
    const counted = applyFindReplace(e, text, undefined, find);
    h.onMatch?.(e, counted.count);
    const v = valueFor(e.values, env);
    if (!v || counted.count === 0 || isEmptyValue(v.value)) continue;
    text = applyFindReplace(e, text, String(paramValue(run, v)), find).text;
  }
  return text;
}

function paramValue(run: Run, v: EnvValue<ParamValue>): unknown {
  return 'literal' in v.value ? v.value.literal : contextValue(run, v.value.ref, v.at, v.value.raw);
}

function contextValue(run: Run, ref: DynamicRef, at: SourceLocation, raw: string): string {
  if (ref.kind === 'workspaceId') return run.ctx.workspaceId;
  if (ref.kind === 'workspaceName') {
    const name = run.ctx.workspaceName;
    if (name === undefined) throw new Error(`${raw} needs the workspace name in the deploy context`);
    return ref.encoded ? pyQuote(name) : name;
  }
  const v = run.h.resolved(ref, at, raw);
  if (v === undefined) throw new Error(`${raw} needs a resolver in the deploy context`);
  return v;
}

/** Python's `urllib.parse.quote(s, safe="")`, which `$workspace.$name_encoded` follows. */
function pyQuote(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Logical ids in a file: every GUID-shaped token (not inside a longer run of hex digits) looked up once, O(text)
 * per file whatever the number of items, unlike a substring search per item.
 */

function rewriteLogicalIds(run: Run, f: RepoFile, text: string): string {
  const { item, ctx, h } = run;
  const deployed = lowerMap(ctx.logicalIds);
  const repo = ctx.items ? repoByLogicalId(ctx.items) : undefined;
  const outOfScope = ctx.outOfScope?.length ? repoByLogicalId(ctx.outOfScope) : undefined;
  const self = item.logicalId.toLowerCase();
  const model = item.datasetByPath?.model.logicalId.toLowerCase();
  return text.replace(GUID_IN_TEXT, (token) => {
    const id = token.toLowerCase();
    if (id === ZERO_GUID) return token;
    const target = repo?.get(id);
    if ((target || id === model) && id !== self) h.onLogicalId?.(id, f);
    const to = deployed.get(id);
    if (to !== undefined) return to;
    const outside = !target && id !== self ? outOfScope?.get(id) : undefined;
    if (outside) {
      // Not deployed by this run, but fabric-cicd maps it too: the workspace's item of that type and name.
      const v = h.resolved(
        { kind: 'item', type: outside.type, name: outside.displayName, attribute: 'id' },
        { file: f.absPath },
        outsideLabel(outside),
        id,
      );
      return v ?? token;
    }
    if (h.dry) return token;
    if (id === self) {
      if (!run.selfWarned)
        run.warnings.push(
          `${item.type} '${item.displayName}' refers to its own logical id; left as is until it has been deployed`,
        );
      run.selfWarned = true;
      return token;
    }
    if (target || id === model) {
      const what = target
        ? `${target.type} '${target.displayName}'`
        : `semantic model '${item.datasetByPath!.path}'`;
      throw new UnresolvedReferenceError(
        `${item.type} '${item.displayName}' refers to ${what} (logical id ${id}), which has no deployed id yet`,
        id,
      );
    }
    return token;
  });
}

/** How an out-of-scope item referenced by logical id is named in messages. */
export function outsideLabel(item: RepoItem): string {
  return `${item.type} '${item.displayName}' (logical id ${item.logicalId.toLowerCase()}, outside the deploy's items.types / items.exclude)`;
}

const WORKSPACE_REF = /("?(?:default_lakehouse_workspace_id|workspaceId|workspace)"?\s*[:=]\s*")(.*?)(")/g;

/** The inverse, for an export: a reference to the exported workspace itself becomes the zero GUID. */
export function exportWorkspaceIds(text: string, workspaceId: string): string {
  return text.replace(WORKSPACE_REF, (m, head: string, value: string, tail: string) =>
    value.toLowerCase() === workspaceId.toLowerCase() ? head + ZERO_GUID + tail : m,
  );
}

/** The zero GUID in a workspace reference means "this workspace" in Fabric's Git format. */
function rewriteWorkspaceIds(text: string, workspaceId: string): string {
  return text.replace(WORKSPACE_REF, (m, head: string, value: string, tail: string) =>
    value === ZERO_GUID ? head + workspaceId + tail : m,
  );
}

/** A ConfigError for a variable the resolver could not answer. */
export function unresolvedVariable(ref: ResolvableRef, at: SourceLocation, raw: string): ConfigError {
  const what =
    ref.kind === 'item'
      ? `no ${ref.type} named '${ref.name}'${ref.attribute === 'id' ? '' : ` with a ${ref.attribute}`} in ${ref.workspace ? `workspace '${ref.workspace}'` : 'the target workspace'}`
      : ref.kind === 'workspace'
        ? `no workspace named '${ref.name}' is visible to this identity`
        : `no ${ref.poolType} Spark pool named '${ref.name}' in the target workspace`;
  return new ConfigError(`${raw}: ${what}`, {
    location: at,
    fix:
      ref.kind === 'item'
        ? 'check the spelling (types and names are case-sensitive) and that the item is in the repository or already in the workspace'
        : ref.kind === 'workspace'
          ? 'check the name and give the deploy identity access to that workspace'
          : 'create the pool or fix its name and type in spark_pool',
  });
}
