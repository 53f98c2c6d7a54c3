/**
 * `destroy` takes the same workspace lock as `deploy` (issue #11, item 9), through the committed bundle
 * against the simulator, with a deploy running at the same time: without lock-wait-seconds destroy refuses,
 * naming the running deployment, and changes nothing; with it, destroy waits, then deletes every managed item —
 * also those the deploy created while destroy waited.
 */
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { LOCK_PREFIX, parseLock } from '../../src/deploy/lock';
import { runBundle } from '../support/bundle';
import { addFault, clearFaults, config, notebook, project, snapshot, writeItems } from '../support/deploy';
import { stopSimulator, withSimulator, tokenEnv } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await withSimulator();
  env = tokenEnv(sim);
});
afterAll(() => stopSimulator(sim));
afterEach(() => clearFaults(sim));

const cli = (command: string, dir: string, flags: string[] = []) =>
  runBundle([command, '--config', path.join(dir, 'fabric-deploy.yml'), '--json', ...flags], env);

/** The deployment holding `ws`'s lock, once one does. */
async function lockHolder(ws: string): Promise<string> {
  for (;;) {
    const id = snapshot(sim, ws)?.id;
    const lock = Object.values(sim.state.folders)
      .filter((f) => f.workspaceId === id && f.displayName.startsWith(LOCK_PREFIX))
      .map((f) => parseLock({ id: f.id, displayName: f.displayName, workspaceId: f.workspaceId }))
      .find(Boolean);
    if (lock) return lock.deploymentId;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A workspace with nb_0, then a slow deploy (one create at a time, each held back) adding six more. */
async function slowDeploy(ws: string) {
  const dir = project(config(ws), [notebook('nb_0', 100)]);
  expect((await cli('deploy', dir)).code).toBe(0);
  writeItems(
    dir,
    [1, 2, 3, 4, 5, 6].map((n) => notebook(`nb_${n}`, 100 + n)),
  );
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    times: 6,
    action: { delayMs: 400, after: true },
  });
  const deploying = cli('deploy', dir, ['--max-parallel', '1']);
  const holder = await lockHolder(ws);
  return { dir, deploying, holder };
}

test('without lock-wait-seconds destroy refuses while a deploy runs, naming it, and deletes nothing', async () => {
  const ws = 'destroy-lock-refuse-ws';
  const { dir, deploying, holder } = await slowDeploy(ws);
  const destroyed = await cli('destroy', dir, ['--yes']);
  expect(destroyed.code).toBe(1);
  expect(JSON.parse(destroyed.stdout).result).toBe('failed');
  expect(destroyed.stderr).toContain(`workspace is locked by deployment ${holder}`);
  const deployed = await deploying;
  expect(deployed.code).toBe(0);
  expect(JSON.parse(deployed.stdout)['deployment-id']).toBe(holder);
  expect(snapshot(sim, ws)!.items.map((i) => i.name)).toEqual([
    'nb_0',
    'nb_1',
    'nb_2',
    'nb_3',
    'nb_4',
    'nb_5',
    'nb_6',
  ]);
});

test('with lock-wait-seconds destroy waits for the deploy, then deletes all it manages', async () => {
  const ws = 'destroy-lock-wait-ws';
  const { dir, deploying } = await slowDeploy(ws);
  // Started while the deploy holds the lock and has created at most a few of the six.
  const destroyed = await cli('destroy', dir, ['--yes', '--lock-wait-seconds', '120']);
  const deployed = await deploying;
  expect(deployed.code).toBe(0);
  expect(destroyed.code).toBe(0);
  const out = JSON.parse(destroyed.stdout) as { result: string; items: { name: string; action: string }[] };
  expect(out.result).toBe('succeeded');
  expect(out.items.map((i) => i.name).sort()).toEqual([
    'nb_0',
    'nb_1',
    'nb_2',
    'nb_3',
    'nb_4',
    'nb_5',
    'nb_6',
  ]);
  expect(destroyed.stderr).toMatch(/workspace is locked by deployment [0-9a-f-]{36}; waiting up to 120 s/);
  expect(snapshot(sim, ws)!.items).toEqual([]);
  expect(snapshot(sim, ws)!.folders).toEqual([]);
});
