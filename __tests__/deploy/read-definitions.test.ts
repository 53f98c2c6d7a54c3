/**
 * The plan's definition reads over more items than one export takes: 1,001 deployed notebooks are read
 * in two Selective exports (1,000 + 1), no getDefinition, and each definition is the one getDefinition
 * gives (part paths relative to the item, same payloads).
 */
import { FabricOps } from '../../src/deploy/api';
import { EXPORT_CHUNK, readDefinitions } from '../../src/deploy/plan/read-definitions';
import type { Item } from '../../src/fabric/types';
import { client as fabricClient, clearLog, requestLog } from '../support/fabric';
import { b64, client } from '../support/sim-client';
import { useSimulator } from '../support/sim';

const sim = useSimulator({ lroDelayMs: 5 });

const part = (p: string, text: string) => ({ path: p, payload: b64(text), payloadType: 'InlineBase64' });
const notebookParts = (i: number) => [
  part(
    `/nb_${i}.Notebook/.platform`,
    JSON.stringify({ metadata: { type: 'Notebook', displayName: `nb_${i}` }, config: { version: '2.0' } }),
  ),
  part(`/nb_${i}.Notebook/notebook-content.py`, `# Fabric notebook source\nprint(${i})\n`),
];

/**
 * Polls again when a poll's connection was reset: applying 1,000 items holds the simulator's event loop
 * for seconds, and an idle keep-alive socket can close under the next poll (a GET, safe to repeat).
 */
async function settled<T>(poll: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await poll();
    } catch (err) {
      if (attempt >= 3 || !(err instanceof TypeError)) throw err;
    }
  }
}

test('1,001 items: two exports (1,000 + 1), every definition as getDefinition gives it, no getDefinition', async () => {
  const raw = client(sim());
  const ws = (await raw.call('POST', '/workspaces', { displayName: 'read-definitions-1001' })).body
    .id as string;
  // Imported 100 at a time: one import of 1,000 holds the simulator for seconds on a loaded machine.
  for (let from = 0; from < EXPORT_CHUNK + 1; from += 100) {
    const to = Math.min(from + 100, EXPORT_CHUNK + 1);
    const first = await raw.call('POST', `/workspaces/${ws}/items/bulkImportDefinitions?beta=true`, {
      definitionParts: Array.from({ length: to - from }, (_, k) => notebookParts(from + k)).flat(),
    });
    expect([first.status, first.body?.errorCode]).toEqual([202, undefined]);
    expect((await settled(() => raw.lro(first))).state.status).toBe('Succeeded');
  }
  const ops = new FabricOps(fabricClient(sim()).c);
  const items = (await ops.listItems(ws)).filter((i: Item) => i.type === 'Notebook');
  expect(items).toHaveLength(EXPORT_CHUNK + 1);

  await clearLog(sim());
  const got = await readDefinitions(
    ops,
    ws,
    items.map((item) => ({ key: item.displayName, item })),
    { maxParallel: 8 },
  );
  const log = await requestLog(sim());
  expect(log.filter((r) => /bulkExportDefinitions$/.test(r.path) && r.method === 'POST')).toHaveLength(2);
  expect(log.filter((r) => /getDefinition$/.test(r.path))).toHaveLength(0);
  expect(got.summary).toEqual({ export: 1001, getDefinition: 0, exportCalls: 2, reasons: {} });

  const sample = items.find((i) => i.displayName === 'nb_1000')!;
  const single = await ops.getItemDefinition(ws, sample);
  const byPath = (d: { parts: { path: string }[] }) =>
    [...d.parts].sort((a, b) => a.path.localeCompare(b.path));
  expect(byPath(got.definitions.get('nb_1000')!)).toEqual(byPath(single));
  expect(
    got.definitions
      .get('nb_7')!
      .parts.map((p) => p.path)
      .sort(),
  ).toEqual(['.platform', 'notebook-content.py']);
}, 180_000); // 1,001 items through the simulator: seconds alone, more on a loaded machine
