/**
 * The alert rules and the workbook in examples/monitoring query exactly what the code emits: every
 * event, metric, dimension and measurement they name is produced by the telemetry helpers below
 * (recorded through a fake sink), and every name the code declares is emitted.
 */
import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/paths';
import { ConfigError } from '../../src/errors';
import { runHealthChecks } from '../../src/health';
import type { DeploymentReport } from '../../src/report/model';
import {
  DEPENDENCY_TYPE,
  TELEMETRY_DIMENSIONS,
  TELEMETRY_EVENTS,
  TELEMETRY_METRICS,
  telemetryEventSink,
  trackDeploymentFinished,
  trackDeploymentStarted,
  trackRunError,
} from '../../src/report/telemetry';
import type { Telemetry } from '../../src/report/telemetry-types';

const DIR = path.join(ROOT, 'examples', 'monitoring');
const alerts = JSON.parse(readFileSync(path.join(DIR, 'alerts.json'), 'utf8'));
const workbook = JSON.parse(readFileSync(path.join(DIR, 'workbook.json'), 'utf8'));

/** Everything the helpers emit, by kind. */
async function emitted() {
  const out = {
    events: new Map<string, Set<string>>(),
    measurements: new Set<string>(),
    metrics: new Set<string>(),
    dimensions: new Set<string>(
      Object.values(TELEMETRY_DIMENSIONS).filter((v) => v !== TELEMETRY_DIMENSIONS.appValue),
    ),
    dependencyTypes: new Set<string>([DEPENDENCY_TYPE]),
  };
  const dims = (p?: Record<string, unknown>) => Object.keys(p ?? {}).forEach((k) => out.dimensions.add(k));
  const t: Telemetry = {
    event(name, props) {
      const keys = out.events.get(name) ?? new Set<string>();
      for (const [k, v] of Object.entries(props ?? {})) {
        if (typeof v === 'number') out.measurements.add(k);
        else if (v !== undefined) {
          keys.add(k);
          out.dimensions.add(k);
        }
      }
      out.events.set(name, keys);
    },
    metric(name, _v, props) {
      out.metrics.add(name);
      dims(props);
    },
    dependency(d) {
      dims(d.properties);
    },
    exception(_e, props) {
      dims(props);
      // The sink adds what it finds on the error.
      ['errorCode', 'status', 'requestId', 'operation'].forEach((k) => out.dimensions.add(k));
    },
    flush: async () => {},
  };
  const base: DeploymentReport = {
    command: 'deploy',
    deploymentId: 'd',
    environment: 'prod',
    result: 'succeeded',
    workspace: { id: 'w', name: 'n' },
    items: [
      { name: 'a', type: 'Notebook', action: 'create', status: 'done' },
      { name: 'b', type: 'Notebook', action: 'update', status: 'failed' },
    ],
    startedAt: new Date(),
    durationMs: 1000,
    warnings: [],
    hasChanges: true,
  };
  trackDeploymentStarted(t, { command: 'deploy', environment: 'prod', workspace: 'w', items: 2 });
  for (const result of ['succeeded', 'rolled-back', 'failed'] as const) {
    trackDeploymentFinished(t, {
      ...base,
      result,
      error: result === 'succeeded' ? undefined : 'x',
      rollback:
        result === 'rolled-back' ? [{ action: 'item.create', target: 'a', result: 'undone' }] : undefined,
    });
  }
  const sink = telemetryEventSink(t);
  sink({
    type: 'request',
    operation: 'o',
    method: 'GET',
    url: 'https://api.fabric.microsoft.com/v1/workspaces',
    status: 200,
    durationMs: 1,
    success: true,
    attempt: 1,
    group: 'g',
    requestId: 'r',
    errorCode: 'E',
  });
  sink({ type: 'retry', operation: 'o', group: 'g', attempt: 2, delayMs: 1, reason: 'r' });
  sink({ type: 'throttled', operation: 'o', group: 'g', retryAfter: 1 });
  sink({ type: 'circuit', group: 'g', state: 'open', failures: 5, retryAt: 'x' });
  trackRunError(t, new ConfigError('bad', { field: 'workspace.name' }), { command: 'deploy' });
  trackRunError(t, new Error('AADSTS7000215: Invalid client secret provided.'), { command: 'deploy' });
  await runHealthChecks({
    settings: {
      environment: 'prod',
      workspace: {},
      config: { workspace: {} },
      features: { telemetry: false, keyVault: false },
      inputs: {},
    },
    telemetry: t,
  });
  return out;
}

const TABLES = ['customEvents', 'customMetrics', 'dependencies', 'exceptions'] as const;

/** Each table reference with the text of its pipeline (up to the next `;` or table). */
function segments(query: string): { table: (typeof TABLES)[number]; text: string }[] {
  const re = new RegExp(`\\b(${TABLES.join('|')})\\b`, 'g');
  const hits = [...query.matchAll(re)];
  return hits.map((m, i) => {
    const end = Math.min(
      ...[
        hits[i + 1]?.index ?? query.length,
        query.indexOf(';', m.index!) === -1 ? query.length : query.indexOf(';', m.index!),
      ],
    );
    return { table: m[1] as (typeof TABLES)[number], text: query.slice(m.index!, end) };
  });
}

function namesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bname\s*==\s*"([^"]+)"/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bname\s+in\s*\(([^)]*)\)/g))
    out.push(...[...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!));
  return out;
}

function checkQuery(label: string, query: string, e: Awaited<ReturnType<typeof emitted>>): string[] {
  const problems: string[] = [];
  const eventNames = new Set(e.events.keys());
  if (!query.includes(`tostring(customDimensions.app) == "${TELEMETRY_DIMENSIONS.appValue}"`))
    problems.push(`${label}: does not filter on app == fabric-deploy`);
  const segs = segments(query);
  if (segs.length === 0) problems.push(`${label}: queries no known table`);
  for (const s of segs) {
    for (const n of namesIn(s.text)) {
      if (s.table === 'customEvents' && !eventNames.has(n))
        problems.push(`${label}: event '${n}' is never emitted`);
      if (s.table === 'customMetrics' && !e.metrics.has(n))
        problems.push(`${label}: metric '${n}' is never emitted`);
      if (s.table === 'dependencies' || s.table === 'exceptions')
        problems.push(`${label}: unexpected name filter '${n}' on ${s.table}`);
    }
    for (const m of s.text.matchAll(/\btype\s*==\s*"([^"]+)"/g))
      if (s.table === 'dependencies' && !e.dependencyTypes.has(m[1]!))
        problems.push(`${label}: dependency type '${m[1]}' is not ${DEPENDENCY_TYPE}`);
  }
  for (const m of query.matchAll(/customDimensions\.(\w+)/g))
    if (m[1] !== 'app' && !e.dimensions.has(m[1]!))
      problems.push(`${label}: dimension '${m[1]}' is never emitted`);
  for (const m of query.matchAll(/customMeasurements\.(\w+)/g))
    if (!e.measurements.has(m[1]!)) problems.push(`${label}: measurement '${m[1]}' is never emitted`);
  return problems;
}

test('the code emits every event and metric name it declares', async () => {
  const e = await emitted();
  expect([...e.events.keys()].sort()).toEqual(Object.values(TELEMETRY_EVENTS).sort());
  expect([...e.metrics].sort()).toEqual(Object.values(TELEMETRY_METRICS).sort());
});

test('alert rules: the seeds’ monitored metrics, each querying only what the code emits', async () => {
  const e = await emitted();
  const rules = (alerts.resources as any[]).filter(
    (r) => r.type === 'Microsoft.Insights/scheduledQueryRules',
  );
  const keys = rules.map((r) => r.tags['fabric-deploy-alert']);
  expect(keys).toEqual(
    expect.arrayContaining([
      'request-duration-p95',
      'error-rate',
      'circuit-opens',
      'retry-ratio',
      'rollbacks',
      'deployment-duration-p95',
      'token-failures',
      'config-validation-failures',
    ]),
  );
  const problems: string[] = [];
  for (const r of rules) {
    const crit = r.properties.criteria.allOf;
    expect(crit).toHaveLength(1);
    problems.push(...checkQuery(r.tags['fabric-deploy-alert'], crit[0].query, e));
    expect(r.properties.scopes).toEqual(["[parameters('appInsightsResourceId')]"]);
    // The threshold is in the query; the rule fires when it returns rows, split by environment.
    expect(crit[0]).toMatchObject({ timeAggregation: 'Count', operator: 'GreaterThan', threshold: 0 });
    expect(crit[0].query).toMatch(/\benvironment\b/);
  }
  expect(problems).toEqual([]);
  // Thresholds from the seeds.
  const q = (k: string) =>
    rules.find((r) => r.tags['fabric-deploy-alert'] === k).properties.criteria.allOf[0].query as string;
  expect(q('request-duration-p95')).toMatch(/percentile\(duration, 95\)[\s\S]*> 5000\b/);
  expect(q('error-rate')).toMatch(/errorRatePercent > 5\b/);
  expect(q('circuit-opens')).toMatch(/opens > 3\b/);
  expect(rules.find((r) => r.tags['fabric-deploy-alert'] === 'circuit-opens').properties.windowSize).toBe(
    'PT1H',
  );
  expect(q('retry-ratio')).toMatch(/retryPercent > 10\b/);
  expect(q('rollbacks')).toMatch(/rollbacks > 1\b/);
  expect(rules.find((r) => r.tags['fabric-deploy-alert'] === 'rollbacks').properties.windowSize).toBe('P1D');
  expect(q('deployment-duration-p95')).toMatch(/p95DurationMs > 600000\b/);
  expect(q('token-failures')).toMatch(/failures > 0\b/);
  expect(q('config-validation-failures')).toMatch(/failures > 0\b/);
});

test('workbook queries name only what the code emits', async () => {
  const e = await emitted();
  const queries: { label: string; query: string }[] = [];
  const walk = (items: any[]) => {
    for (const it of items) {
      if (it.type === 3) queries.push({ label: it.name, query: it.content.query });
      if (it.type === 9)
        for (const p of it.content.parameters)
          if (p.query) queries.push({ label: `parameter ${p.name}`, query: p.query });
      if (it.content?.items) walk(it.content.items);
    }
  };
  walk(workbook.items);
  expect(queries.length).toBeGreaterThanOrEqual(8);
  expect(queries.flatMap((q) => checkQuery(q.label, q.query, e))).toEqual([]);
  const all = queries.map((q) => q.query).join('\n');
  // Every declared metric and the result events have a tile.
  for (const m of Object.values(TELEMETRY_METRICS)) expect(all).toContain(`"${m}"`);
  for (const ev of [
    TELEMETRY_EVENTS.deploymentSucceeded,
    TELEMETRY_EVENTS.deploymentFailed,
    TELEMETRY_EVENTS.deploymentRolledBack,
  ])
    expect(all).toContain(`"${ev}"`);
});
