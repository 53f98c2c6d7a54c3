/** The CLI (`simulate`): READY line, endpoint JSON, --faults FILE, --state persistence across restarts. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { main } from '../../src/simulator/cli';
import { startSimulator } from '../../src/simulator';
import { client } from '../support/sim-client';

const dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));

async function runMain(args: string[]) {
  const lines: string[] = [];
  const sim = await main(['--quiet', ...args], {
    stdout: (s) => lines.push(...s.split('\n').filter(Boolean)),
    stderr: () => {},
    handleSignals: false,
  });
  return { sim, lines };
}

test('prints READY <url> first, then one JSON line with every endpoint and a working token', async () => {
  const { sim, lines } = await runMain(['--port', '0', '--page-size', '2']);
  try {
    expect(lines[0]).toBe(`READY ${sim.url}`);
    expect(lines[0]).toMatch(/^READY http:\/\/127\.0\.0\.1:\d+$/);
    const info = JSON.parse(lines[1]!);
    for (const k of [
      'fabricApiUrl',
      'tlsUrl',
      'authorityHost',
      'keyVaultUrl',
      'graphUrl',
      'appInsightsConnectionString',
      'caCertPath',
      'tenantId',
      'token',
    ])
      expect(info[k]).toBeTruthy();
    expect(readFileSync(info.caCertPath, 'utf8')).toContain('BEGIN CERTIFICATE');
    const r = await fetch(`${info.fabricApiUrl}/workspaces`, {
      headers: { Authorization: `Bearer ${info.token}` },
    });
    expect(r.status).toBe(200);
  } finally {
    await sim.close();
  }
});

test('--faults FILE (YAML) and bad flags', async () => {
  const file = path.join(dir, 'faults.yml');
  writeFileSync(
    file,
    '- method: GET\n  path: /v1/workspaces\n  action: { status: 503, retryAfter: 1 }\n  times: 1\n',
  );
  const { sim } = await runMain(['--faults', file]);
  try {
    const c = client(sim);
    expect((await c.call('GET', '/workspaces')).status).toBe(503);
    expect((await c.call('GET', '/workspaces')).status).toBe(200);
  } finally {
    await sim.close();
  }
  await expect(runMain(['--profile', 'slow'])).rejects.toThrow(/profile/);
  await expect(runMain(['--port', 'abc'])).rejects.toThrow();
});

test('--state persists workspaces, items and the signing key across restarts', async () => {
  const state = path.join(dir, 'state.json');
  const first = await runMain(['--state', state]);
  const token = JSON.parse(first.lines[1]!).token as string;
  const c1 = client(first.sim, token);
  const ws = (await c1.call('POST', '/workspaces', { displayName: 'Persisted' })).body;
  await c1.lro(
    await c1.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'Kept', type: 'Notebook' }),
  );
  await first.sim.close();
  expect(JSON.parse(readFileSync(state, 'utf8')).workspaces[ws.id].displayName).toBe('Persisted');

  const second = await startSimulator({ statePath: state });
  try {
    // The old token still verifies: the signing key is part of the saved state.
    const c2 = client(second, token);
    expect((await c2.call('GET', '/workspaces')).body.value.map((w: any) => w.displayName)).toEqual([
      'Persisted',
    ]);
    expect(
      (await c2.call('GET', `/workspaces/${ws.id}/items`)).body.value.map((i: any) => i.displayName),
    ).toEqual(['Kept']);
  } finally {
    await second.close();
  }
});

// The bundled entry, as users and the demo run it (built by `npm run bundle`).
const bundle = path.join(process.cwd(), 'dist', 'simulator.js');
(existsSync(bundle) ? test : test.skip)(
  'dist/simulator.js: READY line, SIGTERM stops cleanly and saves state',
  async () => {
    const state = path.join(dir, 'bundle-state.json');
    const child = spawn(process.execPath, [bundle, '--port', '0', '--quiet', '--state', state], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const it = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const ready = (await it.next()).value as string;
    expect(ready).toMatch(/^READY http:\/\/127\.0\.0\.1:\d+$/);
    const info = JSON.parse((await it.next()).value as string);
    const r = await fetch(`${info.fabricApiUrl}/workspaces`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${info.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'From bundle' }),
    });
    expect(r.status).toBe(201);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(readFileSync(state, 'utf8')).toContain('From bundle');
  },
);
