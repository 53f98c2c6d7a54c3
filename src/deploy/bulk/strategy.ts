/**
 * `strategy: auto | graph | bulk`: which changed items the bulk import can take (and why not, for the
 * rest), and the cost model `auto` chooses by. Pure: the plan and the desired items in, plain data out
 * (the plan JSON and the summary report it). The model is an estimate from the same per-type typical
 * durations the scheduler orders by (src/deploy/timing.ts), not a measurement.
 */
import { ZERO_GUID } from '../../guid';
import { itemTypeInfo } from '../../items/types';
import type { Strategy } from '../../settings/settings';
import type { DesiredItem } from '../desired';
import { longestChain, type GraphNode } from '../graph';
import type { CostEstimate, PlannedItem, StrategyReport, WriteRoute } from '../plan/model';
import { expectedItemMs } from '../timing';

/** Items one bulkImportDefinitions call takes (the API's limit, as fabric-cicd has it too). */
export const IMPORT_CHUNK = 1000;

/**
 * Types the bulk import does not take although they have a definition: DataBuildToolJob (left out of
 * the export, and kept out of fabric-cicd 1.3's bulk publish).
 */
const NOT_IMPORTED = new Set(['DataBuildToolJob']);

/**
 * Creates that make a second item as a side effect (an Eventhouse its KQL database of the same name):
 * the graph takes the second one over (execute.ts, adoptSideEffect); one bulk call holding both would
 * refuse the name.
 */
const SIDE_EFFECT_CREATES = new Set(['Eventhouse']);

/** Client-side platform quota (calls a minute) and the polls one paced long-running call makes. */
const CALLS_PER_MINUTE = 180;
const POLLS_PER_LRO = 2;
const POLLS_PER_IMPORT = 3;

/** How one planned item would be written: by the bulk import, or by the graph and why. */
export function writeRoute(p: PlannedItem, d: DesiredItem | undefined): WriteRoute | undefined {
  if (!d || p.action === 'delete' || p.action === 'unchanged') return undefined;
  const graph = (reason: string): WriteRoute => ({ path: 'graph', reason });
  if (p.action === 'move') return graph('a move only (one call)');
  if (d.shell) return graph(`${article(d.type)} ${d.type} has no definition (created from its metadata)`);
  if (NOT_IMPORTED.has(d.type)) return graph(`the bulk import does not take ${d.type}`);
  if (p.read?.reason === 'left out of the export')
    return graph(`the bulk APIs leave ${d.type} out (it was left out of the export)`);
  const format = itemTypeInfo(d.type).format?.((d.files ?? []).map((f) => f.path));
  if (format) return graph(`format ${format} (the bulk import has no format choice)`);
  // The service resolves logical ids in what it imports; these types' files are sent unchanged.
  if (!itemTypeInfo(d.type).rewriteIds)
    return graph(`${article(d.type)} ${d.type} is sent as it is (the bulk import would rewrite ids in it)`);
  if (d.type === 'KQLDatabase') return graph('a KQLDatabase is a child of its Eventhouse');
  if (p.action === 'create' && SIDE_EFFECT_CREATES.has(d.type))
    return graph(`a new ${d.type} comes with a KQL database the graph takes over`);
  return { path: 'bulk' };
}

const article = (word: string) => (/^[AEIOU]|^M[LS]|^SQL/.test(word) ? 'an' : 'a');

interface Node {
  key: string;
  name: string;
  type: string;
  route: WriteRoute;
  create: boolean;
  /** A move and nothing else: one call, no long-running operation to poll. */
  moveOnly: boolean;
  logicalId: string;
  deps: string[];
}

function changedNodes(items: readonly PlannedItem[], desired: ReadonlyMap<string, DesiredItem>): Node[] {
  const out: Node[] = [];
  for (const p of items) {
    const d = desired.get(p.key);
    const route = writeRoute(p, d);
    if (!d || !route) continue;
    out.push({
      key: p.key,
      name: p.name,
      type: d.type,
      route,
      create: p.action === 'create',
      moveOnly: p.action === 'move',
      logicalId: d.logicalId,
      deps: d.dependsOn,
    });
  }
  const keys = new Set(out.map((n) => n.key));
  for (const n of out) n.deps = n.deps.filter((k) => keys.has(k) && k !== n.key);
  return out;
}

/**
 * The stages of a bulk deploy: each stage is one run of bulk calls (whose items may reference each
 * other: the service resolves their logical ids) beside the graph items whose dependencies are done.
 * A bulk item waits for a later stage when it depends on a graph item of this run, or on a new item
 * without a logical id to stand in for its id.
 */
export function bulkStages(nodes: readonly Node[]): Node[][] {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const level = new Map<string, number>();
  const visit = (n: Node): number => {
    const known = level.get(n.key);
    if (known !== undefined) return known;
    level.set(n.key, 0); // no cycles (refused before planning); a guard against looping anyway
    let l = 0;
    for (const k of n.deps) {
      const d = byKey.get(k)!;
      const soft =
        n.route.path === 'bulk' &&
        d.route.path === 'bulk' &&
        (!d.create || (d.logicalId !== ZERO_GUID && !!d.logicalId));
      l = Math.max(l, visit(d) + (soft ? 0 : 1));
    }
    level.set(n.key, l);
    return l;
  };
  nodes.forEach(visit);
  const stages: Node[][] = [];
  for (const n of nodes) (stages[level.get(n.key)!] ??= []).push(n);
  return stages.filter(Boolean);
}

function chainMs(nodes: readonly Node[]): number {
  const graph: GraphNode[] = nodes.map((n) => ({
    key: n.key,
    dependsOn: n.deps,
    weight: expectedItemMs(n.type),
  }));
  return longestChain(graph).weight;
}

/** The graph: one write each (plus polls), bounded by the chain, the parallelism and the call quota. */
function graphCost(nodes: readonly Node[], maxParallel: number): CostEstimate {
  const lros = nodes.filter((n) => !n.moveOnly).length;
  const polls = lros * POLLS_PER_LRO;
  const calls = nodes.length + polls;
  const work = nodes.reduce((ms, n) => ms + expectedItemMs(n.type), 0);
  const ms = Math.max(chainMs(nodes), work / Math.max(1, maxParallel), (calls / CALLS_PER_MINUTE) * 60_000);
  return { calls, polls, seconds: round(ms / 1000) };
}

/** Bulk: per stage, its import calls (in sequence, each as long as its chain) beside its graph items. */
function bulkCost(nodes: readonly Node[], maxParallel: number): CostEstimate {
  let ms = 0;
  let calls = 0;
  let polls = 0;
  const stages = bulkStages(nodes);
  for (const stage of stages) {
    const bulk = stage.filter((n) => n.route.path === 'bulk');
    const graph = stage.filter((n) => n.route.path === 'graph');
    let bulkMs = 0;
    for (let i = 0; i < bulk.length; i += IMPORT_CHUNK) {
      const chunk = bulk.slice(i, i + IMPORT_CHUNK);
      // The last poll lands up to a tenth of the expected time after the end (pacing's cadence).
      bulkMs += chainMs(chunk) * 1.1;
      calls += 1 + POLLS_PER_IMPORT;
      polls += POLLS_PER_IMPORT;
    }
    const g = graphCost(graph, maxParallel);
    calls += g.calls;
    polls += g.polls;
    ms += Math.max(bulkMs, g.seconds * 1000);
  }
  return { calls, polls, seconds: round(ms / 1000), stages: stages.length };
}

const round = (s: number) => Math.round(s * 10) / 10;

/** The strategy of a run: what was asked, what is used, each path's share and `auto`'s estimate. */
export function chooseStrategy(
  requested: Strategy,
  items: readonly PlannedItem[],
  desired: ReadonlyMap<string, DesiredItem>,
  opts: { maxParallel: number },
): StrategyReport {
  const nodes = changedNodes(items, desired);
  const bulkable = nodes.filter((n) => n.route.path === 'bulk').length;
  const estimate = {
    graph: graphCost(nodes, opts.maxParallel),
    bulk: bulkCost(nodes, opts.maxParallel),
  };
  const share = (chosen: 'graph' | 'bulk') => ({
    bulkItems: chosen === 'bulk' ? bulkable : 0,
    graphItems: chosen === 'bulk' ? nodes.length - bulkable : nodes.length,
  });
  const fallback = nodes
    .filter((n) => n.route.path === 'graph')
    .map((n) => ({ type: n.type, name: n.name, reason: n.route.reason! }));
  const report = (chosen: 'graph' | 'bulk', reason: string): StrategyReport => ({
    requested,
    chosen,
    reason,
    ...share(chosen),
    ...(chosen === 'bulk' && fallback.length ? { fallback } : {}),
    estimate,
  });
  if (requested === 'graph') return report('graph', 'strategy: graph');
  if (bulkable === 0)
    return report(
      'graph',
      nodes.length ? 'no changed item is one the bulk import takes' : 'nothing to write',
    );
  if (requested === 'bulk') return report('bulk', 'strategy: bulk');
  const { graph, bulk } = estimate;
  const faster = bulk.seconds < graph.seconds * 0.95;
  const cheaper = bulk.seconds <= graph.seconds * 1.05 && bulk.calls < graph.calls;
  const numbers = `bulk ~${bulk.seconds} s and ${bulk.calls} calls, graph ~${graph.seconds} s and ${graph.calls} calls`;
  return faster || cheaper
    ? report('bulk', `auto: ${faster ? 'faster' : 'as fast with fewer calls'} (${numbers})`)
    : report('graph', `auto: the bulk import would not be faster (${numbers})`);
}

/** "bulk (auto: faster …); 3 through the graph" — the log's and the summary's line. */
export function strategyText(s: StrategyReport): string {
  const parts = [`${s.chosen} (${s.reason})`];
  if (s.chosen === 'bulk') {
    parts.push(`${s.bulkItems} by bulk import`);
    if (s.graphItems) parts.push(`${s.graphItems} through the graph`);
  }
  return parts.join('; ');
}

/** Sets the plan's strategy and, when bulk is chosen, each changed item's route (plan JSON). */
export function applyStrategy(
  plan: { items: PlannedItem[]; strategy?: StrategyReport },
  desired: ReadonlyMap<string, DesiredItem>,
  requested: Strategy,
  opts: { maxParallel: number },
): StrategyReport {
  const report = chooseStrategy(requested, plan.items, desired, opts);
  plan.strategy = report;
  for (const p of plan.items) {
    delete p.write;
    const route = report.chosen === 'bulk' ? writeRoute(p, desired.get(p.key)) : undefined;
    if (route) p.write = route;
  }
  return report;
}

/** The stages a bulk deploy of these planned items runs in, as keys (for tests and the docs). */
export function bulkStagesOf(
  items: readonly PlannedItem[],
  desired: ReadonlyMap<string, DesiredItem>,
): string[][] {
  return bulkStages(changedNodes(items, desired)).map((stage) => stage.map((n) => n.key));
}
