import { statSync } from 'node:fs';
import path from 'node:path';
import { JSONPath } from 'jsonpath-plus';
import picomatch from 'picomatch';
import { parseDocument } from 'yaml';
import { ConfigError, formatLocation, type SourceLocation } from '../errors';
import { readYamlFile, type YamlSource } from '../settings/yaml';
import type { RepoItem } from './repository';
import { isGuid } from '../guid';
import {
  ITEM_ATTRIBUTES,
  ITEM_TYPES,
  isKnownType,
  itemTypeInfo,
  typeLike,
  type ItemAttribute,
} from './types';

/**
 * fabric-cicd `parameter.yml`: find_replace, key_value_replace, spark_pool, semantic_model_binding and extend,
 * loaded with the file:line of every value so each mistake is reported where it was made, before any write.
 */

/** A value of `replace_value` for one environment, and where it was written. */
export interface EnvValue<T> {
  value: T;
  at: SourceLocation;
}

/** `replace_value`: environment → value; `_ALL_` (any case) applies to every environment and stands alone. */
export interface EnvMap<T> {
  all?: EnvValue<T>;
  byEnv: Map<string, EnvValue<T>>;
  at: SourceLocation;
}

/**
 * `$workspace.*` and `$items.*` variables. The first two are answered from the deploy context; the others go to
 * the resolver the deploy engine provides (`ResolvableRef`).
 */
export type DynamicRef =
  { kind: 'workspaceId' } | { kind: 'workspaceName'; encoded: boolean } | ResolvableRef;

export type ResolvableRef =
  /** `$workspace.<name>` / `$workspace.<name>.$id`: another workspace's id. */
  | { kind: 'workspace'; name: string }
  /** `$items.<type>.<name>.$<attribute>`, optionally in another workspace (`$workspace.<ws>.$items…`). */
  | { kind: 'item'; type: string; name: string; attribute: ItemAttribute; workspace?: string }
  /** spark_pool: a custom pool of the target workspace by type and name → its id. */
  | { kind: 'sparkPool'; poolType: 'Capacity' | 'Workspace'; name: string };

/** A replace value: a literal, or a variable resolved at deploy time (`raw` is how it was written). */
export type ParamValue = { literal: unknown } | { ref: DynamicRef; raw: string };

export interface PathFilter {
  raw: string;
  at: SourceLocation;
  /** Repository-relative posix path of an exact file. */
  rel?: string;
  /** Matcher of a glob (`*`, `**`, …) against repository-relative posix paths. */
  glob?: (relPath: string) => boolean;
}

/** Optional filters: an entry applies to a file when every given filter matches (values of one filter are OR). */
export interface EntryFilters {
  itemType?: string[];
  itemName?: string[];
  filePath?: PathFilter[];
}

interface EntryBase {
  /** e.g. `find_replace[2]` (index within its own file). */
  label: string;
  at: SourceLocation;
  filters: EntryFilters;
}

export interface FindReplaceEntry extends EntryBase {
  kind: 'find_replace';
  find: string;
  findAt: SourceLocation;
  /** find_value is `$workspace.…`: the text searched for is resolved at deploy time. */
  findRef?: DynamicRef;
  isRegex: boolean;
  ignoreCase: boolean;
  /** Compiled with flags g and d (group indices); capture group 1 is what gets replaced. */
  regex?: RegExp;
  values: EnvMap<ParamValue>;
}

export interface KeyValueEntry extends EntryBase {
  kind: 'key_value_replace';
  findKey: string;
  keyAt: SourceLocation;
  values: EnvMap<ParamValue>;
}

export interface SparkPoolEntry {
  kind: 'spark_pool';
  label: string;
  at: SourceLocation;
  instancePoolId: string;
  values: EnvMap<{ type: 'Capacity' | 'Workspace'; name: string }>;
  itemName?: string[];
}

export interface SemanticModelBinding {
  /** Connection(s) for every semantic model without a `models` entry. */
  default?: EnvMap<string[]>;
  models: { names: string[]; connectionIds: EnvMap<string[]>; at: SourceLocation }[];
}

export interface ParameterFile {
  /** The main parameter file (absolute). */
  file: string;
  /** It and every file it extends, in merge order. */
  files: string[];
  /** Environment the values are chosen for (`replace_value` key). */
  environment?: string;
  findReplace: FindReplaceEntry[];
  keyValueReplace: KeyValueEntry[];
  sparkPool: SparkPoolEntry[];
  semanticModelBinding?: SemanticModelBinding;
  /** Not errors, but never silent: entries without a value for the environment, deprecated keys, … */
  warnings: string[];
}

export interface LoadParameterOptions {
  /** Environment whose values apply (fabric-cicd `environment`). */
  environment?: string;
  /** The items directory: file_path filters are relative to it and must exist in it. */
  repositoryDir?: string;
  /** Types valid in item_type filters besides the 29 known ones (e.g. the types present in the repository). */
  extraTypes?: Iterable<string>;
}

const TOP_KEYS = [
  'find_replace',
  'key_value_replace',
  'spark_pool',
  'semantic_model_binding',
  'gateway_binding',
  'extend',
];
const FIND_REPLACE_KEYS = [
  'find_value',
  'replace_value',
  'is_regex',
  'ignore_case',
  'item_type',
  'item_name',
  'file_path',
];
const KEY_VALUE_KEYS = ['find_key', 'replace_value', 'item_type', 'item_name', 'file_path'];
const SPARK_POOL_KEYS = ['instance_pool_id', 'replace_value', 'item_name'];

type Seg = string | number;

/** Reads a parameter file and the files it extends; every problem is a ConfigError at its file:line. */
export function loadParameterFile(file: string, options: LoadParameterOptions = {}): ParameterFile {
  const abs = path.resolve(file);
  const out: ParameterFile = {
    file: abs,
    files: [],
    environment: options.environment,
    findReplace: [],
    keyValueReplace: [],
    sparkPool: [],
    warnings: [],
  };
  const ctx: LoadCtx = { options, out, extraTypes: new Set(options.extraTypes ?? []) };
  loadSource(ctx, abs, [], undefined);
  if (options.environment === undefined) {
    const all = [...out.findReplace, ...out.keyValueReplace, ...out.sparkPool];
    if (all.some((e) => !e.values.all)) {
      out.warnings.push(`${abs}: no environment given, so only _ALL_ values of the parameter file apply`);
    }
  }
  return out;
}

interface LoadCtx {
  options: LoadParameterOptions;
  out: ParameterFile;
  extraTypes: Set<string>;
}

function loadSource(ctx: LoadCtx, file: string, chain: string[], from: SourceLocation | undefined): void {
  if (chain.includes(file)) {
    throw new ConfigError(
      `parameter files extend each other in a loop: ${[...chain, file].map((f) => path.basename(f)).join(' → ')}`,
      {
        location: from,
        field: 'extend',
        fix: 'remove one of the extend entries',
      },
    );
  }
  let src: YamlSource;
  try {
    src = readYamlFile(file, from ? 'extended parameter file' : 'parameter file');
  } catch (err) {
    // A missing extended file is reported at the extend line that names it.
    if (from && err instanceof ConfigError && !err.location?.line) {
      throw new ConfigError(`extended parameter file '${file}' not found`, {
        location: from,
        field: 'extend',
        fix: 'paths in extend are relative to the file that lists them',
      });
    }
    throw err;
  }
  ctx.out.files.push(file);
  const r = new Reader(src);
  const data = src.data;
  if (
    data === null ||
    data === undefined ||
    (typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0)
  ) {
    ctx.out.warnings.push(`${file}: the parameter file is empty`);
    return;
  }
  if (typeof data !== 'object' || Array.isArray(data))
    r.fail([], 'a parameter file must be a YAML mapping (find_replace:, key_value_replace:, …)');
  const top = data as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!TOP_KEYS.includes(key))
      r.fail(
        [key],
        `unknown key '${key}' in the parameter file`,
        `use one of: ${TOP_KEYS.filter((k) => k !== 'gateway_binding').join(', ')}`,
        true,
      );
  }
  list(r, top, 'find_replace').forEach((raw, i) =>
    ctx.out.findReplace.push(parseFindReplace(ctx, r, i, raw)),
  );
  list(r, top, 'key_value_replace').forEach((raw, i) =>
    ctx.out.keyValueReplace.push(parseKeyValue(ctx, r, i, raw)),
  );
  list(r, top, 'spark_pool').forEach((raw, i) => ctx.out.sparkPool.push(parseSparkPool(ctx, r, i, raw)));
  if (top.semantic_model_binding !== undefined && top.semantic_model_binding !== null)
    parseBinding(ctx, r, top.semantic_model_binding);
  if (top.gateway_binding !== undefined && top.gateway_binding !== null)
    parseGatewayBinding(ctx, r, top.gateway_binding);
  if (top.extend !== undefined && top.extend !== null) {
    const ext = top.extend;
    const paths = typeof ext === 'string' ? [ext] : ext;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
      r.fail(
        ['extend'],
        'extend must be a list of parameter file paths',
        'e.g. extend: ["./templates/common.yml"]',
      );
    (paths as string[]).forEach((p, i) => {
      const at = r.at(typeof ext === 'string' ? ['extend'] : ['extend', i]);
      loadSource(ctx, path.resolve(path.dirname(file), p), [...chain, file], at);
    });
  }
}

function list(r: Reader, top: Record<string, unknown>, key: string): unknown[] {
  const v = top[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) r.fail([key], `${key} must be a list of entries (each starting with '-')`);
  return v;
}

class Reader {
  constructor(readonly src: YamlSource) {}
  at(p: readonly Seg[], key = false): SourceLocation {
    return this.src.locate(p, key);
  }
  fail(p: readonly Seg[], message: string, fix?: string, key = false): never {
    throw new ConfigError(message, { location: this.at(p, key), field: fieldName(p) || undefined, fix });
  }
}

function fieldName(p: readonly Seg[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function mapping(
  r: Reader,
  p: Seg[],
  raw: unknown,
  what: string,
  allowed: string[],
): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    r.fail(p, `${fieldName(p)} must be a mapping (${what})`);
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k))
      r.fail([...p, k], `unknown key '${k}' in ${fieldName(p)}`, `use one of: ${allowed.join(', ')}`, true);
  }
  return obj;
}

function parseFindReplace(ctx: LoadCtx, r: Reader, i: number, raw: unknown): FindReplaceEntry {
  const p: Seg[] = ['find_replace', i];
  const obj = mapping(r, p, raw, 'find_value, replace_value and optional filters', FIND_REPLACE_KEYS);
  const label = fieldName(p);
  const fv = obj.find_value;
  if (fv === undefined || fv === null || fv === '' || typeof fv === 'object') {
    r.fail(
      fv === undefined ? p : [...p, 'find_value'],
      `${label} needs a find_value (the text or regex to find)`,
    );
  }
  const find = String(fv);
  const findAt = r.at([...p, 'find_value']);
  const isRegex = bool(r, [...p, 'is_regex'], obj.is_regex);
  const ignoreCase = bool(r, [...p, 'ignore_case'], obj.ignore_case);
  let findRef: DynamicRef | undefined;
  let regex: RegExp | undefined;
  if (find.startsWith('$items.')) {
    r.fail(
      [...p, 'find_value'],
      `${label}: $items variables cannot be a find_value (they resolve to ids of the target workspace, which never appear in the repository)`,
      'find the value as it is written in the repository and put the $items variable in replace_value',
    );
  }
  if (find.startsWith('$workspace.')) {
    if (isRegex)
      r.fail(
        [...p, 'find_value'],
        `${label}: a $workspace variable cannot be a regex find_value`,
        'drop is_regex or write the pattern itself',
      );
    findRef = dynamic(r, [...p, 'find_value'], find);
  }
  if (isRegex) {
    try {
      regex = compileFindRegex(find, ignoreCase);
    } catch (err) {
      r.fail(
        [...p, 'find_value'],
        `${label}: invalid regex: ${(err as Error).message}`,
        'fix the pattern; it needs a capturing group (…) around the value to replace',
      );
    }
  }
  if (obj.replace_value === undefined) r.fail(p, `${label} needs a replace_value (environment → value)`);
  const values = envMap(r, [...p, 'replace_value'], obj.replace_value, (v, vp) => {
    if (v === null || v === undefined)
      r.fail(vp, `${fieldName(vp)} has no value`, 'write the value, or remove the environment');
    if (typeof v === 'object') r.fail(vp, `${fieldName(vp)} must be a text (find_replace replaces text)`);
    const s = String(v);
    return s.startsWith('$') ? { ref: dynamic(r, vp, s), raw: s } : { literal: s };
  });
  const entry: FindReplaceEntry = {
    kind: 'find_replace',
    label,
    at: r.at(p),
    filters: filters(ctx, r, p, obj),
    find,
    findAt,
    isRegex,
    ignoreCase,
    values,
  };
  if (findRef) entry.findRef = findRef;
  if (regex) entry.regex = regex;
  noteMissingEnv(ctx, entry.values, label);
  noteEmptyValue(ctx, entry.values, label);
  return entry;
}

function parseKeyValue(ctx: LoadCtx, r: Reader, i: number, raw: unknown): KeyValueEntry {
  const p: Seg[] = ['key_value_replace', i];
  const obj = mapping(r, p, raw, 'find_key, replace_value and optional filters', KEY_VALUE_KEYS);
  const label = fieldName(p);
  if (typeof obj.find_key !== 'string' || obj.find_key.trim() === '')
    r.fail(
      obj.find_key === undefined ? p : [...p, 'find_key'],
      `${label} needs a find_key (a JSONPath such as $.variables[?(@.name=="X")].value)`,
    );
  const findKey = (obj.find_key as string).trim();
  const bad = jsonPathError(findKey);
  if (bad)
    r.fail(
      [...p, 'find_key'],
      `${label}: bad JSONPath '${findKey}': ${bad}`,
      'write a JSONPath starting at $, e.g. $.schedules[?(@.jobType=="Execute")].enabled',
    );
  if (obj.replace_value === undefined) r.fail(p, `${label} needs a replace_value (environment → value)`);
  const values = envMap(r, [...p, 'replace_value'], obj.replace_value, (v, vp) =>
    typeof v === 'string' && v.startsWith('$') ? { ref: dynamic(r, vp, v), raw: v } : { literal: v },
  );
  const entry: KeyValueEntry = {
    kind: 'key_value_replace',
    label,
    at: r.at(p),
    filters: filters(ctx, r, p, obj),
    findKey,
    keyAt: r.at([...p, 'find_key']),
    values,
  };
  noteMissingEnv(ctx, entry.values, label);
  return entry;
}

function parseSparkPool(ctx: LoadCtx, r: Reader, i: number, raw: unknown): SparkPoolEntry {
  const p: Seg[] = ['spark_pool', i];
  const obj = mapping(r, p, raw, 'instance_pool_id, replace_value and optional item_name', SPARK_POOL_KEYS);
  const label = fieldName(p);
  if (typeof obj.instance_pool_id !== 'string' || !obj.instance_pool_id)
    r.fail(
      obj.instance_pool_id === undefined ? p : [...p, 'instance_pool_id'],
      `${label} needs an instance_pool_id (the pool id written in Setting/Sparkcompute.yml)`,
    );
  if (obj.replace_value === undefined)
    r.fail(p, `${label} needs a replace_value (environment → {type, name})`);
  const values = envMap(r, [...p, 'replace_value'], obj.replace_value, (v, vp) => {
    const m = mapping(r, vp, v, 'type: Capacity|Workspace and name', ['type', 'name']);
    if (m.type !== 'Capacity' && m.type !== 'Workspace')
      r.fail(
        m.type === undefined ? vp : [...vp, 'type'],
        `${fieldName(vp)}.type must be Capacity or Workspace`,
      );
    if (typeof m.name !== 'string' || !m.name)
      r.fail(m.name === undefined ? vp : [...vp, 'name'], `${fieldName(vp)}.name must be the pool's name`);
    return { type: m.type as 'Capacity' | 'Workspace', name: m.name as string };
  });
  const entry: SparkPoolEntry = {
    kind: 'spark_pool',
    label,
    at: r.at(p),
    instancePoolId: obj.instance_pool_id as string,
    values,
  };
  const names = strings(r, [...p, 'item_name'], obj.item_name);
  if (names) entry.itemName = names;
  noteMissingEnv(ctx, entry.values, label);
  return entry;
}

function parseBinding(ctx: LoadCtx, r: Reader, raw: unknown): void {
  const p: Seg[] = ['semantic_model_binding'];
  const b = (ctx.out.semanticModelBinding ??= { models: [] });
  if (Array.isArray(raw)) {
    ctx.out.warnings.push(
      `${formatLocation(r.at(p))}: semantic_model_binding as a list is the legacy format; use default: and models:`,
    );
    raw.forEach((m, i) => b.models.push(parseModelBinding(r, [...p, i], m)));
    return;
  }
  const obj = mapping(r, p, raw, 'default and models', ['default', 'models']);
  if (obj.default !== undefined && obj.default !== null) {
    if (b.default)
      r.fail(
        [...p, 'default'],
        'semantic_model_binding.default is set twice (in this file and in a file it extends or that extends it)',
        'keep one default',
      );
    const d = mapping(r, [...p, 'default'], obj.default, 'connection_id', ['connection_id']);
    b.default = connectionIds(r, [...p, 'default', 'connection_id'], d.connection_id);
  }
  if (obj.models !== undefined && obj.models !== null) {
    if (!Array.isArray(obj.models)) r.fail([...p, 'models'], 'semantic_model_binding.models must be a list');
    (obj.models as unknown[]).forEach((m, i) => b.models.push(parseModelBinding(r, [...p, 'models', i], m)));
  }
}

function parseModelBinding(r: Reader, p: Seg[], raw: unknown): SemanticModelBinding['models'][number] {
  const m = mapping(r, p, raw, 'semantic_model_name and connection_id', [
    'semantic_model_name',
    'connection_id',
  ]);
  const names = strings(r, [...p, 'semantic_model_name'], m.semantic_model_name);
  if (!names?.length) r.fail(p, `${fieldName(p)} needs a semantic_model_name`);
  return { names, connectionIds: connectionIds(r, [...p, 'connection_id'], m.connection_id), at: r.at(p) };
}

function parseGatewayBinding(ctx: LoadCtx, r: Reader, raw: unknown): void {
  const p: Seg[] = ['gateway_binding'];
  ctx.out.warnings.push(
    `${formatLocation(r.at(p, true))}: gateway_binding is deprecated; it is read as semantic_model_binding models`,
  );
  if (!Array.isArray(raw)) r.fail(p, 'gateway_binding must be a list of {gateway_id, dataset_name}');
  const b = (ctx.out.semanticModelBinding ??= { models: [] });
  raw.forEach((e, i) => {
    const m = mapping(r, [...p, i], e, 'gateway_id and dataset_name', ['gateway_id', 'dataset_name']);
    const names = strings(r, [...p, i, 'dataset_name'], m.dataset_name);
    if (!names?.length) r.fail([...p, i], `${fieldName([...p, i])} needs a dataset_name`);
    b.models.push({
      names,
      connectionIds: connectionIds(r, [...p, i, 'gateway_id'], m.gateway_id),
      at: r.at([...p, i]),
    });
  });
}

function connectionIds(r: Reader, p: Seg[], raw: unknown): EnvMap<string[]> {
  if (raw === undefined || raw === null)
    r.fail(p, `${fieldName(p)} is required (environment → connection GUID)`);
  return envMap(r, p, raw, (v, vp) => {
    const ids = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(ids) || ids.length === 0)
      r.fail(vp, `${fieldName(vp)} must be a connection GUID or a list of them`);
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || !isGuid(id))
        r.fail(
          typeof v === 'string' ? vp : [...vp, i],
          `${fieldName(vp)}: '${String(id)}' is not a connection GUID`,
          'copy the connection id from Fabric (Settings → Manage connections and gateways)',
        );
    });
    return ids as string[];
  });
}

function envMap<T>(r: Reader, p: Seg[], raw: unknown, parse: (v: unknown, p: Seg[]) => T): EnvMap<T> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length === 0) {
    r.fail(
      p,
      `${fieldName(p)} must map environment names to values`,
      'e.g. { PPE: "value for PPE", PROD: "value for PROD" } or { _ALL_: "value for every environment" }',
    );
  }
  const obj = raw as Record<string, unknown>;
  const keys = Object.keys(obj);
  const allKey = keys.find((k) => k.toLowerCase() === '_all_');
  if (allKey && keys.length > 1) {
    r.fail(
      [...p, allKey],
      `${fieldName(p)}: ${allKey} must be the only environment (it applies to all of them), but ${keys.filter((k) => k !== allKey).join(', ')} ${keys.length > 2 ? 'are' : 'is'} also given`,
      `keep either ${allKey} alone or one key per environment`,
      true,
    );
  }
  const out: EnvMap<T> = { byEnv: new Map(), at: r.at(p) };
  for (const k of keys) {
    const v: EnvValue<T> = { value: parse(obj[k], [...p, k]), at: r.at([...p, k]) };
    if (k === allKey) out.all = v;
    else out.byEnv.set(k, v);
  }
  return out;
}

function noteMissingEnv(ctx: LoadCtx, m: EnvMap<unknown>, label: string): void {
  const env = ctx.options.environment;
  if (env === undefined || m.all || m.byEnv.has(env)) return;
  ctx.out.warnings.push(
    `${formatLocation(m.at)}: ${label} has no value for environment '${env}' (only ${[...m.byEnv.keys()].join(', ')}); it is not applied`,
  );
}

/** fabric-cicd applies a find_replace only `if replace_value:`: an empty value for the environment skips it. */
function noteEmptyValue(ctx: LoadCtx, m: EnvMap<ParamValue>, label: string): void {
  const v = valueFor(m, ctx.options.environment);
  if (!v || !isEmptyValue(v.value)) return;
  ctx.out.warnings.push(
    `${formatLocation(v.at)}: ${label} has an empty replace_value for ${m.all ? 'every environment' : `environment '${ctx.options.environment}'`}; it is skipped (as fabric-cicd does), not replaced by an empty text`,
  );
}

/** An empty literal `replace_value` of a find_replace: the entry is not applied (fabric-cicd `if replace_value:`). */
export function isEmptyValue(v: ParamValue): boolean {
  return 'literal' in v && v.literal === '';
}

function bool(r: Reader, p: Seg[], v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return r.fail(p, `${fieldName(p)} must be "true" or "false"`);
}

function strings(r: Reader, p: Seg[], v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return r.fail(p, `${fieldName(p)} must be a text or a list of texts`);
}

function filters(ctx: LoadCtx, r: Reader, p: Seg[], obj: Record<string, unknown>): EntryFilters {
  const f: EntryFilters = {};
  const types = strings(r, [...p, 'item_type'], obj.item_type);
  if (types) {
    types.forEach((t, i) => {
      if (isKnownType(t) || ctx.extraTypes.has(t)) return;
      const like = typeLike(t);
      r.fail(
        typeof obj.item_type === 'string' ? [...p, 'item_type'] : [...p, 'item_type', i],
        `unknown item type '${t}' in ${fieldName(p)}.item_type`,
        like
          ? `write '${like}' (item types are case-sensitive)`
          : `use one of: ${Object.keys(ITEM_TYPES).join(', ')}`,
      );
    });
    f.itemType = types;
  }
  const names = strings(r, [...p, 'item_name'], obj.item_name);
  if (names) f.itemName = names;
  const fp = strings(r, [...p, 'file_path'], obj.file_path);
  if (fp)
    f.filePath = fp.map((raw, i) =>
      pathFilter(
        ctx,
        r,
        typeof obj.file_path === 'string' ? [...p, 'file_path'] : [...p, 'file_path', i],
        raw,
      ),
    );
  return f;
}

function pathFilter(ctx: LoadCtx, r: Reader, p: Seg[], raw: string): PathFilter {
  const at = r.at(p);
  const repo = ctx.options.repositoryDir
    ? path.resolve(ctx.options.repositoryDir).split(path.sep).join('/')
    : undefined;
  let s = raw.trim().replace(/\\/g, '/');
  if (!s) r.fail(p, `${fieldName(p)} is empty`);
  if (repo && (s === repo || s.startsWith(repo + '/'))) s = s.slice(repo.length + 1);
  else if (/^[A-Za-z]:\//.test(s))
    r.fail(
      p,
      `file_path '${raw}' is outside the items directory${repo ? ` ${repo}` : ''}`,
      'use a path relative to the items directory',
    );
  // Like fabric-cicd, a leading slash means "from the items directory", not the file-system root.
  s = path.posix.normalize(s.replace(/^\/+/, ''));
  if (s === '..' || s.startsWith('../'))
    r.fail(
      p,
      `file_path '${raw}' leads outside the items directory`,
      'use a path relative to the items directory',
    );
  // An existing file wins over glob syntax: `My [old].Notebook/…` is a file name, not a character class.
  if (repo && isFile(path.join(ctx.options.repositoryDir!, s))) return { raw, at, rel: s };
  if (picomatch.scan(s).isGlob) return { raw, at, glob: picomatch(s, { dot: true }) };
  if (repo) {
    r.fail(
      p,
      `file_path '${raw}' is not a file of the items directory`,
      'write the path relative to the items directory, e.g. "/My.Notebook/notebook-content.py", or use a glob such as "**/.schedules"',
    );
  }
  return { raw, at, rel: s };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Parses `$workspace.…` / `$items.…`; anything else starting with `$` is refused like fabric-cicd does. */
function dynamic(r: Reader, p: Seg[], s: string): DynamicRef {
  const parsed = parseDynamicVariable(s);
  if (typeof parsed === 'string') {
    r.fail(
      p,
      `${fieldName(p)}: ${parsed}`,
      'use $items.<type>.<name>.$id|$sqlendpoint|$sqlendpointid|$queryserviceuri, $workspace.$id, $workspace.$name, $workspace.$name_encoded or $workspace.<name>.$id',
    );
  }
  return parsed;
}

/** The variable `s`, or an error message. Types and names are case-sensitive, as in fabric-cicd. */
export function parseDynamicVariable(s: string): DynamicRef | string {
  if (s === '$workspace.id' || s === '$workspace.$id') return { kind: 'workspaceId' };
  if (s === '$workspace.$name') return { kind: 'workspaceName', encoded: false };
  if (s === '$workspace.$name_encoded') return { kind: 'workspaceName', encoded: true };
  if (s.startsWith('$workspace.')) {
    const rest = s.slice('$workspace.'.length);
    const at = rest.indexOf('.$items.');
    if (at >= 0) {
      const ws = rest.slice(0, at).trim();
      const item = parseItemVariable(rest.slice(at + 1));
      if (typeof item === 'string') return item;
      if (!ws) return `'${s}' names no workspace`;
      if (!/\.\$[a-z]+$/i.test(s)) return `'${s}' must end with .$<attribute> (e.g. .$id)`;
      return { ...item, workspace: ws };
    }
    const name = rest.replace(/\.\$id$/, '').trim();
    if (!name || name.startsWith('$')) return `unknown $workspace variable '${s}'`;
    return { kind: 'workspace', name };
  }
  if (s.startsWith('$items.')) return parseItemVariable(s);
  return `'${s}' is not a variable (values starting with $ must be $items.… or $workspace.…)`;
}

function parseItemVariable(s: string): Extract<ResolvableRef, { kind: 'item' }> | string {
  const rest = s.slice('$items.'.length);
  const dot = rest.indexOf('.');
  if (dot <= 0) return `'${s}' must look like $items.<type>.<name>.$<attribute>`;
  const type = rest.slice(0, dot);
  const tail = rest.slice(dot + 1);
  // `.$attr` (current) or `.attr` (legacy); names may contain dots, types never do.
  const cut = tail.lastIndexOf('.$') >= 0 ? tail.lastIndexOf('.$') : tail.lastIndexOf('.');
  if (cut <= 0) return `'${s}' must look like $items.<type>.<name>.$<attribute>`;
  const name = tail.slice(0, cut);
  const attribute = tail
    .slice(cut + 1)
    .replace(/^\$/, '')
    .toLowerCase();
  if (!isKnownType(type)) {
    const like = typeLike(type);
    return `unknown item type '${type}' in '${s}'${like ? ` (did you mean '${like}'?)` : ''}`;
  }
  if (!(ITEM_ATTRIBUTES as readonly string[]).includes(attribute))
    return `unknown attribute '${attribute}' in '${s}' (use ${ITEM_ATTRIBUTES.map((a) => '$' + a).join(', ')})`;
  if (attribute !== 'id' && !(attribute in itemTypeInfo(type).attributes)) {
    const types = Object.entries(ITEM_TYPES)
      .filter(([, i]) => attribute in i.attributes)
      .map(([t]) => t);
    return `a ${type} has no ${attribute} (only ${types.join(', ')} have one) in '${s}'`;
  }
  return { kind: 'item', type, name, attribute: attribute as ItemAttribute };
}

// ---------------------------------------------------------------------------------------------------------------
// Regexes

/**
 * A find_value regex. Patterns are written for Python's `re`; the differences that matter in practice are
 * translated: named groups `(?P<n>…)`/`(?P=n)` and leading inline flags `(?i)`, `(?m)`, `(?s)`. No `u` flag, so
 * Python escapes like `\#` stay literal characters.
 */
export function compileFindRegex(pattern: string, ignoreCase: boolean): RegExp {
  let src = pattern;
  let flags = 'gd' + (ignoreCase ? 'i' : '');
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    if (inline[1]!.includes('x')) throw new Error('the verbose flag (?x) is not supported');
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
    src = src.slice(inline[0].length);
  }
  src = src
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
  const re = new RegExp(src, flags);
  const groups = new RegExp(`${src}|`, flags.replace('g', '')).exec('')!.length - 1;
  if (groups < 1)
    throw new Error(
      'it has no capturing group: put (…) around the part to replace (the value of group 1 is replaced)',
    );
  return re;
}

/** Occurrences of the entry in `text` and the text with them replaced (when `replacement` is given). */
export function applyFindReplace(
  entry: FindReplaceEntry,
  text: string,
  replacement: string | undefined,
  find: string = entry.find,
): { text: string; count: number } {
  if (entry.regex) {
    let out = '';
    let last = 0;
    let count = 0;
    let first = true;
    for (const m of text.matchAll(entry.regex)) {
      const span = m.indices?.[1];
      const empty = !span || span[0] === span[1];
      // Like fabric-cicd, only the first match must capture something; later empty captures are skipped.
      if (empty && !first) continue;
      first = false;
      if (empty) {
        throw new ConfigError(
          `${entry.label}: the regex matched '${m[0].slice(0, 80)}' but captured an empty value`,
          {
            location: entry.findAt,
            field: `${entry.label}.find_value`,
            fix: 'make capture group 1 match the value to replace (at least one character)',
          },
        );
      }
      count++;
      if (replacement !== undefined) {
        out += text.slice(last, span![0]) + replacement;
        last = span![1];
      }
    }
    return { text: replacement === undefined || count === 0 ? text : out + text.slice(last), count };
  }
  if (!find) return { text, count: 0 };
  if (entry.ignoreCase) {
    const re = new RegExp(find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    let count = 0;
    const replaced = text.replace(re, (m) => {
      count++;
      return replacement ?? m;
    });
    return { text: replaced, count };
  }
  const pieces = text.split(find);
  return { text: replacement === undefined ? text : pieces.join(replacement), count: pieces.length - 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// JSONPath

/**
 * Why `expr` is not a usable JSONPath, or undefined. jsonpath-plus accepts almost anything (and then matches
 * nothing or everything), so the syntax is checked here and filter expressions are compiled on a probe.
 */
export function jsonPathError(expr: string): string | undefined {
  if (!expr.startsWith('$')) return "it must start with '$' (the document root)";
  let i = 1;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '.') {
      let j = i + 1;
      if (expr[j] === '.') j++;
      if (expr[j] === '[') {
        i = j;
        continue;
      }
      const m = /^(\*|[^.[\]\s()'"?]+)/.exec(expr.slice(j));
      if (!m) return `a property name is missing after '.' at character ${j + 1}`;
      i = j + m[0].length;
      continue;
    }
    if (c === '[') {
      const end = closingBracket(expr, i);
      if (end < 0) return `'[' at character ${i + 1} is never closed`;
      const bad = selectorError(expr.slice(i + 1, end).trim());
      if (bad) return bad;
      i = end + 1;
      continue;
    }
    return `unexpected '${c}' at character ${i + 1}`;
  }
  return undefined;
}

function closingBracket(s: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) return c === ']' ? i : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

const QUOTED = `(?:'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*")`;
const QUOTED_LIST = new RegExp(`^${QUOTED}(?:\\s*,\\s*${QUOTED})*$`);

function selectorError(inner: string): string | undefined {
  if (inner === '*') return undefined;
  if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner) || /^-?\d*:-?\d*(:-?\d*)?$/.test(inner)) return undefined;
  if (QUOTED_LIST.test(inner)) return undefined;
  if ((inner.startsWith('?(') || inner.startsWith('(')) && inner.endsWith(')')) {
    try {
      JSONPath({ path: `$[${inner}]`, json: [{}], ignoreEvalErrors: true, wrap: true });
      return undefined;
    } catch (err) {
      return `invalid expression [${inner}]: ${(err as Error).message}`;
    }
  }
  return `invalid selector [${inner}] (use a quoted name, an index, *, a slice or a filter ?(…))`;
}

/** Segments (property names and array indexes) of every node `expr` selects in `doc`. */
export function jsonPathNodes(expr: string, doc: unknown): (string | number)[][] {
  if (doc === null || typeof doc !== 'object') return [];
  const pointers = JSONPath({
    path: expr,
    json: doc as object,
    resultType: 'pointer',
    ignoreEvalErrors: true,
    wrap: true,
  }) as string[];
  return pointers.map((ptr) => {
    const segs: (string | number)[] = [];
    let node: unknown = doc;
    for (const raw of ptr.split('/').slice(1)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const seg = Array.isArray(node) ? Number(key) : key;
      segs.push(seg);
      node = (node as Record<string | number, unknown>)?.[seg];
    }
    return segs;
  });
}

/**
 * Sets every node `entry.findKey` selects to `value`. JSON files are re-serialised with their own indentation;
 * anything else is tried as YAML (e.g. `.schedules`) and edited in place, keeping comments.
 */
export function applyKeyValue(
  entry: KeyValueEntry,
  text: string,
  value: unknown,
  replace: boolean,
): { text: string; count: number } {
  const body = text.replace(/^\uFEFF/, '');
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(body);
  } catch {
    isJson = false;
  }
  if (isJson) {
    const nodes = jsonPathNodes(entry.findKey, json);
    if (!replace || nodes.length === 0) return { text, count: nodes.length };
    let changed = false;
    for (const segs of nodes) {
      if (segs.length === 0) return { text: JSON.stringify(value, null, indentOf(body)), count: 1 };
      const parent = segs
        .slice(0, -1)
        .reduce((n, s) => n[s] as Record<string | number, unknown>, json as Record<string | number, unknown>);
      const last = segs[segs.length - 1]!;
      if (JSON.stringify(parent[last]) !== JSON.stringify(value)) {
        parent[last] = value;
        changed = true;
      }
    }
    if (!changed) return { text, count: nodes.length };
    return {
      text: JSON.stringify(json, null, indentOf(body)) + (body.endsWith('\n') ? '\n' : ''),
      count: nodes.length,
    };
  }
  const doc = parseDocument(body);
  if (doc.errors.length) return { text, count: 0 };
  const nodes = jsonPathNodes(entry.findKey, doc.toJS());
  if (!replace || nodes.length === 0) return { text, count: nodes.length };
  for (const segs of nodes) doc.setIn(segs, value);
  return { text: doc.toString(), count: nodes.length };
}

function indentOf(text: string): string | number {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1]! : text.includes('\n') ? 2 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Selection

/** The value of `m` for `environment`: `_ALL_` first, then the environment's own key. */
export function valueFor<T>(m: EnvMap<T>, environment: string | undefined): EnvValue<T> | undefined {
  return m.all ?? (environment === undefined ? undefined : m.byEnv.get(environment));
}

/** Whether an entry's filters select file `filePath` (relative to the item folder) of `item`. */
export function entryApplies(f: EntryFilters, item: RepoItem, filePath: string): boolean {
  if (f.itemType && !f.itemType.includes(item.type)) return false;
  if (f.itemName && !f.itemName.includes(item.displayName)) return false;
  if (f.filePath) {
    const rel = item.relDir ? `${item.relDir}/${filePath}` : filePath;
    if (!f.filePath.some((pf) => (pf.rel !== undefined ? pf.rel === rel : pf.glob!(rel)))) return false;
  }
  return true;
}

/** The spark_pool entry for an Environment's `instance_pool_id`, if any. */
export function sparkPoolEntry(
  params: ParameterFile,
  item: RepoItem,
  poolId: string,
): SparkPoolEntry | undefined {
  return params.sparkPool.find(
    (e) => e.instancePoolId === poolId && (!e.itemName || e.itemName.includes(item.displayName)),
  );
}

/** semantic_model_binding: the connection ids for a semantic model in `environment` (model entry, else default). */
export function connectionBinding(
  params: ParameterFile,
  modelName: string,
  environment = params.environment,
): { connectionIds: string[]; at: SourceLocation } | undefined {
  const b = params.semanticModelBinding;
  if (!b) return undefined;
  const m = b.models.find((x) => x.names.includes(modelName));
  const v = valueFor(
    m ? m.connectionIds : (b.default ?? { byEnv: new Map(), at: { file: params.file } }),
    environment,
  );
  return v ? { connectionIds: v.value, at: v.at } : undefined;
}
