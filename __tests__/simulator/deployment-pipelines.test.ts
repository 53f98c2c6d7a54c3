/**
 * Deployment pipelines in the simulator: create, stages, workspace assignment, stage items with their
 * pairing, and the stage deploy (an LRO) with its execution plan; every exchange checked against the spec.
 */
import { useSimulator } from '../support/sim';
import { b64, client } from '../support/sim-client';

const getSim = useSimulator();

const nb = (src: string) => ({
  parts: [{ path: 'notebook-content.py', payload: b64(src), payloadType: 'InlineBase64' }],
});

async function setup() {
  const c = client(getSim());
  const dev = (await c.call('POST', '/workspaces', { displayName: `Dev ${Math.random()}` })).body;
  const test = (await c.call('POST', '/workspaces', { displayName: `Test ${Math.random()}` })).body;
  const created = await c.call('POST', '/deploymentPipelines', {
    displayName: `Sales ${Math.random()}`,
    stages: [
      { displayName: 'Development' },
      { displayName: 'Test' },
      { displayName: 'Production', isPublic: true },
    ],
  });
  expect(created.status).toBe(201);
  const p = created.body;
  expect(p.stages.map((s: any) => [s.order, s.displayName])).toEqual([
    [0, 'Development'],
    [1, 'Test'],
    [2, 'Production'],
  ]);
  const [s0, s1, s2] = p.stages;
  for (const [s, ws] of [
    [s0, dev],
    [s1, test],
  ])
    expect(
      (
        await c.call('POST', `/deploymentPipelines/${p.id}/stages/${s.id}/assignWorkspace`, {
          workspaceId: ws.id,
        })
      ).status,
    ).toBe(200);
  return { c, p, s0, s1, s2, dev, test };
}

async function create(c: ReturnType<typeof client>, wsId: string, body: unknown) {
  const r = await c.call('POST', `/workspaces/${wsId}/items`, body);
  return r.status === 202 ? (await c.lro(r)).result : r.body;
}

test('a stage deploy creates new items, overwrites different ones and pairs them', async () => {
  const { c, p, s0, s1, dev, test } = await setup();
  const a = await create(c, dev.id, { displayName: 'Load', type: 'Notebook', definition: nb('print(1)') });
  await create(c, dev.id, { displayName: 'Clean', type: 'Notebook', definition: nb('print(2)') });
  await create(c, test.id, { displayName: 'Clean', type: 'Notebook', definition: nb('print(old)') });

  const stages = await c.call('GET', `/deploymentPipelines/${p.id}/stages`);
  expect(stages.body.value[0]).toMatchObject({ workspaceId: dev.id, workspaceName: dev.displayName });
  expect(stages.body.value[2].workspaceId).toBeUndefined();

  const items = (await c.call('GET', `/deploymentPipelines/${p.id}/stages/${s0.id}/items`)).body.value;
  const clean = items.find((i: any) => i.itemDisplayName === 'Clean');
  expect(clean.targetItemId).toBeDefined();
  expect(items.find((i: any) => i.itemDisplayName === 'Load').targetItemId).toBeUndefined();

  const first = await c.call('POST', `/deploymentPipelines/${p.id}/deploy`, {
    sourceStageId: s0.id,
    targetStageId: s1.id,
    note: 'first',
  });
  expect(first.status).toBe(202);
  const deploymentId = first.headers.get('deployment-id');
  const done = await c.lro(first);
  expect(done.state.status).toBe('Succeeded');
  const op = (await c.call('GET', `/deploymentPipelines/${p.id}/operations/${deploymentId}`)).body;
  expect(op).toMatchObject({
    status: 'Succeeded',
    note: { content: 'first' },
    preDeploymentDiffInformation: { newItemsCount: 1, differentItemsCount: 1, noDifferenceItemsCount: 0 },
  });
  expect(
    op.executionPlan.steps.map((s: any) => [
      s.sourceAndTarget.sourceItemDisplayName,
      s.preDeploymentDiffState,
      s.status,
    ]),
  ).toEqual([
    ['Clean', 'Different', 'Succeeded'],
    ['Load', 'New', 'Succeeded'],
  ]);
  const inTest = (await c.call('GET', `/workspaces/${test.id}/items`)).body.value;
  expect(inTest.map((i: any) => i.displayName).sort()).toEqual(['Clean', 'Load']);
  const testItems = (await c.call('GET', `/deploymentPipelines/${p.id}/stages/${s1.id}/items`)).body.value;
  expect(testItems.find((i: any) => i.itemDisplayName === 'Load')).toMatchObject({ sourceItemId: a.id });
  expect(testItems[0].lastDeploymentTime).toBeDefined();

  // Selective deploy of an unchanged item: NoDifference.
  const again = await c.call('POST', `/deploymentPipelines/${p.id}/deploy`, {
    sourceStageId: s0.id,
    targetStageId: s1.id,
    items: [{ sourceItemId: a.id, itemType: 'Notebook' }],
  });
  await c.lro(again);
  const op2 = (
    await c.call('GET', `/deploymentPipelines/${p.id}/operations/${again.headers.get('deployment-id')}`)
  ).body;
  expect(op2.executionPlan.steps).toHaveLength(1);
  expect(op2.executionPlan.steps[0].preDeploymentDiffState).toBe('NoDifference');
  const history = (await c.call('GET', `/deploymentPipelines/${p.id}/operations`)).body.value;
  expect(history.map((h: any) => h.id)).toEqual([op2.id, op.id]);
});

test('deploy refusals: stage without workspace, non-adjacent stages, strangers', async () => {
  const { c, p, s0, s1, s2 } = await setup();
  const noWs = await c.call('POST', `/deploymentPipelines/${p.id}/deploy`, {
    sourceStageId: s1.id,
    targetStageId: s2.id,
  });
  expect(noWs.status).toBe(400);
  expect(noWs.body.errorCode).toBe('TargetStageHasNoWorkspace');
  const skip = await c.call('POST', `/deploymentPipelines/${p.id}/deploy`, {
    sourceStageId: s0.id,
    targetStageId: s2.id,
  });
  expect(skip.body.errorCode).toBe('InvalidDeploymentStages');
  const other = client(getSim(), getSim().issueToken({ oid: 'c4a71e00-0000-4000-8000-00000000c003' }));
  expect((await other.call('GET', `/deploymentPipelines/${p.id}`)).status).toBe(404);
  expect((await other.call('GET', '/deploymentPipelines')).body.value).toEqual([]);
  // A workspace belongs to one stage at most.
  const dup = await c.call('POST', `/deploymentPipelines/${p.id}/stages/${s2.id}/assignWorkspace`, {
    workspaceId: (await c.call('GET', `/deploymentPipelines/${p.id}/stages/${s0.id}`)).body.workspaceId,
  });
  expect(dup.body.errorCode).toBe('WorkspaceAlreadyAssignedToStage');
});
