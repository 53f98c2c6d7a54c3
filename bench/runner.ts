/**
 * Deploy benchmark on the simulator's realistic profile, in scaled time: every duration of the
 * simulator (LROs, latency, quota window) and of the client (poll cadence, rate-limit window) is
 * multiplied by `scale`, so a run that would take 10 min against Fabric takes 10 min × scale here
 * and every figure is reported back in real-time equivalents and as ratios.
 *
 * The simulator runs in a child process (this same bundle with `--serve-sim`), so its CPU does not
 * stall the deploy's event loop. The deploy's own CPU (reading the repository, building payloads,
 * fsyncing the journal) is not scaled: at scale s it weighs 1/s times more than against Fabric,
 * so the ratios here are conservative (too high, never too low).
 *
 * Compiled by bench/run.mjs with esbuild (there is no TS runner) and run as plain ESM.
 *
 * Scenarios: (a) the fabric-cicd sample, environment PPE (40 item folders); (b) 500 generated
 * items with dependency chains. Each: fresh deploy, then unchanged re-deploy. Then a max-parallel
 * sweep on the fresh deploy of (b) picks the default.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { executeCommand } from '../src/commands';
import { longestChain } from '../src/deploy/graph';
import { createRunContext } from '../src/run-context';
import type { FabricTokenProvider } from '../src/identity/provider';
import type { Annotation, Host, Logger } from '../src/hosts/host';
import { staticTokenProvider } from '../src/identity/token';
import type { DeploymentReport } from '../src/report/model';
import { resolveSettings } from '../src/settings/settings';
import { main as simulatorMain } from '../src/simulator/cli';
import {
  REALISTIC_LRO_MS,
  REALISTIC_MEDIAN_LRO_MS,
  REALISTIC_SYNC_CREATE_TYPES,
} from '../src/simulator/profiles';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile, pollLags, runStrategies, type StrategyMeasure } from './strategies';

const QUOTA_PER_MIN = 200;

interface Options {
  scale: number;
  sample: string;
  items: number;
  sweep: number[];
  maxParallel: number;
  clientConcurrency?: number;
  only?: string;
  json?: string;
  pacing: boolean;
  strategies: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    scale: 0.1,
    sample: path.resolve('../shared/fixtures/fabric-cicd-sample'),
    items: 500,
    sweep: [4, 8, 16, 32],
    maxParallel: 16,
    pacing: true,
    strategies: ['graph', 'bulk', 'auto'],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = () => argv[++i]!;
    if (a === '--scale') o.scale = Number(v());
    else if (a === '--sample') o.sample = path.resolve(v());
    else if (a === '--items') o.items = Number(v());
    else if (a === '--sweep') o.sweep = v().split(',').filter(Boolean).map(Number);
    else if (a === '--max-parallel') o.maxParallel = Number(v());
    else if (a === '--client-concurrency') o.clientConcurrency = Number(v());
    else if (a === '--only') o.only = v();
    else if (a === '--json') o.json = path.resolve(v());
    else if (a === '--no-pacing') o.pacing = false;
    else if (a === '--strategies') o.strategies = v().split(',').filter(Boolean);
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

// ---------------------------------------------------------------- a quiet host

function quietHost(inputs: Record<string, string>, temp: string): Host {
  const log: Logger = {
    info: () => {},
    warn: () => {},
    error: (m: string, _a?: Annotation) => process.stderr.write(`  error: ${m}\n`),
    debug: () => {},
    group: (_n, fn) => fn(),
  };
  return {
    kind: 'cli',
    log,
    getInput: (n) => inputs[n],
    setOutput: () => {},
    setSecret: () => {},
    mask: (t) => t,
    writeSummary: async () => undefined,
    tempDir: () => temp,
    setResult: () => {},
  };
}

// ---------------------------------------------------------------- projects

function writeProject(dir: string, workspace: string, itemsDir: string, parameterFile?: string): void {
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: ${workspace}\n  capacity:\n    name: F64 Production\nitems:\n  directory: ${JSON.stringify(itemsDir)}\n` +
      (parameterFile ? `  parameterFile: ${JSON.stringify(parameterFile)}\n` : ''),
  );
}

const lid = (n: number) => `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function platform(type: string, name: string, n: number): string {
  return JSON.stringify({
    $schema:
      'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json',
    metadata: { type, displayName: name },
    config: { version: '2.0', logicalId: lid(n) },
  });
}

/**
 * `count` items with dependency chains, in proportions of a real analytics workspace:
 * lakehouses, environments, chains of 10 notebooks (each referencing the previous), semantic
 * models each with a report, pipelines running the tail of a notebook chain and chained in fours.
 */
function generate(dir: string, count: number): void {
  let n = 0;
  const add = (type: string, name: string, files: Record<string, string>, folder = '') => {
    n++;
    const d = path.join(dir, folder, `${name}.${type}`);
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, '.platform'), platform(type, name, n));
    for (const [f, t] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
      writeFileSync(path.join(d, f), t);
    }
    return n;
  };
  const share = (f: number) => Math.max(1, Math.round(count * f));
  const lakehouses = share(0.04);
  const envs = share(0.04);
  const chains = Math.max(1, Math.round(share(0.6) / 10));
  const models = share(0.12);
  for (let i = 0; i < lakehouses; i++) add('Lakehouse', `lh_${i}`, { 'lakehouse.metadata.json': '{}' });
  for (let i = 0; i < envs; i++)
    add('Environment', `env_${i}`, { 'Setting/Sparkcompute.yml': `driver_cores: ${4 + (i % 4)}\n` });
  const tails: number[] = [];
  for (let c = 0; c < chains; c++) {
    let prev: number | undefined;
    for (let k = 0; k < 10; k++) {
      const body = `# Fabric notebook source\n# chain ${c} step ${k}\n${prev ? `# run ${lid(prev)}\n` : ''}print(${c * 10 + k})\n`;
      prev = add('Notebook', `nb_${c}_${k}`, { 'notebook-content.py': body }, `chain_${c % 5}`);
    }
    tails.push(prev!);
  }
  for (let i = 0; i < models; i++) {
    const m = add('SemanticModel', `sm_${i}`, {
      'definition.pbism': JSON.stringify({ version: '4.0' }),
      'definition/model.tmdl': `model Model\n  culture: en-US\n// ${i}\n`,
    });
    add('Report', `rp_${i}`, {
      'definition.pbir': JSON.stringify({
        version: '1.0',
        datasetReference: { byConnection: { connectionString: null, pbiModelDatabaseName: lid(m) } },
      }),
      'report.json': JSON.stringify({ sections: [{ name: `page${i}` }] }),
    });
  }
  let p = 0;
  let prevPipe: number | undefined;
  while (n < count) {
    const acts = [
      {
        type: 'TridentNotebook',
        typeProperties: {
          notebookId: lid(tails[p % tails.length]!),
          workspaceId: '00000000-0000-0000-0000-000000000000',
        },
      },
    ];
    if (prevPipe && p % 4 !== 0)
      acts.push({
        type: 'ExecutePipeline',
        typeProperties: { notebookId: lid(prevPipe), workspaceId: '00000000-0000-0000-0000-000000000000' },
      });
    prevPipe = add('DataPipeline', `pl_${p}`, {
      'pipeline-content.json': JSON.stringify({ properties: { activities: acts } }, null, 2),
    });
    p++;
  }
}

// ---------------------------------------------------------------- one measured run

interface Measure {
  scenario: string;
  run: string;
  maxParallel: number;
  items: number;
  result: string;
  /** Real-time equivalents (ms). */
  wallMs: number;
  lowerBoundMs: number;
  chainMs: number;
  platformBoundMs: number;
  lroBoundMs: number;
  requests: number;
  platformCalls: number;
  lroCalls: number;
  throttled: number;
  ratio: number;
  actions: Record<string, number>;
  chosen?: string;
  pollLagP50Ms?: number;
  pollLagP95Ms?: number;
  /** One export of what the plan read plus the changed items' own chain (real-time ms). */
  exportPlusChangedMs: number;
}

const opMs = (type: string, kind: 'create' | 'update' | 'get') => {
  if (REALISTIC_SYNC_CREATE_TYPES.includes(type)) return 0;
  const base = REALISTIC_LRO_MS[type] ?? REALISTIC_MEDIAN_LRO_MS;
  return kind === 'get' ? base / 4 : base;
};

/** The least a perfect client could take: the heaviest chain, or the quota (per bucket) for the calls that cannot be avoided. */
function lowerBound(report: DeploymentReport): { chainMs: number; platformCalls: number; lroCalls: number } {
  const plan = report.plan!;
  const nodes = plan.items.map((i) => ({
    key: i.key,
    dependsOn: i.dependsOn,
    weight:
      i.action === 'create' ? opMs(i.type, 'create') : i.action === 'update' ? opMs(i.type, 'update') : 0,
  }));
  // Reading definitions (to find what is unchanged) has no dependencies: one level of gets.
  const gets = plan.items.filter(
    (i) => i.id && !['Lakehouse', 'Warehouse', 'SQLDatabase', 'MLExperiment'].includes(i.type),
  );
  const readMs = Math.max(0, ...gets.map((i) => opMs(i.type, 'get')));
  const chainMs = (plan.workspace.action === 'create' ? 0 : readMs) + longestChain(nodes).weight;
  let platformCalls = 1 + (plan.workspace.action === 'create' ? 1 : 3); // find, (create | get, list items, list folders)
  let lroCalls = 0;
  for (const i of plan.items) {
    const async = !REALISTIC_SYNC_CREATE_TYPES.includes(i.type);
    if (i.action === 'create') {
      platformCalls++;
      if (async) lroCalls += 2; // one poll that sees Succeeded, one result fetch
    } else if (i.action === 'update') {
      platformCalls++;
      if (async) lroCalls += 1;
    }
  }
  for (const i of gets) {
    platformCalls++;
    if (!REALISTIC_SYNC_CREATE_TYPES.includes(i.type)) lroCalls += 2;
  }
  platformCalls += plan.folders.filter((f) => f.action === 'create').length;
  return { chainMs, platformCalls, lroCalls };
}

interface Sim {
  url: string;
  fabricApiUrl: string;
  token: string;
  child: ChildProcess;
}

async function startSim(scale: number): Promise<Sim> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    [self, '--serve-sim', '--profile', 'realistic', '--time-scale', String(scale), '--seed', '7', '--quiet'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let buf = '';
  return new Promise<Sim>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`simulator exited (${code})`)));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        const j = JSON.parse(line) as { url: string; fabricApiUrl: string; token: string };
        resolve({ url: j.url, fabricApiUrl: j.fabricApiUrl, token: j.token, child });
      }
    });
  });
}

async function simRequests(sim: Sim): Promise<{ path: string; status: number; time: string }[]> {
  const r = await fetch(`${sim.url}/_sim/requests`);
  return ((await r.json()) as { value: { path: string; status: number; time: string }[] }).value;
}

async function measure(
  sim: Sim,
  o: Options,
  scenario: string,
  run: string,
  dir: string,
  maxParallel: number,
  environment?: string,
  strategy?: string,
): Promise<Measure> {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-tmp-'));
  const host = quietHost(
    {
      config: path.join(dir, 'fabric-deploy.yml'),
      command: 'deploy',
      'max-parallel': String(maxParallel),
      'fabric-api-url': sim.fabricApiUrl,
      auth: 'token',
      token: sim.token,
      ...(environment ? { environment } : {}),
      ...(strategy ? { strategy } : {}),
    },
    temp,
  );
  const settings = resolveSettings(host, {});
  const token = sim.token;
  const tokens: FabricTokenProvider = {
    ...staticTokenProvider(token),
    kind: 'token',
    description: 'bench',
    tokenFor: async () => token,
  };
  const s = o.scale;
  // The shipped client's defaults, with every clock scaled like the simulator's.
  const ctx = createRunContext({
    host,
    settings,
    tokens,
    client: {
      ...(o.clientConcurrency !== undefined ? { maxConcurrency: o.clientConcurrency } : {}),
      rateLimit: { windowMs: 60_000 * s },
      retry: { baseDelayMs: 2000 * s },
      lro: { initialDelayMs: 1000 * s, minIntervalMs: 500 * s, maxIntervalMs: 30_000 * s },
    },
  });
  const client = ctx.client;
  await fetch(`${sim.url}/_sim/requests`, { method: 'DELETE' });
  const since = Date.now();
  const t0 = performance.now();
  const report = await executeCommand(ctx, { lroPacing: o.pacing });
  const wall = (performance.now() - t0) / s;
  await client.close();
  rmSync(temp, { recursive: true, force: true });
  const log = (await simRequests(sim)).filter((e) => e.path.startsWith('/v1/'));
  const ops = (
    (await (await fetch(`${sim.url}/_sim/state`)).json()) as { operations: Parameters<typeof pollLags>[0] }
  ).operations;
  const lags = pollLags(ops, log, since);
  // Reading the workspace (one export per 1,000 items) and then the changed items' own chain.
  const changed = report.plan!.items.filter((i) => i.action === 'create' || i.action === 'update');
  const changedChainMs = longestChain(
    changed.map((i) => ({
      key: i.key,
      dependsOn: i.dependsOn,
      weight: opMs(i.type, i.action === 'create' ? 'create' : 'update'),
    })),
  ).weight;
  const exported = report.plan!.reads?.export ?? 0;
  const requests = log.length;
  const lro = log.filter((e) => e.path.startsWith('/v1/operations/')).length;
  const platform = requests - lro;
  const throttled = log.filter((e) => e.status === 429).length;
  const lb = lowerBound(report);
  // The quota is a bucket of QUOTA calls refilled at QUOTA per minute: the first QUOTA calls are free.
  const quotaMs = (calls: number) => (Math.max(0, calls - QUOTA_PER_MIN) * 60_000) / QUOTA_PER_MIN;
  const platformBoundMs = quotaMs(lb.platformCalls);
  const lroBoundMs = quotaMs(lb.lroCalls);
  const lowerBoundMs = Math.max(lb.chainMs, platformBoundMs, lroBoundMs);
  const actions: Record<string, number> = {};
  for (const i of report.items) actions[i.action] = (actions[i.action] ?? 0) + 1;
  return {
    scenario,
    run,
    maxParallel,
    items: report.items.length,
    result: report.result + (report.error ? `: ${report.error}` : ''),
    wallMs: wall,
    lowerBoundMs,
    chainMs: lb.chainMs,
    platformBoundMs,
    lroBoundMs,
    requests,
    platformCalls: platform,
    lroCalls: lro,
    throttled,
    ratio: wall / lowerBoundMs,
    actions,
    chosen: report.plan?.strategy?.chosen,
    pollLagP50Ms: lags.length ? percentile(lags, 50)! / s : undefined,
    pollLagP95Ms: lags.length ? percentile(lags, 95)! / s : undefined,
    exportPlusChangedMs: (exported ? 2000 + 10 * exported : 0) + changedChainMs,
  };
}

// ---------------------------------------------------------------- main

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function row(m: Measure): string {
  const bound =
    m.lowerBoundMs === m.chainMs ? 'chain' : m.lowerBoundMs === m.lroBoundMs ? 'LRO quota' : 'platform quota';
  return `| ${m.scenario} | ${m.run} | ${m.maxParallel} | ${m.items} | ${sec(m.wallMs)} | ${m.requests} (${m.platformCalls} + ${m.lroCalls} polls) | ${m.throttled} | ${sec(m.lowerBoundMs)} (${bound}) | **${m.ratio.toFixed(2)}** |`;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--serve-sim') {
    await simulatorMain(process.argv.slice(3));
    return;
  }
  const o = parseArgs(process.argv.slice(2));
  const sim = await startSim(o.scale);
  // The connections the sample's semantic_model_binding names for PPE (a tenant using the sample has them).
  await fetch(`${sim.url}/_sim/state`, {
    method: 'POST',
    body: JSON.stringify({
      connections: Object.fromEntries(
        [
          ['76e05dfe-9855-4e3d-a410-1dda048dbe99', 'PPE default'],
          ['f96870d5-5f86-49ad-bf41-5967fd7c1c6d', 'PPE cloud connections'],
        ].map(([id, displayName]) => [
          id,
          {
            id,
            displayName,
            connectivityType: 'ShareableCloud',
            connectionDetails: { type: 'SQL', path: `${id}.database.windows.net;db` },
          },
        ]),
      ),
    }),
  });
  const out: Measure[] = [];
  let strategyRuns: StrategyMeasure[] = [];
  const print = (m: Measure) => {
    out.push(m);
    process.stdout.write(`${row(m)}${m.result.startsWith('succeeded') ? '' : `  ← ${m.result}`}\n`);
  };
  process.stdout.write(
    `fabric-deploy benchmark — simulator realistic profile, time scale ${o.scale} (figures are real-time equivalents: measured ÷ ${o.scale})\n\n`,
  );
  process.stdout.write(
    '| Scenario | Run | max-parallel | Items | Wall | Requests | 429s | Lower bound | Wall ÷ bound |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n',
  );
  try {
    if ((!o.only || o.only === 'sample') && !existsSync(o.sample))
      process.stdout.write(
        `skipped the fabric-cicd sample: ${o.sample} is not there (a plain clone has no ../shared; give --sample DIR)\n`,
      );
    else if (!o.only || o.only === 'sample') {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-sample-'));
      writeProject(dir, 'bench-sample', o.sample, path.join(o.sample, 'parameter.yml'));
      print(await measure(sim, o, 'fabric-cicd sample (PPE)', 'fresh', dir, o.maxParallel, 'PPE'));
      print(await measure(sim, o, 'fabric-cicd sample (PPE)', 'unchanged', dir, o.maxParallel, 'PPE'));
    }
    if (!o.only || o.only === 'generated') {
      const items = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-items-'));
      generate(items, o.items);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-gen-'));
      writeProject(dir, 'bench-generated', items);
      print(await measure(sim, o, `${o.items} generated`, 'fresh', dir, o.maxParallel));
      print(await measure(sim, o, `${o.items} generated`, 'unchanged', dir, o.maxParallel));
      if (o.sweep.length) {
        process.stdout.write(
          `\nmax-parallel sweep (fresh deploy of the ${o.items} generated items, a new workspace each):\n\n`,
        );
        process.stdout.write(
          '| Scenario | Run | max-parallel | Items | Wall | Requests | 429s | Lower bound | Wall ÷ bound |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n',
        );
        const sweep: Measure[] = [];
        for (const mp of o.sweep) {
          const d = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-sweep-'));
          writeProject(d, `bench-sweep-${mp}`, items);
          const m = await measure(sim, o, `${o.items} generated`, 'fresh', d, mp);
          sweep.push(m);
          print(m);
        }
        const best = Math.min(...sweep.map((m) => m.wallMs));
        const pick = sweep.find((m) => m.wallMs <= best * 1.05)!;
        process.stdout.write(`\nSmallest max-parallel within 5 % of the fastest: ${pick.maxParallel}\n`);
      }
    }
    if ((!o.only || o.only === 'strategies') && o.strategies.length) {
      const items = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-items-'));
      generate(items, o.items);
      const toRow = (m: Measure, strategy: string, bound?: [number, string]): StrategyMeasure => ({
        scenario: m.scenario,
        run: m.run,
        strategy,
        chosen: m.chosen,
        items: m.items,
        result: m.result,
        wallMs: m.wallMs,
        requests: m.requests,
        platformCalls: m.platformCalls,
        lroCalls: m.lroCalls,
        throttled: m.throttled,
        pollLagP50Ms: m.pollLagP50Ms,
        pollLagP95Ms: m.pollLagP95Ms,
        ...(bound ? { boundMs: bound[0], boundNote: bound[1] } : {}),
      });
      strategyRuns = await runStrategies({
        strategies: o.strategies,
        generatedItems: items,
        count: o.items,
        sample: existsSync(o.sample) ? o.sample : undefined,
        writeProject,
        measure: async (scenario, run, dir, extra) => {
          const m = await measure(
            sim,
            o,
            scenario,
            run,
            dir,
            o.maxParallel,
            extra.environment,
            extra.strategy,
          );
          const bound: [number, string] | undefined =
            // A bulk deploy makes a few calls: its bound is the chain; the graph's, chain or quota.
            run === 'fresh' && m.chosen === 'bulk'
              ? [m.chainMs, 'chain']
              : run === 'fresh'
                ? [m.lowerBoundMs, m.lowerBoundMs === m.chainMs ? 'chain' : 'quota']
                : run === '10 changed'
                  ? [m.exportPlusChangedMs, 'export + changed chain']
                  : undefined;
          return toRow(m, extra.strategy, bound);
        },
      });
    }
  } finally {
    sim.child.kill('SIGTERM');
  }
  if (o.json)
    writeFileSync(o.json, JSON.stringify({ scale: o.scale, runs: out, strategies: strategyRuns }, null, 2));
}

main().catch((e: unknown) => {
  process.stderr.write(`benchmark failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
