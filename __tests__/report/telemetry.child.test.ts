/**
 * In a fresh `node` (transpiled sources): with telemetry off the SDK is never loaded; with it on, a
 * hanging ingestion endpoint costs the flush its budget and nothing keeps the process alive after.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningSimulator } from '../../src/simulator';
import { withSimulator } from '../support/sim';
import { transpileReport } from '../support/transpile-report';

const HERE = path.dirname(fileURLToPath(import.meta.url));
let sim: RunningSimulator;
let built: ReturnType<typeof transpileReport>;

beforeAll(async () => {
  sim = await withSimulator();
  built = transpileReport();
});
afterAll(async () => {
  await sim?.close();
  built?.cleanup();
});

interface ChildResult {
  code: number | null;
  out: { mode: string; before: number; after: number; flushMs?: number; lines: string[] };
  exitAfterMs: number;
  wallMs: number;
}

function runChild(mode: string): Promise<ChildResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(HERE, '..', 'support', 'telemetry-driver.mjs'), built.dir, mode],
      {
        env: {
          ...process.env,
          SIM_CS: sim.appInsightsConnectionString,
          SIM_CA: sim.caCertPem,
          NODE_OPTIONS: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(kill);
      try {
        const out = JSON.parse(stdout.trim().split('\n').pop()!);
        const exitAfterMs = Number(/exit-after-ms (\d+)/.exec(stderr)?.[1] ?? NaN);
        resolve({ code, out, exitAfterMs, wallMs: Date.now() - started });
      } catch {
        reject(new Error(`driver failed (${code}): ${stderr}\n${stdout}`));
      }
    });
  });
}

test('telemetry off: applicationinsights is never loaded', async () => {
  const r = await runChild('off');
  expect(r.code).toBe(0);
  expect(r.out.before).toBe(0);
  expect(r.out.after).toBe(0);
  // On without a connection string: a warning, and still nothing loaded.
  expect(r.out.lines.join('\n')).toMatch(/telemetry is on but no connection string/);
});

test('telemetry on: the SDK loads, sends, and the process exits right after the flush', async () => {
  await fetch(`${sim.url}/_sim/telemetry`, { method: 'DELETE' });
  const r = await runChild('on');
  expect(r.code).toBe(0);
  expect(r.out.before).toBe(0);
  expect(r.out.after).toBeGreaterThan(0);
  const got = ((await (await fetch(`${sim.url}/_sim/telemetry`)).json()) as { value: any[] }).value;
  expect(got.map((e) => e.data?.baseData?.name)).toContain('DeploymentStarted');
  expect(r.exitAfterMs).toBeLessThan(5000);
});

test('a hanging ingestion endpoint: flush gives up after its budget, the run is not failed, the process exits', async () => {
  await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    body: JSON.stringify({ path: '/v2.1/track', action: { hang: true } }),
  });
  try {
    const r = await runChild('hang');
    expect(r.code).toBe(0);
    // Budget 2 s; generous bounds for a loaded CI machine.
    expect(r.out.flushMs).toBeGreaterThanOrEqual(1500);
    expect(r.out.flushMs).toBeLessThan(8000);
    expect(r.out.lines.join('\n')).toMatch(/did not answer within 2000 ms/);
    // Without the abort, the SDK's 30 s export timers would hold the process.
    expect(r.exitAfterMs).toBeLessThan(10_000);
  } finally {
    await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  }
});
