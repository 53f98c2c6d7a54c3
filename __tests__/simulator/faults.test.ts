/** Fault injection (each kind observed by a client), throttling, the request log. */
import { startSimulator, DEFAULTS, type FaultRule } from '../../src/simulator';
import { useSimulator, expectContract } from './support/sim';
import { client } from './support/client';

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
  const r = await fetch(`${getSim().url}/_sim/faults`, {
    method: 'POST',
    body: JSON.stringify({ path: '/v1/x', action: { status: 500, reset: true } }),
  });
  expect(r.status).toBe(400);
});
