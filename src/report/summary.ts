import { cell as markdownCell, inline } from './markdown';
import type { DeploymentReport, ItemOutcome } from './model';
import { VERSION } from '../version';

/** GitHub refuses a job summary over 1 MiB; stay well below it and say so when cut. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024;

const ICON: Record<string, string> = {
  succeeded: '✅',
  'rolled-back': '↩️',
  'rollback-incomplete': '⚠️',
  failed: '❌',
};
const RESULT_TEXT: Record<string, string> = {
  succeeded: 'succeeded',
  'rolled-back': 'failed and was rolled back',
  'rollback-incomplete': 'failed and could not be fully rolled back',
  failed: 'failed',
};
const MAX_CELL = 300;

export const FABRIC_PORTAL = 'https://app.fabric.microsoft.com';

export interface SummaryOptions {
  /** Masks secrets (the host masker); applied to the whole text. */
  scrub?: (s: string) => string;
  /** Size limit in bytes (default SUMMARY_LIMIT_BYTES). */
  limitBytes?: number;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The workspace's page in the Fabric portal. */
export function workspaceUrl(id: string): string {
  return `${FABRIC_PORTAL}/groups/${encodeURIComponent(id)}`;
}

/**
 * The markdown summary shown on both hosts (GitHub job summary, Azure DevOps summary tab) and printed
 * by the CLI: headline, facts, a row per item, then plan / principals / Git / rollback sections and
 * warnings. Kept under the size limit by dropping item rows first, with a note saying so.
 */
export function renderSummary(r: DeploymentReport, opts: SummaryOptions = {}): string {
  const limit = opts.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const scrub = opts.scrub ?? ((s: string) => s);
  const render = (rows: number) => scrub(compose(r, rows));
  let md = render(r.items.length);
  if (bytes(md) <= limit) return md;
  // Too big: keep as many item rows as fit (binary search), the rest is in the outputs and audit log.
  let lo = 0;
  let hi = r.items.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytes(render(mid)) <= limit) lo = mid;
    else hi = mid - 1;
  }
  md = render(lo);
  return bytes(md) <= limit ? md : hardCut(md, limit);
}

function compose(r: DeploymentReport, itemRows: number): string {
  const lines: string[] = [];
  const isPlan = r.command === 'plan';
  const verb = isPlan
    ? 'Plan'
    : r.command === 'destroy'
      ? 'Destroy'
      : r.command === 'promote'
        ? 'Promotion'
        : 'Deployment';
  const outcome = isPlan
    ? r.result === 'failed'
      ? 'failed'
      : r.hasChanges
        ? 'has changes'
        : 'no changes'
    : (RESULT_TEXT[r.result] ?? r.result);
  const icon = isPlan && r.result !== 'failed' ? '📋' : (ICON[r.result] ?? '');
  const env = r.environment ? ` — ${inline(r.environment)}` : '';
  lines.push(`## ${icon ? `${icon} ` : ''}Fabric ${verb} ${outcome}${env}`, '');
  if (r.warnings.length > 0) {
    // At the top, where a reviewer looks first: a rule not applied means other values went out.
    const n = r.warnings.length;
    lines.push(
      `> [!WARNING]`,
      `> ${n} warning${n === 1 ? '' : 's'}: ${inline(r.warnings[0]!)}${n > 1 ? ` (and ${n - 1} more, listed under Warnings below)` : ''}`,
      '',
    );
  }

  const wsId = r.workspace.id;
  const url = r.workspace.url ?? (wsId ? workspaceUrl(wsId) : undefined);
  const wsName = inline(r.workspace.name ?? wsId ?? '?');
  const ws = url ? `[${wsName}](${url})` : wsName;
  lines.push('| | |', '|---|---|');
  lines.push(`| Result | ${RESULT_TEXT[r.result] ?? r.result} |`);
  if (r.environment) lines.push(`| Environment | ${cell(r.environment)} |`);
  lines.push(`| Workspace | ${ws}${r.workspace.created ? ' (created)' : ''} |`);
  if (wsId) lines.push(`| Workspace id | \`${cell(wsId)}\` |`);
  lines.push(`| Deployment id | \`${cell(r.deploymentId)}\` |`);
  lines.push(`| Started | ${r.startedAt.toISOString()} |`);
  lines.push(`| Duration | ${formatDuration(r.durationMs)} |`);
  lines.push(`| Fabric Deploy | ${VERSION} |`);
  lines.push(`| Items | ${countLine(r.items)} |`);
  const retries = r.items.reduce((n, i) => n + (i.retries ?? 0), 0);
  if (retries > 0) lines.push(`| Retries | ${retries} |`);
  lines.push('');
  if (r.error) lines.push(`> **Error:** ${cell(r.error, 2000)}`, '');

  if (r.items.length > 0) {
    lines.push('### Items', '');
    lines.push('| Item | Type | Action | Status | Duration | Retries |', '|---|---|---|---|---:|---:|');
    for (const i of r.items.slice(0, itemRows)) {
      const name = i.folder ? `${i.folder}/${i.name}` : i.name;
      const status = `${i.status}${i.error ? `: ${cell(i.error)}` : ''}`;
      lines.push(
        `| ${cell(name)} | ${cell(i.type)} | ${i.action} | ${status} | ${i.durationMs === undefined ? '' : formatDuration(i.durationMs)} | ${i.retries ?? 0} |`,
      );
    }
    if (itemRows < r.items.length) {
      lines.push(
        '',
        `> Summary cut to stay under the 1 MiB job-summary limit: ${r.items.length - itemRows} of ${r.items.length} item rows are not shown; the full list is in the \`items\` output and the audit log.`,
      );
    }
    lines.push('');
  }

  const sections = [...(r.sections ?? [])];
  const has = (re: RegExp) => sections.some((s) => re.test(s.title));
  if (r.rollback?.length && !has(/rollback/i))
    sections.push({ title: 'Rollback', markdown: rollbackTable(r.rollback) });
  if (r.leftInPlace?.length && !has(/left in place/i)) {
    const incomplete = r.result === 'rollback-incomplete';
    const finish = r.finishCommand ? `\n\nFinish it with:\n\n\`\`\`\n${r.finishCommand}\n\`\`\`` : '';
    sections.push({
      title: incomplete ? 'Rollback incomplete' : 'Left in place (rollback is off)',
      markdown: r.leftInPlace.map((l) => `- ${inline(l)}`).join('\n') + finish,
    });
  }
  for (const s of sections) lines.push(`### ${s.title}`, '', s.markdown, '');
  if (r.journalFile) lines.push(`Journal: \`${inline(r.journalFile)}\``, '');

  if (r.warnings.length > 0) {
    lines.push('### Warnings', '');
    for (const w of r.warnings) lines.push(`- ${inline(w)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function rollbackTable(rows: NonNullable<DeploymentReport['rollback']>): string {
  const out = ['| Change | Undo | Result |', '|---|---|---|'];
  for (const u of rows)
    out.push(`| ${cell(u.target)} | ${cell(u.action)} | ${u.result}${u.error ? `: ${cell(u.error)}` : ''} |`);
  return out.join('\n');
}

function countLine(items: ItemOutcome[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.action, (counts.get(i.action) ?? 0) + 1);
  if (counts.size === 0) return 'none';
  return [...counts].map(([a, n]) => `${n} ${a}`).join(', ');
}

/** One table cell of user data, bounded. */
function cell(s: string, max = MAX_CELL): string {
  return markdownCell(s, max);
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Last resort when sections alone are too big: cut at a line end and say so. */
function hardCut(md: string, limit: number): string {
  const note =
    '\n\n> Summary cut to stay under the 1 MiB job-summary limit; the full list is in the `items` output and the audit log.\n';
  const room = limit - bytes(note);
  let cut = Buffer.from(md, 'utf8').subarray(0, room).toString('utf8');
  // A multi-byte character split at the boundary decodes to U+FFFD: drop it with the partial line.
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  return cut + note;
}
