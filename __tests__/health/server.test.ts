import { afterEach, expect, test } from '@jest/globals';
import { serveHealth, type HealthReport, type HealthServer } from '../../src/health';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function report(ok: boolean): HealthReport {
  return {
    ok,
    status: ok ? 'healthy' : 'unhealthy',
    checkedAt: new Date().toISOString(),
    durationMs: 5,
    version: '0.0.0',
    checks: [
      {
        name: 'capacity',
        title: 'Capacity active',
        status: ok ? 'pass' : 'fail',
        message: ok ? 'Active' : 'Inactive',
        durationMs: 3,
      },
    ],
  };
}

test('/health is liveness: 200 without running any check', async () => {
  let runs = 0;
  server = await serveHealth({ port: 0, checks: async () => (runs++, report(false)) });
  const res = await fetch(`${server.url}/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok' });
  expect(runs).toBe(0);
});

test('/readiness runs the checks: 200 when healthy, 503 when not; cached for cacheMs; concurrent probes share one run', async () => {
  let runs = 0;
  let healthy = true;
  server = await serveHealth({
    port: 0,
    cacheMs: 300,
    checks: async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return report(healthy);
    },
  });
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => fetch(`${server!.url}/readiness`)));
  expect([a!.status, b!.status, c!.status]).toEqual([200, 200, 200]);
  expect(runs).toBe(1);
  expect(((await a!.json()) as HealthReport).checks[0]!.status).toBe('pass');
  healthy = false;
  // Still cached.
  expect((await fetch(`${server.url}/readiness`)).status).toBe(200);
  expect(runs).toBe(1);
  await new Promise((r) => setTimeout(r, 350));
  const d = await fetch(`${server.url}/readiness`);
  expect(d.status).toBe(503);
  expect(((await d.json()) as HealthReport).status).toBe('unhealthy');
  expect(runs).toBe(2);
});

test('a throwing check run is a 503, unknown paths 404, other methods 405', async () => {
  server = await serveHealth({ port: 0, cacheMs: 0, checks: async () => Promise.reject(new Error('boom')) });
  const r = await fetch(`${server.url}/readiness`);
  expect(r.status).toBe(503);
  expect(await r.json()).toMatchObject({ ok: false, error: 'boom' });
  expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  expect((await fetch(`${server.url}/health`, { method: 'POST' })).status).toBe(405);
});

test('listens on loopback by default', async () => {
  server = await serveHealth({ port: 0, checks: async () => report(true) });
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
