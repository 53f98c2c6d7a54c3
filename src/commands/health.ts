/**
 * `health`: the checks as a table (summary) and JSON (`health` output), exit 0 only when all pass; and
 * the production profile's gate, which runs them before anything is written.
 */
import { connect, type Session } from '../connect';
import type { RunContext } from '../context';
import { UserError } from '../errors';
import { FabricClient } from '../fabric/client';
import { renderHealth, runHealthChecks, type HealthContext, type HealthReport } from '../health';
import type { Host } from '../hosts/host';
import { summaryTitle } from '../report/summary';
import type { RunSettings } from '../settings/settings';

export async function healthCommand(host: Host, settings: RunSettings, session: Session): Promise<undefined> {
  let ctx: HealthContext;
  try {
    ctx = await connect(host, settings, session);
  } catch (err) {
    // A failed sign-in is a failed check, not the end of the report.
    const refused = { getToken: () => Promise.reject(err) };
    ctx = {
      settings,
      client: new FabricClient({
        baseUrl: settings.connection.cloud.fabricApiUrl,
        tokens: refused,
        retry: false,
      }),
      tokens: refused,
      telemetry: session.telemetry,
      log: host.log,
    };
  }
  const report = await host.log.group('Health checks', () => runHealthChecks(ctx));
  for (const c of report.checks) {
    const line = `${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '–'} ${c.title}: ${c.message}`;
    if (c.status === 'fail') host.log.error(line);
    else host.log.info(line);
  }
  host.setOutput('deployment-id', session.deploymentId);
  host.setOutput('result', report.ok ? 'succeeded' : 'failed');
  host.setOutput('health', renderHealth(report, 'json'));
  const file = await host.writeSummary(renderHealth(report, 'markdown'), {
    title: summaryTitle(settings.environment),
  });
  if (file) host.setOutput('summary-file', file);
  host.setResult(report.ok ? 'succeeded' : 'failed', report.ok ? undefined : failedChecks(report));
  return undefined;
}

/** The production profile writes only after every health check passed. */
export async function requireHealthy(ctx: RunContext): Promise<void> {
  const report = await ctx.log.group('Health checks (production profile)', () => runHealthChecks(ctx));
  if (!report.ok) {
    throw new UserError(failedChecks(report), {
      field: 'profile',
      code: 'HealthCheckFailed',
      fix: 'fix what the failed checks name (run `fabric-deploy health` to see them all); nothing was changed',
    });
  }
}

function failedChecks(report: HealthReport): string {
  return `health checks failed: ${report.checks
    .filter((c) => c.status === 'fail')
    .map((c) => `${c.title} (${c.message})`)
    .join('; ')}`;
}
