/**
 * A storm of throttling and failures on every write: 15 % of the calls answer 429 with Retry-After, 10 %
 * 503. Waiting out the 429s apart from the retry budget (3 retries for failures), the deploy finishes with
 * every item once; before, 429s used up the retries and the deploy failed.
 */
import { executeCommand } from '../../src/commands';
import type { RunningSimulator } from '../../src/simulator';
import { addFault, config, makeContext, notebook, project, requests, snapshot } from '../support/deploy';
import { stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSimulator({ seed: 11 });
});
afterAll(() => stopSimulator(sim));

test('15 % 429 plus 10 % 503 on every call: the deploy succeeds with each of 40 items exactly once', async () => {
  await addFault(sim, { path: '/v1/**', probability: 0.15, action: { status: 429, retryAfter: 1 } });
  await addFault(sim, { path: '/v1/**', probability: 0.1, action: { status: 503 } });
  const items = Array.from({ length: 40 }, (_, i) => notebook(`nb ${i}`, i + 1));
  const dir = project(config('storm'), items);
  const { ctx } = makeContext(
    sim,
    dir,
    { 'max-parallel': '16' },
    { client: { retry: { retries: 3, baseDelayMs: 5 } } },
  );
  const report = await executeCommand(ctx);
  expect(report.error).toBeUndefined();
  expect(report.result).toBe('succeeded');
  const snap = snapshot(sim, 'storm')!;
  expect(snap.items.map((i) => i.name).sort()).toEqual(items.map((i) => i.name).sort());
  // The run went through the storm, not around it.
  const statuses = (await requests(sim, 0)).map((r) => r.status);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(5);
  expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(3);
});
