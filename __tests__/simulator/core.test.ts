import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { client, notebookDefinition } from './support/client';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ pageSize: 2, recordExchanges: true });
});
afterAll(async () => {
  await sim.close();
});

test('auth: missing, garbled and expired tokens', async () => {
  const anon = client(sim, '');
  let r = await anon.call('GET', '/workspaces');
  expect(r.status).toBe(401);
  expect(r.body.errorCode).toBe('TokenIsMissing');
  expect(r.headers.get('x-ms-public-api-error-code')).toBe('TokenIsMissing');
  expect(r.headers.get('requestid')).toBe(r.body.requestId);
  r = await client(sim, 'garbage').call('GET', '/workspaces');
  expect(r.body.errorCode).toBe('InvalidToken');
  r = await client(sim, sim.issueToken({ expiresInSeconds: -10 })).call('GET', '/workspaces');
  expect(r.status).toBe(401);
  expect(r.body.errorCode).toBe('TokenExpired');
});

test('workspace create, get, conflict, list', async () => {
  const c = client(sim);
  const r = await c.call('POST', '/workspaces', { displayName: 'Core WS', description: 'd' });
  expect(r.status).toBe(201);
  expect(r.headers.get('location')).toBe(`${sim.fabricApiUrl}/workspaces/${r.body.id}`);
  const dup = await c.call('POST', '/workspaces', { displayName: 'core ws' });
  expect(dup.status).toBe(409);
  expect(dup.body.errorCode).toBe('WorkspaceNameAlreadyExists');
  const g = await c.call('GET', `/workspaces/${r.body.id}`);
  expect(g.body.capacityAssignmentProgress).toBe('Completed');
});

test('item create via LRO, definition roundtrip', async () => {
  const c = client(sim);
  const ws = (await c.call('POST', '/workspaces', { displayName: 'Items WS' })).body;
  const first = await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'NB1', type: 'Notebook', definition: notebookDefinition() });
  expect(first.status).toBe(202);
  expect(first.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/operations\/[0-9a-f-]{36}$/);
  const done = await c.lro(first);
  expect(done.state.status).toBe('Succeeded');
  expect(done.result.displayName).toBe('NB1');
  const def = await c.lro(await c.call('POST', `/workspaces/${ws.id}/items/${done.result.id}/getDefinition`));
  const paths = done && def.result.definition.parts.map((p: any) => p.path);
  expect(paths).toEqual(['notebook-content.py', '.platform']);
});
