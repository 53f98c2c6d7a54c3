/**
 * Plan from one export (issue #13, item 1), through the bundle against the simulator: the deployed
 * definitions come from one bulkExportDefinitions call instead of a getDefinition each; only what the
 * export cannot give (a type it leaves out, a format it has no choice of, a protected label, the API
 * refused) is read one by one; the plan JSON says each item's path and why, the summary counts them;
 * and the plan is the same whichever path the definitions took.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../../src/deploy/plan/model';
import { runBundle } from '../support/bundle';
import { notebook, pipeline, project, writeItems, type ItemSpec } from '../support/deploy';
import { addFault, clearFaults, clearLog, requestLog } from '../support/fabric';
import { tokenEnv, useSimulator } from '../support/sim';

const sim = useSimulator();

const dbt = (name: string, n: number): ItemSpec => ({
  type: 'DataBuildToolJob',
  name,
  n,
  files: { 'dbt-content.json': '{"profile": "default"}\n' },
});
const ipynb = (name: string, n: number): ItemSpec => ({
  type: 'Notebook',
  name,
  n,
  files: {
    'notebook-content.ipynb': `${JSON.stringify({ cells: [{ cell_type: 'code', source: ['print(1)'] }], nbformat: 4, nbformat_minor: 5, metadata: {} })}\n`,
  },
});

const ITEMS: ItemSpec[] = [
  notebook('nb_a', 1, 'print("a")'),
  notebook('nb_b', 2),
  notebook('nb_c', 3),
  pipeline('pl_main', 4, [1, 2]),
];

/** Plans `dir` and returns the plan JSON, the summary, the log and the requests the plan made. */
async function plan(dir: string) {
  await clearLog(sim());
  const summaryFile = path.join(dir, `summary-${Date.now()}.md`);
  const run = await runBundle(
    ['plan', '--config', path.join(dir, 'fabric-deploy.yml'), '--json', '--summary-file', summaryFile],
    tokenEnv(sim()),
  );
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as Record<string, string>;
  const planJson = JSON.parse(readFileSync(out['plan-file']!, 'utf8')) as Plan;
  const log = await requestLog(sim());
  const count = (re: RegExp) => log.filter((r) => r.method === 'POST' && re.test(r.path)).length;
  return {
    plan: planJson,
    summary: readFileSync(summaryFile, 'utf8'),
    output: run.stdout + run.stderr,
    exports: count(/\/items\/bulkExportDefinitions$/),
    getDefinitions: count(/\/getDefinition$/),
  };
}

/** The plan without the fields that say how, when and by which run it was read. */
function comparable(p: Plan) {
  return {
    ...p,
    createdAt: undefined,
    deploymentId: undefined,
    reads: undefined,
    items: p.items.map((i) => ({ ...i, read: undefined })),
  };
}

const reads = (p: Plan) => Object.fromEntries(p.items.map((i) => [i.name, i.read]));

afterEach(() => clearFaults(sim()));

test('an unchanged and a changed item are planned from one export, no getDefinition; the same plan as by getDefinition', async () => {
  const dir = project('version: 1\nworkspace:\n  name: plan-export-ws\nitems:\n  directory: items\n', ITEMS);
  expect(
    (await runBundle(['deploy', '--config', path.join(dir, 'fabric-deploy.yml')], tokenEnv(sim()))).code,
  ).toBe(0);
  writeItems(dir, [notebook('nb_a', 1, 'print("a changed")')]);

  const byExport = await plan(dir);
  expect([byExport.exports, byExport.getDefinitions]).toEqual([1, 0]);
  expect(byExport.plan.reads).toEqual({ export: 4, getDefinition: 0, exportCalls: 1, reasons: {} });
  expect(reads(byExport.plan)).toEqual({
    nb_a: { path: 'export' },
    nb_b: { path: 'export' },
    nb_c: { path: 'export' },
    pl_main: { path: 'export' },
  });
  expect(byExport.plan.items.find((i) => i.name === 'nb_a')).toMatchObject({
    action: 'update',
    reason: expect.stringContaining('notebook-content.py'),
  });
  expect(byExport.plan.counts).toEqual({ update: 1, unchanged: 3 });
  expect(byExport.summary).toContain('| Definitions read | 4 by export (1 call) |');
  expect(byExport.output).toContain('Definitions read: 4 by export (1 call)');

  // The export refused for the workspace (no beta, no permission): every item by getDefinition, same plan.
  await addFault(sim(), {
    method: 'POST',
    path: '/v1/workspaces/*/items/bulkExportDefinitions',
    action: { status: 403, errorCode: 'InsufficientPrivileges', message: 'not allowed' },
  });
  const bySingle = await plan(dir);
  expect([bySingle.exports, bySingle.getDefinitions]).toEqual([1, 4]);
  const why = 'export refused (403 InsufficientPrivileges)';
  expect(bySingle.plan.reads).toEqual({ export: 0, getDefinition: 4, exportCalls: 1, reasons: { [why]: 4 } });
  expect(reads(bySingle.plan).nb_b).toEqual({ path: 'getDefinition', reason: why });
  expect(bySingle.summary).toContain(
    `| Definitions read | 0 by export (1 call), 4 by getDefinition (4 ${why}) |`,
  );
  expect(comparable(bySingle.plan)).toEqual(comparable(byExport.plan));
});

test('a type the export leaves out, a format it cannot give and a protected label are each read by getDefinition, and say why', async () => {
  const items = [...ITEMS, dbt('dbt_job', 5), ipynb('nb_ipynb', 6)];
  const dir = project(
    'version: 1\nworkspace:\n  name: plan-export-mixed\nitems:\n  directory: items\n',
    items,
  );
  expect(
    (await runBundle(['deploy', '--config', path.join(dir, 'fabric-deploy.yml')], tokenEnv(sim()))).code,
  ).toBe(0);
  const ws = Object.values(sim().state.workspaces).find((w) => w.displayName === 'plan-export-mixed')!;
  const nbC = Object.values(sim().state.items).find(
    (i) => i.workspaceId === ws.id && i.displayName === 'nb_c',
  )!;
  const label = '6b1c0a51-1d3e-4f7a-9c2b-000000000013';
  nbC.sensitivityLabelId = label;
  sim().state.tenantSettings.protectedSensitivityLabelIds = [label];
  try {
    const r = await plan(dir);
    // The first export is refused for the labelled item; the second, without it, answers.
    expect([r.exports, r.getDefinitions]).toEqual([2, 3]);
    expect(reads(r.plan)).toEqual({
      nb_a: { path: 'export' },
      nb_b: { path: 'export' },
      nb_c: { path: 'getDefinition', reason: 'protected sensitivity label' },
      pl_main: { path: 'export' },
      dbt_job: { path: 'getDefinition', reason: 'left out of the export' },
      nb_ipynb: { path: 'getDefinition', reason: 'format ipynb (the export has no format choice)' },
    });
    expect(r.plan.hasChanges).toBe(false);
    expect(r.summary).toContain(
      '| Definitions read | 3 by export (2 calls), 3 by getDefinition (1 format ipynb (the export has no format choice); 1 protected sensitivity label; 1 left out of the export) |',
    );
  } finally {
    sim().state.tenantSettings.protectedSensitivityLabelIds = [];
  }
});
