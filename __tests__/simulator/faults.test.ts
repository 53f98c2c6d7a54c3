/** Fault injection (each kind observed by a client), throttling, the request log (with caller headers). */
import { startSimulator, DEFAULTS, type FaultRule, type RequestLogEntry } from '../../src/simulator';
import { useSimulator, expectContract } from '../support/sim';
import { client } from '../support/sim-client';

const getSim = useSimulator({ seed: 7 });

async function addFault(rule: FaultRule) {
  const r = await fetch(`${getSim().url}/_sim/faults`, { method: 'POST', body: JSON.stringify(rule) });
  expect(r.status).toBe(201);
  return ((await r.json()) as { value: FaultRule[] }).value[0]!;
}
const clearFaults = () => fetch(`${getSim().url}/_sim/faults`, { method: 'DELETE' });
afterEach(async () => {
  await clearFaults();
});

test('status fault with Retry-After, N times', async () => {
  const c = client(getSim());
  await addFault({ method: 'GET', path: '/v1/workspaces', action: { status: 503, retryAfter: 2 }, times: 1 });
  const first = await c.call('GET', '/workspaces');
  expect(first.status).toBe(503);
  expect(first.headers.get('retry-after')).toBe('2');
  expect(first.body).toMatchObject({ errorCode: 'ServiceUnavailable', isRetriable: true });
  expect(first.headers.get('x-ms-public-api-error-code')).toBe('ServiceUnavailable');
  expect((await c.call('GET', '/workspaces')).status).toBe(200);
  await addFault({ path: '/v1/workspaces', action: { status: 429 }, times: 1 });
  const t = await c.call('GET', '/workspaces');
  expect([t.status, t.body.errorCode]).toEqual([429, 'TooManyRequests']);
  const listed = (await (await fetch(`${getSim().url}/_sim/faults`)).json()) as { value: FaultRule[] };
  expect(listed.value.map((f) => f.hits)).toEqual([1, 1]);
});

test('reset fault: the client sees the connection drop', async () => {
  const c = client(getSim());
  await addFault({ path: '/v1/workspaces/**', action: { reset: true }, times: 1 });
  await expect(c.call('GET', '/workspaces/00000000-0000-4000-8000-000000000001')).rejects.toThrow();
  expect((await c.call('GET', '/workspaces/00000000-0000-4000-8000-000000000001')).status).toBe(404);
});

test('delay fault slows the answer', async () => {
  const c = client(getSim());
  await addFault({ method: 'GET', path: '^/v1/capacities$', action: { delayMs: 300 }, times: 1 });
  const t0 = Date.now();
  expect((await c.call('GET', '/capacities')).status).toBe(200);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
});

test('hang fault: no answer until the client gives up', async () => {
  const sim = getSim();
  await addFault({ method: 'GET', path: '/v1/capacities', action: { hang: true }, times: 1 });
  await expect(
    fetch(`${sim.fabricApiUrl}/capacities`, {
      headers: { Authorization: `Bearer ${sim.issueToken()}` },
      signal: AbortSignal.timeout(200),
    }),
  ).rejects.toThrow();
});

test('lroFail fault: the operation ends Failed and /result refuses', async () => {
  const c = client(getSim());
  const ws = (await c.call('POST', '/workspaces', { displayName: 'Faulty' })).body;
  await addFault({
    method: 'POST',
    path: '/v1/workspaces/*/items',
    action: { lroFail: { errorCode: 'ItemProvisioningFailed', message: 'boom' } },
    times: 1,
  });
  const r = await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'NB', type: 'Notebook' });
  expect(r.status).toBe(202);
  const done = await c.lro(r);
  expect(done.state).toMatchObject({
    status: 'Failed',
    error: { errorCode: 'ItemProvisioningFailed', message: 'boom' },
  });
  expect(done.result).toBeUndefined();
  const res = await c.call('GET', `/operations/${r.headers.get('x-ms-operation-id')}/result`);
  expect(res.body.errorCode).toBe('OperationNotSucceeded');
  // The name was not consumed by the failed create.
  const again = await c.lro(
    await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'NB', type: 'Notebook' }),
  );
  expect(again.state.status).toBe('Succeeded');
});

test('probability faults are reproducible with a seed', async () => {
  const rule: FaultRule = {
    method: 'GET',
    path: '/v1/capacities',
    action: { status: 500 },
    probability: 0.5,
  };
  const pattern = async (seed: number) => {
    const sim = await startSimulator({ seed, faults: [rule], recordExchanges: true });
    try {
      const c = client(sim);
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await c.call('GET', '/capacities')).status);
      return out;
    } finally {
      await sim.close();
      await expectContract(sim);
    }
  };
  const a = await pattern(11);
  const b = await pattern(11);
  expect(a).toEqual(b);
  expect(a.filter((s) => s === 500).length).toBeGreaterThan(3);
  expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
  expect(await pattern(12)).not.toEqual(a);
});

test('throttling: per-identity bucket, 429 + Retry-After + RequestBlocked; operations have their own bucket', async () => {
  const sim = await startSimulator({ rateLimitPerMinute: 5, recordExchanges: true });
  try {
    const c = client(sim);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.call('GET', '/capacities')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const blocked = await c.call('GET', '/capacities');
    expect(blocked.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(blocked.body).toMatchObject({ errorCode: 'RequestBlocked', isRetriable: true });
    // Another identity is not affected.
    expect(
      (await client(sim, sim.issueToken({ oid: DEFAULTS.otherUser.id })).call('GET', '/capacities')).status,
    ).toBe(200);
    // Operation polling uses the LRO bucket: still available to the throttled identity.
    expect((await c.call('GET', '/operations/00000000-0000-4000-8000-000000000000')).body.errorCode).toBe(
      'OperationNotFound',
    );
  } finally {
    await sim.close();
    await expectContract(sim);
  }
});

test('request log records method, path, status, duration, identity and faults', async () => {
  const sim = getSim();
  const before = ((await (await fetch(`${sim.url}/_sim/requests`)).json()) as { value: { seq: number }[] })
    .value;
  const since = before.length ? before[before.length - 1]!.seq : 0;
  await addFault({
    method: 'GET',
    path: '/v1/capacities',
    action: { status: 500, errorCode: 'Boom' },
    times: 1,
  });
  await client(sim).call('GET', '/capacities');
  await client(sim).call('GET', '/capacities');
  const log = ((await (await fetch(`${sim.url}/_sim/requests?since=${since}`)).json()) as { value: any[] })
    .value;
  const caps = log.filter((e) => e.path === '/v1/capacities');
  expect(caps.map((e) => e.status)).toEqual([500, 200]);
  expect(caps[0]).toMatchObject({ method: 'GET', fault: 'status:500', errorCode: 'Boom' });
  expect(caps[1].oid).toBe(DEFAULTS.adminUser.id);
  expect(typeof caps[1].durationMs).toBe('number');
});

test('invalid fault rules are refused', async () => {
  for (const action of [
    { status: 500, reset: true },
    { dropResponse: true, reset: true },
    { delayMs: 100, dropResponse: true },
    { after: true },
    { status: 500, after: true },
    { delayMs: 100, after: 'yes' },
    { delayMs: -1 },
    { delayMs: '100' },
  ]) {
    const r = await fetch(`${getSim().url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/v1/x', action }),
    });
    expect([JSON.stringify(action), r.status]).toEqual([JSON.stringify(action), 400]);
  }
});

/** The request log since `since`, Fabric calls only. */
async function logSince(since: number): Promise<RequestLogEntry[]> {
  const r = await fetch(`${getSim().url}/_sim/requests?since=${since}`);
  return ((await r.json()) as { value: RequestLogEntry[] }).value.filter((e) => e.path.startsWith('/v1'));
}
async function lastSeq(): Promise<number> {
  const all = ((await (await fetch(`${getSim().url}/_sim/requests`)).json()) as { value: RequestLogEntry[] })
    .value;
  return all.length ? all[all.length - 1]!.seq : 0;
}
const workspaceNames = async (c: ReturnType<typeof client>) =>
  ((await c.call('GET', '/workspaces')).body.value as { displayName: string }[]).map((w) => w.displayName);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('dropResponse fault: the request is applied, then the connection drops without an answer', async () => {
  const c = client(getSim());
  const since = await lastSeq();
  await addFault({ method: 'POST', path: '/v1/workspaces', action: { dropResponse: true }, times: 1 });
  await expect(c.call('POST', '/workspaces', { displayName: 'Dropped answer' })).rejects.toThrow();
  // Applied: the workspace exists and its name is taken.
  expect(await workspaceNames(c)).toContain('Dropped answer');
  const again = await c.call('POST', '/workspaces', { displayName: 'Dropped answer' });
  expect([again.status, again.body.errorCode]).toEqual([409, 'WorkspaceNameAlreadyExists']);
  // The log says nothing was answered (status 0) and what the answer would have been.
  const posts = (await logSince(since)).filter((e) => e.method === 'POST');
  expect(posts.map((e) => [e.status, e.fault])).toEqual([
    [0, 'dropResponse:201'],
    [409, undefined],
  ]);
  expect(posts[0]!.oid).toBe(DEFAULTS.adminUser.id);
});

test('dropResponse fault on an LRO: the operation still runs to completion', async () => {
  const c = client(getSim());
  const ws = (await c.call('POST', '/workspaces', { displayName: 'Dropped LRO' })).body;
  await addFault({
    method: 'POST',
    path: '/v1/workspaces/*/items',
    action: { dropResponse: true },
    times: 1,
  });
  await expect(
    c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'NB', type: 'Notebook' }),
  ).rejects.toThrow();
  let items: { displayName: string }[] = [];
  for (let i = 0; i < 100 && !items.length; i++) {
    await sleep(20);
    items = (await c.call('GET', `/workspaces/${ws.id}/items?type=Notebook`)).body.value;
  }
  expect(items.map((i) => i.displayName)).toEqual(['NB']);
});

test('delayMs fault (plain): a client that gives up during the delay leaves nothing applied', async () => {
  const sim = getSim();
  const since = await lastSeq();
  await addFault({ method: 'POST', path: '/v1/workspaces', action: { delayMs: 400 }, times: 1 });
  await expect(
    fetch(`${sim.fabricApiUrl}/workspaces`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.issueToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'Delayed before' }),
      signal: AbortSignal.timeout(100),
    }),
  ).rejects.toThrow();
  await sleep(500);
  expect(await workspaceNames(client(sim))).not.toContain('Delayed before');
  const post = (await logSince(since)).find((e) => e.method === 'POST')!;
  expect(post.fault).toBe('delayMs');
  expect(post.status).toBeGreaterThanOrEqual(400);
});

test('delayMs fault with after: true: applied at once, answered late (or never, if the client gave up)', async () => {
  const sim = getSim();
  const c = client(sim);
  const since = await lastSeq();
  await addFault({ method: 'POST', path: '/v1/workspaces', action: { delayMs: 400, after: true }, times: 1 });
  await expect(
    fetch(`${sim.fabricApiUrl}/workspaces`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.issueToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'Delayed after' }),
      signal: AbortSignal.timeout(100),
    }),
  ).rejects.toThrow();
  // Applied before the delay ended.
  expect(await workspaceNames(c)).toContain('Delayed after');
  // The hold-back ends when the client goes away (a killed client leaves no timer behind): logged at once.
  let post: Awaited<ReturnType<typeof logSince>>[number] | undefined;
  for (let i = 0; i < 100 && !post?.status; i++) {
    await sleep(20);
    post = (await logSince(since)).find((e) => e.method === 'POST');
  }
  expect(post).toMatchObject({ status: 201, fault: 'delayMs:after' });

  // A patient client gets the normal answer, late.
  await addFault({ method: 'POST', path: '/v1/workspaces', action: { delayMs: 300, after: true }, times: 1 });
  const t0 = Date.now();
  const r = await c.call('POST', '/workspaces', { displayName: 'Delayed after, patient' });
  expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  expect([r.status, r.body.displayName]).toEqual([201, 'Delayed after, patient']);
});

test('request log records User-Agent and x-ms-correlation-id, never the token', async () => {
  const sim = getSim();
  const token = sim.issueToken();
  const c = client(sim, token);
  const since = await lastSeq();
  await c.call('GET', '/capacities', undefined, {
    'User-Agent': 'fabric-deploy/1.2.3 (cli)',
    'x-ms-correlation-id': 'corr-log-1',
  });
  // A token smuggled into a logged header is masked all the same.
  await c.call('GET', '/capacities', undefined, {
    'User-Agent': `leaky/1.0 Bearer ${token}`,
    'x-ms-correlation-id': `id ${token}`,
  });
  const caps = (await logSince(since)).filter((e) => e.path === '/v1/capacities');
  expect(caps[0]).toMatchObject({ userAgent: 'fabric-deploy/1.2.3 (cli)', correlationId: 'corr-log-1' });
  expect(caps[1]).toMatchObject({ userAgent: 'leaky/1.0 Bearer ***', correlationId: 'id ***' });
  const text = JSON.stringify(caps);
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.split('.')[2]!);
  expect(text.toLowerCase()).not.toContain('authorization');
  // No header, no field.
  const bare = await fetch(`${sim.fabricApiUrl}/capacities`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(bare.status).toBe(200);
  const last = (await logSince(since)).filter((e) => e.path === '/v1/capacities').pop()!;
  expect(last.correlationId).toBeUndefined();
});
