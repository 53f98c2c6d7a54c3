import { cell } from '../report/markdown';
import type { CheckStatus, HealthReport } from './model';

const MARK: Record<CheckStatus, string> = { pass: '✅ pass', fail: '❌ fail', skip: '➖ skip' };

/**
 * The report as a markdown table (readable in a terminal, a job summary and the Azure DevOps summary
 * tab), or as JSON for tools. Holds ids and states only, never a token.
 */
export function renderHealth(report: HealthReport, format: 'markdown' | 'json' = 'markdown'): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  const lines = [
    `## ${report.ok ? '✅ Healthy' : '❌ Unhealthy'}: Fabric Deploy health${report.environment ? ` — ${report.environment}` : ''}`,
    '',
  ];
  lines.push('| Check | Result | Detail | Time |', '|---|---|---|---:|');
  for (const c of report.checks)
    lines.push(`| ${c.title} | ${MARK[c.status]} | ${cell(c.message)} | ${c.durationMs} ms |`);
  lines.push(
    '',
    `Checked at ${report.checkedAt} in ${report.durationMs} ms (fabric-deploy ${report.version}).`,
  );
  return lines.join('\n') + '\n';
}
