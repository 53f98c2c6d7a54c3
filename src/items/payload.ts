import { ConfigError, formatLocation } from '../errors';
import type { ItemDefinition } from '../fabric/types';
import type { FindReplaceEntry, KeyValueEntry, ParameterFile, ResolvableRef } from './parameters';
import type { RepoItem } from './repository';
import {
  NeedValue,
  refKey,
  transformItem,
  unresolvedVariable,
  type TransformContext,
  type TransformHooks,
} from './transform';
import { ZERO_GUID } from './types';

export { UnresolvedReferenceError } from './transform';
export { definitionDiff, normaliseDefinition } from './normalise';

/**
 * Answers the variables only the target workspace knows, once the item they name is deployed:
 * `$items.<type>.<name>.$id|$sqlendpoint|$sqlendpointid|$queryserviceuri` (also for an empty KQL clusterUri,
 * asked as `KQLDatabase … queryserviceuri`), `$workspace.<name>.$id` and spark_pool pools.
 * `undefined` means "no such thing" and becomes a ConfigError at the parameter's line.
 * `ITEM_TYPES[type].attributes[attribute]` names the property of `GET /{collection}/{id}` that holds an attribute.
 */
export type DynamicResolver = (ref: ResolvableRef) => string | undefined | Promise<string | undefined>;

export interface PayloadContext {
  /** logicalId → deployed item id, for items already deployed in this run or found in the workspace. */
  logicalIds: ReadonlyMap<string, string>;
  workspaceId: string;
  /** For `$workspace.$name` / `$workspace.$name_encoded`. */
  workspaceName?: string;
  /** Environment of the parameter values and of a VariableLibrary's active value set (default: the parameters'). */
  environment?: string;
  parameters?: ParameterFile;
  resolve?: DynamicResolver;
  /**
   * Repository items of this deploy: a reference to one of them that has no deployed id yet throws
   * UnresolvedReferenceError instead of sending a logical id Fabric cannot resolve.
   */
  items?: readonly RepoItem[];
}

export interface ItemPayload {
  /** Definition types: all parts, rewritten. */
  definition?: ItemDefinition;
  /** Shell types: Lakehouse `{enableSchemas: true}`, Warehouse from `.platform`. */
  creationPayload?: Record<string, unknown>;
  /** VariableLibrary: the value set to activate after the deploy (`PATCH …/VariableLibraries/{id}`). */
  activeValueSetName?: string;
  warnings: string[];
}

/**
 * What to send for `item`: parameters, logical-id and workspace-id rewrites, Report byPath → byConnection, KQL
 * clusterUri, spark pools. Variables are resolved through `ctx.resolve` (in parallel where they are independent).
 */
export async function buildItemPayload(item: RepoItem, ctx: PayloadContext): Promise<ItemPayload> {
  const values = new Map<string, string>();
  const ask = async (ref: ResolvableRef, at: NeedValue['at'], raw: string) => {
    if (!ctx.resolve) throw new Error(`${raw} needs a resolver in the deploy context`);
    const v = await ctx.resolve(ref);
    if (v === undefined) throw unresolvedVariable(ref, at, raw);
    values.set(refKey(ref), v);
  };
  // A first, recording pass finds what the item needs so that the look-ups run together.
  const wanted = new Map<string, { ref: ResolvableRef; at: NeedValue['at']; raw: string }>();
  transformItem(item, ctx, {
    dry: true,
    resolved: (ref, at, raw) => {
      wanted.set(refKey(ref), { ref, at, raw });
      return placeholder(ref);
    },
  });
  await Promise.all([...wanted.values()].map((w) => ask(w.ref, w.at, w.raw)));
  const hooks: TransformHooks = {
    dry: false,
    resolved: (ref, at, raw) => {
      const v = values.get(refKey(ref));
      if (v === undefined) throw new NeedValue(refKey(ref), ref, at, raw);
      return v;
    },
  };
  // Real values can make later replacements match differently from placeholders: ask for what was missed.
  for (;;) {
    try {
      const r = transformItem(item, ctx, hooks);
      const out: ItemPayload = { warnings: r.warnings };
      if (r.definition) out.definition = r.definition;
      if (r.creationPayload) out.creationPayload = r.creationPayload;
      if (r.activeValueSetName !== undefined) out.activeValueSetName = r.activeValueSetName;
      return out;
    } catch (err) {
      if (!(err instanceof NeedValue) || values.has(err.key)) throw err;
      await ask(err.ref, err.at, err.raw);
    }
  }
}

export function placeholder(ref: ResolvableRef): string {
  return ref.kind === 'item' && ref.attribute === 'id' ? ZERO_GUID.replace(/0/g, 'f') : `<${refKey(ref)}>`;
}

/** A context for dry runs: no ids, placeholders for everything the target workspace would answer. */
export function dryContext(
  items: readonly RepoItem[],
  parameters?: ParameterFile,
  environment?: string,
): TransformContext {
  return {
    logicalIds: new Map(),
    workspaceId: ZERO_GUID,
    workspaceName: 'workspace',
    environment,
    parameters,
    items,
  };
}

export interface ParameterCheck {
  warnings: string[];
  /** Per entry: files its filters selected and matches in them. */
  usage: Map<FindReplaceEntry | KeyValueEntry, { files: number; matches: number }>;
}

/**
 * Runs the parameters over every item without deploying anything and refuses, with the entry's file:line, a
 * regex that matches nothing in the files it applies to. Entries that select no file, or a literal / JSONPath
 * that finds nothing, are warnings (fabric-cicd skips them silently).
 */
export function validateParameters(
  params: ParameterFile,
  items: readonly RepoItem[],
  environment = params.environment,
): ParameterCheck {
  const usage: ParameterCheck['usage'] = new Map();
  for (const e of [...params.keyValueReplace, ...params.findReplace]) usage.set(e, { files: 0, matches: 0 });
  const ctx = dryContext(items, params, environment);
  const hooks: TransformHooks = {
    dry: true,
    resolved: (ref) => placeholder(ref),
    onMatch: (e, count) => {
      const u = usage.get(e)!;
      u.files++;
      u.matches += count;
    },
  };
  for (const item of items) transformItem(item, ctx, hooks);
  const warnings = [...params.warnings];
  for (const [e, u] of usage) {
    const where = formatLocation(e.kind === 'find_replace' ? e.findAt : e.keyAt);
    const what = e.kind === 'find_replace' ? (e.isRegex ? 'regex' : 'find_value') : 'find_key';
    if (u.files === 0) {
      warnings.push(
        `${where}: ${e.label} applies to no file of the items in scope (check item_type, item_name and file_path)`,
      );
    } else if (u.matches === 0 && e.kind === 'find_replace' && e.isRegex) {
      throw new ConfigError(
        `${e.label}: the regex matches nothing in the ${u.files} file${u.files === 1 ? '' : 's'} it applies to`,
        {
          location: e.findAt,
          field: `${e.label}.find_value`,
          fix: 'check the pattern against the file (escaping, spaces, quotes) or narrow/fix its filters; a regex that finds nothing would leave a source value in the target',
        },
      );
    } else if (u.matches === 0) {
      warnings.push(
        `${where}: ${e.label} ${what} '${e.kind === 'find_replace' ? e.find : e.findKey}' is found in none of the ${u.files} files it applies to`,
      );
    }
  }
  return { warnings, usage };
}
