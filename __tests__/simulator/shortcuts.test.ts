/**
 * OneLake shortcuts and the connections list, as the spec and the recorded real service describe them:
 * create under each conflict policy, list (paged), get and delete by path and name, the OneLake target
 * check (the target item and path must exist; the recorded answer otherwise), and connections with
 * the fields the recorded list has.
 */
import { DEFAULTS } from '../../src/simulator';
import { useSimulator } from '../support/sim';
import { client } from '../support/sim-client';

const getSim = useSimulator({ pageSize: 2 });
const admin = () => client(getSim());

async function lakehouse(wsId: string, displayName: string, schemas = false) {
  const r = await admin().call('POST', `/workspaces/${wsId}/items`, {
    displayName,
    type: 'Lakehouse',
    ...(schemas ? { creationPayload: { enableSchemas: true } } : {}),
  });
  if (r.status === 201) return r.body as { id: string };
  return (await admin().lro(r)).result as { id: string };
}

let wsId: string;
let source: { id: string };
let target: { id: string };

beforeAll(async () => {
  const ws = await admin().call('POST', '/workspaces', { displayName: 'Shortcuts' });
  wsId = ws.body.id;
  source = await lakehouse(wsId, 'Source');
  target = await lakehouse(wsId, 'Target', true);
  // Data the source holds (as a notebook would have written it).
  await fetch(`${getSim().url}/_sim/state`, {
    method: 'POST',
    body: JSON.stringify({ items: [{ id: source.id, oneLakePaths: ['Files/raw/2026', 'Tables/sales'] }] }),
  });
});

const oneLake = (path: string, itemId = source.id, workspaceId = wsId) => ({
  type: 'OneLake',
  oneLake: { workspaceId, itemId, path, artifactType: 'Lakehouse' },
});
const shortcuts = `/workspaces/{ws}/items/{id}/shortcuts`;
const url = (id: string, rest = '') => shortcuts.replace('{ws}', wsId).replace('{id}', id) + rest;

test('create (201, Location), Abort on a second create (409), CreateOrOverwrite replaces (200)', async () => {
  const c = admin();
  let r = await c.call('POST', url(target.id), { name: 'raw', path: '/Files', target: oneLake('Files/raw') });
  expect(r.status).toBe(201);
  // Stored as the service answers it: no leading slash, the target's own fields (artifactType dropped).
  expect(r.body).toEqual({
    name: 'raw',
    path: 'Files',
    target: { type: 'OneLake', oneLake: { workspaceId: wsId, itemId: source.id, path: 'Files/raw' } },
  });
  expect(r.headers.get('location')).toMatch(new RegExp(`/items/${target.id}/shortcuts/Files/raw$`));
  r = await c.call('POST', url(target.id), { name: 'raw', path: 'Files', target: oneLake('Files/raw/2026') });
  expect([r.status, r.body.errorCode]).toEqual([409, 'ShortcutAlreadyExists']);
  r = await c.call('POST', url(target.id, '?shortcutConflictPolicy=CreateOrOverwrite'), {
    name: 'raw',
    path: 'Files',
    target: oneLake('Files/raw/2026'),
  });
  expect(r.status).toBe(200);
  expect(r.body.target.oneLake.path).toBe('Files/raw/2026');
});

test('GenerateUniqueName keeps both; OverwriteOnly refuses a shortcut that is not there', async () => {
  const c = admin();
  let r = await c.call('POST', url(target.id, '?shortcutConflictPolicy=GenerateUniqueName'), {
    name: 'raw',
    path: 'Files',
    target: oneLake('Files/raw'),
  });
  expect([r.status, r.body.name]).toEqual([201, 'raw_1']);
  r = await c.call('POST', url(target.id, '?shortcutConflictPolicy=OverwriteOnly'), {
    name: 'nothing-here',
    path: 'Files',
    target: oneLake('Files/raw'),
  });
  expect(r.status).toBe(404);
  r = await c.call('POST', url(target.id, '?shortcutConflictPolicy=Sometimes'), {
    name: 'x',
    path: 'Files',
    target: oneLake('Files/raw'),
  });
  expect([r.status, r.body.errorCode]).toEqual([400, 'InvalidParameter']);
});

test('the OneLake target must exist: a missing path or item gets the recorded 400', async () => {
  const c = admin();
  const recorded = {
    errorCode: 'BadRequest',
    moreDetails: [{ errorCode: 'RequestBodyValidationFailed', message: "Target path doesn't exist" }],
  };
  // fabric-cicd's case in the recorded deployment: a table of a lakehouse that holds no data yet.
  let r = await c.call('POST', url(target.id, '?shortcutConflictPolicy=CreateOrOverwrite'), {
    name: 'publicholidays',
    path: '/Tables/dbo',
    target: oneLake('Tables/dbo/publicholidays'),
  });
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject(recorded);
  expect(r.headers.get('x-ms-public-api-error-code')).toBe('BadRequest');
  r = await c.call('POST', url(target.id), {
    name: 'ghost',
    path: 'Files',
    target: oneLake('Files/raw', '00000000-1111-4000-8000-000000000000'),
  });
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject(recorded);
  // A table of the source: its data is there, and the schema lakehouse has Tables/dbo to put it in.
  r = await c.call('POST', url(target.id), {
    name: 'sales',
    path: 'Tables/dbo',
    target: oneLake('Tables/sales'),
  });
  expect(r.status).toBe(201);
  // The shortcut's own folder must be under Files or Tables.
  r = await c.call('POST', url(target.id), { name: 'x', path: 'Elsewhere', target: oneLake('Files/raw') });
  expect(r.status).toBe(400);
});

test('list pages (parentPath filters), get and delete by path and name (a path with slashes)', async () => {
  const c = admin();
  const all: { path: string; name: string }[] = [];
  let r = await c.call('GET', url(target.id));
  expect(r.headers.get('content-type')).toBe('application/json');
  all.push(...r.body.value);
  expect(r.body.continuationUri).toBeDefined();
  while (r.body.continuationUri) {
    r = await c.call(
      'GET',
      new URL(r.body.continuationUri).pathname.replace(/^\/v1/, '') + new URL(r.body.continuationUri).search,
    );
    all.push(...r.body.value);
  }
  expect(all.map((s) => `${s.path}/${s.name}`).sort()).toEqual([
    'Files/raw',
    'Files/raw_1',
    'Tables/dbo/sales',
  ]);
  r = await c.call('GET', url(target.id, '?parentPath=Tables'));
  expect(r.body.value.map((s: { name: string }) => s.name)).toEqual(['sales']);
  r = await c.call('GET', url(target.id, '/Tables/dbo/sales'));
  expect([r.status, r.body.target.oneLake.path]).toEqual([200, 'Tables/sales']);
  r = await c.call('DELETE', url(target.id, '/Tables/dbo/sales'));
  expect(r.status).toBe(200);
  r = await c.call('GET', url(target.id, '/Tables/dbo/sales'));
  expect(r.status).toBe(404);
  // A shortcut is a folder of its lakehouse: another shortcut can point at it.
  r = await c.call('POST', url(source.id), {
    name: 'back',
    path: 'Files',
    target: oneLake('Files/raw', target.id),
  });
  expect(r.status).toBe(201);
});

test('only data items hold shortcuts; a viewer cannot create one', async () => {
  const c = admin();
  const nb = await c.call('POST', `/workspaces/${wsId}/items`, { displayName: 'NB', type: 'Notebook' });
  const nbId = nb.status === 201 ? nb.body.id : (await c.lro(nb)).result.id;
  const r = await c.call('GET', url(nbId));
  expect(r.status).toBe(400);
  await c.call('POST', `/workspaces/${wsId}/roleAssignments`, {
    principal: { id: DEFAULTS.otherUser.id, type: 'User' },
    role: 'Viewer',
  });
  const viewer = client(getSim(), getSim().issueToken({ oid: DEFAULTS.otherUser.id }));
  expect((await viewer.call('GET', url(target.id))).status).toBe(200);
  const w = await viewer.call('POST', url(target.id), {
    name: 'v',
    path: 'Files',
    target: oneLake('Files/raw'),
  });
  expect(w.status).toBe(403);
});

test('GET /v1/connections lists each connection with the recorded fields', async () => {
  const r = await admin().call('GET', '/connections');
  const sql = r.body.value.find((x: { id: string }) => x.id === DEFAULTS.connections.salesSql);
  expect(Object.keys(sql).sort()).toEqual(
    [
      'allowConnectionUsageInGateway',
      'allowUsageInUserControlledCode',
      'connectionDetails',
      'connectionRecency',
      'connectivityType',
      'credentialDetails',
      'displayName',
      'gatewayId',
      'id',
      'privacyLevel',
    ].sort(),
  );
  expect(Object.keys(sql.credentialDetails).sort()).toEqual(
    ['connectionEncryption', 'credentialType', 'singleSignOnType', 'skipTestConnection'].sort(),
  );
  expect(sql.connectionRecency).toMatchObject({
    myLastBoundDateTime: null,
    myLastCredentialUsedDateTime: null,
  });
});
