import { strategyText } from '../deploy/bulk/strategy';
import { cell as markdownCell, inline } from './markdown';
import type { DeploymentReport, ItemOutcome } from './model';
import { longestDiff, renderChanges, shownItems } from './plan';
import { VERSION } from '../version';
import { readsText } from '../deploy/plan/model';
import { formatLocation } from '../errors';
import type { RunError } from '../hosts/host';

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

/** GitHub refuses an issue or pull-request comment over 65,536 characters; room is left for the marker. */
export const COMMENT_LIMIT_CHARS = 65_536 - 512;

export interface SummaryOptions {
  /** Masks secrets (the host masker); applied to the whole text. */
  scrub?: (s: string) => string;
  /** Size limit in bytes (default SUMMARY_LIMIT_BYTES); Infinity for none (the plan-markdown file). */
  limitBytes?: number;
  /** A limit in characters instead (a pull-request comment), and what it is called in the notes. */
  limitChars?: number;
  limitName?: string;
}

/** How much of the report a render shows, when it must be cut to fit. */
interface Fit {
  /** Item rows (the plan's changed items, or all items without a plan). */
  rows?: number;
  diffChars?: number;
  details?: boolean;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The heading of the run's summary section where the host shows one (Azure Pipelines). */
export function summaryTitle(environment: string | undefined): string {
  return environment ? `Fabric Deploy (${environment})` : 'Fabric Deploy';
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
  const chars = opts.limitChars !== undefined;
  const limit = opts.limitChars ?? opts.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const limitName =
    opts.limitName ?? (chars ? 'the 65,536-character comment limit' : 'the 1 MiB job-summary limit');
  const size = chars ? (s: string) => s.length : bytes;
  const scrub = opts.scrub ?? ((s: string) => s);
  const render = (fit: Fit) => scrub(compose(r, fit, limitName));
  const fits = (fit: Fit) => size(render(fit)) <= limit;
  let md = render({});
  if (size(md) <= limit) return md;
  const plan = r.plan;
  let fit: Fit = {};
  if (plan) {
    // The longest diffs are cut first: find the largest length every diff may keep.
    if (fits({ diffChars: 0 })) {
      let lo = 0;
      let hi = longestDiff(plan);
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits({ diffChars: mid })) lo = mid;
        else hi = mid - 1;
      }
      return render({ diffChars: lo });
    }
    fit = { details: false };
    if (fits(fit)) return render(fit);
  }
  // Still too big: keep as many item rows as fit (binary search), the rest is in the outputs and audit log.
  let lo = 0;
  let hi = plan ? shownItems(plan, outcomesOf(r)).length : r.items.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits({ ...fit, rows: mid })) lo = mid;
    else hi = mid - 1;
  }
  md = render({ ...fit, rows: lo });
  return size(md) <= limit ? md : hardCut(md, limit, limitName, chars);
}

/** The error that ended the run, one row per fact a reader acts on: what, where, which field, the fix. */
function failureTable(f: RunError): string[] {
  // The message as the log has it ends with " [field] — fix: …"; here those have rows of their own.
  let message = f.message;
  if (f.fix && message.endsWith(` — fix: ${f.fix}`)) message = message.slice(0, -` — fix: ${f.fix}`.length);
  if (f.field && message.endsWith(` [${f.field}]`)) message = message.slice(0, -` [${f.field}]`.length);
  const rows = ['### Error', '', '| | |', '|---|---|', `| Code | \`${cell(f.code)}\` |`];
  rows.push(`| Message | ${cell(message, 2000)} |`);
  if (f.file)
    rows.push(`| Where | \`${cell(formatLocation({ file: f.file, line: f.line, col: f.col }))}\` |`);
  if (f.field) rows.push(`| Field | \`${cell(f.field)}\` |`);
  if (f.fix) rows.push(`| Fix | ${cell(f.fix, 2000)} |`);
  return rows;
}

/** A deploy's outcomes (columns of the plan table); a plan has none. */
function outcomesOf(r: DeploymentReport): readonly ItemOutcome[] | undefined {
  return r.command === 'plan' || r.command === 'drift' ? undefined : r.items;
}

function compose(r: DeploymentReport, fit: Fit, limitName: string): string {
  const lines: string[] = [];
  const isPlan = r.command === 'plan' || r.command === 'drift';
  const verb = r.drift
    ? 'Drift check'
    : isPlan
      ? 'Plan'
      : r.command === 'destroy'
        ? 'Destroy'
        : r.command === 'promote'
          ? 'Promotion'
          : 'Deployment';
  const outcome = r.drift
    ? r.drift.length
      ? `found ${r.drift.length} difference${r.drift.length === 1 ? '' : 's'}`
      : 'found no drift'
    : isPlan
      ? r.result === 'failed'
        ? 'failed'
        : r.hasChanges
          ? 'has changes'
          : 'no changes'
      : (RESULT_TEXT[r.result] ?? r.result);
  const icon = isPlan && r.result !== 'failed' ? '📋' : (ICON[r.result] ?? '');
  const env = r.environment ? ` — ${inline(r.environment)}` : '';
  lines.push(`## ${icon ? `${icon} ` : ''}Fabric ${verb} ${outcome}${env}`, '');
  if (r.warnings.length > 0) lines.push(...warningCallout(r), '');

  const wsId = r.workspace.id;
  const url = r.workspace.url ?? (wsId ? workspaceUrl(wsId) : undefined);
  const wsName = inline(r.workspace.name ?? wsId ?? '?');
  const ws = url ? `[${wsName}](${url})` : wsName;
  lines.push('| | |', '|---|---|');
  // A plan deploys nothing: its headline says whether it has changes, and only a failure is a result.
  if (!isPlan || r.result !== 'succeeded') lines.push(`| Result | ${RESULT_TEXT[r.result] ?? r.result} |`);
  if (r.environment) lines.push(`| Environment | ${cell(r.environment)} |`);
  lines.push(`| Workspace | ${ws}${r.workspace.created ? ' (created)' : ''} |`);
  if (wsId) lines.push(`| Workspace id | \`${cell(wsId)}\` |`);
  lines.push(`| Deployment id | \`${cell(r.deploymentId)}\` |`);
  lines.push(`| Started | ${r.startedAt.toISOString()} |`);
  lines.push(`| Duration | ${formatDuration(r.durationMs)} |`);
  lines.push(`| Fabric Deploy | ${VERSION} |`);
  lines.push(`| Items | ${countLine(r.items)} |`);
  // Counted, never one row per item: the plan JSON has each item's path and reason.
  if (r.plan?.reads) lines.push(`| Definitions read | ${cell(readsText(r.plan.reads))} |`);
  const strategy = r.plan?.strategy;
  // The default (graph) goes without saying; bulk and auto say what they did and why.
  if (strategy && strategy.requested !== 'graph' && r.plan?.hasChanges)
    lines.push(`| Strategy | ${cell(strategyText(strategy))} |`);
  // One count for the run: retries are info lines in the log, never warnings.
  const retries = Math.max(
    r.retries ?? 0,
    r.items.reduce((n, i) => n + (i.retries ?? 0), 0),
  );
  if (retries > 0) lines.push(`| Retries | ${retries} |`);
  lines.push('');
  if (r.failure) lines.push(...failureTable(r.failure), '');
  else if (r.error) lines.push(`> **Error:** ${cell(r.error, 2000)}`, '');

  if (r.plan) {
    lines.push(isPlan ? '### Plan' : '### Changes', '');
    lines.push(
      renderChanges(r.plan, {
        ...fit,
        outcomes: outcomesOf(r),
        limitName,
        formatDuration,
      }),
      '',
    );
  } else if (r.items.length > 0) {
    const itemRows = fit.rows ?? r.items.length;
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
        `> Summary cut to stay under ${limitName}: ${r.items.length - itemRows} of ${r.items.length} item rows are not shown; the full list is in the \`items\` output and the audit log.`,
      );
    }
    lines.push('');
  }

  const sections = [...(r.sections ?? [])];
  const has = (re: RegExp) => sections.some((s) => re.test(s.title));
  if (r.drift?.length)
    sections.unshift({
      title: 'Drift',
      markdown: [
        '| What | Name | Differs |',
        '|---|---|---|',
        ...r.drift.map((d) => `| ${cell(d.type)} | ${cell(d.name)} | ${cell(d.what)} |`),
      ].join('\n'),
    });
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

  if (r.warnings.length > CALLOUT_WARNINGS) {
    lines.push('### Warnings', '');
    for (const w of r.warnings) lines.push(`- ${inline(w)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Warnings the callout at the top lists; more are all listed under Warnings at the end. */
const CALLOUT_WARNINGS = 10;

/**
 * At the top, where a reviewer looks first: a parameter rule not applied means other values went out.
 * Says how many the run's annotations could not show, so a reader knows the list is longer than them.
 */
function warningCallout(r: DeploymentReport): string[] {
  const n = r.warnings.length;
  const out = ['> [!WARNING]', `> **${n} warning${n === 1 ? '' : 's'}**`];
  const annotated = r.annotatedWarnings;
  if (annotated !== undefined && annotated < n)
    out.push(
      `> (the run shows ${annotated} of them as annotations, at their file and line, and one more annotation counts the other ${n - annotated}: the host shows ten per step)`,
    );
  out.push('>');
  for (const w of r.warnings.slice(0, CALLOUT_WARNINGS)) out.push(`> - ${inline(w)}`);
  if (n > CALLOUT_WARNINGS) out.push(`> - … and ${n - CALLOUT_WARNINGS} more, listed under Warnings below`);
  return out;
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
function hardCut(md: string, limit: number, limitName: string, chars: boolean): string {
  const note = `\n\n> Summary cut to stay under ${limitName}; the full list is in the \`items\` output and the audit log.\n`;
  let cut: string;
  if (chars) cut = md.slice(0, limit - note.length);
  else {
    // A multi-byte character split at the boundary decodes to U+FFFD: dropped with the partial line.
    cut = Buffer.from(md, 'utf8')
      .subarray(0, limit - bytes(note))
      .toString('utf8');
  }
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  return cut + note;
}
