/**
 * Two deploys to one workspace never interleave silently: a live lock fails the second clearly (or
 * makes it wait), and a deploy that ran between another's plan and lock makes that one plan again.
 */
import type { RunningSimulator } from '../../src/simulator';
import { executeCommand } from '../../src/commands';
import { UserError } from '../../src/errors';
import { WorkspaceLockedError, lockName } from '../../src/deploy/lock';
import { withSimulator } from '../support/sim';
import {
  addFault,
  clearFaults,
  config,
  makeContext,
  notebook,
  project,
  requestCount,
  snapshot,
  writeItems,
  writesSince,
} from '../support/deploy';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSimulator();
});
afterAll(() => sim.close());
afterEach(() => clearFaults(sim));

async function deploy(dir: string, inputs: Record<string, string> = {}) {
  const t = makeContext(sim, dir, { command: 'deploy', ...inputs });
  const report = await executeCommand(t.ctx);
  return { ...t, report };
}

/** Creates a folder as another deployment's lock would. */
async function foreignLock(workspaceId: string, deploymentId: string, at = new Date()): Promise<string> {
  const res = await fetch(`${sim.fabricApiUrl}/workspaces/${workspaceId}/folders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.issueToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: lockName(deploymentId, at) }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function dropFolder(workspaceId: string, id: string): Promise<void> {
  await fetch(`${sim.fabricApiUrl}/workspaces/${workspaceId}/folders/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${sim.issueToken()}` },
  });
}

const OTHER = '0cca0000-0000-4000-8000-000000000001';

test('a live lock of another deployment fails the deploy clearly, before any write', async () => {
  const dir = project(config('lock-ws'), [notebook('nb', 1)]);
  await deploy(dir);
  const ws = snapshot(sim, 'lock-ws')!;
  const folder = await foreignLock(ws.id, OTHER);
  writeItems(dir, [notebook('nb', 1, 'changed')]);
  const from = await requestCount(sim);
  const err = await deploy(dir).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WorkspaceLockedError);
  expect((err as UserError).message).toMatch(new RegExp(`locked by deployment ${OTHER}`));
  expect((err as UserError).fix).toMatch(/concurrency group|rollback --journal/);
  expect(await writesSince(sim, from)).toEqual([]);
  // plan shows it too, as a warning.
  const plan = await executeCommand(makeContext(sim, dir, { command: 'plan' }).ctx);
  expect(plan.plan!.lockedBy?.deploymentId).toBe(OTHER);
  expect(plan.warnings.join('\n')).toMatch(/holds the workspace lock/);
  await dropFolder(ws.id, folder);
  expect((await deploy(dir)).report.result).toBe('succeeded');
});

test('with lock-wait-seconds a deploy waits for the other one and then plans again', async () => {
  const dir = project(config('wait-ws'), [notebook('nb', 1)]);
  await deploy(dir);
  const ws = snapshot(sim, 'wait-ws')!;
  const folder = await foreignLock(ws.id, OTHER);
  setTimeout(() => void dropFolder(ws.id, folder), 400);
  writeItems(dir, [notebook('nb', 1, 'changed after waiting')]);
  const t = makeContext(sim, dir, { command: 'deploy', 'lock-wait-seconds': '10' });
  const report = await executeCommand(t.ctx, { lock: { pollMs: 100 } });
  expect(report.result).toBe('succeeded');
  expect(t.host.allText()).toMatch(/locked by deployment .*waiting up to 10 s/);
  expect(t.host.allText()).toMatch(/planning again under the lock/);
});

test('a stale lock (a killed run) is ignored with a warning', async () => {
  const dir = project(config('stale-ws'), [notebook('nb', 1)]);
  await deploy(dir);
  const ws = snapshot(sim, 'stale-ws')!;
  await foreignLock(ws.id, OTHER, new Date(Date.now() - 7 * 3600_000));
  writeItems(dir, [notebook('nb', 1, 'changed')]);
  const { report, host } = await deploy(dir);
  expect(report.result).toBe('succeeded');
  expect(host.allText()).toMatch(/ignoring a stale lock/);
});

test('two deploys started together: one proceeds, the other is refused and changes nothing', async () => {
  const dir = project(config('race-ws'), [notebook('nb_a', 1), notebook('nb_b', 2)]);
  await deploy(dir);
  const d1 = project(config('race-ws'), [notebook('nb_a', 1, 'one'), notebook('nb_b', 2)]);
  const d2 = project(config('race-ws'), [notebook('nb_a', 1), notebook('nb_b', 2, 'two')]);
  // Slow updates keep the first deploy inside its lock while the second arrives.
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items/*/updateDefinition',
    times: 2,
    action: { delayMs: 1500 },
  });
  const results = await Promise.allSettled([deploy(d1), deploy(d2)]);
  const ok = results.filter((r) => r.status === 'fulfilled' && r.value.report.result === 'succeeded');
  const refused = results.filter((r) => r.status === 'rejected');
  expect(ok).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(WorkspaceLockedError);
  const content = (name: string) =>
    Buffer.from(
      snapshot(sim, 'race-ws')!
        .items.find((i) => i.name === name)!
        .parts[0]!.split(':')[1]!,
      'base64',
    ).toString('utf8');
  const winner = (
    ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof deploy>>>
  ).value.report.items.find((i) => i.action === 'update')!.name;
  // Exactly the winner's change landed; the loser wrote nothing.
  expect(content('nb_a').includes('one')).toBe(winner === 'nb_a');
  expect(content('nb_b').includes('two')).toBe(winner === 'nb_b');
});

test('a deploy that completed between another plan and its lock makes that one plan again', async () => {
  const dir = project(config('marker-ws'), [notebook('nb_a', 1, 'base'), notebook('nb_b', 2, 'base')]);
  await deploy(dir);
  const dA = project(config('marker-ws'), [notebook('nb_a', 1, 'from A'), notebook('nb_b', 2, 'base')]);
  const dB = project(config('marker-ws'), [notebook('nb_a', 1, 'base'), notebook('nb_b', 2, 'from B')]);
  // B's planning is slow (one getDefinition held back), A runs start to finish meanwhile.
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items/*/getDefinition',
    times: 1,
    action: { delayMs: 1500 },
  });
  const b = deploy(dB);
  await new Promise((r) => setTimeout(r, 100));
  const a = await deploy(dA);
  expect(a.report.result).toBe('succeeded');
  const rb = await b;
  expect(rb.report.result).toBe('succeeded');
  expect(rb.host.allText()).toMatch(/planning again under the lock/);
  // Serial outcome "A then B": B's repository wins everywhere, including nb_a that A changed.
  const text = (name: string) =>
    Buffer.from(
      snapshot(sim, 'marker-ws')!
        .items.find((i) => i.name === name)!
        .parts[0]!.split(':')[1]!,
      'base64',
    ).toString('utf8');
  expect(text('nb_a')).toMatch(/base/);
  expect(text('nb_b')).toMatch(/from B/);
  expect(
    rb.report.items
      .filter((i) => i.action === 'update')
      .map((i) => i.name)
      .sort(),
  ).toEqual(['nb_a', 'nb_b']);
});
