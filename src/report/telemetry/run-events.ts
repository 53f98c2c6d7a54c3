/** What a run reports: its start, its result (with duration and counts) and a failure before any report. */
import type { DeploymentReport, ItemAction } from '../model';
import type { Telemetry } from '../telemetry-types';
import { causes, errText } from './error-details';
import { TELEMETRY_EVENTS, TELEMETRY_METRICS } from './names';

/** `DeploymentStarted`. */
export function trackDeploymentStarted(
  t: Telemetry,
  d: { command: string; environment?: string; workspace?: string; items?: number },
): void {
  t.event(TELEMETRY_EVENTS.deploymentStarted, {
    command: d.command,
    environment: d.environment,
    workspace: d.workspace,
    items: d.items,
  });
}

/**
 * The result event (Succeeded / RolledBack / Failed) with the duration and counts, the duration,
 * items-per-action and rollback metrics, and the exception when the run failed.
 */
export function trackDeploymentFinished(t: Telemetry, report: DeploymentReport, error?: unknown): void {
  const counts: Partial<Record<ItemAction, number>> = {};
  for (const i of report.items) counts[i.action] = (counts[i.action] ?? 0) + 1;
  const name =
    report.result === 'succeeded'
      ? TELEMETRY_EVENTS.deploymentSucceeded
      : report.result === 'rolled-back'
        ? TELEMETRY_EVENTS.deploymentRolledBack
        : TELEMETRY_EVENTS.deploymentFailed;
  const dims = { command: report.command, result: report.result };
  t.event(name, {
    ...dims,
    workspaceId: report.workspace.id,
    durationMs: report.durationMs,
    items: report.items.length,
    failedItems: report.items.filter((i) => i.status === 'failed').length,
    ...Object.fromEntries(Object.entries(counts).map(([a, n]) => [`items_${a}`, n])),
    error: report.error,
  });
  t.metric(TELEMETRY_METRICS.deploymentDuration, report.durationMs, dims);
  for (const [action, n] of Object.entries(counts)) t.metric(TELEMETRY_METRICS.items, n, { ...dims, action });
  if (report.result === 'rolled-back' || (report.rollback?.length ?? 0) > 0)
    // (rollback-incomplete has rollback rows too)
    t.metric(TELEMETRY_METRICS.rollbacks, 1, dims);
  if (report.result !== 'succeeded' && (error !== undefined || report.error)) {
    t.exception(error ?? new Error(report.error), { command: report.command, result: report.result });
  }
}

/**
 * A run that ended before a report existed: `ConfigValidationFailed` or `TokenAcquisitionFailed`
 * when the error is one, then the exception and `DeploymentFailed`.
 */
export function trackRunError(
  t: Telemetry,
  err: unknown,
  d: { command?: string; durationMs?: number } = {},
): void {
  const kind = classifyError(err);
  if (kind === 'token')
    t.event(TELEMETRY_EVENTS.tokenAcquisitionFailed, { command: d.command, error: errText(err) });
  else if (kind === 'config')
    t.event(TELEMETRY_EVENTS.configValidationFailed, {
      command: d.command,
      error: errText(err),
      field: (err as { field?: string }).field,
    });
  t.exception(err, { command: d.command ?? '', kind });
  t.event(TELEMETRY_EVENTS.deploymentFailed, {
    command: d.command,
    result: 'failed',
    durationMs: d.durationMs,
    error: errText(err),
    kind,
  });
}

const AUTH_FIELDS = new Set([
  'auth',
  'token',
  'client-id',
  'client-secret',
  'certificate',
  'certificate-password',
  'tenant-id',
  'audience',
  'connected-service-name',
  'authority-host',
]);
const AUTH_ERROR_NAMES = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
]);

/** 'token' for failures to get a token, 'config' for bad configuration, else 'other'. */
export function classifyError(err: unknown): 'token' | 'config' | 'other' {
  let config = false;
  for (const e of causes(err)) {
    const x = e as { name?: string; message?: string; field?: string; status?: number };
    if (AUTH_ERROR_NAMES.has(x.name ?? '') || /\bAADSTS\d{5,}/.test(x.message ?? '')) return 'token';
    if (x.field && AUTH_FIELDS.has(x.field)) return 'token';
    if (x.name === 'FabricApiError' && x.status === 401) return 'token';
    if (x.name === 'ConfigError') config = true;
  }
  return config ? 'config' : 'other';
}
