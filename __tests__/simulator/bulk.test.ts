/**
 * Bulk definitions (beta) in the simulator: bulkExportDefinitions and bulkImportDefinitions as the
 * spec describes them. The spec's own examples are replayed (their request bodies are accepted and
 * the answers have the example's shape), every /result is checked against the spec's response
 * schema, and the afterAll contract check covers every other exchange.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FaultRule } from '../../src/simulator';
import { exportDurationMs, importDurationMs } from '../../src/simulator/fabric/bulk';
import { resolveConfig } from '../../src/simulator/profiles';
import { newAjv } from '../../src/simulator/ajv';
import { useSimulator } from '../support/sim';
import { b64, client } from '../support/sim-client';
import { loadSpec, responseView } from '../support/contract';

const getSim = useSimulator();
const SPEC = path.join(process.cwd(), '__tests__', 'fixtures', 'fabric-api-spec', 'platform');
const example = (name: string) =>
  JSON.parse(readFileSync(path.join(SPEC, 'examples', 'platform', `${name}.json`), 'utf8'));

/** The spec's response schema of an operation, compiled (the contract check skips /result bodies). */
async function resultValidator(operationId: string) {
  const spec = await loadSpec();
  const op = spec.operations.find((o) => o.operationId === operationId)!;
  return newAjv().compile(responseView(op.responses['200']!.schema));
}

const platform = (type: string, displayName: string, logicalId?: string) =>
  b64(
    JSON.stringify({
      $schema:
        'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json',
      metadata: { type, displayName },
      config: { version: '2.0', ...(logicalId ? { logicalId } : {}) },
    }),
  );
const part = (p: string, payload: string) => ({ path: p, payload, payloadType: 'InlineBase64' });
const notebook = (root: string, name: string, code: string, logicalId?: string) => [
  part(`${root}/.platform`, platform('Notebook', name, logicalId)),
  part(`${root}/notebook-content.py`, b64(`# Fabric notebook source\n${code}\n`)),
];

let n = 0;
async function workspace(): Promise<string> {
  const r = await client(getSim()).call('POST', '/workspaces', { displayName: `bulk ${++n}` });
  expect(r.status).toBe(201);
  return r.body.id;
}

async function bulkImport(ws: string, body: unknown): Promise<{ first: any; state?: any; result?: any }> {
  const c = client(getSim());
  const first = await c.call('POST', `/workspaces/${ws}/items/bulkImportDefinitions?beta=true`, body);
  return first.status === 202 ? { first, ...(await c.lro(first)) } : { first };
}

async function bulkExport(ws: string, body: unknown): Promise<{ first: any; state?: any; result?: any }> {
  const c = client(getSim());
  const first = await c.call('POST', `/workspaces/${ws}/items/bulkExportDefinitions?beta=true`, body);
  return first.status === 202 ? { first, ...(await c.lro(first)) } : { first };
}

const items = async (ws: string) =>
  (await client(getSim()).call('GET', `/workspaces/${ws}/items`)).body.value;
const folders = async (ws: string) =>
  (await client(getSim()).call('GET', `/workspaces/${ws}/folders`)).body.value;

test("the spec's import example is accepted; its result has the example's shape and creates the folders", async () => {
  const ws = await workspace();
  const ex = example('BulkImportItemDefinitions');
  const r = await bulkImport(ws, ex.parameters.bulkImportItemDefinitionsRequest);
  expect(r.first.status).toBe(202);
  expect(r.first.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/operations\//);
  expect(r.state.status).toBe('Succeeded');
  const valid = await resultValidator('Items_Bulk_Import_Item_Definitions_(beta)');
  expect(valid(r.result)).toBe(true);
  const details = r.result.importItemDefinitionsDetails;
  // The example: the report (in Folder1/Folder2) and its semantic model (in Folder1), both new here.
  expect(
    details.map((d: any) => [d.itemType, d.itemDisplayName, d.operationType, d.operationStatus]),
  ).toEqual([
    ['Report', 'MyReport', 'Create', 'Succeeded'],
    ['SemanticModel', 'MyDataset', 'Create', 'Succeeded'],
  ]);
  expect(details.map((d: any) => d.itemLogicalId)).toEqual([
    '88436e65-6ed1-8185-49ff-f61077fc73d4',
    '2531d2fe-0ad6-bd44-4e2d-5eed34e83896',
  ]);
  const fs = await folders(ws);
  const f1 = fs.find((f: any) => f.displayName === 'Folder1');
  const f2 = fs.find((f: any) => f.displayName === 'Folder2');
  expect(f2.parentFolderId).toBe(f1.id);
  const all = await items(ws);
  expect(all.find((i: any) => i.displayName === 'MyReport').folderId).toBe(f2.id);
  expect(all.find((i: any) => i.displayName === 'MyDataset').folderId).toBe(f1.id);

  // Imported again: both pair with their items by logical id and are updated in place.
  const again = await bulkImport(ws, ex.parameters.bulkImportItemDefinitionsRequest);
  expect(again.result.importItemDefinitionsDetails.map((d: any) => [d.operationType, d.itemId])).toEqual(
    details.map((d: any) => ['Update', d.itemId]),
  );
  expect((await items(ws)).length).toBe(all.length);
});

test("the spec's export examples: All and Selective give the index and the parts under each root path", async () => {
  const ws = await workspace();
  await bulkImport(ws, example('BulkImportItemDefinitions').parameters.bulkImportItemDefinitionsRequest);
  const ex = example('BulkExportItemDefinitionsAll');
  const valid = await resultValidator('Items_Bulk_Export_Item_Definitions_(beta)');
  const all = await bulkExport(ws, ex.parameters.bulkExportItemDefinitionsRequest);
  expect(all.first.status).toBe(202);
  expect(valid(all.result)).toBe(true);
  const expected = ex.responses['200'].body;
  const roots = (b: any) => b.itemDefinitionsIndex.map((e: any) => e.rootPath).sort();
  expect(roots(all.result)).toEqual(roots(expected));
  const paths = (b: any) => b.definitionParts.map((p: any) => p.path).sort();
  // The stored parts come back as they were imported, each under its item's root path.
  expect(paths(all.result)).toEqual(
    example('BulkImportItemDefinitions')
      .parameters.bulkImportItemDefinitionsRequest.definitionParts.map((p: any) => p.path)
      .sort(),
  );
  const byRoot = new Map(all.result.itemDefinitionsIndex.map((e: any) => [e.rootPath, e.id]));
  const report = byRoot.get('/Folder1/Folder2/MyReport.Report') as string;
  const sel = await bulkExport(ws, { mode: 'Selective', items: [{ id: report }] });
  expect(valid(sel.result)).toBe(true);
  expect(sel.result.itemDefinitionsIndex).toEqual([
    { id: report, rootPath: '/Folder1/Folder2/MyReport.Report' },
  ]);
  expect(sel.result.definitionParts[0].path).toBe('/Folder1/Folder2/MyReport.Report/.platform');
  const plat = JSON.parse(Buffer.from(sel.result.definitionParts[0].payload, 'base64').toString());
  expect(plat.config.logicalId).toBe('88436e65-6ed1-8185-49ff-f61077fc73d4');
});

test('Selective export refusals: an item twice, a protected label, over 1,000 items, an unknown item', async () => {
  const ws = await workspace();
  await bulkImport(ws, { definitionParts: notebook('/Nb.Notebook', 'Nb', 'x = 1') });
  const [nb] = await items(ws);
  const twice = await bulkExport(ws, { mode: 'Selective', items: [{ id: nb.id }, { id: nb.id }] });
  expect([twice.first.status, twice.first.body.errorCode]).toEqual([400, 'ItemReferencedMoreThanOnce']);
  const many = Array.from({ length: 1001 }, () => ({ id: nb.id }));
  const over = await bulkExport(ws, { mode: 'Selective', items: many });
  expect([over.first.status, over.first.body.errorCode]).toEqual([400, 'InvalidInput']);
  const unknown = await bulkExport(ws, {
    mode: 'Selective',
    items: [{ id: '0b0b0b0b-0000-4000-8000-000000000000' }],
  });
  expect([unknown.first.status, unknown.first.body.errorCode]).toEqual([404, 'ItemNotFound']);
  const sim = getSim();
  const label = 'aaaa0000-0000-4000-8000-00000000abcd';
  sim.state.items[nb.id]!.sensitivityLabelId = label;
  sim.state.tenantSettings.protectedSensitivityLabelIds = [label];
  try {
    const labelled = await bulkExport(ws, { mode: 'Selective', items: [{ id: nb.id }] });
    expect([labelled.first.status, labelled.first.body.errorCode]).toEqual([400, 'ItemsHaveProtectedLabels']);
    // All mode leaves it out instead.
    const all = await bulkExport(ws, { mode: 'All' });
    expect(all.result.itemDefinitionsIndex).toEqual([]);
  } finally {
    sim.state.tenantSettings.protectedSensitivityLabelIds = [];
  }
  const noBeta = await client(sim).call('POST', `/workspaces/${ws}/items/bulkExportDefinitions`, {
    mode: 'All',
  });
  expect([noBeta.status, noBeta.body.errorCode]).toEqual([400, 'InvalidParameter']);
});

test('items without a definition are left out of an export; bulk import refuses their types', async () => {
  const ws = await workspace();
  const c = client(getSim());
  const wh = await c.call('POST', `/workspaces/${ws}/warehouses`, { displayName: 'Wh' });
  const whId = wh.status === 202 ? (await c.lro(wh)).result.id : wh.body.id;
  await bulkImport(ws, { definitionParts: notebook('/Nb.Notebook', 'Nb', 'x = 1') });
  const nb = (await items(ws)).find((i: any) => i.type === 'Notebook');
  const sel = await bulkExport(ws, { mode: 'Selective', items: [{ id: whId }, { id: nb.id }] });
  expect(sel.result.itemDefinitionsIndex).toEqual([{ id: nb.id, rootPath: '/Nb.Notebook' }]);
  const refused = await bulkImport(ws, {
    definitionParts: [part('/Wh.Warehouse/.platform', platform('Warehouse', 'Wh'))],
  });
  expect(refused.first.status).toBe(400);
  expect(refused.first.body.errorCode).toBe('UnsupportedItemType');
  expect(refused.first.body.moreDetails[0].message).toContain('/Wh.Warehouse');
});

test('pairing: by logical id (renaming), by name only with allowPairingByName, else DuplicateDisplayNameAndType', async () => {
  const ws = await workspace();
  const lid = '11111111-2222-4333-8444-555555555555';
  const first = await bulkImport(ws, { definitionParts: notebook('/Load.Notebook', 'Load', 'x = 1', lid) });
  const id = first.result.importItemDefinitionsDetails[0].itemId;
  // Same logical id, new name and folder: the same item, renamed and moved.
  const renamed = await bulkImport(ws, {
    definitionParts: notebook('/Etl/Load v2.Notebook', 'Load v2', 'x = 2', lid),
  });
  expect(renamed.result.importItemDefinitionsDetails[0]).toMatchObject({
    itemId: id,
    operationType: 'Update',
    operationStatus: 'Succeeded',
  });
  const after = (await items(ws)).find((i: any) => i.id === id);
  expect(after.displayName).toBe('Load v2');
  expect((await folders(ws)).find((f: any) => f.id === after.folderId).displayName).toBe('Etl');
  // No logical id, an item of that name exists: refused unless pairing by name is allowed.
  const noLid = { definitionParts: notebook('/Load v2.Notebook', 'Load v2', 'x = 3') };
  const refused = await bulkImport(ws, noLid);
  expect([refused.first.status, refused.first.body.errorCode]).toEqual([400, 'DuplicateDisplayNameAndType']);
  const paired = await bulkImport(ws, { ...noLid, options: { allowPairingByName: true } });
  expect(paired.result.importItemDefinitionsDetails[0]).toMatchObject({
    itemId: id,
    operationType: 'Update',
  });
  // Another logical id under an existing name: a duplicate, whatever the option.
  const other = await bulkImport(ws, {
    definitionParts: notebook('/Load v2.Notebook', 'Load v2', 'x', '99999999-2222-4333-8444-555555555555'),
    options: { allowPairingByName: true },
  });
  expect(other.first.body.errorCode).toBe('DuplicateDisplayNameAndType');
  // Twice in one request.
  const twice = await bulkImport(ws, {
    definitionParts: [...notebook('/A/N.Notebook', 'N', 'a'), ...notebook('/B/N.Notebook', 'N', 'b')],
  });
  expect(twice.first.body.errorCode).toBe('DuplicateDisplayNameAndType');
  expect((await items(ws)).length).toBe(1);
});

test('dependencies: logical ids resolve to the deployed ids, an unresolvable byPath or a cycle is refused', async () => {
  const ws = await workspace();
  const lake = 'aaaaaaaa-0000-4000-8000-000000000001';
  const nbLid = 'aaaaaaaa-0000-4000-8000-000000000002';
  const r = await bulkImport(ws, {
    definitionParts: [
      ...notebook(
        '/Nb.Notebook',
        'Nb',
        `# META "default_lakehouse": "${lake}"\n# META "ws": "00000000-0000-0000-0000-000000000000"`,
        nbLid,
      ),
      part('/Lake.Lakehouse/.platform', platform('Lakehouse', 'Lake', lake)),
      part('/Lake.Lakehouse/lakehouse.metadata.json', b64('{}')),
    ],
  });
  expect(r.result.importItemDefinitionsDetails.map((d: any) => d.operationStatus)).toEqual([
    'Succeeded',
    'Succeeded',
  ]);
  const lakeId = r.result.importItemDefinitionsDetails[1].itemId;
  const nbId = r.result.importItemDefinitionsDetails[0].itemId;
  const c = client(getSim());
  const def = await c.lro(await c.call('POST', `/workspaces/${ws}/items/${nbId}/getDefinition`));
  const content = def.result.definition.parts.find((p: any) => p.path === 'notebook-content.py');
  const text = Buffer.from(content.payload, 'base64').toString();
  expect(text).toContain(`"default_lakehouse": "${lakeId}"`);
  expect(text).toContain(`"ws": "${ws}"`);

  const dangling = await bulkImport(ws, {
    definitionParts: [
      part('/R.Report/.platform', platform('Report', 'R')),
      part(
        '/R.Report/definition.pbir',
        b64(
          JSON.stringify({ version: '4.0', datasetReference: { byPath: { path: '../Nope.SemanticModel' } } }),
        ),
      ),
      part('/R.Report/report.json', b64('{}')),
    ],
  });
  expect([dangling.first.status, dangling.first.body.errorCode]).toEqual([
    400,
    'DependenciesCouldNotBeResolved',
  ]);
  const a = 'bbbbbbbb-0000-4000-8000-00000000000a';
  const b = 'bbbbbbbb-0000-4000-8000-00000000000b';
  const cycle = await bulkImport(ws, {
    definitionParts: [
      ...notebook('/A.Notebook', 'A', `run("${b}")`, a),
      ...notebook('/B.Notebook', 'B', `run("${a}")`, b),
    ],
  });
  expect(cycle.first.body.errorCode).toBe('DependenciesCouldNotBeResolved');
  expect(cycle.first.body.moreDetails[0].message).toMatch(/A\.Notebook|B\.Notebook/);
});

test('invalid paths are refused as InvalidFilesPath, naming each part', async () => {
  const ws = await workspace();
  const r = await bulkImport(ws, {
    definitionParts: [
      part('Nb.Notebook/notebook-content.py', b64('x')),
      part('/Folder/notebook-content.py', b64('x')),
      part('/../Nb.Notebook/notebook-content.py', b64('x')),
      part('/Bad*Folder/Nb.Notebook/notebook-content.py', b64('x')),
    ],
  });
  expect([r.first.status, r.first.body.errorCode]).toEqual([400, 'InvalidFilesPath']);
  expect(r.first.body.moreDetails).toHaveLength(4);
  expect(await items(ws)).toEqual([]);
});

test('per item: an invalid definition fails that item only; faults fail or half-fail one item, or the call', async () => {
  const ws = await workspace();
  const r = await bulkImport(ws, {
    definitionParts: [
      ...notebook('/Good.Notebook', 'Good', 'x = 1'),
      // A pipeline without pipeline-content.json.
      part('/Pipe.DataPipeline/.platform', platform('DataPipeline', 'Pipe')),
      part('/Pipe.DataPipeline/other.json', b64('{}')),
    ],
  });
  expect(
    r.result.importItemDefinitionsDetails.map((d: any) => [d.itemDisplayName, d.operationStatus]),
  ).toEqual([
    ['Good', 'Succeeded'],
    ['Pipe', 'Failed'],
  ]);
  expect((await items(ws)).map((i: any) => i.displayName)).toEqual(['Good']);

  const sim = getSim();
  const addFault = async (rule: FaultRule) =>
    expect(
      (await fetch(`${sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify(rule) })).status,
    ).toBe(201);
  try {
    await addFault({
      path: '/v1/workspaces/*/items/bulkImportDefinitions',
      action: { itemStatus: { displayName: 'Good', status: 'SucceededDespiteFailures' } },
      times: 1,
    });
    const half = await bulkImport(ws, {
      definitionParts: notebook('/Good.Notebook', 'Good', 'x = 2'),
      options: { allowPairingByName: true },
    });
    expect(half.result.importItemDefinitionsDetails[0].operationStatus).toBe('SucceededDespiteFailures');
    await addFault({
      path: '/v1/workspaces/*/items/bulkImportDefinitions',
      action: { itemStatus: { displayName: 'Good' } },
      times: 1,
    });
    const failed = await bulkImport(ws, {
      definitionParts: notebook('/Good.Notebook', 'Good', 'x = 3'),
      options: { allowPairingByName: true },
    });
    expect(failed.result.importItemDefinitionsDetails[0].operationStatus).toBe('Failed');
    await addFault({
      path: '/v1/workspaces/*/items/bulkImportDefinitions',
      action: { lroFail: { errorCode: 'UnknownError' } },
      times: 1,
    });
    const whole = await bulkImport(ws, { definitionParts: notebook('/Other.Notebook', 'Other', 'y') });
    expect(whole.state.status).toBe('Failed');
    expect(whole.state.error.errorCode).toBe('UnknownError');
  } finally {
    await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  }
  // The half-failed update applied (x = 2); the failed one did not (still x = 2); the failed call created nothing.
  const c = client(sim);
  const good = (await items(ws)).find((i: any) => i.displayName === 'Good');
  const def = await c.lro(await c.call('POST', `/workspaces/${ws}/items/${good.id}/getDefinition`));
  const code = def.result.definition.parts.find((p: any) => p.path === 'notebook-content.py');
  expect(Buffer.from(code.payload, 'base64').toString()).toContain('x = 2');
  expect((await items(ws)).map((i: any) => i.displayName)).toEqual(['Good']);
});

test('more than 1,000 items in one import is refused', async () => {
  const ws = await workspace();
  const parts = Array.from({ length: 1001 }, (_, i) => part(`/N${i}.Notebook/notebook-content.py`, b64('x')));
  const r = await bulkImport(ws, { definitionParts: parts });
  expect([r.first.status, r.first.body.errorCode]).toEqual([400, 'InvalidInput']);
  expect(r.first.body.moreDetails[0].errorCode).toBe('TooManyItems');
});

test('realistic timing (an assumption): export 2 s + 10 ms per item; import the longest chain of its items', () => {
  const cfg = resolveConfig({ profile: 'realistic', timeScale: 1 });
  expect(exportDurationMs(cfg, 0)).toBe(2000);
  expect(exportDurationMs(cfg, 500)).toBe(7000);
  expect(exportDurationMs(resolveConfig({ profile: 'realistic', timeScale: 0.1 }), 500)).toBe(700);
  // A notebook (1 s) after its lakehouse (the 9.7 s median), a report (1.2 s) beside them: 10.7 s.
  const items = [
    { type: 'Lakehouse', deps: [] },
    { type: 'Notebook', deps: [0] },
    { type: 'Report', deps: [] },
  ];
  expect(importDurationMs(cfg, items, [0, 1, 2])).toBe(10_700);
  expect(importDurationMs(resolveConfig({}), items, [0, 1, 2])).toBe(15);
});
