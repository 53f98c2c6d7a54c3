/** Health checks against the simulator: each check passes and fails for the reason it exists. */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { FabricClient } from '../../src/fabric/client';
import { staticTokenProvider, type TokenProvider } from '../../src/identity/token';
import {
  renderHealth,
  runHealthChecks,
  type HealthContext,
  type HealthReport,
  type HealthSettings,
} from '../../src/health';
import type { RunContext } from '../../src/context';
import type { Telemetry } from '../../src/report/telemetry-types';
import { withSimulator } from '../support/sim';

let sim: RunningSimulator;
let adminToken: string;
const ids: Record<string, string> = {};
const clients: FabricClient[] = [];

async function api(token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sim.fabricApiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  sim = await withSimulator();
  adminToken = sim.issueToken();
  const other = sim.issueToken({ oid: DEFAULTS.otherUser.id, upn: DEFAULTS.otherUser.userPrincipalName });
  ids.ok = (
    await api(adminToken, 'POST', '/workspaces', {
      displayName: 'health-ok',
      capacityId: DEFAULTS.capacities.production,
    })
  ).id;
  ids.viewer = (await api(adminToken, 'POST', '/workspaces', { displayName: 'health-viewer' })).id;
  await api(adminToken, 'POST', `/workspaces/${ids.viewer}/roleAssignments`, {
    principal: { id: DEFAULTS.viewerUser.id, type: 'User' },
    role: 'Viewer',
  });
  ids.hidden = (await api(other, 'POST', '/workspaces', { displayName: 'health-hidden' })).id;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim?.close();
});

function settings(
  over: Partial<HealthSettings> = {},
  ws: HealthSettings['config']['workspace'] = {},
): HealthSettings {
  return {
    environment: 'test',
    workspace: { id: ids.ok },
    config: { workspace: ws },
    features: { telemetry: false, keyVault: false },
    inputs: {},
    ...over,
  };
}

function context(
  s: HealthSettings,
  opts: { token?: string; tokens?: TokenProvider; baseUrl?: string; telemetry?: Telemetry } = {},
): HealthContext {
  const tokens = opts.tokens ?? staticTokenProvider(opts.token ?? adminToken);
  const client = new FabricClient({
    baseUrl: opts.baseUrl ?? sim.fabricApiUrl,
    tokens,
    rateLimit: false,
    retry: { retries: 1, baseDelayMs: 5 },
    caCertificates: sim.caCertPem,
  });
  clients.push(client);
  return { settings: s, client, tokens, telemetry: opts.telemetry };
}

const byName = (r: HealthReport) => Object.fromEntries(r.checks.map((c) => [c.name, c]));

test('all pass: API reachable, token and identity, Admin role, capacity Active, Key Vault reachable, telemetry configured', async () => {
  const s = settings({
    features: { telemetry: true, keyVault: true },
    inputs: { keyVaultUrl: sim.keyVaultUrl, telemetryConnectionString: sim.appInsightsConnectionString },
  });
  const r = await runHealthChecks(context(s));
  const c = byName(r);
  expect(r.checks.map((x) => [x.name, x.status])).toEqual([
    ['fabric-api', 'pass'],
    ['authentication', 'pass'],
    ['workspace', 'pass'],
    ['capacity', 'pass'],
    ['key-vault', 'pass'],
    ['telemetry', 'pass'],
  ]);
  expect(r.ok).toBe(true);
  expect(r.status).toBe('healthy');
  expect(c['fabric-api']!.message).toMatch(/answered \(HTTP 401\)/);
  expect(c.authentication!.message).toMatch(
    /token acquired for user admin@contoso\.onmicrosoft\.com in tenant .*; valid for \d+ min/,
  );
  expect(r.identity).toMatchObject({ objectId: DEFAULTS.adminUser.id, tenantId: sim.tenantId });
  expect(c.workspace!.details).toMatchObject({
    role: 'Admin',
    requiredRole: 'Contributor',
    workspaceName: 'health-ok',
  });
  // No capacity configured: the one the workspace sits on is checked.
  expect(c.capacity!.message).toBe("capacity 'F64 Production' (F64, West Europe) is Active");
  expect(c['key-vault']!.message).toMatch(/HTTP 401: the expected challenge/);
  expect(c.telemetry!.message).toMatch(/^Application Insights 00000000… via 127\.0\.0\.1:\d+$/);
  for (const x of r.checks) expect(x.durationMs).toBeLessThan(2000 + 500);
  const text = renderHealth(r) + renderHealth(r, 'json');
  expect(text).not.toContain(adminToken);
  expect(text).not.toContain(adminToken.split('.')[1]!);
  expect(renderHealth(r)).toContain('| Capacity active | ✅ pass |');
  expect(JSON.parse(renderHealth(r, 'json')).ok).toBe(true);
});

test('capacity inactive → fail', async () => {
  const r = await runHealthChecks(context(settings({}, { capacity: { name: 'F4 Paused' } })));
  const cap = byName(r).capacity!;
  expect(cap.status).toBe('fail');
  expect(cap.message).toMatch(/capacity 'F4 Paused' \(F4\) is Inactive: resume it/);
  expect(r.ok).toBe(false);
  expect(r.status).toBe('unhealthy');
});

test('unknown capacity → fail', async () => {
  const r = await runHealthChecks(context(settings({}, { capacity: { name: 'F999 Nowhere' } })));
  expect(byName(r).capacity!).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(/not visible to this identity/),
  });
});

test('workspace with no access → fail (and the failure is reported to telemetry)', async () => {
  const events: { name: string; props?: unknown }[] = [];
  const telemetry: Telemetry = {
    event: (name, props) => events.push({ name, props }),
    metric() {},
    dependency() {},
    exception() {},
    flush: async () => {},
  };
  const r = await runHealthChecks(context(settings({ workspace: { id: ids.hidden } }), { telemetry }));
  expect(byName(r).workspace).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(
      /^no access to workspace .*: user admin@contoso\.onmicrosoft\.com has no role on it \(needs Contributor or higher\)/,
    ),
  });
  expect(r.ok).toBe(false);
  expect(events).toEqual([
    { name: 'HealthCheckFailed', props: expect.objectContaining({ failed: 'workspace' }) },
  ]);
});

test('a Viewer cannot deploy; Git in the config needs Admin', async () => {
  const viewer = sim.issueToken({ oid: DEFAULTS.viewerUser.id, upn: DEFAULTS.viewerUser.userPrincipalName });
  const r = await runHealthChecks(context(settings({ workspace: { id: ids.viewer } }), { token: viewer }));
  expect(byName(r).workspace).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(
      /is Viewer on workspace 'health-viewer'; this configuration needs Contributor/,
    ),
  });
  const r2 = await runHealthChecks(
    context(settings({ workspace: { id: ids.ok } }, { git: { provider: 'GitHub' } })),
  );
  expect(byName(r2).workspace).toMatchObject({
    status: 'pass',
    details: expect.objectContaining({ role: 'Admin', requiredRole: 'Admin' }),
  });
});

test('a workspace by name that does not exist yet is skipped (the deploy creates it); unknown id fails', async () => {
  const r = await runHealthChecks(context(settings({ workspace: { name: 'not-there-yet' } })));
  expect(byName(r).workspace).toMatchObject({
    status: 'skip',
    message: expect.stringMatching(/does not exist yet/),
  });
  expect(r.ok).toBe(true);
  const r2 = await runHealthChecks(
    context(settings({ workspace: { id: '00000000-0000-4000-8000-00000000dead' } })),
  );
  expect(byName(r2).workspace).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(/does not exist/),
  });
});

test('authentication failure: the token check fails, the checks needing it are skipped', async () => {
  const tokens: TokenProvider = {
    getToken: async () => {
      throw new Error('AADSTS7000215: Invalid client secret provided.');
    },
  };
  const r = await runHealthChecks(context(settings(), { tokens }));
  const c = byName(r);
  expect(c.authentication).toMatchObject({ status: 'fail', message: expect.stringMatching(/AADSTS7000215/) });
  expect(c.workspace).toMatchObject({ status: 'skip', message: 'not run: authentication failed' });
  expect(c['fabric-api']!.status).toBe('pass');
  expect(r.ok).toBe(false);
});

test('Key Vault on but unreachable or unset → fail; telemetry on without a connection string → fail', async () => {
  const r = await runHealthChecks(
    context(
      settings({
        features: { telemetry: true, keyVault: true },
        inputs: { keyVaultUrl: 'https://127.0.0.1:1' },
      }),
    ),
  );
  expect(byName(r)['key-vault']).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(/is not reachable/),
  });
  expect(byName(r).telemetry).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(/no connection string/),
  });
  const r2 = await runHealthChecks(context(settings({ features: { telemetry: false, keyVault: true } })));
  expect(byName(r2)['key-vault']).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(/no vault is set/),
  });
});

test('Fabric API unreachable → fail', async () => {
  const r = await runHealthChecks(context(settings(), { baseUrl: 'http://127.0.0.1:1/v1' }), {
    only: ['fabric-api'],
  });
  expect(byName(r)['fabric-api']).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(/is not reachable/),
  });
});

test('each check is bounded: a hanging endpoint fails its check at the time-out, the others are unaffected', async () => {
  await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    body: JSON.stringify({ method: 'GET', path: '/v1/capacities', action: { hang: true } }),
  });
  try {
    const started = Date.now();
    const r = await runHealthChecks(context(settings({}, { capacity: { name: 'F64 Production' } })), {
      timeoutMs: 800,
    });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(byName(r).capacity).toMatchObject({ status: 'fail', message: 'no answer within 800 ms' });
    expect(byName(r).capacity!.durationMs).toBeLessThan(5000);
    expect(byName(r).workspace!.status).toBe('pass');
  } finally {
    await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
  }
});

test('a RunContext is a HealthContext', () => {
  // Type-level: main passes its RunContext straight in.
  const f = (ctx: RunContext): HealthContext => ctx;
  expect(typeof f).toBe('function');
});
