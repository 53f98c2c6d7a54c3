/** Fabric API behaviour: workspaces, roles, items, definitions, paging, folders, capacities. */
import { DEFAULTS } from '../../src/simulator';
import { useSimulator } from '../support/sim';
import { b64, client, notebookDefinition } from '../support/sim-client';

const getSim = useSimulator({ pageSize: 3, nameReservationMs: 600 });
const admin = () => client(getSim());

async function newWorkspace(name: string, body: Record<string, unknown> = {}) {
  const r = await admin().call('POST', '/workspaces', { displayName: name, ...body });
  expect(r.status).toBe(201);
  return r.body as { id: string; displayName: string };
}

async function createItem(wsId: string, body: Record<string, unknown>) {
  const c = admin();
  const r = await c.call('POST', `/workspaces/${wsId}/items`, body);
  if (r.status === 201) return r.body;
  const done = await c.lro(r);
  expect(done.state.status).toBe('Succeeded');
  return done.result;
}

describe('auth', () => {
  test('missing, garbled, wrong audience and expired tokens are refused with the error headers', async () => {
    const sim = getSim();
    let r = await client(sim, '').call('GET', '/workspaces');
    expect([r.status, r.body.errorCode]).toEqual([401, 'TokenIsMissing']);
    expect(r.headers.get('x-ms-public-api-error-code')).toBe('TokenIsMissing');
    expect(r.headers.get('requestid')).toBe(r.body.requestId);
    r = await client(sim, 'not.a.jwt').call('GET', '/workspaces');
    expect([r.status, r.body.errorCode]).toEqual([401, 'InvalidToken']);
    r = await client(sim, sim.issueToken({ aud: 'https://vault.azure.net' })).call('GET', '/workspaces');
    expect([r.status, r.body.errorCode]).toEqual([401, 'InvalidToken']);
    r = await client(sim, sim.issueToken({ expiresInSeconds: -5 })).call('GET', '/workspaces');
    expect([r.status, r.body.errorCode]).toEqual([401, 'TokenExpired']);
  });

  test('POST /_sim/token mints a usable token', async () => {
    const sim = getSim();
    const t = (await (
      await fetch(`${sim.url}/_sim/token`, {
        method: 'POST',
        body: JSON.stringify({ oid: DEFAULTS.otherUser.id }),
      })
    ).json()) as { access_token: string };
    const r = await client(sim, t.access_token).call('GET', '/workspaces');
    expect(r.status).toBe(200);
  });

  test('unknown route answers 404 EntityNotFound in the error shape', async () => {
    const r = await admin().call('GET', '/nope/nothing');
    expect([r.status, r.body.errorCode]).toEqual([404, 'EntityNotFound']);
  });
});

describe('workspaces', () => {
  test('CRUD and name conflicts', async () => {
    const c = admin();
    const ws = await newWorkspace('WS CRUD', { description: 'first' });
    expect((await c.call('POST', '/workspaces', { displayName: 'ws crud' })).body.errorCode).toBe(
      'WorkspaceNameAlreadyExists',
    );
    const reserved = await c.call('POST', '/workspaces', { displayName: 'Admin monitoring' });
    expect([reserved.status, reserved.body.errorCode]).toEqual([409, 'WorkspaceNameAlreadyExists']);
    const g = await c.call('GET', `/workspaces/${ws.id}`);
    expect(g.body).toMatchObject({
      id: ws.id,
      displayName: 'WS CRUD',
      description: 'first',
      type: 'Workspace',
      capacityAssignmentProgress: 'Completed',
    });
    const u = await c.call('PATCH', `/workspaces/${ws.id}`, { displayName: 'WS CRUD renamed' });
    expect([u.status, u.body.displayName]).toEqual([200, 'WS CRUD renamed']);
    expect((await c.call('DELETE', `/workspaces/${ws.id}`)).status).toBe(200);
    expect((await c.call('GET', `/workspaces/${ws.id}`)).body.errorCode).toBe('WorkspaceNotFound');
  });

  test('schema-invalid bodies get 400 InvalidInput with details', async () => {
    const r = await admin().call('POST', '/workspaces', { description: 'no name' });
    expect([r.status, r.body.errorCode]).toEqual([400, 'InvalidInput']);
    expect(r.body.moreDetails[0].message).toMatch(/displayName/);
    const bad = await admin().call('POST', '/workspaces', '{not json');
    expect([bad.status, bad.body.errorCode]).toEqual([400, 'InvalidInput']);
    const long = await admin().call('POST', '/workspaces', { displayName: 'x'.repeat(300) });
    expect(long.body.errorCode).toBe('InvalidInput');
  });

  test('capacity assignment: progress, inactive and unknown capacities', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Capacity');
    const paused = await c.call('POST', `/workspaces/${ws.id}/assignToCapacity`, {
      capacityId: DEFAULTS.capacities.paused,
    });
    expect([paused.status, paused.body.errorCode]).toEqual([400, 'CapacityNotInActiveState']);
    const unknown = await c.call('POST', `/workspaces/${ws.id}/assignToCapacity`, {
      capacityId: '00000000-0000-4000-8000-00000000dead',
    });
    expect([unknown.status, unknown.body.errorCode]).toEqual([404, 'CapacityNotFound']);
    // Long enough to observe InProgress even on a busy machine.
    await fetch(`${getSim().url}/_sim/config`, {
      method: 'PATCH',
      body: JSON.stringify({ capacityAssignMs: 300 }),
    });
    const ok = await c.call('POST', `/workspaces/${ws.id}/assignToCapacity`, {
      capacityId: DEFAULTS.capacities.dev,
    });
    expect(ok.status).toBe(202);
    expect(ok.body).toBeUndefined();
    expect(ok.headers.get('location')).toBeNull();
    const during = await c.call('GET', `/workspaces/${ws.id}`);
    expect(during.body.capacityAssignmentProgress).toBe('InProgress');
    await new Promise((r) => setTimeout(r, 320));
    await fetch(`${getSim().url}/_sim/config`, {
      method: 'PATCH',
      body: JSON.stringify({ capacityAssignMs: 20 }),
    });
    const after = await c.call('GET', `/workspaces/${ws.id}`);
    expect(after.body).toMatchObject({
      capacityAssignmentProgress: 'Completed',
      capacityId: DEFAULTS.capacities.dev,
    });
    const caps = await c.call('GET', '/capacities');
    expect(caps.body.value.map((x: any) => x.displayName)).toEqual(['F64 Production', 'F2 Dev', 'F4 Paused']);
    expect(caps.body.continuationToken).toBeUndefined();
    expect((await c.call('GET', `/capacities/${DEFAULTS.capacities.paused}`)).body.state).toBe('Inactive');
  });
});

describe('roles', () => {
  test('creator is Admin; Viewer cannot write; Member grants at most Member; last Admin stays', async () => {
    const sim = getSim();
    const c = admin();
    const ws = await newWorkspace('WS Roles');
    const again = await c.call('POST', `/workspaces/${ws.id}/roleAssignments`, {
      principal: { id: DEFAULTS.adminUser.id, type: 'User' },
      role: 'Viewer',
    });
    expect([again.status, again.body.errorCode]).toEqual([
      409,
      'PrincipalAlreadyHasWorkspaceRolePermissions',
    ]);
    const add = await c.call('POST', `/workspaces/${ws.id}/roleAssignments`, {
      principal: { id: DEFAULTS.viewerUser.id, type: 'User' },
      role: 'Viewer',
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({
      id: DEFAULTS.viewerUser.id,
      role: 'Viewer',
      principal: { type: 'User', userDetails: { userPrincipalName: DEFAULTS.viewerUser.userPrincipalName } },
    });
    expect(add.headers.get('location')).toBe(
      `${sim.fabricApiUrl}/workspaces/${ws.id}/roleAssignments/${DEFAULTS.viewerUser.id}`,
    );

    const viewer = client(
      sim,
      sim.issueToken({ oid: DEFAULTS.viewerUser.id, upn: DEFAULTS.viewerUser.userPrincipalName }),
    );
    expect((await viewer.call('GET', `/workspaces/${ws.id}`)).status).toBe(200);
    expect((await viewer.call('GET', `/workspaces/${ws.id}/items`)).status).toBe(200);
    const write = await viewer.call('POST', `/workspaces/${ws.id}/items`, {
      displayName: 'X',
      type: 'Notebook',
    });
    expect([write.status, write.body.errorCode]).toEqual([403, 'InsufficientPrivileges']);
    expect((await viewer.call('GET', `/workspaces/${ws.id}/roleAssignments`)).status).toBe(403);
    expect((await viewer.call('PATCH', `/workspaces/${ws.id}`, { description: 'x' })).status).toBe(403);

    // A stranger sees the workspace neither in lists nor by id.
    const stranger = client(sim, sim.issueToken({ oid: '12345678-0000-4000-8000-000000000000' }));
    expect((await stranger.call('GET', '/workspaces')).body.value).toEqual([]);
    expect((await stranger.call('GET', `/workspaces/${ws.id}`)).body.errorCode).toBe(
      'InsufficientPrivileges',
    );

    // Member through a group: may add a Contributor, not an Admin.
    expect(
      (
        await c.call('POST', `/workspaces/${ws.id}/roleAssignments`, {
          principal: { id: DEFAULTS.groups.engineers.id, type: 'Group' },
          role: 'Member',
        })
      ).status,
    ).toBe(201);
    const member = client(sim, sim.issueToken({ oid: DEFAULTS.otherUser.id }));
    const sp = { id: DEFAULTS.deployApp.servicePrincipalId, type: 'ServicePrincipal' };
    expect(
      (await member.call('POST', `/workspaces/${ws.id}/roleAssignments`, { principal: sp, role: 'Admin' }))
        .body.errorCode,
    ).toBe('InsufficientPrivileges');
    const spAdd = await member.call('POST', `/workspaces/${ws.id}/roleAssignments`, {
      principal: sp,
      role: 'Contributor',
    });
    expect(spAdd.body.principal.servicePrincipalDetails.aadAppId).toBe(DEFAULTS.deployApp.clientId);
    const byAppId = await c.call('POST', `/workspaces/${ws.id}/roleAssignments`, {
      principal: { id: DEFAULTS.managedIdentity.clientId, type: 'ServicePrincipal' },
      role: 'Viewer',
    });
    expect(byAppId.body.errorCode).toBe('PrincipalNotFound');

    const list = await c.call('GET', `/workspaces/${ws.id}/roleAssignments`);
    expect(list.body.value).toHaveLength(3);
    expect(list.body.continuationUri).toBeDefined();
    const rest = await c.call('GET', list.body.continuationUri);
    expect(rest.body.value).toHaveLength(1);

    const demote = await c.call('PATCH', `/workspaces/${ws.id}/roleAssignments/${DEFAULTS.adminUser.id}`, {
      role: 'Member',
    });
    expect([demote.status, demote.body.errorCode]).toEqual([400, 'WorkspaceMustHaveAtLeastOneAdmin']);
    expect(
      (await c.call('DELETE', `/workspaces/${ws.id}/roleAssignments/${DEFAULTS.adminUser.id}`)).status,
    ).toBe(400);
    const promote = await c.call('PATCH', `/workspaces/${ws.id}/roleAssignments/${DEFAULTS.viewerUser.id}`, {
      role: 'Contributor',
    });
    expect(promote.body.role).toBe('Contributor');
    expect(
      (await c.call('GET', `/workspaces/${ws.id}/roleAssignments/${DEFAULTS.viewerUser.id}`)).body.role,
    ).toBe('Contributor');
    expect(
      (await c.call('DELETE', `/workspaces/${ws.id}/roleAssignments/${DEFAULTS.viewerUser.id}`)).status,
    ).toBe(200);
    const bad = await c.call('POST', `/workspaces/${ws.id}/roleAssignments`, {
      principal: { id: DEFAULTS.viewerUser.id, type: 'User' },
      role: 'Owner',
    });
    expect(bad.body.errorCode).toBe('InvalidInput');
  });
});

describe('items', () => {
  test('create: LRO with absolute Location and /result; sync 201 for sync types', async () => {
    const sim = getSim();
    const c = admin();
    const ws = await newWorkspace('WS Items');
    const first = await c.call('POST', `/workspaces/${ws.id}/items`, {
      displayName: 'Hello',
      type: 'Notebook',
      definition: notebookDefinition(),
    });
    expect(first.status).toBe(202);
    // As the real service answers it (recorded trace): a JSON null body, with its Content-Type.
    expect(first.body).toBeNull();
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(first.headers.get('requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const opId = first.headers.get('x-ms-operation-id');
    expect(first.headers.get('location')).toBe(`${sim.fabricApiUrl}/operations/${opId}`);
    expect(first.headers.get('retry-after')).toMatch(/^\d+$/);
    const done = await c.lro(first);
    expect(done.state).toMatchObject({ status: 'Succeeded', percentComplete: 100 });
    expect(done.result).toMatchObject({
      type: 'Notebook',
      displayName: 'Hello',
      workspaceId: ws.id,
      description: '',
    });
    const again = await c.call('GET', `/operations/${opId}/result`);
    expect(again.status).toBe(200);
    // /result: plain application/json and no x-ms-operation-id, as recorded.
    expect(again.headers.get('content-type')).toBe('application/json');
    expect(again.headers.get('x-ms-operation-id')).toBeNull();
    expect((await c.call('GET', '/operations/00000000-0000-4000-8000-000000000000')).body.errorCode).toBe(
      'OperationNotFound',
    );

    // The control API finishes a long operation at once (the conformance replay holds them running).
    const cfg = (body: unknown) =>
      fetch(`${sim.url}/_sim/config`, { method: 'PATCH', body: JSON.stringify(body) });
    await cfg({ lroDelayMs: 600_000 });
    const slow = await c.call('POST', `/workspaces/${ws.id}/items`, {
      displayName: 'Slow',
      type: 'Notebook',
    });
    await cfg({ lroDelayMs: 15 });
    const slowOp = slow.headers.get('x-ms-operation-id');
    const running = await c.call('GET', `/operations/${slowOp}`);
    expect([running.body.status, running.headers.get('retry-after')]).toEqual(['Running', '0']);
    const fin = await fetch(`${sim.url}/_sim/operations/${slowOp}/complete`, { method: 'POST' });
    expect(await fin.json()).toEqual({ id: slowOp, status: 'Succeeded' });
    const finished = await c.call('GET', `/operations/${slowOp}`);
    expect([finished.body.status, finished.headers.get('retry-after')]).toEqual(['Succeeded', null]);

    // Another identity cannot poll someone else's operation.
    const other = client(sim, sim.issueToken({ oid: DEFAULTS.otherUser.id }));
    expect((await other.call('GET', `/operations/${opId}`)).status).toBe(404);

    await fetch(`${sim.url}/_sim/config`, {
      method: 'PATCH',
      body: JSON.stringify({ syncCreateTypes: ['DataPipeline', 'Lakehouse'] }),
    });
    const sync = await c.call('POST', `/workspaces/${ws.id}/items`, {
      displayName: 'PL',
      type: 'DataPipeline',
    });
    expect(sync.status).toBe(201);
    expect(sync.body).toMatchObject({ type: 'DataPipeline', displayName: 'PL' });
    // The real 201 item create has no Location header.
    expect(sync.headers.get('location')).toBeNull();
    // `folderId: ""` is the workspace root (fabric-cicd sends it; the real service accepts it).
    const root = await c.call('POST', `/workspaces/${ws.id}/items`, {
      displayName: 'PL root',
      type: 'DataPipeline',
      folderId: '',
    });
    expect([root.status, root.body.folderId]).toEqual([201, undefined]);
    const lh = await c.call('POST', `/workspaces/${ws.id}/lakehouses`, { displayName: 'LH1' });
    expect(lh.status).toBe(201);
    await fetch(`${sim.url}/_sim/config`, { method: 'PATCH', body: JSON.stringify({ syncCreateTypes: [] }) });

    // A lakehouse brings a SQL endpoint of the same name whose provisioning finishes later.
    const eps = await c.call('GET', `/workspaces/${ws.id}/items?type=SQLEndpoint`);
    expect(eps.body.value.map((i: any) => i.displayName)).toEqual(['LH1']);
    const early = await c.call('GET', `/workspaces/${ws.id}/lakehouses/${lh.body.id}`);
    if (early.body.properties.sqlEndpointProperties.provisioningStatus === 'InProgress')
      expect(early.body.properties.sqlEndpointProperties).toEqual({
        connectionString: null,
        id: null,
        provisioningStatus: 'InProgress',
      });
    // So do a SQL database and a mirrored database (the recorded real items list shows all three).
    await createItem(ws.id, { displayName: 'DB1', type: 'SQLDatabase' });
    const mdDef = { parts: [{ path: 'mirroring.json', payload: b64('{}'), payloadType: 'InlineBase64' }] };
    await createItem(ws.id, { displayName: 'MD1', type: 'MirroredDatabase', definition: mdDef });
    const all = await c.call('GET', `/workspaces/${ws.id}/items?type=SQLEndpoint`);
    expect(all.body.value.map((i: any) => i.displayName).sort()).toEqual(['DB1', 'LH1', 'MD1']);
    // An empty answer still says what it is.
    const gone = await c.call('DELETE', `/workspaces/${ws.id}/items/${sync.body.id}`);
    expect([gone.status, gone.headers.get('content-type'), gone.headers.get('content-length')]).toEqual([
      200,
      'application/octet-stream',
      '0',
    ]);
    const lhGet = await c.call('GET', `/workspaces/${ws.id}/lakehouses/${lh.body.id}`);
    expect(lhGet.body.properties.oneLakeTablesPath).toContain(lh.body.id);
    await new Promise((r) => setTimeout(r, 40));
    const lhLater = await c.call('GET', `/workspaces/${ws.id}/lakehouses/${lh.body.id}`);
    expect(lhLater.body.properties.sqlEndpointProperties).toMatchObject({
      provisioningStatus: 'Success',
      id: eps.body.value[0].id,
    });
  });

  test('create validation: both payloads, bad type, duplicate names, parts', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Validation');
    const path = `/workspaces/${ws.id}/items`;
    const both = await c.call('POST', path, {
      displayName: 'A',
      type: 'Lakehouse',
      definition: notebookDefinition(),
      creationPayload: { enableSchemas: true },
    });
    expect(both.body.errorCode).toBe('RequestWithDefinitionAndCreationPayloadNotSupported');
    expect((await c.call('POST', path, { displayName: 'A', type: 'Frobnicator' })).body.errorCode).toBe(
      'InvalidItemType',
    );
    expect(
      (await c.call('POST', path, { displayName: 'A', type: 'Notebook', creationPayload: {} })).body
        .errorCode,
    ).toBe('ItemTypeDoesNotSupportCreationPayload');
    expect((await c.call('POST', path, { displayName: 'SM', type: 'SemanticModel' })).body.errorCode).toBe(
      'MissingDefinitionParts',
    );
    const badB64 = await c.call('POST', path, {
      displayName: 'A',
      type: 'Notebook',
      definition: { parts: [{ path: 'notebook-content.py', payload: '***', payloadType: 'InlineBase64' }] },
    });
    expect([badB64.status, badB64.body.errorCode]).toEqual([400, 'InvalidDefinitionParts']);
    const wrongType = await c.call('POST', path, {
      displayName: 'A',
      type: 'Notebook',
      definition: { parts: [{ path: 'notebook-content.py', payload: b64('x'), payloadType: 'Base64' }] },
    });
    expect(wrongType.body.errorCode).toBe('InvalidInput');
    const missing = await c.call('POST', path, {
      displayName: 'R',
      type: 'Report',
      definition: { parts: [{ path: 'definition.pbir', payload: b64('{}'), payloadType: 'InlineBase64' }] },
    });
    expect([missing.status, missing.body.errorCode]).toEqual([400, 'MissingDefinitionParts']);
    const pipeline = await c.call('POST', path, {
      displayName: 'P',
      type: 'DataPipeline',
      definition: { parts: [{ path: 'other.json', payload: b64('{}'), payloadType: 'InlineBase64' }] },
    });
    expect(pipeline.body.errorCode).toBe('MissingDefinitionParts');

    await createItem(ws.id, { displayName: 'Dup', type: 'Notebook' });
    const dup = await c.call('POST', path, { displayName: 'dup', type: 'Notebook' });
    expect([dup.status, dup.body.errorCode]).toEqual([400, 'ItemDisplayNameAlreadyInUse']);
    // Same name, other type: allowed.
    await createItem(ws.id, { displayName: 'Dup', type: 'DataPipeline' });
  });

  test('updateDefinition / getDefinition roundtrip, updateMetadata applies .platform', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Definitions');
    const nb = await createItem(ws.id, {
      displayName: 'NB',
      type: 'Notebook',
      definition: notebookDefinition('print(1)'),
    });
    const logicalId = '11111111-2222-4333-8444-555555555555';
    const def = notebookDefinition('print(2)', {
      metadata: { type: 'Notebook', displayName: 'NB renamed', description: 'from platform' },
      config: { version: '2.0', logicalId },
    });
    const noMeta = await c.call('POST', `/workspaces/${ws.id}/items/${nb.id}/updateDefinition`, {
      definition: def,
    });
    expect((await c.lro(noMeta)).state.status).toBe('Succeeded');
    expect((await c.call('GET', `/workspaces/${ws.id}/items/${nb.id}`)).body.displayName).toBe('NB');
    const upd = await c.call(
      'POST',
      `/workspaces/${ws.id}/items/${nb.id}/updateDefinition?updateMetadata=true`,
      { definition: def },
    );
    const updDone = await c.lro(upd);
    expect(updDone.state.status).toBe('Succeeded');
    expect(updDone.result).toBeUndefined(); // no result: Location left out on success
    const item = (await c.call('GET', `/workspaces/${ws.id}/items/${nb.id}`)).body;
    expect(item).toMatchObject({ displayName: 'NB renamed', description: 'from platform' });
    const got = await c.lro(await c.call('POST', `/workspaces/${ws.id}/notebooks/${nb.id}/getDefinition`));
    const parts = got.result.definition.parts;
    expect(
      Buffer.from(parts.find((p: any) => p.path === 'notebook-content.py').payload, 'base64').toString(),
    ).toContain('print(2)');
    const platform = JSON.parse(
      Buffer.from(parts.find((p: any) => p.path === '.platform').payload, 'base64').toString(),
    );
    expect(platform.metadata).toMatchObject({ type: 'Notebook', displayName: 'NB renamed' });
    const wh = await createItem(ws.id, { displayName: 'WH', type: 'Warehouse' });
    expect((await c.call('POST', `/workspaces/${ws.id}/items/${wh.id}/getDefinition`)).body.errorCode).toBe(
      'OperationNotSupportedForItem',
    );
    const whGet = await c.call('GET', `/workspaces/${ws.id}/warehouses/${wh.id}`);
    expect(whGet.body.properties.connectionString).toMatch(/datawarehouse\.fabric\.microsoft\.com$/);
    const patch = await c.call('PATCH', `/workspaces/${ws.id}/items/${nb.id}`, { description: 'patched' });
    expect(patch.body.description).toBe('patched');
  });

  test('pagination across 5+ pages keeps the type filter and rejects bad tokens', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Paging');
    await fetch(`${getSim().url}/_sim/config`, {
      method: 'PATCH',
      body: JSON.stringify({ syncCreateTypes: ['Notebook', 'DataPipeline'] }),
    });
    for (let i = 0; i < 16; i++)
      await createItem(ws.id, { displayName: `NB${String(i).padStart(2, '0')}`, type: 'Notebook' });
    for (let i = 0; i < 4; i++) await createItem(ws.id, { displayName: `PL${i}`, type: 'DataPipeline' });
    await fetch(`${getSim().url}/_sim/config`, {
      method: 'PATCH',
      body: JSON.stringify({ syncCreateTypes: [] }),
    });
    const names: string[] = [];
    let pages = 0;
    let r = await c.call('GET', `/workspaces/${ws.id}/items?type=Notebook`);
    for (;;) {
      pages++;
      names.push(...r.body.value.map((i: any) => i.displayName));
      if (!r.body.continuationUri) {
        expect('continuationToken' in r.body).toBe(false);
        break;
      }
      expect(r.body.continuationUri).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/v1\/workspaces\/.+\/items\?continuationToken=[A-Za-z0-9_-]+$/,
      );
      // Alternate: follow continuationUri, or resend with the token (percent-encoded once).
      r =
        pages % 2
          ? await c.call('GET', r.body.continuationUri)
          : await c.call(
              'GET',
              `/workspaces/${ws.id}/items?continuationToken=${encodeURIComponent(encodeURIComponent(r.body.continuationToken))}`,
            );
    }
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(names).toHaveLength(16);
    expect(new Set(names).size).toBe(16);
    const bad = await c.call('GET', `/workspaces/${ws.id}/items?continuationToken=garbage`);
    expect([bad.status, bad.body.errorCode]).toEqual([400, 'InvalidContinuationToken']);
    const all = await c.call('GET', `/workspaces/${ws.id}/notebooks`);
    expect(all.body.value).toHaveLength(3);
  });

  test('ItemDisplayNameNotAvailableYet after a delete, then the name frees up', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Names');
    const nb = await createItem(ws.id, { displayName: 'Again', type: 'Notebook' });
    expect((await c.call('DELETE', `/workspaces/${ws.id}/items/${nb.id}`)).status).toBe(200);
    const soon = await c.call('POST', `/workspaces/${ws.id}/items`, {
      displayName: 'Again',
      type: 'Notebook',
    });
    expect([soon.status, soon.body.errorCode, soon.body.isRetriable]).toEqual([
      400,
      'ItemDisplayNameNotAvailableYet',
      true,
    ]);
    await new Promise((r) => setTimeout(r, 650));
    await createItem(ws.id, { displayName: 'Again', type: 'Notebook' });
  });

  test('hard delete needs Admin; a Contributor can soft delete', async () => {
    const sim = getSim();
    const c = admin();
    const ws = await newWorkspace('WS Delete');
    await c.call('POST', `/workspaces/${ws.id}/roleAssignments`, {
      principal: { id: DEFAULTS.otherUser.id, type: 'User' },
      role: 'Contributor',
    });
    const contributor = client(sim, sim.issueToken({ oid: DEFAULTS.otherUser.id }));
    const a = await createItem(ws.id, { displayName: 'A', type: 'Notebook' });
    const hard = await contributor.call('DELETE', `/workspaces/${ws.id}/items/${a.id}?hardDelete=true`);
    expect([hard.status, hard.body.errorCode]).toEqual([403, 'InsufficientPrivileges']);
    expect((await contributor.call('DELETE', `/workspaces/${ws.id}/items/${a.id}`)).status).toBe(200);
    expect((await c.call('GET', `/workspaces/${ws.id}/items/${a.id}`)).body.errorCode).toBe('ItemNotFound');
  });

  test('folders and item move', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Folders');
    const f1 = await c.call('POST', `/workspaces/${ws.id}/folders`, { displayName: 'Sales' });
    expect(f1.status).toBe(201);
    const f2 = (
      await c.call('POST', `/workspaces/${ws.id}/folders`, {
        displayName: 'Reports',
        parentFolderId: f1.body.id,
      })
    ).body;
    expect(
      (await c.call('POST', `/workspaces/${ws.id}/folders`, { displayName: 'bad/name' })).body.errorCode,
    ).toBe('InvalidFolderDisplayName');
    expect(
      (await c.call('POST', `/workspaces/${ws.id}/folders`, { displayName: 'sales' })).body.errorCode,
    ).toBe('FolderDisplayNameAlreadyInUse');
    const nb = await createItem(ws.id, { displayName: 'In folder', type: 'Notebook', folderId: f2.id });
    const root = await createItem(ws.id, { displayName: 'At root', type: 'Notebook' });
    const sub = await c.call('GET', `/workspaces/${ws.id}/items?rootFolderId=${f1.body.id}`);
    expect(sub.body.value.map((i: any) => i.displayName)).toEqual(['In folder']);
    const flat = await c.call('GET', `/workspaces/${ws.id}/items?recursive=false`);
    expect(flat.body.value.map((i: any) => i.displayName)).toEqual(['At root']);
    expect((await c.call('DELETE', `/workspaces/${ws.id}/folders/${f2.id}`)).body.errorCode).toBe(
      'FolderNotEmpty',
    );
    const loop = await c.call('POST', `/workspaces/${ws.id}/folders/${f1.body.id}/move`, {
      targetFolderId: f2.id,
    });
    expect(loop.body.errorCode).toBe('InfiniteFolderHierarchyLoop');
    const mv = await c.call('POST', `/workspaces/${ws.id}/items/${nb.id}/move`, {});
    expect(mv.body.value[0].folderId).toBeUndefined();
    const bulk = await c.call('POST', `/workspaces/${ws.id}/items/bulkMove`, {
      items: [root.id],
      targetFolderId: f1.body.id,
    });
    expect(bulk.body.value[0].folderId).toBe(f1.body.id);
    expect((await c.call('DELETE', `/workspaces/${ws.id}/folders/${f2.id}`)).status).toBe(200);
    const folders = await c.call('GET', `/workspaces/${ws.id}/folders`);
    expect(folders.body.value.map((f: any) => f.displayName)).toEqual(['Sales']);
    expect(
      (await c.call('PATCH', `/workspaces/${ws.id}/folders/${f1.body.id}`, { displayName: 'Sales 2' })).body
        .displayName,
    ).toBe('Sales 2');
  });

  test('variable library: PATCH properties.activeValueSetName through the typed collection', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Variables');
    const vl = await createItem(ws.id, {
      displayName: 'Config',
      type: 'VariableLibrary',
      definition: {
        parts: [
          { path: 'variables.json', payload: b64('{"variables":[]}'), payloadType: 'InlineBase64' },
          {
            path: 'valueSets/prod.json',
            payload: b64('{"name":"prod","variableOverrides":[]}'),
            payloadType: 'InlineBase64',
          },
        ],
      },
    });
    const base = `/workspaces/${ws.id}/variableLibraries/${vl.id}`;
    expect((await c.call('GET', base)).body.properties).toEqual({
      $type: 'VariableLibraryProperties',
      activeValueSetName: 'Default value set',
    });
    const ok = await c.call('PATCH', base, { properties: { activeValueSetName: 'prod' } });
    expect([ok.status, ok.body.properties.activeValueSetName]).toEqual([200, 'prod']);
    const bad = await c.call('PATCH', base, { properties: { activeValueSetName: 'dev' } });
    expect([bad.status, bad.body.errorCode]).toEqual([400, 'ValueSetNotFound']);
    expect((await c.call('DELETE', base)).status).toBe(200);
  });

  test('custom spark pools', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Spark');
    const base = `/workspaces/${ws.id}/spark/pools`;
    expect((await c.call('GET', base)).body.value).toEqual([]);
    const p = await c.call('POST', base, {
      name: 'etl-pool',
      nodeFamily: 'MemoryOptimized',
      nodeSize: 'Medium',
    });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ name: 'etl-pool', type: 'Workspace', nodeSize: 'Medium' });
    expect((await c.call('POST', base, { name: 'ETL-pool' })).status).toBe(409);
    expect((await c.call('GET', base)).body.value.map((x: any) => x.name)).toEqual(['etl-pool']);
    expect((await c.call('DELETE', `${base}/${p.body.id}`)).status).toBe(200);
  });

  test('typed collections and property look-ups', async () => {
    const c = admin();
    const ws = await newWorkspace('WS Typed', { capacityId: DEFAULTS.capacities.production });
    const eh = await c.lro(
      await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'EH', type: 'Eventhouse' }),
    );
    const ehGet = await c.call('GET', `/workspaces/${ws.id}/eventhouses/${eh.result.id}`);
    expect(ehGet.body.properties.queryServiceUri).toMatch(/^https:\/\/trd-/);
    // As in the recorded real deployment: an Eventhouse created through the API has no KQL database
    // of its own, so the repository's same-named KQL database is a create like any other.
    expect(ehGet.body.properties.databasesItemIds).toEqual([]);
    expect((await c.call('GET', `/workspaces/${ws.id}/items?type=KQLDatabase`)).body.value).toEqual([]);
    const db = await createItem(ws.id, {
      displayName: 'KDB',
      type: 'KQLDatabase',
      creationPayload: { databaseType: 'ReadWrite', parentEventhouseItemId: eh.result.id },
    });
    const dbGet = await c.call('GET', `/workspaces/${ws.id}/kqlDatabases/${db.id}`);
    expect(dbGet.body.properties).toMatchObject({
      parentEventhouseItemId: eh.result.id,
      queryServiceUri: ehGet.body.properties.queryServiceUri,
    });
    // fabric-cicd's way: a definition whose DatabaseProperties.json names the parent, same name as it.
    const props = { databaseType: 'ReadWrite', parentEventhouseItemId: eh.result.id };
    const same = await createItem(ws.id, {
      displayName: 'EH',
      type: 'KQLDatabase',
      definition: {
        parts: [
          {
            path: 'DatabaseProperties.json',
            payload: b64(JSON.stringify(props)),
            payloadType: 'InlineBase64',
          },
          {
            path: 'DatabaseSchema.kql',
            payload: b64('.create-merge table T (a:string)'),
            payloadType: 'InlineBase64',
          },
        ],
      },
    });
    const ehAfter = await c.call('GET', `/workspaces/${ws.id}/eventhouses/${eh.result.id}`);
    expect(ehAfter.body.properties.databasesItemIds.sort()).toEqual([db.id, same.id].sort());
    const noParent = await c.call('POST', `/workspaces/${ws.id}/items`, {
      displayName: 'Orphan',
      type: 'KQLDatabase',
      definition: { parts: [{ path: 'DatabaseSchema.kql', payload: b64('x'), payloadType: 'InlineBase64' }] },
    });
    expect(noParent.body.errorCode).toBe('MissingDefinitionParts');
    const env = await c.lro(
      await c.call('POST', `/workspaces/${ws.id}/environments`, { displayName: 'Env' }),
    );
    const pub = await c.call(
      'POST',
      `/workspaces/${ws.id}/environments/${env.result.id}/staging/publish?beta=false`,
    );
    expect(pub.status).toBe(202);
    // As recorded: the publish 202 is an empty application/octet-stream body (Retry-After 120 realistic).
    expect([pub.headers.get('content-type'), pub.body]).toEqual(['application/octet-stream', undefined]);
    const pubDone = await c.lro(pub);
    expect(pubDone.result.publishDetails.state).toBe('Success');
    const sm = await c.call('POST', `/workspaces/${ws.id}/semanticModels`, {
      displayName: 'Model',
      definition: {
        parts: [
          { path: 'definition.pbism', payload: b64('{"version":"4.0"}'), payloadType: 'InlineBase64' },
          { path: 'definition/model.tmdl', payload: b64('model Model'), payloadType: 'InlineBase64' },
        ],
      },
    });
    const smDone = await c.lro(sm);
    expect(smDone.result.type).toBe('SemanticModel');
    expect((await c.call('GET', `/workspaces/${ws.id}/semanticModels`)).body.value).toHaveLength(1);
    expect(
      (await c.call('GET', `/workspaces/${ws.id}/frobnicators/${smDone.result.id}`)).body.errorCode,
    ).toBe('EntityNotFound');
    expect((await c.call('GET', `/workspaces/${ws.id}/reports/${smDone.result.id}`)).body.errorCode).toBe(
      'ItemNotFound',
    );
  });
});
