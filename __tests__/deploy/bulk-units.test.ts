/**
 * The bulk path's pure parts, case by case: which route each changed item takes and why, the stages a
 * bulk deploy runs in, auto's choice from its estimate, and a request's paths and result matching.
 */
import type { DesiredItem } from '../../src/deploy/desired';
import { bulkStagesOf, chooseStrategy, writeRoute } from '../../src/deploy/bulk/strategy';
import { importRequest, matchResults, platformLogicalId, withLogicalId } from '../../src/deploy/bulk/request';
import type { PlannedItem } from '../../src/deploy/plan/model';

const lid = (n: number) => `30000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const b64 = (s: string) => Buffer.from(s).toString('base64');

function item(
  type: string,
  name: string,
  n: number,
  action: PlannedItem['action'],
  deps: string[] = [],
  files: string[] = [],
): { p: PlannedItem; d: DesiredItem } {
  const key = `${type}/${name.toLowerCase()}`;
  const d = {
    key,
    type,
    displayName: name,
    logicalId: lid(n),
    shell: ['Lakehouse', 'Warehouse', 'SQLDatabase', 'MLExperiment'].includes(type),
    dependsOn: deps,
    files: files.map((path) => ({ path, size: 1 })),
    payload: async () => ({ warnings: [] }),
  } as DesiredItem;
  const p: PlannedItem = { key, type, name, action, folder: '', dependsOn: deps };
  return { p, d };
}

const plan = (xs: { p: PlannedItem; d: DesiredItem }[]) => ({
  items: xs.map((x) => x.p),
  desired: new Map(xs.map((x) => [x.d.key, x.d])),
});

test('each changed item is routed to the bulk import or, with its reason, to the graph', () => {
  const route = (x: { p: PlannedItem; d: DesiredItem }) => writeRoute(x.p, x.d);
  expect(route(item('Notebook', 'nb', 1, 'update'))).toEqual({ path: 'bulk' });
  expect(route(item('Notebook', 'nb', 1, 'unchanged'))).toBeUndefined();
  expect(route(item('Lakehouse', 'lh', 2, 'create'))).toEqual({
    path: 'graph',
    reason: 'a Lakehouse has no definition (created from its metadata)',
  });
  expect(route(item('MLExperiment', 'ml', 2, 'create'))!.reason).toMatch(/^an MLExperiment/);
  expect(route(item('Notebook', 'ipy', 3, 'create', [], ['notebook-content.ipynb']))).toEqual({
    path: 'graph',
    reason: 'format ipynb (the bulk import has no format choice)',
  });
  expect(route(item('DataBuildToolJob', 'dbt', 4, 'create'))!.reason).toBe(
    'the bulk import does not take DataBuildToolJob',
  );
  expect(route(item('Eventhouse', 'eh', 5, 'create'))!.path).toBe('graph');
  expect(route(item('Eventhouse', 'eh', 5, 'update'))!.path).toBe('bulk');
  expect(route(item('Notebook', 'mv', 6, 'move'))).toEqual({
    path: 'graph',
    reason: 'a move only (one call)',
  });
});

test('stages: a bulk item waits for a graph item it depends on, never for a bulk item of the same call', () => {
  const lh = item('Lakehouse', 'lh', 1, 'create');
  const nb1 = item('Notebook', 'nb1', 2, 'create', [lh.d.key]);
  const nb2 = item('Notebook', 'nb2', 3, 'create', [nb1.d.key]);
  const pl = item('DataPipeline', 'pl', 4, 'create', [nb2.d.key]);
  const model = item('SemanticModel', 'm', 5, 'update');
  const { items, desired } = plan([lh, nb1, nb2, pl, model]);
  expect(bulkStagesOf(items, desired)).toEqual([
    ['Lakehouse/lh', 'SemanticModel/m'],
    ['Notebook/nb1', 'Notebook/nb2', 'DataPipeline/pl'],
  ]);
});

test('auto: one changed notebook stays on the graph; fifty go in one import; the estimate says why', () => {
  const one = plan([item('Notebook', 'nb', 1, 'update')]);
  const a = chooseStrategy('auto', one.items, one.desired, { maxParallel: 16 });
  expect(a).toMatchObject({ chosen: 'graph', bulkItems: 0, graphItems: 1 });
  expect(a.reason).toMatch(/^auto: the bulk import would not be faster/);
  const many = plan(Array.from({ length: 50 }, (_, i) => item('Notebook', `nb${i}`, i + 1, 'update')));
  const b = chooseStrategy('auto', many.items, many.desired, { maxParallel: 16 });
  expect(b).toMatchObject({ chosen: 'bulk', bulkItems: 50, graphItems: 0 });
  expect(b.estimate.bulk.calls).toBeLessThan(b.estimate.graph.calls);
  expect(chooseStrategy('graph', many.items, many.desired, { maxParallel: 16 }).chosen).toBe('graph');
  const shells = plan([item('Lakehouse', 'lh', 1, 'create')]);
  expect(chooseStrategy('bulk', shells.items, shells.desired, { maxParallel: 16 })).toMatchObject({
    chosen: 'graph',
    reason: 'no changed item is one the bulk import takes',
  });
});

test('a request: folder-rooted paths, .platform first, the deployed logical id on an update; results matched back', () => {
  const platform = (id: string) =>
    b64(JSON.stringify({ metadata: { type: 'Notebook', displayName: 'a' }, config: { logicalId: id } }));
  const def = {
    parts: [
      { path: 'notebook-content.py', payload: b64('x'), payloadType: 'InlineBase64' as const },
      { path: '.platform', payload: platform(lid(1)), payloadType: 'InlineBase64' as const },
    ],
  };
  const deployedLid = lid(99);
  const sent = withLogicalId(def, deployedLid);
  expect(platformLogicalId(sent)).toBe(deployedLid);
  expect(platformLogicalId(def)).toBe(lid(1));
  const req = importRequest(
    [
      {
        key: 'Notebook/a',
        type: 'Notebook',
        name: 'a',
        folderPath: '/etl/daily',
        definition: sent,
        logicalId: deployedLid,
      },
      { key: 'Notebook/b', type: 'Notebook', name: 'b', folderPath: '', definition: def, logicalId: lid(1) },
    ],
    false,
  );
  expect(req.options).toBeUndefined();
  expect(req.definitionParts.map((p) => p.path)).toEqual([
    '/etl/daily/a.Notebook/.platform',
    '/etl/daily/a.Notebook/notebook-content.py',
    '/b.Notebook/.platform',
    '/b.Notebook/notebook-content.py',
  ]);
  const entries = [
    { key: 'a', type: 'Notebook', name: 'a', folderPath: '', definition: def, logicalId: deployedLid },
    {
      key: 'b',
      type: 'Notebook',
      name: 'b',
      folderPath: '',
      definition: def,
      logicalId: '00000000-0000-0000-0000-000000000000',
    },
  ];
  const m = matchResults(entries, [
    {
      itemId: 'i-b',
      itemDisplayName: 'B',
      itemType: 'Notebook',
      itemLogicalId: lid(7),
      operationStatus: 'Succeeded',
    },
    {
      itemId: 'i-a',
      itemDisplayName: 'a',
      itemType: 'Notebook',
      itemLogicalId: deployedLid,
      operationStatus: 'Succeeded',
    },
    {
      itemId: 'i-x',
      itemDisplayName: 'x',
      itemType: 'Notebook',
      itemLogicalId: lid(8),
      operationStatus: 'Succeeded',
    },
  ]);
  expect(m.byEntry.map((d) => d?.itemId)).toEqual(['i-a', 'i-b']);
  expect(m.foreign.map((d) => d.itemId)).toEqual(['i-x']);
});
