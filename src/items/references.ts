import { ConfigError, formatLocation } from '../errors';
import { valueFor, type ParameterFile } from './parameters';
import { dryContext, placeholder } from './payload';
import type { RepoItem } from './repo-item';
import { at, isRecord, tryJson } from './json';
import { repoByLogicalId, transformItem } from './transform';

/** item key → keys of the items it needs deployed first (keys: `RepoItem.key`, the lower-case logicalId). */
export type DependencyGraph = Map<string, Set<string>>;

export interface DependencyAnalysis {
  graph: DependencyGraph;
  /** Why each edge exists (first reason found), for messages: reasons.get(from)?.get(to). */
  reasons: Map<string, Map<string, string>>;
}

/**
 * What each item depends on, found by running its files through the same pipeline as a deploy (with
 * placeholders): logical ids of other items in its files, `$items.<type>.<name>` values of parameters that
 * match in its files, a KQL database's Eventhouse, a report's semantic model (byPath, or byConnection
 * `initial catalog`), KQL data sources by database name, a notebook's default lakehouse by name.
 * Shell items (Lakehouse, Warehouse, …) send no files, so only their structure counts.
 */
export function analyseDependencies(items: readonly RepoItem[], params?: ParameterFile): DependencyAnalysis {
  const graph: DependencyGraph = new Map(items.map((i) => [i.key, new Set<string>()]));
  const reasons = new Map<string, Map<string, string>>();
  const byLogical = repoByLogicalId(items);
  const byName = new Map(items.map((i) => [`${i.type}\u0000${i.displayName}`, i]));
  const ctx = dryContext(items, params);
  for (const item of items) {
    const add = (to: RepoItem | undefined, why: string) => {
      if (!to || to.key === item.key) return;
      graph.get(item.key)!.add(to.key);
      const r = reasons.get(item.key) ?? new Map<string, string>();
      if (!r.has(to.key)) r.set(to.key, why);
      reasons.set(item.key, r);
    };
    if (item.parentLogicalId)
      add(byLogical.get(item.parentLogicalId.toLowerCase()), 'lives in its .children folder');
    if (item.datasetByPath)
      add(
        byLogical.get(item.datasetByPath.model.logicalId.toLowerCase()),
        `definition.pbir byPath ${item.datasetByPath.path}`,
      );
    transformItem(item, ctx, {
      dry: true,
      resolved: (ref, at) => {
        if (ref.kind === 'item' && !ref.workspace)
          add(
            byName.get(`${ref.type}\u0000${ref.name}`),
            `$items.${ref.type}.${ref.name} (${formatLocation(at)})`,
          );
        return placeholder(ref);
      },
      onLogicalId: (id, f) => add(byLogical.get(id), `its logical id in ${f.path}`),
      onText: (f, text) => {
        for (const [type, name] of namedReferences(item, f.path, text))
          add(byName.get(`${type}\u0000${name}`), `${type} '${name}' named in ${f.path}`);
      },
    });
  }
  return { graph, reasons };
}

/**
 * Dependencies of every item; a cycle is a ConfigError naming its members and their folders.
 * `params` should be loaded for the deploy's environment (its values decide which `$items` apply).
 */
export function dependencyGraph(items: readonly RepoItem[], params?: ParameterFile): DependencyGraph {
  const { graph, reasons } = analyseDependencies(items, params);
  const cycle = findCycle(graph);
  if (cycle) {
    const byKey = new Map(items.map((i) => [i.key, i]));
    const steps = cycle.map((k, n) => {
      const item = byKey.get(k)!;
      const next = cycle[(n + 1) % cycle.length]!;
      return `${item.type} '${item.displayName}' (${item.relDir}) needs ${describe(byKey.get(next)!)}: ${reasons.get(k)?.get(next) ?? 'reference'}`;
    });
    const first = byKey.get(cycle[0]!)!;
    throw new ConfigError(`items depend on each other in a cycle:\n  ${steps.join('\n  ')}`, {
      location: { file: first.platformFile },
      fix: 'remove one of these references (or parameterize it) so that one item can be deployed before the other',
    });
  }
  return graph;
}

function describe(i: RepoItem): string {
  return `${i.type} '${i.displayName}'`;
}

/** References by name that Fabric's Git format uses besides logical ids. */
function namedReferences(item: RepoItem, file: string, text: string): [string, string][] {
  const out: [string, string][] = [];
  if (item.type === 'Notebook') {
    for (const m of text.matchAll(/"default_lakehouse_name"\s*:\s*"([^"]+)"/g))
      out.push(['Lakehouse', m[1]!]);
  } else if (item.type === 'Report' && file === 'definition.pbir') {
    for (const m of text.matchAll(/initial catalog=([^;"]+)/gi)) out.push(['SemanticModel', m[1]!.trim()]);
  } else if (item.type === 'KQLQueryset' || item.type === 'KQLDashboard') {
    const key = item.type === 'KQLQueryset' ? 'databaseItemName' : 'name';
    const json = tryJson(text);
    const sources =
      item.type === 'KQLQueryset' ? at(json, 'queryset', 'dataSources') : at(json, 'dataSources');
    if (Array.isArray(sources))
      for (const ds of sources)
        if (isRecord(ds) && typeof ds[key] === 'string') out.push(['KQLDatabase', ds[key] as string]);
  }
  return out;
}

/** One cycle of `graph` (its members in order, each depending on the next, the last on the first), if any. */
export function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: done
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    // Iterative depth-first search: a chain of thousands of items must not overflow the stack.
    const path: string[] = [start];
    const iters: Iterator<string>[] = [(graph.get(start) ?? new Set<string>()).values()];
    state.set(start, 1);
    while (path.length) {
      const next = iters[iters.length - 1]!.next();
      if (next.done) {
        state.set(path.pop()!, 2);
        iters.pop();
        continue;
      }
      const dep = next.value;
      if (!graph.has(dep)) continue;
      const s = state.get(dep);
      if (s === 1) return path.slice(path.indexOf(dep));
      if (s === 2) continue;
      state.set(dep, 1);
      path.push(dep);
      iters.push((graph.get(dep) ?? new Set<string>()).values());
    }
  }
  return undefined;
}

/** Keys in waves: each wave depends only on earlier waves (what can run in parallel). Assumes no cycle. */
export function dependencyLevels(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const level = new Map<string, number>();
  const depth = (k: string): number => {
    const known = level.get(k);
    if (known !== undefined) return known;
    // Iterative post-order, again for long chains.
    const stack: string[] = [k];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const deps = [...(graph.get(top) ?? [])].filter((d) => graph.has(d) && !level.has(d));
      if (deps.length) {
        stack.push(...deps);
        continue;
      }
      stack.pop();
      if (level.has(top)) continue;
      let l = 0;
      for (const d of graph.get(top) ?? []) if (graph.has(d)) l = Math.max(l, level.get(d)! + 1);
      level.set(top, l);
    }
    return level.get(k)!;
  };
  const out: string[][] = [];
  for (const k of graph.keys()) (out[depth(k)] ??= []).push(k);
  return out;
}

/**
 * `$items.<type>.<name>` values that apply to the environment must name an item of the repository or of the
 * target workspace (`deployed`: the workspace's items; empty or absent for a new workspace).
 */
export function validateItemReferences(
  params: ParameterFile,
  items: readonly RepoItem[],
  deployed: readonly { type: string; displayName: string }[] = [],
  environment = params.environment,
): void {
  const known = new Set([...items, ...deployed].map((i) => `${i.type}\u0000${i.displayName}`));
  for (const entry of [...params.findReplace, ...params.keyValueReplace]) {
    const v = valueFor(entry.values, environment);
    if (!v || !('ref' in v.value) || v.value.ref.kind !== 'item') continue;
    const ref = v.value.ref;
    if (ref.workspace) continue; // another workspace: only the resolver can tell
    if (known.has(`${ref.type}\u0000${ref.name}`)) continue;
    const like = [...items, ...deployed].find(
      (i) => i.type === ref.type && i.displayName.toLowerCase() === ref.name.toLowerCase(),
    );
    throw new ConfigError(
      `${v.value.raw}: no ${ref.type} named '${ref.name}' in the repository or the target workspace`,
      {
        location: v.at,
        field: `${entry.label}.replace_value`,
        fix: like
          ? `write '${like.displayName}' (names are case-sensitive)`
          : 'check the type and name, or add the item to the repository',
      },
    );
  }
}
