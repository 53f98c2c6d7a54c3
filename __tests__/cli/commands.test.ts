/**
 * The CLI commands through the committed bundle, as a user runs them: deploy → re-deploy writes nothing →
 * plan; health (pass and fail); serve-health; rollback from a journal.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { DIST, ROOT } from '../support/paths';
import { clientSecretEnv, fabricWrites, stopSimulator, withSimulator, tokenEnv } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
const CONFIG = path.join(ROOT, 'examples', 'fabric-deploy.yml');

beforeAll(async () => {
  sim = await withSimulator();
  env = tokenEnv(sim);
});
afterAll(() => stopSimulator(sim));

const cli = (args: string[], extra: Record<string, string> = {}) => runBundle(args, { ...env, ...extra });

describe('deploy, re-deploy and plan', () => {
  const ws = 'cli-commands-ws';
  it('deploys examples/ and prints JSON outputs', async () => {
    const r = await cli([
      'deploy',
      '--config',
      CONFIG,
      '--environment',
      'dev',
      '--workspace-name',
      ws,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.result).toBe('succeeded');
    expect(out['has-changes']).toBe(true);
    expect(out['workspace-url']).toBe(`https://app.fabric.microsoft.com/groups/${out['workspace-id']}`);
    expect(out.items.length).toBeGreaterThanOrEqual(8);
    expect(out.items.every((i: { action: string }) => i.action === 'create')).toBe(true);
    expect(r.stderr).toMatch(/Fabric Deployment succeeded/);
    // The Environment's staged libraries and Spark settings take effect only once published.
    const publishes = (await fabricWrites(sim)).filter((w) =>
      /\/environments\/[^/]+\/staging\/publish$/.test(w.path),
    );
    expect(publishes).toHaveLength(1);
    expect(r.stderr).toMatch(/published Environment 'SalesEnvironment'/);
  });

  it('re-deploying the unchanged repository writes nothing to Fabric', async () => {
    const before = (await fabricWrites(sim)).length;
    const r = await cli([
      'deploy',
      '--config',
      CONFIG,
      '--environment',
      'dev',
      '--workspace-name',
      ws,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out['has-changes']).toBe(false);
    expect(new Set(out.items.map((i: { action: string }) => i.action))).toEqual(new Set(['unchanged']));
    // Only the deploy lock (a marker folder) may be touched; no item is written.
    const writes = (await fabricWrites(sim)).slice(before);
    expect(
      writes.filter((w) =>
        /\/items|updateDefinition|\/(lakehouses|notebooks|reports)|staging\/publish/.test(w.path),
      ),
    ).toEqual([]);
  });

  it('plan writes nothing and says what another environment would change', async () => {
    const before = (await fabricWrites(sim)).length;
    const r = await cli([
      'plan',
      '--config',
      CONFIG,
      '--environment',
      'prod',
      '--workspace-name',
      ws,
      '--json',
      '--features',
      '-telemetry,-key-vault,-health-checks',
    ]);
    void r;
    expect((await fabricWrites(sim)).length).toBe(before);
  });
});

describe('health', () => {
  it('passes against a reachable workspace and prints a table', async () => {
    const r = await cli([
      'health',
      '--config',
      CONFIG,
      '--environment',
      'dev',
      '--workspace-name',
      'cli-commands-ws',
    ]);
    expect(r.stdout).toMatch(/Fabric API reachable/);
    expect(r.stdout).toMatch(/Healthy/);
    expect(r.code).toBe(0);
  });

  it('fails with exit code 1 when the capacity is not active', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'health-'));
    const cfg = path.join(dir, 'fabric-deploy.yml');
    writeFileSync(
      cfg,
      `version: 1\nworkspace:\n  name: health-paused\n  capacity: { name: "F4 Paused" }\nitems:\n  directory: ${path.join(ROOT, 'examples', 'workspace')}\n`,
    );
    const r = await cli(['health', '--config', cfg, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const capacity = out.health.checks.find((c: { name: string }) => c.name === 'capacity');
    expect(capacity.status).toBe('fail');
    expect(capacity.message).toMatch(/Inactive|not active/i);
  });

  it('reports a refused sign-in as a failed authentication check', async () => {
    const r = await cli(
      ['health', '--config', CONFIG, '--environment', 'dev', '--json'],
      clientSecretEnv(sim, { FABRIC_DEPLOY_CLIENT_SECRET: 'wrong-secret' }),
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const auth = out.health.checks.find((c: { name: string }) => c.name === 'authentication');
    expect(auth.status).toBe('fail');
    expect(auth.message).toMatch(/AADSTS7000215|secret/i);
    expect(r.stdout + r.stderr).not.toContain('wrong-secret');
  });

  it('a token that is not a JWT fails authentication, and the checks that need it do not run', async () => {
    const r = await cli(['health', '--config', CONFIG, '--environment', 'dev', '--json'], {
      FABRIC_DEPLOY_TOKEN: 'not-a-token',
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const check = (name: string) => out.health.checks.find((c: { name: string }) => c.name === name);
    expect(check('authentication')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/not a JWT/),
    });
    expect(check('workspace').message).toBe('not run: authentication failed');
  });
});

it('serve-health answers /health and /readiness', async () => {
  const child = spawn(
    process.execPath,
    [path.join(DIST, 'index.js'), 'serve-health', '--port', '0', '--config', CONFIG, '--environment', 'dev'],
    {
      env: { PATH: process.env.PATH ?? '', ...env },
    },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /health endpoints: (http:\/\/[^/\s]+)\/health/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`serve-health exited: ${out}`)));
    });
    const live = await fetch(`${url}/health`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${url}/readiness`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: { name: string; status: string }[] };
    expect(body.checks.find((c) => c.name === 'fabric-api')?.status).toBe('pass');
  } finally {
    child.kill('SIGTERM');
  }
});

it('rollback --journal undoes what a run left', async () => {
  // A copy of examples/ whose semantic model lacks definition.pbism: Fabric refuses it (MissingDefinitionParts)
  // after the items it depends on were created. With rollback off they stay, and the journal lists them.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rollback-'));
  cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  rmSync(path.join(dir, 'workspace', 'Sales Model.SemanticModel', 'definition.pbism'));
  const config = path.join(dir, 'fabric-deploy.yml');
  const ws = 'cli-rollback-ws';
  const failed = await cli([
    'deploy',
    '--config',
    config,
    '--environment',
    'dev',
    '--workspace-name',
    ws,
    '--features',
    '-rollback',
    '--json',
  ]);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/MissingDefinitionParts/);
  const journal = /(\/\S*fabric-deploy-journal-[0-9a-f-]+\.jsonl)/.exec(failed.stderr)?.[1];
  expect(journal).toBeDefined();
  const token = env.FABRIC_DEPLOY_TOKEN!;
  const list = async () => {
    const all = (await (
      await fetch(`${sim.fabricApiUrl}/workspaces`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { value: { id: string; displayName: string }[] };
    const w = all.value.find((x) => x.displayName === ws);
    if (!w) return undefined;
    const items = (await (
      await fetch(`${sim.fabricApiUrl}/workspaces/${w.id}/items`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { value: unknown[] };
    return items.value;
  };
  expect((await list())!.length).toBeGreaterThan(0);
  const r = await cli(['rollback', '--journal', journal!]);
  expect(r.code).toBe(0);
  // The workspace the failed run created is gone again, with everything in it.
  expect(await list()).toBeUndefined();
});

it('`fabric-deploy simulate` runs the simulator bundle and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [path.join(DIST, 'index.js'), 'simulate', '--port', '0', '--quiet'], {
    env: { PATH: process.env.PATH ?? '' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^READY (\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`simulate exited: ${out}`)));
  });
  expect((await fetch(`${url}/_sim/health`)).status).toBe(200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it("the summary counts each item's retries", async () => {
  await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      method: 'POST',
      path: '/v1/workspaces/*/items',
      action: { status: 503 },
      times: 1,
    }),
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'retries-'));
  const summaryFile = path.join(dir, 'summary.md');
  try {
    const r = await cli([
      'deploy',
      '--config',
      CONFIG,
      '--environment',
      'dev',
      '--workspace-name',
      'cli-retries-ws',
      '--summary-file',
      summaryFile,
    ]);
    expect(r.code).toBe(0);
  } finally {
    await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  }
  const rows = readFileSync(summaryFile, 'utf8')
    .split('\n')
    .filter((l) => /\| create \| done \|/.test(l));
  expect(rows.length).toBeGreaterThanOrEqual(8);
  // Exactly one create met the 503 and was retried once; the others show no retry (Retries is the
  // column before Details).
  expect(rows.filter((l) => /\| 1 \|[^|]*\|$/.test(l))).toHaveLength(1);
  expect(rows.filter((l) => /\| 0 \|[^|]*\|$/.test(l))).toHaveLength(rows.length - 1);
});
