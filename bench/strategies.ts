/**
 * The deploy strategies side by side (issue #13): for each of graph, bulk and auto, the generated
 * repository fresh (a new workspace), unchanged, with 10 notebooks changed, and the fabric-cicd sample
 * fresh. Each row: wall time (real-time equivalent), requests (platform + polls), 429s, poll lag
 * (from an operation's end to the poll that saw it, p50/p95) and what auto chose. The targets of the
 * issue are computed from the same run (ratios), never asserted: this is a benchmark, not a test.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StrategyMeasure {
  scenario: string;
  run: string;
  strategy: string;
  chosen?: string;
  items: number;
  result: string;
  wallMs: number;
  requests: number;
  platformCalls: number;
  lroCalls: number;
  throttled: number;
  pollLagP50Ms?: number;
  pollLagP95Ms?: number;
  /** Real-time equivalents (ms) of the issue's bounds, where one applies. */
  boundMs?: number;
  boundNote?: string;
}

export type MeasureFn = (
  scenario: string,
  run: string,
  dir: string,
  extra: { strategy: string; environment?: string },
) => Promise<StrategyMeasure>;

const sec = (ms?: number) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);

function row(m: StrategyMeasure): string {
  const lag = m.pollLagP50Ms === undefined ? '–' : `${sec(m.pollLagP50Ms)} / ${sec(m.pollLagP95Ms)}`;
  const per100 = ((m.requests / Math.max(1, m.items)) * 100).toFixed(0);
  const bound = m.boundMs
    ? `${sec(m.boundMs)} (${m.boundNote}) → **${(m.wallMs / m.boundMs).toFixed(2)}×**`
    : '–';
  return `| ${m.scenario} | ${m.run} | ${m.strategy}${m.chosen && m.strategy === 'auto' ? ` → ${m.chosen}` : ''} | ${m.items} | ${sec(m.wallMs)} | ${m.requests} (${m.platformCalls} + ${m.lroCalls}) | ${per100} | ${m.throttled} | ${lag} | ${bound} |`;
}

/** Changes 10 notebooks (the last of each chain first): independent of each other, referenced by pipelines. */
function changeTen(itemsDir: string): void {
  const notebooks: string[] = [];
  for (const folder of readdirSync(itemsDir).filter((d) => d.startsWith('chain_')))
    for (const nb of readdirSync(path.join(itemsDir, folder)))
      if (nb.endsWith('.Notebook')) notebooks.push(path.join(itemsDir, folder, nb));
  notebooks.sort((a, b) => Number(b.endsWith('_9.Notebook')) - Number(a.endsWith('_9.Notebook')));
  for (const nb of notebooks.slice(0, 10)) {
    const f = path.join(nb, 'notebook-content.py');
    writeFileSync(f, readFileSync(f, 'utf8') + `print("changed ${Date.now()}")\n`);
  }
}

export async function runStrategies(opts: {
  strategies: string[];
  generatedItems: string;
  count: number;
  sample?: string;
  writeProject: (dir: string, workspace: string, itemsDir: string, parameterFile?: string) => void;
  measure: MeasureFn;
}): Promise<StrategyMeasure[]> {
  const out: StrategyMeasure[] = [];
  const print = (m: StrategyMeasure) => {
    out.push(m);
    process.stdout.write(`${row(m)}${m.result.startsWith('succeeded') ? '' : `  ← ${m.result}`}\n`);
  };
  process.stdout.write(
    '\nStrategies (graph, bulk, auto):\n\n| Scenario | Run | Strategy | Items | Wall | Requests (platform + polls) | per 100 items | 429s | Poll lag p50 / p95 | Bound → wall ÷ bound |\n|---|---|---|---:|---:|---:|---:|---:|---:|---|\n',
  );
  for (const strategy of opts.strategies) {
    // Each strategy its own copy of the repository (the 10-change edits it) and its own workspace.
    const items = mkdtempSync(path.join(os.tmpdir(), `fd-bench-${strategy}-items-`));
    cpSync(opts.generatedItems, items, { recursive: true });
    const dir = mkdtempSync(path.join(os.tmpdir(), `fd-bench-${strategy}-`));
    opts.writeProject(dir, `bench-${strategy}-${opts.count}`, items);
    const label = `${opts.count} generated`;
    const fresh = await opts.measure(label, 'fresh', dir, { strategy });
    print(fresh);
    const unchanged = await opts.measure(label, 'unchanged', dir, { strategy });
    unchanged.boundMs = fresh.wallMs * 0.1;
    unchanged.boundNote = '10 % of fresh';
    print(unchanged);
    changeTen(items);
    print(await opts.measure(label, '10 changed', dir, { strategy }));
    if (opts.sample) {
      const s = mkdtempSync(path.join(os.tmpdir(), `fd-bench-${strategy}-sample-`));
      opts.writeProject(s, `bench-${strategy}-sample`, opts.sample, path.join(opts.sample, 'parameter.yml'));
      print(await opts.measure('fabric-cicd sample (PPE)', 'fresh', s, { strategy, environment: 'PPE' }));
    }
  }
  return out;
}

/** Poll lag: for each operation, from its end to the first poll at or after it (ms, unscaled). */
export function pollLags(
  operations: Record<string, { id: string; doneAt: number; startAt: number }>,
  log: { path: string; time: string }[],
  since: number,
): number[] {
  const polls = new Map<string, number[]>();
  for (const e of log) {
    const m = /^\/v1\/operations\/([^/]+)$/.exec(e.path);
    if (!m) continue;
    (polls.get(m[1]!) ?? polls.set(m[1]!, []).get(m[1]!)!).push(Date.parse(e.time));
  }
  const lags: number[] = [];
  for (const op of Object.values(operations)) {
    if (op.startAt < since) continue;
    const seen = (polls.get(op.id) ?? []).filter((t) => t >= op.doneAt).sort((a, b) => a - b)[0];
    if (seen !== undefined) lags.push(seen - op.doneAt);
  }
  return lags;
}

export function percentile(xs: number[], p: number): number | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
