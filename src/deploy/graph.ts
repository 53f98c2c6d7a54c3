import { ConfigError, type SourceLocation } from '../errors';
import { findCycle } from '../items/references';

/** A node of the deploy graph: something that can run once everything it depends on is done. */
export interface GraphNode {
  key: string;
  dependsOn: readonly string[];
  /** Human name for messages, e.g. `Notebook 'Hello World'`. */
  label?: string;
  /** Where the node comes from, for the cycle error. */
  location?: SourceLocation;
  /** Expected duration (ms), used to run the critical path first; any consistent unit works. */
  weight?: number;
}

/** Throws a ConfigError naming every member of a cycle, in reference order (one cycle finder: items/references). */
export function assertAcyclic(nodes: readonly GraphNode[]): void {
  const cycle = findCycle(new Map(nodes.map((n) => [n.key, new Set(n.dependsOn)])));
  if (!cycle) return;
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const names = cycle.map((k) => byKey.get(k)?.label ?? k);
  throw new ConfigError(`items reference each other in a cycle: ${[...names, names[0]].join(' → ')}`, {
    location: byKey.get(cycle[0]!)?.location,
    fix: 'remove one of these references (logical id or $items) so the items can be deployed in order',
  });
}

/** Dependencies first, ties in input order. Assumes no cycle. */
export function topologicalOrder(nodes: readonly GraphNode[]): string[] {
  const keys = new Set(nodes.map((n) => n.key));
  const indeg = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const n of nodes) {
    const deps = [...new Set(n.dependsOn)].filter((d) => keys.has(d) && d !== n.key);
    indeg.set(n.key, deps.length);
    for (const d of deps) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(n.key);
  }
  const ready = nodes.filter((n) => indeg.get(n.key) === 0).map((n) => n.key);
  const out: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const k = ready[i]!;
    out.push(k);
    for (const d of dependents.get(k) ?? []) {
      const left = indeg.get(d)! - 1;
      indeg.set(d, left);
      if (left === 0) ready.push(d);
    }
  }
  return out;
}

/** Weight of the heaviest path from each node down to a node nothing else waits on (its own weight included). */
export function bottomLevels(nodes: readonly GraphNode[]): Map<string, number> {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const order = topologicalOrder(nodes);
  const level = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const n of nodes)
    for (const d of n.dependsOn)
      if (byKey.has(d)) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(n.key);
  for (let i = order.length - 1; i >= 0; i--) {
    const k = order[i]!;
    const below = Math.max(0, ...(dependents.get(k) ?? []).map((d) => level.get(d) ?? 0));
    level.set(k, (byKey.get(k)?.weight ?? 1) + below);
  }
  return level;
}

/** The heaviest dependency chain (sum of weights) and its members, dependencies first. */
export function longestChain(nodes: readonly GraphNode[]): { weight: number; path: string[] } {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const best = new Map<string, { weight: number; prev?: string }>();
  for (const k of topologicalOrder(nodes)) {
    const n = byKey.get(k)!;
    let prev: string | undefined;
    let w = 0;
    for (const d of n.dependsOn) {
      const b = best.get(d);
      if (b && b.weight > w) {
        w = b.weight;
        prev = d;
      }
    }
    best.set(k, { weight: w + (n.weight ?? 1), prev });
  }
  let end: string | undefined;
  for (const [k, v] of best) if (!end || v.weight > best.get(end)!.weight) end = k;
  const path: string[] = [];
  for (let k = end; k; k = best.get(k)!.prev) path.unshift(k);
  return { weight: end ? best.get(end)!.weight : 0, path };
}

export interface GraphRun {
  done: string[];
  failed: { key: string; error: unknown }[];
  /** Never started because something failed first (or because what they depend on failed). */
  skipped: string[];
}

/**
 * Runs every node as soon as all its dependencies are done, at most `maxParallel` at a time, the
 * heaviest remaining chain first. After the first failure nothing new starts; what is running
 * finishes (so the journal knows exactly what was applied) and the rest is reported as skipped.
 */
export async function runGraph(
  nodes: readonly GraphNode[],
  run: (key: string) => Promise<void>,
  options: { maxParallel: number; continueOnError?: boolean },
): Promise<GraphRun> {
  const keys = new Set(nodes.map((n) => n.key));
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const n of nodes) {
    const deps = [...new Set(n.dependsOn)].filter((d) => keys.has(d) && d !== n.key);
    waitingOn.set(n.key, deps.length);
    for (const d of deps) (dependents.get(d) ?? dependents.set(d, []).get(d)!).push(n.key);
  }
  const priority = bottomLevels(nodes);
  const order = new Map(nodes.map((n, i) => [n.key, i]));
  const ready: string[] = nodes.filter((n) => waitingOn.get(n.key) === 0).map((n) => n.key);
  const result: GraphRun = { done: [], failed: [], skipped: [] };
  const blocked = new Set<string>();
  let running = 0;
  let stop = false;
  const limit = Math.max(1, options.maxParallel);

  return new Promise<GraphRun>((resolve) => {
    const pick = (): string | undefined => {
      if (ready.length === 0) return undefined;
      let bi = 0;
      for (let i = 1; i < ready.length; i++) {
        const a = ready[i]!;
        const b = ready[bi]!;
        const pa = priority.get(a) ?? 0;
        const pb = priority.get(b) ?? 0;
        if (pa > pb || (pa === pb && order.get(a)! < order.get(b)!)) bi = i;
      }
      return ready.splice(bi, 1)[0];
    };
    const block = (key: string) => {
      for (const d of dependents.get(key) ?? []) {
        if (blocked.has(d)) continue;
        blocked.add(d);
        block(d);
      }
    };
    const finish = () => {
      if (running > 0) return;
      if (ready.length > 0 && !stop) return;
      const finished = new Set([...result.done, ...result.failed.map((f) => f.key)]);
      result.skipped = nodes.map((n) => n.key).filter((k) => !finished.has(k));
      resolve(result);
    };
    const pump = () => {
      while (!stop && running < limit) {
        const key = pick();
        if (key === undefined) break;
        running++;
        Promise.resolve()
          .then(() => run(key))
          .then(
            () => {
              result.done.push(key);
              for (const d of dependents.get(key) ?? []) {
                const left = waitingOn.get(d)! - 1;
                waitingOn.set(d, left);
                if (left === 0 && !blocked.has(d)) ready.push(d);
              }
            },
            (error: unknown) => {
              result.failed.push({ key, error });
              if (options.continueOnError) block(key);
              else stop = true;
            },
          )
          .finally(() => {
            running--;
            pump();
            finish();
          });
      }
      finish();
    };
    pump();
  });
}
