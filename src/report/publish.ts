/** A run's result as the host shows it: outputs, the step summary, the error annotation, the verdict. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigProblems, errorMessage, shownProblems, UserError } from '../errors';
import { failureText, runError, spelledFor, userText } from './run-error';
import type { Host } from '../hosts/host';
import { redactSecrets, type SecretValues } from '../identity/secret-redaction';
import type { DeploymentReport } from './model';
import { postPullRequestComment, type CommentOptions } from './pr-comment';
import { renderSummary, summaryTitle, workspaceUrl } from './summary';
import type { AuditLog } from './telemetry-types';
import { annotatedOf, announceWarnings } from './warnings';

export interface PublishOptions {
  /** Resolved secrets: every text rendered from the report shows them as their `${secret:NAME}` references. */
  secrets?: SecretValues;
  /** `comment-on-pr`: the summary also goes to the run's pull request, one comment updated in place. */
  comment?: CommentOptions;
}

export async function publish(
  host: Host,
  run: DeploymentReport,
  options: PublishOptions = {},
): Promise<void> {
  // Every warning is logged (an annotation at its file and line when it names one) before the summary
  // lists them: some were only collected in the report (item payloads, the plan's lock holder).
  const logged = new Set(host.loggedWarnings?.() ?? []);
  announceWarnings(
    host.log,
    [...new Set(run.warnings)].filter((w) => !logged.has(w)),
  );
  // The summary, the plan markdown and the comment are rendered from one copy with secrets as references
  // (the host's masker runs over them as well).
  const report = redactSecrets(
    { ...run, warnings: [...new Set([...(host.loggedWarnings?.() ?? []), ...run.warnings])] },
    options.secrets,
  );
  if (host.kind !== 'cli') report.annotatedWarnings = annotatedOf(report.warnings.length);
  if (report.failure) report.failure = spelledFor(host.kind, report.failure);
  host.setOutput('workspace-id', report.workspace.id ?? '');
  // For `environment.url` on GitHub and a link in Azure Pipelines; empty when no workspace exists yet.
  host.setOutput('workspace-url', report.workspace.id ? workspaceUrl(report.workspace.id) : '');
  host.setOutput('deployment-id', report.deploymentId);
  host.setOutput('result', report.result);
  host.setOutput('has-changes', String(report.hasChanges));
  host.setOutput(
    'items',
    JSON.stringify(report.items.map((i) => ({ name: i.name, type: i.type, id: i.id, action: i.action }))),
  );
  if (report.planFile) host.setOutput('plan-file', report.planFile);
  if (report.drift) host.setOutput('drift', JSON.stringify(report.drift));
  if (report.journalFile) host.setOutput('journal-file', report.journalFile);
  await publishSummary(host, report, '; the result above stands');
  if (report.plan) {
    const md = await writePlanMarkdown(host, report);
    if (md) host.setOutput('plan-markdown', md);
  }
  if (options.comment) await postPullRequestComment(host, report, options.comment);
}

/** The whole plan as markdown, no diff cut (the summary and the comment point here when they cut). */
async function writePlanMarkdown(host: Host, report: DeploymentReport): Promise<string | undefined> {
  const file = path.join(host.tempDir(), `fabric-deploy-plan-${report.deploymentId}.md`);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, host.mask(renderSummary(report, { limitBytes: Infinity })) + '\n', {
      mode: 0o600,
    });
    return file;
  } catch (err) {
    host.log.warn(`could not write the plan markdown ${file}: ${errorMessage(err)}`);
    return undefined;
  }
}

/** The error as the user sees it (annotation at its file and line), the failed result and exit code 1. */
export function reportFailure(host: Host, err: unknown, deploymentId: string, audit: AuditLog): void {
  if (err instanceof ConfigProblems) {
    // One annotation per problem, at its own file and line; then the sentence that ties them together.
    const { shown, more } = shownProblems(err.problems);
    for (const p of shown) host.log.error(userText(p), p.location);
    if (more) host.log.error(more);
    host.log.error(userText(err));
  } else if (err instanceof UserError) {
    host.log.error(userText(err), err.location);
  } else {
    host.log.error(errorMessage(err));
    if (err instanceof Error && err.stack) host.log.debug(err.stack);
  }
  host.recordFailure?.(runError(err));
  host.setOutput('deployment-id', deploymentId);
  host.setOutput('result', 'failed');
  if (audit.path) host.setOutput('audit-log', audit.path);
  // The error is already logged (with its file and line); a message here would annotate it twice.
  host.setResult('failed');
}

/** What is known of a run that failed before it had a report (settings, sign-in, a command that threw). */
export interface FailedRun {
  command: string;
  deploymentId: string;
  startedAt: Date;
  environment?: string;
  workspace: { id?: string; name?: string };
}

/**
 * The summary of a run that ended in an error before any report: the failed result and the error as
 * data (code, message, file:line, field, fix), so the job summary (Azure DevOps: the summary section)
 * says why even when the settings or the sign-in failed. The host masks it like every summary.
 */
export async function publishFailure(host: Host, run: FailedRun, err: unknown): Promise<void> {
  const report: DeploymentReport = {
    ...run,
    result: 'failed',
    items: [],
    durationMs: Date.now() - run.startedAt.getTime(),
    warnings: [...(host.loggedWarnings?.() ?? [])],
    error: failureText(err),
    failure: spelledFor(host.kind, runError(err)),
    hasChanges: false,
  };
  await publishSummary(host, report, '', { fileOnly: true });
}

/**
 * Writes the summary and sets `summary-file`. A summary the runner does not take (file missing, disk
 * full) is a warning: it must not turn the result around.
 */
async function publishSummary(
  host: Host,
  report: DeploymentReport,
  after: string,
  opts: { fileOnly?: boolean } = {},
): Promise<void> {
  const file = await host
    .writeSummary(renderSummary(report), { title: summaryTitle(report.environment), ...opts })
    .catch((err: unknown) => {
      host.log.warn(`could not write the job summary: ${errorMessage(err)}${after}`);
      return undefined;
    });
  if (file) host.setOutput('summary-file', file);
}
