/**
 * Two deploys to one workspace never interleave silently: a live lock fails the second clearly (or
 * makes it wait), and a deploy with changes always plans again under its lock, so one that ran between
 * another's plan and lock is never missed. No run leaves a folder of this tool in the workspace.
 */
import type { RunningSimulator } from '../../src/simulator';
import { executeCommand } from '../../src/commands';
import { UserError } from '../../src/errors';
import { DONE_PREFIX, WorkspaceLockedError, lockName } from '../../src/deploy/lock';
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
  toolFolders,
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

/** Creates a folder as another deployment's lock would (or any folder, by name). */
async function foreignLock(
  workspaceId: string,
  deploymentId: string,
  at = new Date(),
  name = lockName(deploymentId, at),
): Promise<string> {
  const res = await fetch(`${sim.fabricApiUrl}/workspaces/${workspaceId}/folders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.issueToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: name }),
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

test('a deploy that completed between another plan and its lock is seen by the plan made under the lock', async () => {
  const dir = project(config('marker-ws'), [notebook('nb_a', 1, 'base'), notebook('nb_b', 2, 'base')]);
  await deploy(dir);
  const dA = project(config('marker-ws'), [notebook('nb_a', 1, 'from A'), notebook('nb_b', 2, 'base')]);
  const dB = project(config('marker-ws'), [notebook('nb_a', 1, 'base'), notebook('nb_b', 2, 'from B')]);
  // B's planning is slow (its definitions export held back), A runs start to finish meanwhile.
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items/bulkExportDefinitions',
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

test('no run leaves a folder of this tool: deploy, no-change deploy, plan, failed and rolled back, destroy', async () => {
  const name = 'litter-ws';
  const dir = project(config(name), [notebook('nb_a', 1), notebook('nb_b', 2)]);
  const after = async (inputs: Record<string, string>, t = makeContext(sim, dir, inputs)) => {
    const report = await executeCommand(t.ctx).catch((e: unknown) => e);
    return { report, folders: toolFolders(sim, name) };
  };
  expect(await after({ command: 'deploy' })).toMatchObject({ report: { result: 'succeeded' }, folders: [] });
  // Unchanged: nothing written at all, so nothing left either.
  const from = await requestCount(sim);
  expect(await after({ command: 'deploy' })).toMatchObject({ report: { hasChanges: false }, folders: [] });
  expect(await writesSince(sim, from)).toEqual([]);
  writeItems(dir, [notebook('nb_a', 1, 'changed'), notebook('nb_c', 3)]);
  expect(await after({ command: 'plan' })).toMatchObject({ report: { hasChanges: true }, folders: [] });
  // A failed create: rolled back, and the lock went with it.
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    times: 1,
    action: { status: 400, errorCode: 'InvalidRequest', message: 'injected' },
  });
  expect(await after({ command: 'deploy', 'max-parallel': '1' })).toMatchObject({
    report: { result: 'rolled-back' },
    folders: [],
  });
  expect(await after({ command: 'deploy' })).toMatchObject({ report: { result: 'succeeded' }, folders: [] });
  const destroyed = await after({ command: 'destroy' });
  expect(destroyed.folders).toEqual([]);
  expect(snapshot(sim, name)!.items).toEqual([]);
});

test("an earlier version's released-lock folders are removed under the lock, said in the log, never planned", async () => {
  const name = 'legacy-ws';
  const dir = project(config(name), [notebook('nb', 1)]);
  await deploy(dir);
  const ws = snapshot(sim, name)!;
  const old = `${DONE_PREFIX} 2025-01-31T10-00-00Z 0cca0000-0000-4000-8000-000000000009`;
  await foreignLock(ws.id, OTHER, new Date(), old);
  // Not content: the plan neither creates, keeps nor deletes it, and an unchanged deploy writes nothing.
  const plan = await executeCommand(makeContext(sim, dir, { command: 'plan', 'delete-orphans': 'true' }).ctx);
  expect(plan.hasChanges).toBe(false);
  expect(JSON.stringify(plan.plan)).not.toContain(DONE_PREFIX);
  writeItems(dir, [notebook('nb', 1, 'changed')]);
  const { report, host } = await deploy(dir, { 'delete-orphans': 'true' });
  expect(report.result).toBe('succeeded');
  expect(host.allText()).toContain(`removed the folder '${old}' an earlier version of fabric-deploy left`);
  expect(toolFolders(sim, name)).toEqual([]);
});

test('a lock whose delete Fabric refuses is renamed released: it blocks nobody and the next deploy removes it', async () => {
  const name = 'undeletable-ws';
  const dir = project(config(name), [notebook('nb', 1)]);
  await deploy(dir);
  writeItems(dir, [notebook('nb', 1, 'v2')]);
  await addFault(sim, {
    method: 'DELETE',
    path: '/v1/workspaces/*/folders/*',
    action: { status: 400, errorCode: 'InvalidRequest', message: 'injected refusal' },
  });
  const first = await deploy(dir);
  await clearFaults(sim);
  expect(first.report.result).toBe('succeeded');
  const left = toolFolders(sim, name);
  expect(left).toHaveLength(1);
  expect(left[0]).toMatch(new RegExp(`^${DONE_PREFIX} .* released$`));
  writeItems(dir, [notebook('nb', 1, 'v3')]);
  const second = await deploy(dir);
  expect(second.report.result).toBe('succeeded');
  expect(second.host.allText()).toContain(`removed the folder '${left[0]}'`);
  expect(toolFolders(sim, name)).toEqual([]);
});
