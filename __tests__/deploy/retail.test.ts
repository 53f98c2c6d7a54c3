/** The project's own fabric-cicd repository, environment TEST, through the whole engine. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { executeCommand } from '../../src/commands';
import { withSimulator } from '../support/sim';
import { RETAIL } from '../support/paths';
import { isWrite, makeContext, requestCount, requests, snapshot, writesSince } from '../support/deploy';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSimulator();
});
afterAll(() => sim.close());

test('plans, deploys all 31 items into nested folders, and re-deploys without a write', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-retail-'));
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: retail-test\n  capacity:\n    name: F64 Production\nitems:\n  directory: ${RETAIL}\n  parameterFile: ${RETAIL}/parameter.yml\n`,
  );
  const inputs = { environment: 'TEST', 'max-parallel': '8' };
  let from = await requestCount(sim);
  const plan = await executeCommand(makeContext(sim, dir, { command: 'plan', ...inputs }).ctx);
  expect((await requests(sim, from)).filter(isWrite)).toEqual([]);
  expect(plan.plan!.workspace.action).toBe('create');
  expect(plan.plan!.counts).toEqual({ create: 31 });

  const report = await executeCommand(makeContext(sim, dir, { command: 'deploy', ...inputs }).ctx);
  expect(report.result).toBe('succeeded');
  const snap = snapshot(sim, 'retail-test')!;
  expect(snap.items).toHaveLength(31);
  expect(snap.folders).toEqual(['/Sales', '/Sales/Daily']);
  expect(snap.items.find((i) => i.name === 'Daily Totals')!.folder).toBe('/Sales/Daily');
  expect(
    snap.items
      .filter((i) => i.type === 'KQLDatabase')
      .map((i) => i.name)
      .sort(),
  ).toEqual(['Clicks', 'Telemetry']);

  from = await requestCount(sim);
  const again = await executeCommand(makeContext(sim, dir, { command: 'deploy', ...inputs }).ctx);
  expect(again.result).toBe('succeeded');
  expect(again.hasChanges).toBe(false);
  expect(await writesSince(sim, from)).toEqual([]);
});
