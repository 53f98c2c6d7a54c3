/**
 * fabric-cicd `parameter.yml` as loaded: find_replace, key_value_replace, spark_pool and semantic_model_binding
 * entries, each value with the file:line it was written at.
 */
import type { SourceLocation } from '../../errors';
import type { ItemAttribute } from '../types';
import type { FindRegex } from './regex';

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
  /** Compiled for linear-time matching (./regex.ts); capture group 1 is what gets replaced. */
  regex?: FindRegex;
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
