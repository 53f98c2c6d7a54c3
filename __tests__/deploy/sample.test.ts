/** The fabric-cicd sample, environment PPE, through the whole engine: plan, deploy, unchanged re-deploy. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { executeCommand } from '../../src/commands';
import { withSimulator } from '../support/sim';
import {
  isWrite,
  makeContext,
  requestCount,
  requests,
  SAMPLE,
  snapshot,
  writesSince,
} from '../support/deploy';
import { describeWithSharedSample } from '../support/paths';

describeWithSharedSample('the fabric-cicd sample (../shared) through the engine', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await withSimulator();
    // The connections the sample's semantic_model_binding names for PPE (a tenant using the sample has them).
    for (const [id, displayName] of [
      ['76e05dfe-9855-4e3d-a410-1dda048dbe99', 'PPE default'],
      ['f96870d5-5f86-49ad-bf41-5967fd7c1c6d', 'PPE cloud connections'],
    ] as const)
      sim.state.connections[id] = {
        id,
        displayName,
        connectivityType: 'ShareableCloud',
        connectionDetails: { type: 'SQL', path: `${id}.database.windows.net;db` },
      };
  });
  afterAll(() => sim.close());

  test('plans, deploys completely, and re-deploys without a write', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-sample-'));
    writeFileSync(
      path.join(dir, 'fabric-deploy.yml'),
      `version: 1\nworkspace:\n  name: sample-ppe\n  capacity:\n    name: F64 Production\nitems:\n  directory: ${SAMPLE}\n  parameterFile: ${SAMPLE}/parameter.yml\n`,
    );
    const inputs = { environment: 'PPE', 'max-parallel': '8' };
    let from = await requestCount(sim);
    const plan = await executeCommand(makeContext(sim, dir, { command: 'plan', ...inputs }).ctx);
    expect((await requests(sim, from)).filter(isWrite)).toEqual([]);
    expect(plan.plan!.workspace.action).toBe('create');
    expect(plan.plan!.counts).toEqual({ create: 40 });

    const { ctx, host } = makeContext(sim, dir, { command: 'deploy', ...inputs });
    const report = await executeCommand(ctx);
    expect(report.result).toBe('succeeded');
    expect(report.items.filter((i) => i.status === 'done')).toHaveLength(40);
    const snap = snapshot(sim, 'sample-ppe')!;
    // The 40 items and nothing else: as in the recorded real deployment, an Eventhouse brings no KQL
    // database of its own, so the repository's same-named KQL database is simply created.
    expect(snap.items).toHaveLength(40);
    expect(snap.folders).toEqual(['/subfolder', '/subfolder/subfolder']);
    expect(snap.items.find((i) => i.name === 'Hello World SubfolderSubfolder')!.folder).toBe(
      '/subfolder/subfolder',
    );
    expect(
      snap.items
        .filter((i) => i.type === 'KQLDatabase')
        .map((i) => i.name)
        .sort(),
    ).toEqual(['TaxiDB', 'TelemetryDataEH']);
    expect(host.allText()).not.toMatch(/took over/);
    // semantic_model_binding: each model bound to its entry's connection, else the default's.
    const bound = Object.fromEntries(
      Object.values(sim.state.items)
        .filter((i) => i.workspaceId === snap.id && i.type === 'SemanticModel')
        .map((i) => [i.displayName, (i.connectionBindings ?? []).map((b) => b.connectionId)]),
    );
    expect(Object.keys(bound).length).toBeGreaterThan(0);
    for (const [name, ids] of Object.entries(bound))
      expect([name, ids]).toEqual([
        name,
        [
          ['cloudconnections', 'MySemanticModel_ADLS_Gen2'].includes(name)
            ? 'f96870d5-5f86-49ad-bf41-5967fd7c1c6d'
            : '76e05dfe-9855-4e3d-a410-1dda048dbe99',
        ],
      ]);

    from = await requestCount(sim);
    const again = await executeCommand(makeContext(sim, dir, { command: 'deploy', ...inputs }).ctx);
    expect(again.result).toBe('succeeded');
    expect(again.hasChanges).toBe(false);
    expect(await writesSince(sim, from)).toEqual([]);
  });
});
