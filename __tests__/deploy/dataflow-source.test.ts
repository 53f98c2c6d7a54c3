/**
 * A Dataflow that reads another Dataflow of the repository (`PowerPlatform.Dataflows` … `workspaceId`,
 * `dataflowId` in mashup.pq), parameterized as fabric-cicd documents it: a find_replace of the source's
 * dataflowId with `$items.Dataflow.<name>.$id`. The source is deployed first, the reference lands as the
 * deployed source's id in the target workspace (the authoring workspace's id rewritten as fabric-cicd does),
 * and a re-deploy writes nothing. Against the simulator.
 */
import { executeCommand } from '../../src/commands';
import { config, makeContext, project, requestCount, requests, writesSince } from '../support/deploy';
import { fileSimulator } from '../support/sim';

const sim = fileSimulator();

const DEV_WS = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const DEV_SOURCE = 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb';

const META = (name: string) =>
  JSON.stringify({ formatVersion: '202502', computeEngineSettings: {}, name }, null, 2);
const reader = `section Section1;
shared Orders = let
  Source = PowerPlatform.Dataflows([]),
  Workspace = Source{[workspaceId = "${DEV_WS}"]}[Data],
  Flow = Workspace{[dataflowId = "${DEV_SOURCE}"]}[Data],
  Orders = Flow{[entity = "Orders", version = ""]}[Data]
in
  Orders;
`;

test('the source dataflow first; its id and workspace rewritten for the target; re-deploy writes nothing', async () => {
  const dir = project(
    `${config('dataflows')}  parameterFile: items/parameter.yml\nenvironments:\n  dev: {}\n`,
    [
      // Named so that alphabetical order would deploy the reader first.
      {
        type: 'Dataflow',
        name: 'A Reader',
        n: 1,
        files: { 'queryMetadata.json': META('A Reader'), 'mashup.pq': reader },
      },
      {
        type: 'Dataflow',
        name: 'Z Source',
        n: 2,
        files: {
          'queryMetadata.json': META('Z Source'),
          'mashup.pq': 'section Section1;\nshared Orders = #table({"Id"}, {{1}});\n',
        },
      },
    ],
    {
      'items/parameter.yml': `find_replace:\n  - find_value: "${DEV_SOURCE}"\n    replace_value:\n      dev: "$items.Dataflow.Z Source.$id"\n    item_type: "Dataflow"\n`,
    },
  );
  const from = await requestCount(sim);
  const report = await executeCommand(makeContext(sim, dir, { environment: 'dev' }).ctx);
  expect(report.result).toBe('succeeded');

  const ws = Object.values(sim.state.workspaces).find((w) => w.displayName === 'dataflows')!;
  const flows = Object.values(sim.state.items).filter(
    (i) => i.workspaceId === ws.id && i.type === 'Dataflow',
  );
  const source = flows.find((i) => i.displayName === 'Z Source')!;
  const readerItem = flows.find((i) => i.displayName === 'A Reader')!;
  const pq = Buffer.from(
    readerItem.definition!.parts.find((p) => p.path === 'mashup.pq')!.payload,
    'base64',
  ).toString('utf8');
  expect(pq).toContain(`[workspaceId = "${ws.id}"]`);
  expect(pq).toContain(`[dataflowId = "${source.id}"]`);
  expect(pq).not.toContain(DEV_WS);
  expect(pq).not.toContain(DEV_SOURCE);

  // The source is created before the reader.
  const creates = (await requests(sim, from)).filter(
    (r) => r.method === 'POST' && /\/items$|\/dataflows$/.test(r.path),
  );
  expect(creates).toHaveLength(2);
  expect(new Date(source.createdTime).getTime()).toBeLessThanOrEqual(
    new Date(readerItem.createdTime).getTime(),
  );
  expect(report.items.map((i) => i.name)).toEqual(['Z Source', 'A Reader']);

  const again = await requestCount(sim);
  const second = await executeCommand(makeContext(sim, dir, { environment: 'dev' }).ctx);
  expect(second.result).toBe('succeeded');
  expect(second.hasChanges).toBe(false);
  expect(await writesSince(sim, again)).toEqual([]);
});
