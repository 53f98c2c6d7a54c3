/** `destroy`: only what the configuration manages, dependents first; the workspace only on request and when empty. */
import type { RunningSimulator } from '../../src/simulator';
import { executeCommand } from '../../src/commands';
import { withSimulator } from '../support/sim';
import {
  config,
  makeContext,
  notebook,
  pipeline,
  project,
  requestCount,
  requests,
  snapshot,
} from '../support/deploy';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSimulator({ recordExchanges: true });
});
afterAll(() => sim.close());

const run = async (dir: string, command: string, inputs: Record<string, string> = {}) =>
  executeCommand(makeContext(sim, dir, { command, ...inputs }).ctx);

test('deletes the managed items (dependents first) and their empty folders, keeps everything else', async () => {
  const dir = project(config('destroy-ws'), [
    notebook('nb_a', 1, 'a', [], 'etl'),
    notebook('nb_b', 2, 'b', [1], 'etl'),
    pipeline('pl', 3, [1, 2]),
  ]);
  expect((await run(dir, 'deploy')).result).toBe('succeeded');
  // Something else in the same workspace, deployed from another repository.
  const other = project(config('destroy-ws'), [notebook('not_mine', 50)]);
  expect((await run(other, 'deploy')).result).toBe('succeeded');
  const ids = Object.fromEntries(snapshot(sim, 'destroy-ws')!.items.map((i) => [i.name, i.id]));
  const from = await requestCount(sim);
  const report = await run(dir, 'destroy');
  expect(report.result).toBe('succeeded');
  expect(report.items.map((i) => [i.name, i.action, i.status]).sort()).toEqual([
    ['nb_a', 'delete', 'done'],
    ['nb_b', 'delete', 'done'],
    ['pl', 'delete', 'done'],
  ]);
  const snap = snapshot(sim, 'destroy-ws')!;
  expect(snap.items.map((i) => i.name)).toEqual(['not_mine']);
  expect(snap.folders).toEqual([]);
  const deletes = (await requests(sim, from))
    .filter((r) => r.method === 'DELETE' && /\/items\//.test(r.path))
    .map((r) => r.path.split('/').pop());
  expect(deletes.indexOf(ids.pl)).toBeLessThan(deletes.indexOf(ids.nb_b));
  expect(deletes.indexOf(ids.nb_b)).toBeLessThan(deletes.indexOf(ids.nb_a));
  expect(report.sections![0]!.markdown).toMatch(/workspace was kept/);
});

test('destroy-workspace deletes the workspace only when nothing unmanaged is left', async () => {
  const dir = project(config('destroy-all'), [notebook('nb_a', 1)]);
  await run(dir, 'deploy');
  const other = project(config('destroy-all'), [notebook('stranger', 60)]);
  await run(other, 'deploy');
  const refused = await run(dir, 'destroy', { 'destroy-workspace': 'true' });
  expect(refused.result).toBe('failed');
  expect(refused.error).toMatch(/not deleted: it still holds 1 item .*stranger/);
  expect(snapshot(sim, 'destroy-all')!.items.map((i) => i.name)).toEqual(['stranger']);
  const gone = await run(other, 'destroy', { 'destroy-workspace': 'true' });
  expect(gone.result).toBe('succeeded');
  expect(snapshot(sim, 'destroy-all')).toBeUndefined();
});

test('a workspace that does not exist is nothing to destroy', async () => {
  const dir = project(config('never-was'), [notebook('nb', 1)]);
  const report = await run(dir, 'destroy');
  expect(report.result).toBe('succeeded');
  expect(report.items).toEqual([]);
});
