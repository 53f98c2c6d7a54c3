/**
 * Uncertain creates and incomplete rollbacks, through the built bundle on the CLI: a create the
 * service accepted (202) whose operation poll answered 404, or whose /result answered 400, is looked
 * up and undone before the rollback decides; a rollback whose undo deletes keep failing (persistent
 * 500) ends `rollback-incomplete` (exit 1), lists what is left and prints the command that finishes it;
 * running that command restores the workspace, and running it again changes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { config, lid, notebook, project } from '../support/deploy';
import { stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));
afterEach(() => fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' }));

const env = () => ({
  FABRIC_DEPLOY_AUTH: 'token',
  FABRIC_DEPLOY_TOKEN: token,
  FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
});
const api = async (method: string, p: string, body?: unknown) => {
  const res = await fetch(`${sim.fabricApiUrl}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status === 204 ? undefined : ((await res.json()) as any);
};
const fault = (rule: object) =>
  fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });

/** An empty workspace made beforehand: the deploy's creates are then undone one by one, not by deleting it. */
async function emptyWorkspace(name: string): Promise<string> {
  return (await api('POST', '/workspaces', { displayName: name })).id;
}
const contents = async (wsId: string) => ({
  items: ((await api('GET', `/workspaces/${wsId}/items`)).value as { displayName: string }[])
    .map((i) => i.displayName)
    .sort(),
  folders: ((await api('GET', `/workspaces/${wsId}/folders`)).value as { displayName: string }[])
    .map((f) => f.displayName)
    .filter((n) => !/^fabric-deploy-(lock|done) /.test(n))
    .sort(),
});

/** A folder with two notebooks, the second using the first (so it starts only after it). */
function repo(ws: string, more = ''): string {
  return project(
    config(ws, `${more}resilience:\n  retries: 1\n  baseDelayMs: 10\n  breakerThreshold: 50\n`),
    [
      notebook('nb_first', 1, "print('first')", [], 'etl'),
      notebook('nb_second', 2, "print('second')", [1], 'etl'),
    ],
  );
}
const deploy = (dir: string) =>
  runBundle(
    ['deploy', '--config', path.join(dir, 'fabric-deploy.yml'), '--json', '--max-parallel', '1'],
    env(),
  );

describe.each([
  [
    'its operation poll answers 404',
    { path: '/v1/operations/*', action: { status: 404, errorCode: 'OperationNotFound' } },
  ],
  [
    'its /result answers 400',
    { path: '/v1/operations/*/result', action: { status: 400, errorCode: 'OperationNotSucceeded' } },
  ],
])('a create accepted (202) whose %s', (_label, rule) => {
  it('is found and undone: the workspace is as before, result rolled-back', async () => {
    const ws = `uncertain-${rule.path.match(/result/) ? 'result' : 'poll'}-ws`;
    const wsId = await emptyWorkspace(ws);
    await fault({ method: 'GET', times: 1, ...rule });
    const r = await deploy(repo(ws));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.result).toBe('rolled-back');
    expect(r.stderr).toMatch(/undid item\.create Notebook 'nb_first'/);
    expect(await contents(wsId)).toEqual({ items: [], folders: [] });
  });
});

describe('undo deletes that keep failing (persistent 500)', () => {
  const ws = 'incomplete-rollback-ws';
  let wsId: string;
  let journal: string;
  let finish: string;

  it('end rollback-incomplete with exit 1, list what is left and print the command that finishes it', async () => {
    wsId = await emptyWorkspace(ws);
    // The second create's operation fails, so the run rolls back; every item delete then fails.
    await fault({
      method: 'POST',
      path: '/v1/workspaces/*/items',
      skip: 1,
      times: 1,
      action: { lroFail: { errorCode: 'InternalError' } },
    });
    await fault({ method: 'DELETE', path: '/v1/workspaces/*/items/*', action: { status: 500 } });
    const r = await deploy(repo(ws));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.result).toBe('rollback-incomplete');
    journal = out['journal-file'];
    const m = /finish it with: (fabric-deploy rollback --journal \S+[^\n]*)/.exec(r.stderr);
    expect(m).not.toBeNull();
    finish = m![1]!.trim();
    expect(finish).toBe(
      `fabric-deploy rollback --journal ${journal} --auth token --fabric-api-url ${sim.fabricApiUrl}   (with FABRIC_DEPLOY_TOKEN set as for this run; a fresh token if it expired)`,
    );
    expect(r.stderr).not.toContain(token);
    // The summary lists what is left: the item and its folder (not empty, so it waited and stayed).
    const summary = readFileSync(out['summary-file'], 'utf8');
    expect(summary).toMatch(/Fabric Deployment failed and could not be fully rolled back/);
    expect(summary).toMatch(/### Rollback incomplete/);
    expect(summary).toMatch(/item\.create Notebook 'nb_first'/);
    expect(summary).toMatch(/folder\.create Folder '\/etl'.*FolderNotEmpty/);
    expect(summary).toContain(finish.split('   ')[0]);
    expect(await contents(wsId)).toEqual({ items: ['nb_first'], folders: ['etl'] });
  });

  it('the printed command finishes it once the cause is gone; a second run changes nothing', async () => {
    await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    const args = finish.split('   ')[0]!.split(' ').slice(1);
    const r = await runBundle([...args, '--json'], env());
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toBe('rolled-back');
    expect(await contents(wsId)).toEqual({ items: [], folders: [] });
    const again = await runBundle([...args, '--json'], env());
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).result).toBe('rolled-back');
    expect(await contents(wsId)).toEqual({ items: [], folders: [] });
    expect(lid(1)).toMatch(/^1/);
  });
});
