/**
 * `strategy: auto | graph | bulk` (issue #13, item 2), through the bundle against the simulator: with
 * bulk the changed items go in bulkImportDefinitions calls and the rest through the graph in the same
 * run (that both ways give the same workspace: bulk-parity.test); a Failed item, a refused call or a
 * result naming an item the request did not contain fails the deploy and rolls it back;
 * SucceededDespiteFailures warns; more than 1,000 items are chunked; auto says what it chose and why.
 */
import { notebook, pipeline, project, snapshot, writeItems, type ItemSpec } from '../support/deploy';
import { addFault, clearFaults, stubServer } from '../support/fabric';
import { bulkSupport } from '../support/bulk';
import { useSimulator } from '../support/sim';

const sim = useSimulator();
afterEach(() => clearFaults(sim()));
const { run } = bulkSupport(sim);

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
