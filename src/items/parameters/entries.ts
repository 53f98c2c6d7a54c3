/** The entries of a parameter file, each checked where it was written (the loader calls these per file). */
import { statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { formatLocation } from '../../errors';
import { isGuid } from '../../guid';
import { ITEM_TYPES, isKnownType, typeLike } from '../types';
import { compileFindRegex, type FindRegex } from './regex';
import { jsonPathError } from './key-value';
import type {
  DynamicRef,
  EntryFilters,
  EnvMap,
  FindReplaceEntry,
  KeyValueEntry,
  PathFilter,
  SemanticModelBinding,
  SparkPoolEntry,
} from './model';
import {
  bool,
  envMap,
  fieldName,
  mapping,
  noteEmptyValue,
  noteMissingEnv,
  strings,
  type LoadCtx,
  type Reader,
  type Seg,
} from './reader';
import { parseDynamicVariable } from './variables';

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

export function parseFindReplace(ctx: LoadCtx, r: Reader, i: number, raw: unknown): FindReplaceEntry {
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
  let regex: FindRegex | undefined;
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
      const message = (err as Error).message;
      r.fail(
        [...p, 'find_value'],
        `${label}: invalid regex: ${message}`,
        /backtracking/.test(message)
          ? 'match the text around the value instead and capture the value with (…): group 1 is what is replaced'
          : 'fix the pattern; it needs a capturing group (…) around the value to replace',
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

export function parseKeyValue(ctx: LoadCtx, r: Reader, i: number, raw: unknown): KeyValueEntry {
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

export function parseSparkPool(ctx: LoadCtx, r: Reader, i: number, raw: unknown): SparkPoolEntry {
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

export function parseBinding(ctx: LoadCtx, r: Reader, raw: unknown): void {
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

export function parseGatewayBinding(ctx: LoadCtx, r: Reader, raw: unknown): void {
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
