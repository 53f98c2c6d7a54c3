/** Paging, long-running operations and every typed operation a deploy needs, against the simulator. */
import { DEFAULTS } from '../../src/simulator';
import { FabricApiError } from '../../src/fabric/errors';
import type { FabricClient } from '../../src/fabric/client';
import type { ClientEvent } from '../../src/fabric/events';
import type { ItemDefinition } from '../../src/fabric/types';
import { addFault, clearLog, client, requestLog, resetSim, start, type Sim } from '../support/fabric';

let sim: Sim;
let c: FabricClient;
let events: ClientEvent[];

beforeAll(async () => {
  sim = await start({ pageSize: 2 });
  ({ c, events } = client(sim));
});
afterAll(async () => {
  await c.close();
  await sim.close();
});
beforeEach(async () => {
  await resetSim(sim);
  events.length = 0;
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const notebookDefinition = (code: string): ItemDefinition => ({
  parts: [{ path: 'notebook-content.py', payload: b64(code), payloadType: 'InlineBase64' }],
});

describe('pagination', () => {
  it('returns every item over 5 pages', async () => {
    const ws = await c.createWorkspace({ displayName: 'paging' });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => c.createItem(ws.id, { displayName: `nb${i}`, type: 'Notebook' })),
    );
    await clearLog(sim);
    const items = await c.listItems(ws.id, 'Notebook');
    expect(items.map((i) => i.displayName).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `nb${i}`).sort(),
    );
    const pages = (await requestLog(sim)).filter((e) => e.path.endsWith('/items'));
    expect(pages).toHaveLength(5);
    // The type filter survives to the last page (carried in the continuation token by the service).
    expect(pages.slice(1).every((p) => p.query.includes('continuationToken='))).toBe(true);
  });

  it('is an async iterator that can stop early', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => c.createWorkspace({ displayName: `w${i}` })));
    await clearLog(sim);
    const seen: string[] = [];
    for await (const w of c.paginate<{ displayName: string }>('list workspaces', '/workspaces')) {
      seen.push(w.displayName);
      if (seen.length === 3) break;
    }
    expect(seen).toHaveLength(3);
    expect(await requestLog(sim)).toHaveLength(2);
  });
});

describe('long-running operations', () => {
  it('a Failed LRO surfaces its errorCode, message and operation id', async () => {
    const ws = await c.createWorkspace({ displayName: 'lro-fail' });
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      action: { lroFail: { errorCode: 'CorruptedPayload', message: 'part 3 is not base64' } },
      times: 1,
    });
    const err = await c
      .createItem(ws.id, { displayName: 'bad', type: 'Notebook', definition: notebookDefinition('x') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FabricApiError);
    expect(err).toMatchObject({ errorCode: 'CorruptedPayload', serviceMessage: 'part 3 is not base64' });
    expect((err as FabricApiError).operationId).toBeTruthy();
    expect((err as Error).message).toMatch(/create Notebook 'bad' failed: CorruptedPayload/);
  });

  it('follows Location, fetches /result only when pointed to it, and reports progress', async () => {
    const ws = await c.createWorkspace({ displayName: 'lro-ok' });
    await clearLog(sim);
    const item = await c.createItem(ws.id, {
      displayName: 'nb',
      type: 'Notebook',
      definition: notebookDefinition('print(1)'),
    });
    expect(item).toMatchObject({ displayName: 'nb', type: 'Notebook', workspaceId: ws.id });
    const log = await requestLog(sim);
    expect(log[0]).toMatchObject({ method: 'POST', status: 202 });
    expect(log.at(-1)!.path).toMatch(/\/v1\/operations\/[^/]+\/result$/);
    // updateDefinition has no result: no /result call.
    await clearLog(sim);
    await c.updateItemDefinition(ws.id, item, notebookDefinition('print(2)'));
    expect((await requestLog(sim)).some((e) => e.path.endsWith('/result'))).toBe(false);
    expect(events.some((e) => e.type === 'lro' && e.status === 'Succeeded')).toBe(true);
    const def = await c.getItemDefinition(ws.id, item.id);
    const part = def.parts.find((p) => p.path === 'notebook-content.py');
    expect(Buffer.from(part!.payload, 'base64').toString()).toBe('print(2)');
  });

  it('treats Retry-After as the upper bound of the poll interval, not the floor', async () => {
    const slow = await start({ retryAfterSeconds: 10, lroDelayMs: 100 });
    const { c: sc } = client(slow, { lro: { initialDelayMs: 50, minIntervalMs: 20 } });
    try {
      const ws = await sc.createWorkspace({ displayName: 'ra' });
      await clearLog(slow);
      await sc.createItem(ws.id, { displayName: 'nb', type: 'Notebook' });
      const log = await requestLog(slow);
      const post = Date.parse(log[0]!.time);
      const firstPoll = Date.parse(log.find((e) => e.path.includes('/operations/'))!.time);
      expect(firstPoll - post).toBeLessThan(2000);
    } finally {
      await sc.close();
      await slow.close();
    }
  });

  it('stops at its deadline with OperationDeadlineExceeded', async () => {
    const slow = await start({ lroDelayMs: 60_000 });
    const { c: sc } = client(slow, { lro: { initialDelayMs: 20, minIntervalMs: 20, deadlineMs: 300 } });
    try {
      const ws = await sc.createWorkspace({ displayName: 'deadline' });
      const err = await sc
        .createItem(ws.id, { displayName: 'nb', type: 'Notebook' })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ errorCode: 'OperationDeadlineExceeded' });
      expect((err as FabricApiError).hint).toMatch(/raise resilience\.lroTimeoutMinutes/);
    } finally {
      await sc.close();
      await slow.close();
    }
  });

  it('exposes a poller with inspectable state', async () => {
    const ws = await c.createWorkspace({ displayName: 'poller' });
    const poller = await c.beginLro<{ id: string }>('create nb', 'POST', `/workspaces/${ws.id}/items`, {
      displayName: 'p',
      type: 'Notebook',
    });
    expect(poller.state.status).toBe('NotStarted');
    expect(poller.state.operationId).toBeTruthy();
    const result = await poller.pollUntilDone();
    expect(poller.state.status).toBe('Succeeded');
    expect(result?.id).toBeTruthy();
  });
});

describe('typed operations', () => {
  it('workspaces: create, get, find, update, capacity assignment with wait, delete', async () => {
    const ws = await c.createWorkspace({ displayName: 'Sales', description: 'd' });
    expect((await c.getWorkspace(ws.id)).displayName).toBe('Sales');
    expect((await c.findWorkspaceByName('sales'))?.id).toBe(ws.id);
    expect((await c.updateWorkspace(ws.id, { description: 'new' })).description).toBe('new');
    const assigned = await c.assignToCapacity(ws.id, DEFAULTS.capacities.dev, { initialDelayMs: 10 });
    expect(assigned).toMatchObject({
      capacityId: DEFAULTS.capacities.dev,
      capacityAssignmentProgress: 'Completed',
    });
    const paused = await c.assignToCapacity(ws.id, DEFAULTS.capacities.paused).catch((e: unknown) => e);
    expect(paused).toMatchObject({ errorCode: 'CapacityNotInActiveState' });
    expect((paused as Error).message).toMatch(/resume/i);
    const un = await c.unassignFromCapacity(ws.id, { initialDelayMs: 10 });
    expect(un?.capacityId).toBeUndefined();
    const dup = await c.createWorkspace({ displayName: 'Sales' }).catch((e: unknown) => e);
    expect(dup).toMatchObject({ status: 409, errorCode: 'WorkspaceNameAlreadyExists' });
    await c.deleteWorkspace(ws.id);
    expect(await c.findWorkspaceByName('Sales')).toBeUndefined();
  });

  it('capacities: list and get', async () => {
    const caps = await c.listCapacities();
    expect(caps.map((x) => x.displayName)).toContain('F64 Production');
    expect((await c.getCapacity(DEFAULTS.capacities.production)).sku).toBe('F64');
  });

  it('role assignments: add, list, update, delete', async () => {
    const ws = await c.createWorkspace({ displayName: 'roles' });
    const principal = { id: DEFAULTS.groups.engineers.id, type: 'Group' as const };
    const ra = await c.addRoleAssignment(ws.id, { principal, role: 'Contributor' });
    expect(ra.role).toBe('Contributor');
    expect((await c.listRoleAssignments(ws.id)).map((r) => r.principal.id)).toContain(principal.id);
    expect((await c.updateRoleAssignment(ws.id, ra.id, 'Member')).role).toBe('Member');
    expect((await c.getRoleAssignment(ws.id, ra.id)).role).toBe('Member');
    await c.deleteRoleAssignment(ws.id, ra.id);
    expect((await c.listRoleAssignments(ws.id)).map((r) => r.principal.id)).not.toContain(principal.id);
  });

  it('items and folders: create, get, update, move, delete', async () => {
    const ws = await c.createWorkspace({ displayName: 'items' });
    const folder = await c.createFolder(ws.id, { displayName: 'etl' });
    const sub = await c.createFolder(ws.id, { displayName: 'bronze', parentFolderId: folder.id });
    expect((await c.listFolders(ws.id)).map((f) => f.displayName).sort()).toEqual(['bronze', 'etl']);
    expect((await c.getFolder(ws.id, sub.id)).parentFolderId).toBe(folder.id);
    expect((await c.updateFolder(ws.id, sub.id, 'silver')).displayName).toBe('silver');
    expect((await c.moveFolder(ws.id, sub.id)).parentFolderId ?? undefined).toBeUndefined();

    const nb = await c.createItem(ws.id, { displayName: 'nb', type: 'Notebook', folderId: folder.id });
    expect((await c.getItem(ws.id, nb.id)).folderId).toBe(folder.id);
    expect((await c.updateItem(ws.id, nb.id, { description: 'about' })).description).toBe('about');
    const moved = await c.moveItem(ws.id, nb.id, sub.id);
    expect(moved[0]?.folderId).toBe(sub.id);
    await c.moveItem(ws.id, nb.id);
    expect((await c.getItem(ws.id, nb.id)).folderId ?? undefined).toBeUndefined();
    const dup = await c.createItem(ws.id, { displayName: 'nb', type: 'Notebook' }).catch((e: unknown) => e);
    expect(dup).toMatchObject({ errorCode: 'ItemDisplayNameAlreadyInUse' });
    await c.deleteItem(ws.id, nb.id, { hardDelete: true });
    expect(await c.listItems(ws.id, 'Notebook')).toEqual([]);
    await c.deleteFolder(ws.id, sub.id);
    await c.deleteFolder(ws.id, folder.id);
    expect(await c.listFolders(ws.id)).toEqual([]);
  });

  it('a lakehouse is polled until its SQL endpoint is provisioned', async () => {
    const ws = await c.createWorkspace({ displayName: 'lh' });
    const lh = await c.createItem(ws.id, { displayName: 'bronze', type: 'Lakehouse' });
    const ready = await c.waitForLakehouseSqlEndpoint(ws.id, lh.id, {
      initialDelayMs: 10,
      timeoutMs: 10_000,
    });
    expect(ready.properties?.sqlEndpointProperties?.provisioningStatus).toBe('Success');
  });

  it('publishes an environment', async () => {
    const ws = await c.createWorkspace({ displayName: 'env' });
    const env = await c.createItem(ws.id, { displayName: 'spark', type: 'Environment' });
    const published = await c.publishEnvironment(ws.id, env.id);
    expect(published.id).toBe(env.id);
  });

  it('git: connect, connection, credentials, initialize, status, commit, disconnect', async () => {
    const ws = await c.createWorkspace({ displayName: 'git', capacityId: DEFAULTS.capacities.dev });
    await c.createItem(ws.id, {
      displayName: 'nb',
      type: 'Notebook',
      definition: notebookDefinition('print(1)'),
    });
    await c.connectGit(ws.id, {
      gitProviderDetails: {
        gitProviderType: 'GitHub',
        ownerName: 'contoso',
        repositoryName: 'sales',
        branchName: 'main',
        directoryName: 'ws',
      },
      myGitCredentials: { source: 'ConfiguredConnection', connectionId: DEFAULTS.gitConnections.github },
    });
    expect((await c.getGitConnection(ws.id)).gitConnectionState).toBe('Connected');
    expect((await c.getMyGitCredentials(ws.id)).source).toBe('ConfiguredConnection');
    const init = await c.initializeGitConnection(ws.id, { initializationStrategy: 'PreferWorkspace' });
    expect(init?.requiredAction).toBeDefined();
    const status = await c.getGitStatus(ws.id);
    expect(Array.isArray(status.changes)).toBe(true);
    if (init?.requiredAction === 'CommitToGit') {
      await c.commitToGit(ws.id, {
        mode: 'All',
        workspaceHead: status.workspaceHead ?? undefined,
        comment: 'initial',
      });
    }
    await c.disconnectGit(ws.id);
    expect((await c.getGitConnection(ws.id)).gitConnectionState).toBe('NotConnected');
  });

  it('operations: state and result by id', async () => {
    const ws = await c.createWorkspace({ displayName: 'ops' });
    const poller = await c.beginLro<{ id: string }>('create', 'POST', `/workspaces/${ws.id}/items`, {
      displayName: 'o',
      type: 'Notebook',
    });
    const id = poller.state.operationId!;
    await poller.pollUntilDone();
    expect((await c.getOperationState(id)).status).toBe('Succeeded');
    expect((await c.getOperationResult<{ displayName: string }>(id)).displayName).toBe('o');
  });
});
