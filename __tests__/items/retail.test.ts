/** The project's own fabric-cicd repository (__tests__/fixtures/repos/retail): read, parameterised, ordered. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadParameterFile, type ResolvableRef } from '../../src/items/parameters';
import { buildItemPayload, type ItemPayload } from '../../src/items/payload';
import { dependencyGraph, dependencyLevels, validateItemReferences } from '../../src/items/references';
import { scanRepository } from '../../src/items/repository';
import { type RepositoryScan } from '../../src/items/repo-item';
import { ITEM_TYPES } from '../../src/items/types';
import { RETAIL } from '../support/paths';
import { decode } from '../support/items';

const WS = 'bbbbbbbb-1111-4222-8333-444444444444';
let scan: RepositoryScan;
let deployed: Map<string, string>;

beforeAll(async () => {
  scan = await scanRepository(RETAIL);
  deployed = new Map(
    scan.items.map((i, n) => [i.logicalId, `e0000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`]),
  );
});

const byName = (type: string, name: string) =>
  scan.items.find((i) => i.type === type && i.displayName === name)!;

test('31 items of 27 known types, nested folders, KQL databases as items of their own', () => {
  expect(scan.items).toHaveLength(31);
  const types = new Set(scan.items.map((i) => i.type));
  expect(types.size).toBe(27);
  for (const t of types) expect(ITEM_TYPES[t]).toBeDefined();
  expect(scan.folders).toEqual(['/Sales', '/Sales/Daily']);
  expect(byName('Notebook', 'Daily Totals').folderPath).toBe('/Sales/Daily');
  const clicks = byName('KQLDatabase', 'Clicks');
  expect(clicks.folderPath).toBe('');
  expect(clicks.parentLogicalId).toBe(byName('Eventhouse', 'Telemetry').logicalId);
  expect(byName('Eventhouse', 'Telemetry').files.map((f) => f.path)).toEqual(['EventhouseProperties.json']);
});

test('binary images are flagged, text parts are not; the report finds its model by path', () => {
  const report = byName('Report', 'Sales Report');
  const images = report.files.filter((f) => f.path.startsWith('StaticResources/RegisteredResources/'));
  expect(images.map((f) => f.path).sort()).toEqual([
    'StaticResources/RegisteredResources/banner.png',
    'StaticResources/RegisteredResources/logo.png',
  ]);
  expect(images.every((f) => f.binary)).toBe(true);
  expect(report.files.filter((f) => !images.includes(f)).every((f) => !f.binary)).toBe(true);
  expect(report.datasetByPath?.model.displayName).toBe('Sales Model');
});

test('parameter.yml with extend, $workspace, $items and key_value_replace, applied for TEST', async () => {
  const params = loadParameterFile(path.join(RETAIL, 'parameter.yml'), {
    environment: 'TEST',
    repositoryDir: RETAIL,
  });
  expect(params.findReplace).toHaveLength(3);
  expect(params.keyValueReplace).toHaveLength(1);
  const asked: ResolvableRef[] = [];
  const resolve = (ref: ResolvableRef) => {
    asked.push(ref);
    if (ref.kind !== 'item') return undefined;
    if (ref.attribute === 'sqlendpoint') return `${ref.name.toLowerCase()}.datawarehouse.fabric.test`;
    return deployed.get(byName(ref.type, ref.name).logicalId);
  };
  const payload = async (type: string, name: string, part: string) => {
    const p = await buildItemPayload(byName(type, name), {
      logicalIds: deployed,
      workspaceId: WS,
      workspaceName: 'Retail TEST',
      environment: 'TEST',
      parameters: params,
      resolve,
      items: scan.items,
    });
    return decode(p.definition!.parts.find((x) => x.path === part)!.payload);
  };
  const ingest = await payload('Notebook', 'Ingest Orders', 'notebook-content.py');
  expect(ingest).toContain(`"default_lakehouse": "${deployed.get(byName('Lakehouse', 'Bronze').logicalId)}"`);
  expect(ingest).toContain(`"default_lakehouse_workspace_id": "${WS}"`);
  expect(ingest).toContain('server = "reporting.datawarehouse.fabric.test"');
  expect(await payload('Notebook', 'Transform Sales', 'notebook-content.py')).toContain(
    'print("transform: test")',
  );
  const pipeline = JSON.parse(await payload('DataPipeline', 'Run Ingest', 'pipeline-content.json'));
  expect(pipeline.properties.activities[0].typeProperties).toEqual({
    notebookId: deployed.get(byName('Notebook', 'Ingest Orders').logicalId),
    workspaceId: WS,
  });
  const queryset = JSON.parse(await payload('KQLQueryset', 'Click Queries', 'RealTimeQueryset.json'));
  expect(queryset.queryset.dataSources[0].databaseItemId).toBe(
    deployed.get(byName('KQLDatabase', 'Clicks').logicalId),
  );
  expect(asked.some((r) => r.kind === 'item' && r.type === 'Warehouse')).toBe(true);
});

test('dependency graph: data before code, code before what runs or shows it; no cycle', () => {
  const params = loadParameterFile(path.join(RETAIL, 'parameter.yml'), {
    environment: 'TEST',
    repositoryDir: RETAIL,
  });
  expect(() => validateItemReferences(params, scan.items)).not.toThrow();
  const graph = dependencyGraph(scan.items, params);
  const key = (type: string, name: string) => byName(type, name).key;
  const deps = (type: string, name: string) => graph.get(key(type, name))!;
  expect(deps('DataPipeline', 'Run Ingest')).toEqual(new Set([key('Notebook', 'Ingest Orders')]));
  expect(deps('Notebook', 'Ingest Orders')).toEqual(
    new Set([key('Lakehouse', 'Bronze'), key('Warehouse', 'Reporting')]),
  );
  expect(deps('Report', 'Sales Report')).toEqual(new Set([key('SemanticModel', 'Sales Model')]));
  expect(deps('KQLDatabase', 'Clicks')).toEqual(new Set([key('Eventhouse', 'Telemetry')]));
  expect(deps('KQLQueryset', 'Click Queries')).toEqual(new Set([key('KQLDatabase', 'Clicks')]));
  expect(deps('Eventstream', 'Click Stream')).toEqual(new Set([key('KQLDatabase', 'Clicks')]));
  expect(deps('SparkJobDefinition', 'Nightly Job')).toEqual(
    new Set([key('Lakehouse', 'Bronze'), key('Environment', 'Spark Env')]),
  );
  expect(deps('Lakehouse', 'Bronze').size).toBe(0);
  const levels = dependencyLevels(graph);
  const level = (type: string, name: string) => levels.findIndex((l) => l.includes(key(type, name)));
  expect(level('Lakehouse', 'Bronze')).toBeLessThan(level('Notebook', 'Ingest Orders'));
  expect(level('Notebook', 'Ingest Orders')).toBeLessThan(level('DataPipeline', 'Run Ingest'));
});

test('every item gets a payload; binary parts byte for byte; no other logical id or zero workspace id left', async () => {
  const params = loadParameterFile(path.join(RETAIL, 'parameter.yml'), {
    environment: 'TEST',
    repositoryDir: RETAIL,
  });
  const resolve = (ref: ResolvableRef) => {
    if (ref.kind === 'workspace') return undefined;
    if (ref.kind === 'item' && ref.attribute === 'id')
      return deployed.get(byName(ref.type, ref.name).logicalId);
    return `${ref.kind === 'item' ? ref.name : 'x'}-${ref.kind === 'item' ? ref.attribute : 'y'}.fabric.test`;
  };
  const all = new Map<(typeof scan.items)[number], ItemPayload>();
  for (const item of scan.items)
    all.set(
      item,
      await buildItemPayload(item, {
        logicalIds: deployed,
        workspaceId: WS,
        environment: 'TEST',
        parameters: params,
        resolve,
        items: scan.items,
      }),
    );
  expect(all.size).toBe(31);
  const report = byName('Report', 'Sales Report');
  for (const f of report.files.filter((x) => x.binary))
    expect(all.get(report)!.definition!.parts.find((x) => x.path === f.path)!.payload).toBe(
      readFileSync(f.absPath).toString('base64'),
    );
  const logical = scan.items.map((i) => i.logicalId);
  for (const [item, p] of all) {
    for (const x of p.definition?.parts ?? []) {
      if (x.path === '.platform' || item.files.find((f) => f.path === x.path)?.binary) continue;
      const text = decode(x.payload);
      for (const id of logical)
        if (id !== item.logicalId)
          expect(text.includes(id) ? `${item.displayName}/${x.path} still has ${id}` : '').toBe('');
      expect(
        /"(?:workspaceId|workspace|default_lakehouse_workspace_id)"\s*:\s*"0{8}-0{4}-0{4}-0{4}-0{12}"/.test(
          text,
        ),
      ).toBe(false);
    }
  }
});
