// Start-up cost of the bundle: process start → first Fabric request, and peak memory, for a `plan` run
// through the CLI with telemetry off and on (the Application Insights SDK must load only when it is on).
// Run: `node bench/startup.mjs [--runs 5]` (part of `npm run bench`). Figures are medians of one run.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSimulatorProcess } from '../scripts/sim-process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 5) || 5;
const sim = await startSimulatorProcess(['--quiet']);

const dir = mkdtempSync(path.join(os.tmpdir(), 'startup-'));
const config = path.join(dir, 'fabric-deploy.yml');
writeFileSync(
  config,
  `version: 1\nworkspace:\n  name: startup-bench\nitems:\n  directory: ${path.join(root, 'examples', 'workspace')}\n`,
);

async function requestsSince(seq) {
  const r = await fetch(`${sim.url}/_sim/requests?since=${seq}`);
  return (await r.json()).value.filter((e) => e.path.startsWith('/v1/'));
}
async function lastSeq() {
  const all = (await (await fetch(`${sim.url}/_sim/requests`)).json()).value;
  return all.length ? all[all.length - 1].seq : 0;
}

async function once(telemetry) {
  const seq = await lastSeq();
  const env = {
    PATH: process.env.PATH,
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: sim.token,
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
    ...(telemetry
      ? {
          FABRIC_DEPLOY_FEATURES: 'telemetry',
          FABRIC_DEPLOY_TELEMETRY_CONNECTION_STRING: sim.appInsightsConnectionString,
        }
      : {}),
  };
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      pathToFileURL(path.join(root, 'bench', 'report-rss.mjs')).href,
      path.join(root, 'dist', 'index.js'),
      'plan',
      '--config',
      config,
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((r) => child.on('close', r));
  const wall = Date.now() - started;
  const first = (await requestsSince(seq))[0];
  const rss = Number(/BENCH_MAX_RSS_KB (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  if (code !== 0 || !first) throw new Error(`plan failed (${code}): ${stderr.slice(-500)}`);
  return { toFirstRequest: Date.parse(first.time) - started, wall, rss };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
try {
  for (const telemetry of [false, true]) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await once(telemetry));
    results[telemetry ? 'on' : 'off'] = {
      toFirstRequestMs: median(samples.map((s) => s.toFirstRequest)),
      wallMs: median(samples.map((s) => s.wall)),
      peakRssMb: median(samples.map((s) => s.rss)),
    };
  }
} finally {
  await sim.stop();
}
const { off, on } = results;
console.log(`\nStart-up of dist/index.js (plan of examples/, node ${process.version}, median of ${runs})`);
console.log('| telemetry | process start → first Fabric request | whole run | peak RSS |');
console.log('|---|---:|---:|---:|');
for (const [k, r] of Object.entries(results)) {
  console.log(`| ${k} | ${r.toFirstRequestMs} ms | ${r.wallMs} ms | ${r.peakRssMb.toFixed(0)} MB |`);
}
console.log(
  `ratio on/off: first request ${(on.toFirstRequestMs / off.toFirstRequestMs).toFixed(2)}×, peak memory ${(on.peakRssMb / off.peakRssMb).toFixed(2)}×`,
);
