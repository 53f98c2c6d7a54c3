/**
 * `strategy: bulk` and `graph` give the same workspace (issue #13, item 2): the retail repository (27
 * types, every kind of reference) deployed both ways, through the bundle, compares byte for byte —
 * every part of every item, each deployed id read as the item it names — fresh and after an update.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bulkSupport } from '../support/bulk';
import { useSimulator } from '../support/sim';

const sim = useSimulator();
const { run, deployed, retailProject } = bulkSupport(sim);

test('the retail repository deployed by the graph and by bulk: byte-identical definitions, fresh and after an update', async () => {
  const graphDir = retailProject('bulk-retail-graph', 'graph');
  const bulkDir = retailProject('bulk-retail-bulk', 'bulk');
  const env = ['--environment', 'TEST'];
  const graph = await run('deploy', graphDir, env);
  expect(graph.code).toBe(0);
  expect([graph.imports, graph.creates]).toEqual([0, 31]);
  expect(graph.plan!.strategy).toMatchObject({ requested: 'graph', chosen: 'graph' });

  const bulk = await run('deploy', bulkDir, env);
  expect(bulk.code).toBe(0);
  const s = bulk.plan!.strategy!;
  expect(s).toMatchObject({ requested: 'bulk', chosen: 'bulk', bulkItems: 20, graphItems: 11 });
  // Types the bulk import does not take went through the graph, each with its reason.
  expect(s.fallback).toContainEqual({
    type: 'Lakehouse',
    name: 'Bronze',
    reason: 'a Lakehouse has no definition (created from its metadata)',
  });
  expect(s.fallback).toContainEqual({
    type: 'DataBuildToolJob',
    name: 'Dbt Models',
    reason: 'the bulk import does not take DataBuildToolJob',
  });
  const write = (name: string) => bulk.plan!.items.find((i) => i.name === name)!.write;
  expect(write('Ingest Orders')).toEqual({ path: 'bulk' });
  expect(write('Nightly Job')).toEqual({
    path: 'graph',
    reason: 'format SparkJobDefinitionV2 (the bulk import has no format choice)',
  });
  // Only the graph's items were created one by one; the others came in the import calls.
  expect(bulk.creates).toBe(11);
  expect(bulk.imports).toBeGreaterThanOrEqual(1);
  expect(bulk.summary).toContain(
    '| Strategy | bulk (strategy: bulk); 20 by bulk import; 11 through the graph |',
  );
  expect(deployed('bulk-retail-bulk')).toEqual(deployed('bulk-retail-graph'));

  // The same change both ways: a notebook, the model and a report that references it.
  for (const dir of [graphDir, bulkDir]) {
    const nb = path.join(dir, 'retail', 'Ingest Orders.Notebook', 'notebook-content.py');
    writeFileSync(nb, readFileSync(nb, 'utf8') + '\nprint("changed")\n');
    const model = path.join(dir, 'retail', 'Sales Model.SemanticModel', '.platform');
    writeFileSync(
      model,
      readFileSync(model, 'utf8').replace('"displayName"', '"description": "v2",\n    "displayName"'),
    );
  }
  const graph2 = await run('deploy', graphDir, env);
  expect(graph2.code).toBe(0);
  expect([graph2.imports, graph2.updates]).toEqual([0, 2]);
  const bulk2 = await run('deploy', bulkDir, env);
  expect(bulk2.code).toBe(0);
  expect([bulk2.imports, bulk2.updates, bulk2.creates]).toEqual([1, 0, 0]);
  expect(deployed('bulk-retail-bulk')).toEqual(deployed('bulk-retail-graph'));
});
