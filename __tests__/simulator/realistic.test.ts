/** The realistic profile: timings from the real service (time-scaled), sync creates, Retry-After, throttling. */
import { DEFAULTS } from '../../src/simulator';
import { lroDurationMs, resolveConfig } from '../../src/simulator/profiles';
import { useSimulator } from '../support/sim';
import { client } from '../support/sim-client';

// timeScale 0.01: a Notebook create takes 10 ms, a SemanticModel 131 ms, Retry-After 20 s → 0.
const getSim = useSimulator({ profile: 'realistic', timeScale: 0.01 });

test('profile defaults', () => {
  const fast = resolveConfig({});
  expect(fast).toMatchObject({
    profile: 'fast',
    rateLimitPerMinute: Infinity,
    retryAfterSeconds: 0,
    syncCreateTypes: [],
    latencyMs: [0, 0],
  });
  const real = resolveConfig({ profile: 'realistic' });
  expect(real).toMatchObject({
    rateLimitPerMinute: 200,
    retryAfterSeconds: 20,
    environmentPublishRetryAfterSeconds: 120,
  });
  expect(real.syncCreateTypes).toEqual(expect.arrayContaining(['Lakehouse', 'DataPipeline']));
  expect(lroDurationMs(real, 'Notebook')).toBe(1000);
  expect(lroDurationMs(real, 'SemanticModel')).toBe(13100);
  expect(lroDurationMs(real, 'Eventhouse')).toBe(9700);
  expect(lroDurationMs(resolveConfig({ profile: 'realistic', timeScale: 0.1 }), 'KQLDatabase')).toBe(3000);
  expect(resolveConfig({ profile: 'realistic', retryAfterSeconds: 3 }).retryAfterSeconds).toBe(3);
});

test('Lakehouse and DataPipeline answer 201, Notebook and SemanticModel 202; durations differ by type', async () => {
  const c = client(getSim());
  const ws = (
    await c.call('POST', '/workspaces', {
      displayName: 'Realistic',
      capacityId: DEFAULTS.capacities.production,
    })
  ).body;
  // 8 s × 0.01 would be 80 ms; stretch it so InProgress is observable on a busy machine.
  await fetch(`${getSim().url}/_sim/config`, {
    method: 'PATCH',
    body: JSON.stringify({ sqlEndpointProvisionMs: 400 }),
  });
  const lh = await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'Lake', type: 'Lakehouse' });
  expect(lh.status).toBe(201);
  // The lakehouse's SQL endpoint provisions after 8 s × timeScale.
  const get = await c.call('GET', `/workspaces/${ws.id}/lakehouses/${lh.body.id}`);
  expect(get.body.properties.sqlEndpointProperties.provisioningStatus).toBe('InProgress');
  expect(
    (await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'Pipe', type: 'DataPipeline' }))
      .status,
  ).toBe(201);
  const nb = await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'NB', type: 'Notebook' });
  expect(nb.status).toBe(202);
  expect(nb.headers.get('retry-after')).toBe('0');
  expect((await c.lro(nb)).state.status).toBe('Succeeded');
  const wh = await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'WH', type: 'Warehouse' });
  expect((await c.lro(wh)).state.status).toBe('Succeeded');
  // Each operation's scheduled span (not the wall clock, which a busy machine stretches): per type, scaled.
  const span = (r: { headers: Headers }) => {
    const op = getSim().state.operations[r.headers.get('x-ms-operation-id')!]!;
    return op.doneAt - op.startAt;
  };
  expect(span(nb)).toBe(10);
  expect(span(wh)).toBe(123);
  await new Promise((r) => setTimeout(r, 450));
  const later = await c.call('GET', `/workspaces/${ws.id}/lakehouses/${lh.body.id}`);
  expect(later.body.properties.sqlEndpointProperties.provisioningStatus).toBe('Success');
});

test('every request pays a little latency', async () => {
  const sim = getSim();
  const c = client(sim);
  await c.call('GET', '/capacities');
  const log = ((await (await fetch(`${sim.url}/_sim/requests`)).json()) as { value: any[] }).value;
  const last = log.filter((e) => e.path === '/v1/capacities').pop();
  expect(last.durationMs).toBeGreaterThanOrEqual(0.1);
});
