/**
 * The composition root: one run of the tool on any host, settings → telemetry → sign-in → command →
 * report. Each command lives in src/commands; this file only puts the phases in order.
 */
import { randomUUID } from 'node:crypto';
import { onCancel } from './cancel';
import { executeCommand } from './commands';
import { healthCommand, requireHealthy } from './commands/health';
import { connect, startTelemetry, type Session } from './connect';
import { trackDeploymentFinished, trackDeploymentStarted, trackRunError } from './report/telemetry';
import type { Host } from './hosts/host';
import { hasSecretReference } from './identity/secrets';
import type { DeploymentReport } from './report/model';
import { startDeploymentStatus, type DeploymentRecord } from './report/deployment-status';
import { postFailureComment } from './report/pr-comment';
import { publish, publishFailure, reportFailure } from './report/publish';
import { failureText } from './report/run-error';
import { noAudit, noTelemetry, type AuditLog } from './report/telemetry-types';
import { readInput, resolveSettings, type RunSettings } from './settings/settings';
import { banner } from './version';

/** One run of any command of the `command` input. Never throws. */
export async function run(host: Host): Promise<DeploymentReport | undefined> {
  const session: Session = { deploymentId: randomUUID(), startedAt: new Date(), telemetry: noTelemetry };
  let command: string = 'deploy';
  let audit: AuditLog = noAudit;
  let deployment: DeploymentRecord | undefined;
  let resolved: RunSettings | undefined;
  let published = false;
  // `promote` reads no config file: a deployment pipeline names its stages' workspaces.
  if (host.getInput('command')?.trim() === 'promote')
    return (await import('./commands/promote')).promoteCommand(host);
  // `rollback` reads no config file either: its journal says what to undo and where.
  if (host.getInput('command')?.trim() === 'rollback')
    return (await import('./commands/rollback')).rollbackCommand(host, host.getInput('journal-file'));
  host.log.info(banner(host.kind));
  try {
    // `matrix` reads the config's targets only: no environment, no sign-in.
    if (readInput(host, 'command') === 'matrix') {
      command = 'matrix';
      (await import('./commands/matrix')).matrixCommand(host);
      return undefined;
    }
    // Everything that can be checked without the network is checked here, before signing in.
    const settings = await host.log.group('Settings', async () => resolveSettings(host));
    resolved = settings;
    command = settings.command;
    deployment = await startDeploymentStatus(host, settings, session.deploymentId);
    // Telemetry starts before sign-in so a failed sign-in is counted; a connection string kept in Key
    // Vault can only be read after it, so that case starts telemetry in connect().
    if (!hasSecretReference(settings.inputs.telemetryConnectionString)) {
      session.telemetry = await startTelemetry(host, settings, session.deploymentId);
    }
    if (command === 'health') return await healthCommand(host, settings, session);
    const signedIn = await host.log.group('Sign in', () => connect(host, settings, session));
    session.telemetry = signedIn.telemetry;
    audit = signedIn.audit;
    if (settings.features.healthChecks && command !== 'plan' && command !== 'drift')
      await requireHealthy(signedIn);
    const cancellation = onCancel(host);
    const ctx = { ...signedIn, signal: cancellation.signal };
    trackDeploymentStarted(ctx.telemetry, {
      command,
      environment: ctx.settings.environment,
      workspace: ctx.settings.workspace.name ?? ctx.settings.workspace.id,
    });
    const report = await executeCommand(ctx).finally(cancellation.dispose);
    trackDeploymentFinished(ctx.telemetry, report);
    const { comment, githubToken } = ctx.settings.ci;
    await publish(host, report, { secrets: ctx.secrets, comment: comment ? { githubToken } : undefined });
    published = true;
    await deployment?.finish(report);
    if (audit.path) host.setOutput('audit-log', audit.path);
    // A rollback was announced as an error when it started; other failures are reported here, once.
    if (report.result === 'succeeded') host.setResult('succeeded');
    else {
      // The error as data (code, file, field) for `--json`, whichever way the run failed.
      if (report.failure) host.recordFailure?.(report.failure);
      host.setResult(
        'failed',
        // A rollback and drift were logged as errors where they were found.
        report.result === 'rolled-back' || report.drift?.length ? undefined : report.error,
      );
    }
    return report;
  } catch (err) {
    trackRunError(session.telemetry, err, { command, durationMs: Date.now() - session.startedAt.getTime() });
    // The summary says why even when the settings or the sign-in failed (nothing was published yet);
    // before the verdict, which ends the step on Azure Pipelines.
    if (!published)
      await publishFailure(
        host,
        {
          command: resolved?.command ?? host.getInput('command')?.trim() ?? command,
          deploymentId: session.deploymentId,
          startedAt: session.startedAt,
          environment: resolved?.environment ?? (host.getInput('environment')?.trim() || undefined),
          workspace: resolved
            ? { id: resolved.workspace.id, name: resolved.workspace.name }
            : { id: host.getInput('workspace-id'), name: host.getInput('workspace-name') },
        },
        err,
      );
    reportFailure(host, err, session.deploymentId, audit);
    // A comment from an earlier push must not stand as if it were current.
    if (resolved?.ci.comment)
      await postFailureComment(host, resolved, { ...session, error: failureText(err) });
    await deployment?.error(err);
    return undefined;
  } finally {
    await audit.close().catch(() => undefined);
    await session.telemetry.flush();
  }
}
