/**
 * The real applicationinsights SDK, in process, sending to the simulator's ingestion endpoint (over
 * TLS: the SDK rewrites http:// endpoints to https://; the simulator's CA is passed as caCertificates).
 */
import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import type { RunningSimulator } from '../../src/simulator';
import { withSimulator } from '../support/sim';
import {
  createTelemetry,
  operationIdFor,
  telemetryEventSink,
  DEPENDENCY_TYPE,
  TELEMETRY_EVENTS,
  TELEMETRY_METRICS,
  trackDeploymentFinished,
  trackDeploymentStarted,
} from '../../src/report/telemetry';
import { noTelemetry } from '../../src/report/telemetry-types';
import type { DeploymentReport } from '../../src/report/model';
import type { EventListener } from '../../src/fabric/events';

let sim: RunningSimulator;
const SECRET = 'sUp3r-s3cret-value-123';

beforeAll(async () => {
  sim = await withSimulator();
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/_sim/telemetry`, { method: 'DELETE' });
  await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
});

async function received(): Promise<any[]> {
  return ((await (await fetch(`${sim.url}/_sim/telemetry`)).json()) as { value: any[] }).value;
}

function logger() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (m: string) => lines.push(`info: ${m}`),
      warn: (m: string) => lines.push(`warn: ${m}`),
      error: (m: string) => lines.push(`error: ${m}`),
      debug: (m: string) => lines.push(`debug: ${m}`),
      group: async <T>(_n: string, fn: () => Promise<T>) => fn(),
    },
  };
}

const scrub = (s: string) => s.split(SECRET).join('***');

test('events, metrics, dependencies and exceptions arrive with the deployment id as operation id', async () => {
  const deploymentId = '3f2b8c1e-9d4a-4e6b-8f00-1234567890ab';
  const { log, lines } = logger();
  const t = await createTelemetry({
    enabled: true,
    connectionString: sim.appInsightsConnectionString,
    deploymentId,
    environment: 'prod',
    host: 'github',
    command: 'deploy',
    log,
    scrub,
    caCertificates: sim.caCertPem,
    // What arrives is tested here; the 2 s budget has its own test (telemetry.child.test.ts).
    flushTimeoutMs: 20_000,
  });
  expect(t).not.toBe(noTelemetry);
  trackDeploymentStarted(t, { command: 'deploy', environment: 'prod', workspace: `ws ${SECRET}` });
  // The Fabric client's own listener type: the sink plugs straight into `onEvent`.
  const sink: EventListener = telemetryEventSink(t);
  sink({
    type: 'request',
    operation: 'create item',
    method: 'POST',
    url: `https://api.fabric.microsoft.com/v1/workspaces/11111111-2222-4333-8444-555555555555/items?token=${SECRET}&x=1`,
    status: 202,
    durationMs: 321,
    success: true,
    attempt: 1,
    group: 'items',
    requestId: 'req-1',
  });
  sink({
    type: 'request',
    operation: 'get item',
    method: 'GET',
    url: 'https://api.fabric.microsoft.com/v1/workspaces/11111111-2222-4333-8444-555555555555/items/x',
    status: 404,
    durationMs: 12,
    success: false,
    attempt: 1,
    group: 'items',
    errorCode: 'EntityNotFound',
  });
  sink({
    type: 'retry',
    operation: 'create item',
    group: 'items',
    attempt: 2,
    delayMs: 2000,
    reason: 'HTTP 429',
  });
  sink({ type: 'throttled', operation: 'create item', group: 'items', retryAfter: 20 });
  sink({ type: 'circuit', group: 'items', state: 'open', failures: 5 });
  sink({ type: 'lro', operation: 'x', status: 'Running' });
  const err = Object.assign(
    new Error(
      `create item failed: ItemDisplayNameAlreadyInUse Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl ${SECRET}`,
    ),
    {
      name: 'FabricApiError',
      errorCode: 'ItemDisplayNameAlreadyInUse',
      status: 409,
      requestId: 'req-409',
    },
  );
  const report: DeploymentReport = {
    command: 'deploy',
    deploymentId,
    environment: 'prod',
    result: 'rolled-back',
    workspace: { id: '11111111-2222-4333-8444-555555555555', name: 'sales' },
    items: [
      { name: 'nb', type: 'Notebook', action: 'create', status: 'rolled-back', durationMs: 10 },
      { name: 'lh', type: 'Lakehouse', action: 'update', status: 'failed' },
      { name: 'r', type: 'Report', action: 'create', status: 'rolled-back' },
    ],
    startedAt: new Date(),
    durationMs: 65_000,
    warnings: [],
    error: err.message,
    hasChanges: true,
  };
  trackDeploymentFinished(t, report, err);
  await t.flush();
  expect(lines.filter((l) => l.startsWith('warn'))).toEqual([]);

  const items = await received();
  const text = JSON.stringify(items);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain('eyJhbGciOiJSUzI1NiJ9');
  expect(text).not.toContain('token=');

  const opId = operationIdFor(deploymentId);
  expect(opId).toBe('3f2b8c1e9d4a4e6b8f001234567890ab');
  const byType = (t: string) => items.filter((i) => i.data?.baseType === t);

  const events = byType('EventData');
  const names = events.map((e) => e.data.baseData.name);
  expect(names).toEqual(
    expect.arrayContaining([
      TELEMETRY_EVENTS.deploymentStarted,
      TELEMETRY_EVENTS.retryScheduled,
      TELEMETRY_EVENTS.circuitOpened,
      TELEMETRY_EVENTS.deploymentRolledBack,
    ]),
  );
  for (const e of events) {
    expect(e.tags['ai.operation.id']).toBe(opId);
    expect(e.data.baseData.properties).toMatchObject({
      environment: 'prod',
      deploymentId,
      app: 'fabric-deploy',
      host: 'github',
    });
  }
  const rolledBack = events.find((e) => e.data.baseData.name === TELEMETRY_EVENTS.deploymentRolledBack);
  expect(rolledBack.data.baseData.measurements).toMatchObject({
    durationMs: 65_000,
    items: 3,
    items_create: 2,
    items_update: 1,
    failedItems: 1,
  });

  const deps = byType('RemoteDependencyData');
  expect(deps).toHaveLength(2);
  const create = deps.find((d) => d.data.baseData.name.startsWith('POST'));
  expect(create.data.baseData).toMatchObject({
    name: 'POST /v1/workspaces/{id}/items',
    type: DEPENDENCY_TYPE,
    target: 'api.fabric.microsoft.com',
    resultCode: '202',
    success: true,
    data: 'https://api.fabric.microsoft.com/v1/workspaces/11111111-2222-4333-8444-555555555555/items',
  });
  expect(create.data.baseData.properties).toMatchObject({
    operation: 'create item',
    requestId: 'req-1',
    environment: 'prod',
  });
  expect(create.tags['ai.operation.id']).toBe(opId);
  const notFound = deps.find((d) => d.data.baseData.name.startsWith('GET'));
  expect(notFound.data.baseData).toMatchObject({ resultCode: '404', success: false });
  expect(notFound.data.baseData.properties.errorCode).toBe('EntityNotFound');

  const exceptions = byType('ExceptionData');
  expect(exceptions).toHaveLength(1);
  expect(exceptions[0].tags['ai.operation.id']).toBe(opId);
  expect(exceptions[0].data.baseData.properties).toMatchObject({
    errorCode: 'ItemDisplayNameAlreadyInUse',
    status: '409',
    requestId: 'req-409',
    environment: 'prod',
  });
  expect(exceptions[0].data.baseData.exceptions[0].typeName).toBe('FabricApiError');

  const metrics = byType('MetricData').flatMap((m) =>
    m.data.baseData.metrics.map((x: any) => ({ ...x, properties: m.data.baseData.properties })),
  );
  const metric = (n: string) => metrics.filter((m) => m.name === n);
  expect(metric(TELEMETRY_METRICS.deploymentDuration)[0]).toMatchObject({
    value: 65_000,
    properties: { environment: 'prod' },
  });
  expect(
    metric(TELEMETRY_METRICS.items)
      .map((m) => [m.properties.action, m.value])
      .sort(),
  ).toEqual([
    ['create', 2],
    ['update', 1],
  ]);
  expect(metric(TELEMETRY_METRICS.retries)[0].value).toBe(1);
  expect(metric(TELEMETRY_METRICS.throttles)[0].value).toBe(1);
  expect(metric(TELEMETRY_METRICS.circuitOpens)[0].value).toBe(1);
  expect(metric(TELEMETRY_METRICS.rollbacks)[0].value).toBe(1);
});
