/** A run's result as the host shows it: outputs, the step summary, the error annotation, the verdict. */
import { ConfigProblems, errorMessage, UserError } from '../errors';
import type { Host } from '../hosts/host';
import type { DeploymentReport } from './model';
import { renderSummary, workspaceUrl } from './summary';
import type { AuditLog } from './telemetry-types';

export async function publish(host: Host, report: DeploymentReport): Promise<void> {
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
  if (report.journalFile) host.setOutput('journal-file', report.journalFile);
  const file = await host.writeSummary(renderSummary(report));
  if (file) host.setOutput('summary-file', file);
}

function userText(err: UserError): string {
  const field = err.field ? ` [${err.field}]` : '';
  const fix = err.fix ? ` — fix: ${err.fix}` : '';
  return err.message + field + fix;
}

/** The error as the user sees it (annotation at its file and line), the failed result and exit code 1. */
export function reportFailure(host: Host, err: unknown, deploymentId: string, audit: AuditLog): void {
  if (err instanceof ConfigProblems) {
    // One annotation per problem, at its own file and line; then the sentence that ties them together.
    for (const p of err.problems) host.log.error(userText(p), p.location);
    host.log.error(userText(err));
  } else if (err instanceof UserError) {
    host.log.error(userText(err), err.location);
  } else {
    host.log.error(errorMessage(err));
    if (err instanceof Error && err.stack) host.log.debug(err.stack);
  }
  host.setOutput('deployment-id', deploymentId);
  host.setOutput('result', 'failed');
  if (audit.path) host.setOutput('audit-log', audit.path);
  // The error is already logged (with its file and line); a message here would annotate it twice.
  host.setResult('failed');
}
