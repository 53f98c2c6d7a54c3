/**
 * A cancelled CI job (SIGINT/SIGTERM to the bundle mid-deploy) starts no further item and rolls back
 * what it applied: the workspace it created is gone and no deploy lock is left behind.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { DIST, ROOT } from '../support/paths';
import { stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
beforeAll(async () => {
  // Slow operations keep the deploy in flight long enough to cancel it.
  sim = await withSimulator({ lroDelayMs: 1500 });
});
afterAll(() => stopSimulator(sim));

it('SIGINT mid-deploy: nothing new starts, the run rolls back and exits 1', async () => {
  const token = sim.issueToken();
  const child = spawn(
    process.execPath,
    [
      path.join(DIST, 'index.js'),
      'deploy',
      '--config',
      path.join(ROOT, 'examples', 'fabric-deploy.yml'),
      '--environment',
      'dev',
      '--workspace-name',
      'cancel-me',
      '--json',
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        FABRIC_DEPLOY_AUTH: 'token',
        FABRIC_DEPLOY_TOKEN: token,
        FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
      },
    },
  );
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/created Lakehouse/.test(stderr)) resolve();
    });
  });
  child.kill('SIGINT');
  expect(await exited).toBe(1);
  expect(stderr).toMatch(/SIGINT received: stopping after the items in flight, then rolling back/);
  const out = JSON.parse(stdout);
  expect(out.result).toBe('rolled-back');
  // --json says why, with the stable code a script can branch on.
  expect(out.error).toMatchObject({ code: 'Cancelled' });
  // Not every item was deployed: the cancellation stopped the graph.
  expect(out.items.filter((i: { id?: string }) => i.id).length).toBeLessThan(8);
  const list = (await (
    await fetch(`${sim.fabricApiUrl}/workspaces`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as {
    value: { displayName: string }[];
  };
  expect(list.value.map((w) => w.displayName)).not.toContain('cancel-me');
});
