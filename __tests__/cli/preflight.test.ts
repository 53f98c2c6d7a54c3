/**
 * Everything checkable is checked before the first write (issue #11, item 7), through the committed bundle
 * against the simulator: an unknown item type, a display name over Fabric's limit, an invalid Lakehouse
 * name, a workspace on a paused capacity and a `$items` target that exists nowhere are all reported in one
 * run, exit 1, with nothing written and the workspace unchanged.
 */
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { lid, notebook, platform, project, snapshot, writeItems } from '../support/deploy';
import { fabricWrites, stopSimulator, withSimulator, tokenEnv } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await withSimulator();
  env = tokenEnv(sim);
});
afterAll(() => stopSimulator(sim));

const cli = async (command: string, dir: string) => {
  const r = await runBundle([command, '--config', path.join(dir, 'fabric-deploy.yml')], env);
  return { ...r, out: r.stdout + r.stderr };
};

async function capacity(body: Record<string, string>): Promise<{ id: string }> {
  const res = await fetch(`${sim.url}/_sim/capacities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as { id: string };
}

const cfg = (ws: string, capacityId?: string) =>
  `version: 1\nworkspace:\n  name: ${ws}\n${capacityId ? `  capacity:\n    id: ${capacityId}\n` : ''}items:\n  directory: items\n  parameterFile: parameter.yml\n`;

test('five kinds of problem, one run: all listed at their places, exit 1, nothing written', async () => {
  const ws = 'preflight-ws';
  const cap = await capacity({ displayName: 'F2 Preflight', state: 'Active' });
  const dir = project(cfg(ws, cap.id), [notebook('nb_ok', 1)], { 'parameter.yml': 'find_replace: []\n' });
  const first = await cli('deploy', dir);
  expect(first.code).toBe(0);
  // The capacity is paused after the workspace was put on it; the config no longer names it.
  await capacity({ id: cap.id, displayName: 'F2 Preflight', state: 'Paused' });
  writeFileSync(path.join(dir, 'fabric-deploy.yml'), cfg(ws));
  const long = 'n'.repeat(257);
  writeItems(dir, [
    notebook('nb_new', 2),
    { type: 'Lakehouse', name: 'sales-lake', n: 4 },
    { type: 'FutureThing', name: 'ft', n: 5, files: { 'x.json': '{}' } },
  ]);
  // The folder name is free; the display name is the .platform's.
  mkdirSync(path.join(dir, 'items', 'Long.Notebook'));
  writeFileSync(path.join(dir, 'items', 'Long.Notebook', '.platform'), platform('Notebook', long, lid(3)));
  writeFileSync(
    path.join(dir, 'items', 'Long.Notebook', 'notebook-content.py'),
    '# Fabric notebook source\n',
  );
  writeFileSync(
    path.join(dir, 'parameter.yml'),
    'find_replace:\n  - find_value: "nb_ok"\n    replace_value:\n      _ALL_: "$items.Notebook.Ghost.$id"\n',
  );
  const before = snapshot(sim, ws);
  const writes = (await fabricWrites(sim)).length;
  for (const command of ['plan', 'deploy']) {
    const r = await cli(command, dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/5 problems found before any write; nothing was changed/);
    expect(r.out).toMatch(
      /ft\.FutureThing\/\.platform: FutureThing 'ft': 'FutureThing' is not an item type Fabric Deploy can deploy/,
    );
    expect(r.out).toMatch(/the display name is 257 characters, more than Fabric's 256/);
    expect(r.out).toMatch(
      /Lakehouse 'sales-lake': a Lakehouse name must start with a letter and hold only letters, digits and underscores/,
    );
    expect(r.out).toMatch(/rename it, e\.g\. 'sales_lake'/);
    expect(r.out).toMatch(/capacity 'F2 Preflight', which is Paused \(CapacityNotInActiveState\)/);
    expect(r.out).toMatch(/parameter\.yml:4[^\n]*Ghost/);
  }
  expect((await fabricWrites(sim)).slice(writes)).toEqual([]);
  expect(snapshot(sim, ws)).toEqual(before);
});

test('the simulator refuses an item create on a paused capacity, as Fabric does', async () => {
  const cap = await capacity({ displayName: 'F2 Paused Later', state: 'Active' });
  const dir = project(cfg('preflight-sim-ws', cap.id), [notebook('nb', 1)], {
    'parameter.yml': 'find_replace: []\n',
  });
  expect((await cli('deploy', dir)).code).toBe(0);
  await capacity({ id: cap.id, displayName: 'F2 Paused Later', state: 'Paused' });
  const ws = snapshot(sim, 'preflight-sim-ws')!;
  const res = await fetch(`${sim.fabricApiUrl}/workspaces/${ws.id}/items`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.FABRIC_DEPLOY_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'x', type: 'Notebook' }),
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { errorCode: string }).errorCode).toBe('CapacityNotInActiveState');
});
