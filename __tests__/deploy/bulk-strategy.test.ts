/**
 * `strategy: auto | graph | bulk` (issue #13, item 2), through the bundle against the simulator: with
 * bulk the changed items go in bulkImportDefinitions calls and the rest through the graph in the same
 * run; the workspace ends up byte for byte as the graph leaves it (each deployed id read as the item
 * it names); a Failed item, a refused call or a result naming an item the request did not contain
 * fails the deploy and rolls it back; auto says what it chose and why.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Plan } from '../../src/deploy/plan/model';
import { runBundle } from '../support/bundle';
import { notebook, pipeline, project, snapshot, writeItems, type ItemSpec } from '../support/deploy';
import { addFault, clearFaults, clearLog, requestLog, stubServer } from '../support/fabric';
import { RETAIL } from '../support/paths';
import { tokenEnv, useSimulator } from '../support/sim';

const sim = useSimulator();
afterEach(() => clearFaults(sim()));

const IMPORT = /\/items\/bulkImportDefinitions$/;
const CREATE = /^\/v1\/workspaces\/[^/]+\/items$/;
const UPDATE = /\/updateDefinition$/;

/** A copy of the retail repository (27 types, every kind of reference) deployed with `strategy`. */
function retailProject(workspace: string, strategy: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-bulk-'));
  cpSync(RETAIL, path.join(dir, 'retail'), { recursive: true });
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: ${workspace}\n  capacity:\n    name: F64 Production\nitems:\n  directory: retail\n  parameterFile: retail/parameter.yml\n  strategy: ${strategy}\n`,
  );
  return dir;
}

async function run(command: string, dir: string, extra: string[] = [], env: Record<string, string> = {}) {
  await clearLog(sim());
  const summaryFile = path.join(dir, `summary-${Date.now()}.md`);
  const r = await runBundle(
    [
      command,
      '--config',
      path.join(dir, 'fabric-deploy.yml'),
      '--json',
      '--summary-file',
      summaryFile,
      ...extra,
    ],
    { ...tokenEnv(sim()), ...env },
  );
  const out = JSON.parse(r.stdout || '{}') as Record<string, unknown>;
  const planFile = out['plan-file'] as string | undefined;
  const plan = planFile ? (JSON.parse(readFileSync(planFile, 'utf8')) as Plan) : undefined;
  const log = await requestLog(sim());
  const posts = (re: RegExp) => log.filter((x) => x.method === 'POST' && re.test(x.path)).length;
  return {
    code: r.code,
    output: r.stdout + r.stderr,
    out,
    plan,
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '',
    imports: posts(IMPORT),
    creates: posts(CREATE),
    updates: posts(UPDATE),
  };
}

/**
 * What the workspace holds, item by item (`Type/name`: folder, description, each part's text), with
 * every id of the workspace written as the item it names and the workspace id as `<workspace>`: two
 * workspaces deployed from one repository compare equal exactly when every reference resolved to the
 * same item.
 */
function deployed(workspace: string): Record<string, unknown> {
  const snap = snapshot(sim(), workspace)!;
  const names = new Map(snap.items.map((i) => [i.id.toLowerCase(), `<${i.type}/${i.name}>`]));
  names.set(snap.id.toLowerCase(), '<workspace>');
  // What the service derives from an id (a SQL endpoint's host, a query URI) stands for that item too.
  const made = new Map<string, string>();
  for (const [id, name] of names) made.set(id.replace(/-/g, '').slice(0, 20), name);
  const ids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const service = (text: string) => text.replace(/[0-9a-f]{20}/g, (h) => made.get(h) ?? h);
  const out: Record<string, unknown> = { folders: snap.folders };
  for (const i of snap.items) {
    const parts: Record<string, string> = {};
    for (const p of i.parts) {
      const at = p.indexOf(':');
      const bytes = Buffer.from(p.slice(at + 1), 'base64');
      parts[p.slice(0, at)] = service(bytes.toString('utf8')).replace(
        ids,
        (g) => names.get(g.toLowerCase()) ?? g,
      );
    }
    out[`${i.type}/${i.name}`] = { folder: i.folder, description: i.description, parts };
  }
  return out;
}

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

const notebooks = (n: number, body = (i: number) => `print(${i})`): ItemSpec[] =>
  Array.from({ length: n }, (_, i) => notebook(`nb_${i}`, i + 1, body(i)));

test('auto chooses per run from its estimate, and the plan JSON and the summary say which and why', async () => {
  const items = [...notebooks(12), pipeline('pl', 100, [1, 2, 3])];
  const dir = project(
    'version: 1\nworkspace:\n  name: bulk-auto\nitems:\n  directory: items\n  strategy: auto\n',
    items,
  );
  const fresh = await run('deploy', dir);
  expect(fresh.code).toBe(0);
  expect(fresh.plan!.strategy).toMatchObject({ requested: 'auto', chosen: 'bulk', bulkItems: 13 });
  expect(fresh.plan!.strategy!.reason).toMatch(/^auto: (faster|as fast with fewer calls) \(bulk ~/);
  expect([fresh.imports, fresh.creates]).toEqual([1, 0]);

  // One notebook changed: no faster by bulk, so the graph.
  writeItems(dir, [notebook('nb_0', 1, 'print("one")')]);
  const one = await run('plan', dir);
  expect(one.plan!.strategy).toMatchObject({ chosen: 'graph', bulkItems: 0, graphItems: 1 });
  expect(one.plan!.strategy!.reason).toMatch(
    /^auto: the bulk import would not be faster \(bulk ~[\d.]+ s and \d+ calls, graph ~[\d.]+ s and \d+ calls\)$/,
  );
  expect(one.summary).toContain('| Strategy | graph (auto: the bulk import would not be faster');

  // Ten changed: one import instead of ten updates.
  writeItems(
    dir,
    notebooks(10, (i) => `print("ten ${i}")`),
  );
  const ten = await run('deploy', dir);
  expect(ten.code).toBe(0);
  expect(ten.plan!.strategy).toMatchObject({ chosen: 'bulk', bulkItems: 10, graphItems: 0 });
  expect(ten.plan!.strategy!.estimate.bulk.calls).toBeLessThan(ten.plan!.strategy!.estimate.graph.calls);
  expect([ten.imports, ten.updates]).toEqual([1, 0]);
  expect(ten.output).toContain('Strategy: bulk (auto: ');

  // The input beats the config.
  writeItems(
    dir,
    notebooks(10, (i) => `print("again ${i}")`),
  );
  const forced = await run('plan', dir, ['--strategy', 'graph']);
  expect(forced.plan!.strategy).toMatchObject({
    requested: 'graph',
    chosen: 'graph',
    reason: 'strategy: graph',
  });
});

const ITEMS = [notebook('nb_a', 1), notebook('nb_b', 2), pipeline('pl', 3, [1, 2])];

test("an item's Failed fails the deploy and rolls it back: updates restored byte for byte, creates deleted", async () => {
  const dir = project('version: 1\nworkspace:\n  name: bulk-failed\nitems:\n  directory: items\n', ITEMS);
  expect((await run('deploy', dir)).code).toBe(0);
  const before = snapshot(sim(), 'bulk-failed');
  writeItems(dir, [
    notebook('nb_a', 1, 'print("new a")'),
    notebook('nb_b', 2, 'print("new b")'),
    notebook('nb_new', 9),
  ]);
  await addFault(sim(), {
    path: '/v1/workspaces/*/items/bulkImportDefinitions',
    action: { itemStatus: { displayName: 'nb_b', type: 'Notebook', status: 'Failed' } },
    times: 1,
  });
  const r = await run('deploy', dir, ['--strategy', 'bulk']);
  expect(r.code).toBe(1);
  expect(r.out.result).toBe('rolled-back');
  expect(r.imports).toBe(1);
  expect(r.output).toContain("Notebook 'nb_b': the bulk import reports Failed");
  // nb_a was updated and is restored from the pre-deploy export; nb_new was created and is gone.
  expect(snapshot(sim(), 'bulk-failed')).toEqual(before);
});

test('SucceededDespiteFailures is a warning naming the item; the deploy succeeds', async () => {
  const dir = project('version: 1\nworkspace:\n  name: bulk-sdf\nitems:\n  directory: items\n', ITEMS);
  await addFault(sim(), {
    path: '/v1/workspaces/*/items/bulkImportDefinitions',
    action: { itemStatus: { displayName: 'nb_a', type: 'Notebook', status: 'SucceededDespiteFailures' } },
    times: 1,
  });
  const r = await run('deploy', dir, ['--strategy', 'bulk']);
  expect(r.code).toBe(0);
  expect(r.out.result).toBe('succeeded');
  expect(r.output).toContain("Notebook 'nb_a': the bulk import reports SucceededDespiteFailures");
  expect(r.summary).toContain("Notebook 'nb_a': the bulk import reports SucceededDespiteFailures");
});

test('a result naming an item the request did not contain is an error, and the deploy is rolled back', async () => {
  const dir = project('version: 1\nworkspace:\n  name: bulk-foreign\nitems:\n  directory: items\n', ITEMS);
  const target = sim().fabricApiUrl;
  const origin = new URL(target).origin;
  // A proxy in front of the simulator that adds an item to the bulk import's result.
  const stub = await stubServer(async (req, self) => {
    const res = await fetch(`${origin}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
      ) as Record<string, string>,
      body: req.method === 'GET' ? undefined : req.body,
    });
    const text = (await res.text()).split(origin).join(self.url);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!['content-length', 'transfer-encoding', 'connection'].includes(k))
        headers[k] = v.split(origin).join(self.url);
    });
    let body: unknown = text;
    if (/\/operations\/[^/]+\/result$/.test(req.url) && text.includes('importItemDefinitionsDetails')) {
      const j = JSON.parse(text) as { importItemDefinitionsDetails: unknown[] };
      j.importItemDefinitionsDetails.push({
        itemId: 'aaaaaaaa-0000-4000-8000-00000000f00d',
        itemDisplayName: 'Stranger',
        itemType: 'Notebook',
        operationType: 'Create',
        operationStatus: 'Succeeded',
      });
      body = j;
    }
    return { status: res.status, headers, body };
  });
  try {
    const r = await run('deploy', dir, ['--strategy', 'bulk'], {
      FABRIC_DEPLOY_FABRIC_API_URL: target.replace(origin, stub.url),
    });
    expect(r.code).toBe(1);
    expect(r.out.result).toBe('rolled-back');
    expect(r.output).toContain(
      "the bulk import's result names an item the request did not contain: Notebook 'Stranger'",
    );
    expect(snapshot(sim(), 'bulk-foreign')?.items ?? []).toEqual([]);
  } finally {
    await stub.close();
  }
});

test('a call refused as a whole: with bulk an error naming the items, nothing applied; with auto the graph deploys them', async () => {
  const dir = project(
    'version: 1\nworkspace:\n  name: bulk-refused\nitems:\n  directory: items\n',
    notebooks(4),
  );
  expect((await run('deploy', dir, ['--strategy', 'graph'])).code).toBe(0);
  const before = snapshot(sim(), 'bulk-refused');
  writeItems(
    dir,
    notebooks(4, (i) => `print("changed ${i}")`),
  );
  const refuse = {
    method: 'POST',
    path: '/v1/workspaces/*/items/bulkImportDefinitions',
    action: { status: 403, errorCode: 'PrincipalTypeNotSupported', message: 'not for this identity' },
  };
  await addFault(sim(), refuse);
  const bulk = await run('deploy', dir, ['--strategy', 'bulk']);
  expect(bulk.code).toBe(1);
  expect(bulk.output).toContain(
    "strategy: bulk: the bulk import refused Notebook 'nb_0', Notebook 'nb_1', Notebook 'nb_2', Notebook 'nb_3'",
  );
  expect(bulk.output).toContain('PrincipalTypeNotSupported');
  expect(snapshot(sim(), 'bulk-refused')).toEqual(before);

  const auto = await run('deploy', dir, ['--strategy', 'auto']);
  expect(auto.code).toBe(0);
  expect(auto.plan!.strategy!.chosen).toBe('bulk');
  expect([auto.imports, auto.updates]).toEqual([1, 4]);
  expect(auto.summary).toContain('4 items went through the graph instead (strategy: auto)');
});

test('more than 1,000 changed items are sent in calls of 1,000, never refused', async () => {
  const dir = project(
    'version: 1\nworkspace:\n  name: bulk-1001\nitems:\n  directory: items\n',
    notebooks(1001),
  );
  const r = await run('deploy', dir, ['--strategy', 'bulk']);
  expect(r.code).toBe(0);
  expect([r.imports, r.creates]).toEqual([2, 0]);
  expect(snapshot(sim(), 'bulk-1001')!.items).toHaveLength(1001);
});

test('a strategy that is not auto, graph or bulk is refused, in the config (at its line) and as an input', async () => {
  const dir = project(
    'version: 1\nworkspace:\n  name: bulk-bad\nitems:\n  directory: items\n  strategy: fast\n',
    ITEMS,
  );
  const cfg = await run('plan', dir);
  expect(cfg.code).toBe(1);
  expect(cfg.output).toMatch(/fabric-deploy\.yml:6:\d+/);
  expect(cfg.output).toContain('strategy');
  const dir2 = project('version: 1\nworkspace:\n  name: bulk-bad\nitems:\n  directory: items\n', ITEMS);
  const input = await run('plan', dir2, [], { FABRIC_DEPLOY_STRATEGY: 'fast' });
  expect(input.code).toBe(1);
  expect(input.output).toContain("input 'strategy' has the unknown value 'fast'");
  expect(input.output).toContain('use one of: auto, graph, bulk');
  const flag = await run('plan', dir2, ['--strategy', 'fast']);
  expect(flag.code).toBe(1);
  expect(flag.output).toContain('Allowed choices are auto, graph, bulk');
});
