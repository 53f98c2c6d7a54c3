import type { DeploymentReport, ItemOutcome } from './model';

/** GitHub refuses a job summary over 1 MiB; stay well below it and say so when cut. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;

const ICON: Record<string, string> = { succeeded: '✅', 'rolled-back': '↩️', failed: '❌' };

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The markdown summary shown on both hosts and printed by the CLI; never contains a secret. */
export function renderSummary(r: DeploymentReport): string {
  const verb = r.command === 'plan' ? 'Plan' : 'Deployment';
  const lines: string[] = [];
  const ws = r.workspace.url ? `[${r.workspace.name ?? r.workspace.id}](${r.workspace.url})` : `${r.workspace.name ?? r.workspace.id ?? '?'}`;
  const headline = r.command === 'plan' ? (r.hasChanges ? 'has changes' : 'no changes') : r.result;
  lines.push(`## ${ICON[r.result] ?? ''} Fabric ${verb} ${headline}`.replace('##  ', '## '));
  lines.push('');
  lines.push(`| | |`, `|---|---|`);
  lines.push(`| Workspace | ${ws}${r.workspace.created ? ' (created)' : ''} |`);
  if (r.environment) lines.push(`| Environment | ${r.environment} |`);
  lines.push(`| Deployment id | \`${r.deploymentId}\` |`);
  lines.push(`| Duration | ${formatDuration(r.durationMs)} |`);
  lines.push(`| Items | ${countLine(r.items)} |`);
  lines.push('');
  if (r.error) lines.push(`> **Error:** ${escapeCell(r.error)}`, '');
  if (r.items.length > 0) {
    lines.push('| Item | Type | Action | Status | Duration | Retries |', '|---|---|---|---|---:|---:|');
    for (const i of r.items) {
      lines.push(
        `| ${escapeCell(i.folder ? `${i.folder}/${i.name}` : i.name)} | ${i.type} | ${i.action} | ${i.status}${i.error ? `: ${escapeCell(i.error)}` : ''} | ${i.durationMs === undefined ? '' : formatDuration(i.durationMs)} | ${i.retries ?? 0} |`,
      );
    }
    lines.push('');
  }
  for (const s of r.sections ?? []) lines.push(`### ${s.title}`, '', s.markdown, '');
  if (r.warnings.length > 0) {
    lines.push('### Warnings', '');
    for (const w of r.warnings) lines.push(`- ${w}`);
    lines.push('');
  }
  return truncate(lines.join('\n'));
}

function countLine(items: ItemOutcome[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.action, (counts.get(i.action) ?? 0) + 1);
  if (counts.size === 0) return 'none';
  return [...counts].map(([a, n]) => `${n} ${a}`).join(', ');
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function truncate(md: string): string {
  if (Buffer.byteLength(md) <= SUMMARY_LIMIT_BYTES) return md;
  const note = '\n\n> Summary cut to stay under the 1 MiB job-summary limit; the full list is in the `items` output and the audit log.\n';
  let cut = md.slice(0, SUMMARY_LIMIT_BYTES - note.length);
  while (Buffer.byteLength(cut) > SUMMARY_LIMIT_BYTES - note.length) cut = cut.slice(0, -1024);
  return cut.slice(0, cut.lastIndexOf('\n')) + note;
}
