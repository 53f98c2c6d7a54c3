import { formatLocation } from '../errors';
import type { ItemDefinition } from '../fabric/types';
import type { FindReplaceEntry, KeyValueEntry, ParameterFile, ResolvableRef } from './parameters';
import type { RepoItem } from './repo-item';
import { shortcutsFile } from './shortcuts';
import {
  NeedValue,
  UnresolvedReferenceError,
  refKey,
  transformItem,
  unresolvedVariable,
  type TransformContext,
  type TransformHooks,
} from './transform';
import { ZERO_GUID } from '../guid';

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

/**
 * While planning, the items this run will create have no id yet: their logical ids map to a stand-in
 * (`stand`), so that a reference to one makes the comparison say "changes" instead of failing.
 */
export function withStandIns(
  logicalIds: ReadonlyMap<string, string>,
  repo: readonly RepoItem[],
  stand: (item: RepoItem) => string,
): Map<string, string> {
  const out = new Map(logicalIds);
  for (const o of repo)
    if (o.logicalId !== ZERO_GUID && !out.has(o.logicalId)) out.set(o.logicalId, stand(o));
  return out;
}

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
  /**
   * Repository items outside the deploy's scope: references to them by logical id become the id of the item of
   * the same type and name in the target workspace (asked from `resolve`); UnresolvedReferenceError when the
   * workspace has none.
   */
  outOfScope?: readonly RepoItem[];
  /** Rewrite a shell type's files too (a Lakehouse's shortcuts.metadata.json). */
  definitionForShell?: boolean;
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
  const ask = async (ref: ResolvableRef, at: NeedValue['at'], raw: string, logicalId?: string) => {
    if (!ctx.resolve) throw new Error(`${raw} needs a resolver in the deploy context`);
    const v = await ctx.resolve(ref);
    if (v === undefined && logicalId !== undefined && ref.kind === 'item') {
      throw new UnresolvedReferenceError(
        `${item.type} '${item.displayName}' refers to ${raw}, which is not in the target workspace: deploy it first or add it to the scope`,
        logicalId,
      );
    }
    if (v === undefined) throw unresolvedVariable(ref, at, raw);
    values.set(refKey(ref), v);
  };
  // A first, recording pass finds what the item needs so that the look-ups run together.
  const wanted = new Map<
    string,
    { ref: ResolvableRef; at: NeedValue['at']; raw: string; logicalId?: string }
  >();
  transformItem(item, ctx, {
    dry: true,
    resolved: (ref, at, raw, logicalId) => {
      const key = refKey(ref);
      // A `$items` variable and a logical id may ask for the same id: the logical id names the error better.
      if (!wanted.has(key) || logicalId !== undefined) wanted.set(key, { ref, at, raw, logicalId });
      return placeholder(ref);
    },
  });
  await Promise.all([...wanted.values()].map((w) => ask(w.ref, w.at, w.raw, w.logicalId)));
  const hooks: TransformHooks = {
    dry: false,
    resolved: (ref, at, raw, logicalId) => {
      const v = values.get(refKey(ref));
      if (v === undefined) throw new NeedValue(refKey(ref), ref, at, raw, logicalId);
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
      await ask(err.ref, err.at, err.raw, err.logicalId);
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

export interface EntryUsage {
  /** Files of the items in scope the entry's filters selected, and matches in them. */
  files: number;
  matches: number;
  /** Items in scope with selected files but no match. */
  missed: RepoItem[];
  /** The same counts over the repository's items outside the deploy's scope. */
  outside: { files: number; matches: number };
}

export interface ParameterCheck {
  warnings: string[];
  /** Per entry: files its filters selected and matches in them. */
  usage: Map<FindReplaceEntry | KeyValueEntry, EntryUsage>;
}

/**
 * Runs the parameters over every item of the repository without deploying anything.
 *
 * Every rule that does nothing somewhere is a warning with the entry's file:line, since fabric-cicd deploys
 * with it and skips it: a regex (`is_regex`) that matches nothing in any file it applies to (a typo or a stale
 * entry that leaves a source value in the target), one that matches only in items outside the scope, or nothing
 * in an item its `item_name` / `file_path` filters select; entries that select no file, or a literal / JSONPath
 * that finds nothing. `strict-parameters` turns them all into errors before any write.
 */
export function validateParameters(
  params: ParameterFile,
  items: readonly RepoItem[],
  environment = params.environment,
  outOfScope: readonly RepoItem[] = [],
  /** Lakehouse shortcuts are deployed (feature `shortcuts`): their files get the parameters too. */
  opts: { shortcuts?: boolean } = {},
): ParameterCheck {
  const usage: ParameterCheck['usage'] = new Map();
  for (const e of [...params.keyValueReplace, ...params.findReplace])
    usage.set(e, { files: 0, matches: 0, missed: [], outside: { files: 0, matches: 0 } });
  const ctx = dryContext(items, params, environment);
  let inScope = true;
  let perItem = new Map<FindReplaceEntry | KeyValueEntry, number>();
  const hooks: TransformHooks = {
    dry: true,
    resolved: (ref) => placeholder(ref),
    onMatch: (e, count) => {
      const u = usage.get(e)!;
      const c = inScope ? u : u.outside;
      c.files++;
      c.matches += count;
      perItem.set(e, (perItem.get(e) ?? 0) + count);
    },
  };
  const shortcutsCtx = { ...ctx, definitionForShell: true };
  for (const item of items) {
    perItem = new Map();
    transformItem(item, ctx, hooks);
    const sc = opts.shortcuts && shortcutsFile(item);
    if (sc) transformItem({ ...item, files: [sc] }, shortcutsCtx, hooks);
    for (const [e, n] of perItem) if (n === 0) usage.get(e)!.missed.push(item);
  }
  inScope = false;
  for (const item of outOfScope) {
    try {
      transformItem(item, ctx, hooks);
    } catch {
      // Not deployed: what matters is only whether the entry matches there.
    }
  }
  const warnings = [...params.warnings];
  for (const [e, u] of usage) {
    const where = formatLocation(e.kind === 'find_replace' ? e.findAt : e.keyAt);
    const what = e.kind === 'find_replace' ? (e.isRegex ? 'regex' : 'find_value') : 'find_key';
    const regex = e.kind === 'find_replace' && e.isRegex;
    const files = u.files + u.outside.files;
    if (regex && files > 0 && u.matches + u.outside.matches === 0) {
      // fabric-cicd deploys with such a rule and skips it; strict-parameters refuses it.
      warnings.push(
        `${where}: ${e.label} regex matches nothing in the ${files} file${files === 1 ? '' : 's'} it applies to in the repository, so it is not applied (check the pattern against the file: escaping, spaces, quotes; or fix its filters, or remove the stale entry)`,
      );
      continue;
    }
    if (u.files === 0) {
      warnings.push(
        `${where}: ${e.label} applies to no file of the items in scope (check item_type, item_name and file_path)`,
      );
    } else if (u.matches === 0 && regex) {
      warnings.push(
        `${where}: ${e.label} regex matches nothing in the ${u.files} file${u.files === 1 ? '' : 's'} of the items in scope (only in items outside items.types / items.exclude); nothing is replaced`,
      );
    } else if (u.matches === 0) {
      warnings.push(
        `${where}: ${e.label} ${what} '${e.kind === 'find_replace' ? e.find : e.findKey}' is found in none of the ${u.files} files it applies to`,
      );
    } else if (regex && u.missed.length && (e.filters.itemName || e.filters.filePath)) {
      const names = u.missed.map((i) => `${i.type} '${i.displayName}'`);
      warnings.push(
        `${where}: ${e.label} regex matches nothing in ${names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ')}, which its filters select; ${names.length === 1 ? 'that item is' : 'they are'} deployed without this replacement (fabric-cicd skips such files too)`,
      );
    }
  }
  return { warnings, usage };
}
