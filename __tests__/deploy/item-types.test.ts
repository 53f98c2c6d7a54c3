/**
 * Every item type of the official spec that has a definition API is known and deploys; the ones without a
 * definition are shell types or made by the service.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { executeCommand } from '../../src/commands';
import { ITEM_TYPES, SERVICE_MADE_TYPES, itemTypeInfo } from '../../src/items/types';
import type { RunningSimulator } from '../../src/simulator';
import {
  config,
  makeContext,
  project,
  snapshot,
  writesSince,
  requestCount,
  type ItemSpec,
} from '../support/deploy';
import { FIXTURES } from '../support/paths';
import { withSimulator, stopSimulator } from '../support/sim';

const specTypes: string[] = JSON.parse(
  readFileSync(path.join(FIXTURES, 'fabric-api-spec', 'common', 'definitions.json'), 'utf8'),
).definitions.ItemType.enum;
/** The spec's types whose items have no definition (getDefinition answers OperationNotSupportedForItem). */
const NO_DEFINITION = [
  'Dashboard',
  'Datamart',
  'MirroredWarehouse',
  'MLExperiment',
  'MLModel',
  'SQLEndpoint',
  'Warehouse',
  'WarehouseSnapshot',
  'AppBackend',
];
const NEW_TYPES = Object.keys(ITEM_TYPES).filter((t, i) => i >= 29);

test('the 42 spec types with a definition API are all known; the rest are shells or service-made', () => {
  const withDefinition = specTypes.filter((t) => !NO_DEFINITION.includes(t));
  expect(withDefinition).toHaveLength(42);
  expect(withDefinition.filter((t) => !(t in ITEM_TYPES))).toEqual([]);
  for (const t of NO_DEFINITION.filter((t) => t in ITEM_TYPES)) expect(itemTypeInfo(t).shell).toBe(true);
  expect(NO_DEFINITION.filter((t) => !(t in ITEM_TYPES) && !SERVICE_MADE_TYPES.has(t))).toEqual([
    'MLModel',
    'WarehouseSnapshot',
    'AppBackend',
  ]);
  // Data-holding types are kept as orphans: a deploy never deletes a database it did not create.
  expect(NEW_TYPES.filter((t) => itemTypeInfo(t).holdsData).sort()).toEqual([
    'AzureDatabricksStorage',
    'CosmosDBDatabase',
    'DigitalTwinBuilder',
    'MirroredAzureDatabricksCatalog',
    'MirroredCatalog',
    'SnowflakeDatabase',
  ]);
});

describe('types beyond fabric-cicd deploy like any definition item', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await withSimulator();
  });
  afterAll(() => stopSimulator(sim));

  test('one item of each of the 15 new types: created with its definition, then nothing written again', async () => {
    expect(NEW_TYPES).toHaveLength(15);
    const items: ItemSpec[] = NEW_TYPES.map((type, i) => ({
      type,
      name: `${type} one`,
      n: 100 + i,
      files: { 'definition.json': JSON.stringify({ kind: type, version: 1 }, null, 2) + '\n' },
    }));
    const dir = project(config('new-types'), items);
    const report = await executeCommand(makeContext(sim, dir, { command: 'deploy' }).ctx);
    expect(report.error).toBeUndefined();
    expect(report.result).toBe('succeeded');
    expect(report.warnings.filter((w) => /known types/.test(w))).toEqual([]);
    const snap = snapshot(sim, 'new-types')!;
    expect(snap.items.map((i) => i.type).sort()).toEqual([...NEW_TYPES].sort());
    const cosmos = snap.items.find((i) => i.type === 'CosmosDBDatabase')!;
    expect(cosmos.parts).toEqual([
      `definition.json:${Buffer.from(JSON.stringify({ kind: 'CosmosDBDatabase', version: 1 }, null, 2) + '\n').toString('base64')}`,
    ]);

    const from = await requestCount(sim);
    const again = await executeCommand(makeContext(sim, dir, { command: 'deploy' }).ctx);
    expect(again.result).toBe('succeeded');
    expect(again.hasChanges).toBe(false);
    expect(await writesSince(sim, from)).toEqual([]);
  });
});
