// Start-up cost of the bundle, measured against a bare `node -e 0` in the same run (samples interleaved,
// so a busy machine slows both alike): process start → first Fabric request for a `plan` of examples/
// through the CLI with telemetry off and on, and the peak memory of a one-item deploy. Wall time is seen
// from here (spawn → the simulator's log of the request); bench/probe.mjs inside the process adds the
// same in wall and CPU time since the process started (CPU time varies less on a busy machine).
// Run: `npm run bench:startup [-- --runs 9] [--entry other/dist/index.js]` (part of `npm run bench`);
// --entry compares another build (e.g. an older dist/ from `git archive`). Figures are medians.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSimulatorProcess } from '../scripts/sim-process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const runs = Number(runsArg > 0 ? process.argv[runsArg + 1] : 7) || 7;
const entryArg = process.argv.indexOf('--entry');
const entry = path.resolve(entryArg > 0 ? process.argv[entryArg + 1] : path.join(root, 'dist', 'index.js'));
const LIMITS = { ratio: 2, rssMb: 100 };
const sim = await startSimulatorProcess(['--quiet']);

const dir = mkdtempSync(path.join(os.tmpdir(), 'startup-'));
const examples = path.join(root, 'examples', 'workspace');
const planConfig = path.join(dir, 'plan.yml');
writeFileSync(
  planConfig,
  `version: 1\nworkspace:\n  name: startup-bench\nitems:\n  directory: ${examples}\n`,
);
// One item: the smallest deploy there is (a new workspace each run, so every run creates).
const oneItem = path.join(dir, 'one-item');
mkdirSync(oneItem);
cpSync(path.join(examples, 'SalesLakehouse.Lakehouse'), path.join(oneItem, 'SalesLakehouse.Lakehouse'), {
  recursive: true,
});

async function lastSeq() {
  const all = (await (await fetch(`${sim.url}/_sim/requests`)).json()).value;
  return all.length ? all[all.length - 1].seq : 0;
}
async function firstFabricRequest(seq) {
  const r = await fetch(`${sim.url}/_sim/requests?since=${seq}`);
  return (await r.json()).value.find((e) => e.path.startsWith('/v1/'));
}

/** One process: wall time, peak RSS and what bench/probe.mjs saw inside it. */
async function spawnTimed(args, env) {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(path.join(root, 'bench', 'probe.mjs')).href, ...args],
    { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((r) => child.on('close', r));
  const rss = Number(/BENCH_MAX_RSS_KB (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}): ${stderr.slice(-800)}`);
  const probe = (name) =>
    /BENCH_\w+ (\d+) (\d+)/.exec(stderr.split('\n').find((l) => l.startsWith(name)) ?? '');
  const first = probe('BENCH_FIRST_REQUEST');
  const exit = probe('BENCH_EXIT');
  return {
    started,
    wallMs: Date.now() - started,
    rss,
    // Inside the process: until the first Fabric request, else (a bare node) until exit.
    innerWallMs: Number((first ?? exit)?.[1]),
    innerCpuMs: Number((first ?? exit)?.[2]),
  };
}

const bare = () => spawnTimed(['-e', '0'], {});

let n = 0;
async function product(command, config, telemetry) {
  const seq = await lastSeq();
  const env = {
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: sim.token,
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
    FABRIC_DEPLOY_WORKSPACE_NAME: `startup-bench-${++n}`,
    ...(telemetry
      ? {
          FABRIC_DEPLOY_FEATURES: 'telemetry',
          FABRIC_DEPLOY_TELEMETRY_CONNECTION_STRING: sim.appInsightsConnectionString,
        }
      : {}),
  };
  const args = [entry, command, '--config', config];
  if (command === 'deploy') args.push('--items-directory', oneItem);
  const r = await spawnTimed(args, env);
  const first = await firstFabricRequest(seq);
  if (!first) throw new Error(`${command}: no Fabric request`);
  return { ...r, toFirstRequestMs: Date.parse(first.time) - r.started };
}

const cases = {
  'plan, telemetry off': () => product('plan', planConfig, false),
  'plan, telemetry on': () => product('plan', planConfig, true),
  'deploy one item, telemetry off': () => product('deploy', planConfig, false),
};
const samples = { 'bare node -e 0': [] };
for (const k of Object.keys(cases)) samples[k] = [];
try {
  await product('plan', planConfig, false); // warm the file system cache and the simulator
  for (let i = 0; i < runs; i++) {
    for (const [k, run] of Object.entries(cases)) {
      samples['bare node -e 0'].push(await bare());
      samples[k].push(await run());
    }
  }
} finally {
  await sim.stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (xs) => ({
  // A bare node's "first request" is its exit: the whole of its start-up.
  first: median(xs.map((s) => s.toFirstRequestMs ?? s.wallMs)),
  innerWall: median(xs.map((s) => s.innerWallMs)),
  innerCpu: median(xs.map((s) => s.innerCpuMs)),
  wall: median(xs.map((s) => s.wallMs)),
  rss: median(xs.map((s) => s.rss)),
});
const rows = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, row(xs)]));
const bareRow = rows['bare node -e 0'];
const x = (r, k) => `${(r[k] / bareRow[k]).toFixed(2)}×`;
console.log(
  `\nStart-up of ${path.relative(root, entry)} (node ${process.version}, median of ${runs}, interleaved with a bare node)`,
);
console.log(
  '| run | start → first Fabric request | ratio | inside: wall | inside: CPU | whole run | peak RSS |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [k, r] of Object.entries(rows))
  console.log(
    `| ${k} | ${r.first} ms | ${x(r, 'first')} | ${r.innerWall} ms (${x(r, 'innerWall')}) | ` +
      `${r.innerCpu} ms (${x(r, 'innerCpu')}) | ${r.wall} ms | ${r.rss.toFixed(0)} MB |`,
  );
const plan = rows['plan, telemetry off'];
const rss = rows['deploy one item, telemetry off'].rss;
console.log(
  `\nfirst request / bare node: ${x(plan, 'first')} (goal ≤ ${LIMITS.ratio}×; inside the process ` +
    `${x(plan, 'innerWall')} wall, ${x(plan, 'innerCpu')} CPU); telemetry on: ` +
    `${x(rows['plan, telemetry on'], 'first')}; peak RSS of a one-item deploy: ${rss.toFixed(0)} MB ` +
    `(goal ≤ ${LIMITS.rssMb} MB)`,
);
