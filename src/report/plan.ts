/**
 * The plan as a reviewer reads it, and its outcome once applied: one table (workspace-level changes,
 * then each item that changes, with its status when deployed), the unchanged items collapsed, and a
 * collapsed `<details>` per item with the unified diff of each changed part (or the parts a create
 * sends). The summary, the pull-request comment and the `plan-markdown` file all render it; a size
 * limit is met by cutting the longest diffs first (`diffChars`), then rows (`rows`), each with a note.
 */
import type { PartChange, Plan, PlannedItem } from '../deploy/plan/model';
import { cell, inline } from './markdown';
import type { ItemOutcome } from './model';

export interface ChangesOptions {
  /** Item rows shown (the rest are counted in a note); all when absent. */
  rows?: number;
  /** Longest diff shown, in characters; longer ones are cut at a line end, with a note. All when absent. */
  diffChars?: number;
  /** false: the table without the per-item details (when even cut diffs do not fit). */
  details?: boolean;
  /** Deploy outcomes: adds Status, Duration and Retries columns. Absent for a plan. */
  outcomes?: readonly ItemOutcome[];
  /** The limit a cut serves, for the notes (e.g. "the 1 MiB job-summary limit"). */
  limitName?: string;
  formatDuration?: (ms: number) => string;
}

const MAX_CELL = 300;
const MAX_UNCHANGED_NAMES = 1000;

/** The item rows a table shows: every item that changes, or whose deploy did not end done. */
export function shownItems(plan: Plan, outcomes?: readonly ItemOutcome[]): PlannedItem[] {
  const byKey = outcomeIndex(outcomes);
  return plan.items.filter((i) => {
    const o = byKey.get(i.key);
    return (
      i.action !== 'unchanged' ||
      i.steps?.some((s) => s.action === 'apply') ||
      (o !== undefined && o.status !== 'done' && o.status !== 'planned')
    );
  });
}

/** The longest diff of the plan's items (what `diffChars` needs to exceed to cut nothing). */
export function longestDiff(plan: Plan): number {
  let n = 0;
  for (const i of plan.items) for (const p of i.parts ?? []) n = Math.max(n, p.diff?.length ?? 0);
  return n;
}

export function renderChanges(plan: Plan, o: ChangesOptions = {}): string {
  const deployed = o.outcomes !== undefined;
  const byKey = outcomeIndex(o.outcomes);
  const dur = o.formatDuration ?? ((ms: number) => `${ms} ms`);
  const head = deployed
    ? ['| Item | Type | Action | Status | Duration | Retries | Changes |', '|---|---|---|---|---:|---:|---|']
    : ['| Item | Type | Action | Changes |', '|---|---|---|---|'];
  const row = (name: string, type: string, action: string, changes: string, out?: ItemOutcome) =>
    deployed
      ? `| ${cell(name, MAX_CELL)} | ${cell(type)} | ${action} | ${out ? `${out.status}${out.error ? `: ${cell(out.error, MAX_CELL)}` : ''}` : ''} | ${out?.durationMs === undefined ? '' : dur(out.durationMs)} | ${out ? (out.retries ?? 0) : ''} | ${changes} |`
      : `| ${cell(name, MAX_CELL)} | ${cell(type)} | ${action} | ${changes} |`;

  const rows = [...head];
  for (const r of resourceRows(plan)) rows.push(row(r.name, r.type, r.action, r.details));
  const shown = shownItems(plan, o.outcomes);
  const limit = Math.min(o.rows ?? shown.length, shown.length);
  for (const i of shown.slice(0, limit))
    rows.push(row(itemPath(i), i.type, actionLabel(i), cell(changesText(i), MAX_CELL), byKey.get(i.key)));
  const out: string[] = [];
  if (rows.length > head.length) out.push(rows.join('\n'));
  else out.push(plan.items.length ? 'Nothing changes.' : 'No items.');
  if (limit < shown.length)
    out.push(
      `> ${shown.length - limit} of ${shown.length} item rows are not shown here${o.limitName ? ` (${o.limitName})` : ''}; the full list is in the \`items\` output and the plan JSON (\`plan-file\` output).`,
    );

  const unchanged = plan.items.filter((i) => i.action === 'unchanged' && !shown.includes(i));
  if (unchanged.length) {
    const names = unchanged
      .slice(0, MAX_UNCHANGED_NAMES)
      .map((i) => `${inline(itemPath(i))} (${inline(i.type)})`)
      .join(', ');
    const more =
      unchanged.length > MAX_UNCHANGED_NAMES ? `, and ${unchanged.length - MAX_UNCHANGED_NAMES} more` : '';
    out.push(
      `<details><summary>${unchanged.length} item${unchanged.length === 1 ? '' : 's'} unchanged</summary>\n\n${names}${more}\n\n</details>`,
    );
  }

  if (o.details !== false) {
    const blocks = shown
      .slice(0, limit)
      .filter((i) => i.parts?.length)
      .map((i) => itemDetails(i, o));
    if (blocks.length) out.push(...blocks);
  } else if (shown.some((i) => i.parts?.length)) {
    out.push(
      `> The diffs are not shown here${o.limitName ? ` (${o.limitName})` : ''}: the \`plan-markdown\` output holds them.`,
    );
  }

  if (plan.unmanaged.length) {
    out.push(
      `Not managed by this repository (${plan.unmanaged.length}): ` +
        plan.unmanaged
          .slice(0, 20)
          .map((u) => `${inline(u.type)} '${cell(u.name)}'`)
          .join(', ') +
        (plan.unmanaged.length > 20 ? ', …' : '') +
        `. ${plan.unmanaged[0]!.reason.startsWith('kept') ? '' : 'Turn on deleteOrphans to delete them.'}`.trim(),
    );
  }
  if (plan.lockedBy)
    out.push(
      `> Another deployment (${plan.lockedBy.deploymentId}) holds the workspace lock since ${plan.lockedBy.since}.`,
    );
  return out.join('\n\n');
}

/** Workspace-level changes as rows of the same table (nothing when they stay as they are). */
function resourceRows(plan: Plan): { name: string; type: string; action: string; details: string }[] {
  const out: { name: string; type: string; action: string; details: string }[] = [];
  const ws = plan.workspace;
  if (ws.action !== 'unchanged')
    out.push({
      name: ws.name,
      type: 'Workspace',
      action: ws.action,
      details:
        ws.action === 'update'
          ? `description: '${cell(ws.fromDescription ?? '', MAX_CELL)}' → '${cell(ws.description ?? '', MAX_CELL)}'`
          : '',
    });
  const c = plan.capacity;
  if (c && c.action !== 'unchanged')
    out.push({
      name: c.name,
      type: 'Capacity',
      action: c.action,
      details: c.fromId ? `from ${cell(c.fromId)}` : ws.action === 'create' ? 'on creation' : 'from none',
    });
  for (const p of plan.principals)
    if (p.action !== 'unchanged')
      out.push({
        name: `${p.label} (${p.type})`,
        type: 'Principal',
        action: p.action,
        details: `${p.action === 'update' ? `${p.fromRole} → ${p.role}` : p.role}${p.source === 'file' ? ' · principals file' : ''}`,
      });
  const g = plan.git;
  if (g && (g.action !== 'unchanged' || g.initialize || g.updateFromGit))
    out.push({
      name: g.label,
      type: 'Git',
      action: g.action === 'unchanged' ? 'update' : g.action,
      details: [g.initialize ? `initialize (${g.initialize})` : '', g.updateFromGit ? 'update from Git' : '']
        .filter(Boolean)
        .join(', '),
    });
  for (const f of plan.folders)
    if (f.action !== 'unchanged') out.push({ name: f.path, type: 'Folder', action: f.action, details: '' });
  return out;
}

/**
 * The Action cell: the plan's action, or `rename` for an item whose name changes (matched by logical id
 * or by name case): an update of its name, not a new item (`update, rename` when its content changes too).
 */
function actionLabel(i: PlannedItem): string {
  if (i.fromName === undefined || i.action !== 'update') return i.action;
  return i.parts?.length ? 'update, rename' : 'rename';
}

/** The Changes cell: the plan's reason, with the line counts of the parts. */
function changesText(i: PlannedItem): string {
  const steps = (i.steps ?? []).filter((s) => s.action === 'apply').map((s) => s.detail);
  return [partsText(i), ...steps].filter(Boolean).join('; ');
}

function partsText(i: PlannedItem): string {
  const parts = i.parts ?? [];
  if (i.action === 'create') {
    if (!parts.length) return i.reason ?? '';
    const binary = parts.filter((p) => p.sha256).length;
    return `${parts.length} part${parts.length === 1 ? '' : 's'}${binary ? ` (${binary} binary)` : ''}, ${parts.reduce((n, p) => n + p.added, 0)} lines`;
  }
  const counted = parts.filter((p) => !p.sha256);
  const add = counted.reduce((n, p) => n + p.added, 0);
  const del = counted.reduce((n, p) => n + p.removed, 0);
  return `${i.reason ?? ''}${counted.length ? ` (+${add} −${del})` : ''}`;
}

/** One item's collapsed details: per part, its change and its diff (cut at `diffChars`). */
function itemDetails(i: PlannedItem, o: ChangesOptions): string {
  const parts = i.parts ?? [];
  const title = `${inline(i.type)} <b>${inline(itemPath(i))}</b> · ${actionLabel(i)} · ${inline(changesText(i))}`;
  const body: string[] = [];
  if (i.action === 'create') {
    body.push(parts.map((p) => `- ${partLine(p)}`).join('\n'));
  } else {
    for (const p of parts) {
      body.push(partLine(p));
      if (p.diff !== undefined) body.push(fenced(cut(p.diff, o)));
      if (p.note) body.push(`> ${inline(p.note)}`);
    }
  }
  return `<details><summary>${title}</summary>\n\n${body.join('\n\n')}\n\n</details>`;
}

function partLine(p: PartChange): string {
  const name = `\`${p.path.replace(/`/g, "'")}\``;
  if (p.sha256 || p.fromSha256) {
    const side = (size?: number, sha?: string) =>
      size === undefined ? 'none' : `${bytes(size)}${sha ? `, sha256 \`${sha}\`` : ' (text)'}`;
    if (p.change === 'add') return `${name} added, binary: ${side(p.size, p.sha256)}`;
    if (p.change === 'remove') return `${name} removed, binary: ${side(p.fromSize, p.fromSha256)}`;
    return `${name} changed, binary: ${side(p.fromSize, p.fromSha256)} → ${side(p.size, p.sha256)}`;
  }
  const verb = p.change === 'add' ? 'added' : p.change === 'remove' ? 'removed' : 'changed';
  const size = p.change === 'add' && p.size !== undefined ? `, ${bytes(p.size)}` : '';
  return `${name} ${verb} (+${p.added} −${p.removed}${size})`;
}

/** A diff cut at a line end within `diffChars`, saying how many lines are left out. */
function cut(diff: string, o: ChangesOptions): string {
  const max = o.diffChars;
  if (max === undefined || diff.length <= max) return diff;
  const end = Math.max(0, diff.lastIndexOf('\n', max));
  const kept = diff.slice(0, end);
  const left = diff.slice(end).split('\n').length - (end === 0 ? 0 : 1);
  return `${kept}${kept ? '\n' : ''}… ${left} more line${left === 1 ? '' : 's'} of this diff not shown${o.limitName ? ` (${o.limitName})` : ''}; the \`plan-markdown\` output holds it whole`;
}

/** A `diff` code block whose fence no line of the diff can close. */
function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}diff\n${text}\n${fence}`;
}

function itemPath(i: { folder?: string; name: string }): string {
  return i.folder ? `${i.folder.replace(/^\//, '')}/${i.name}` : i.name;
}

function bytes(n: number): string {
  // Not toLocaleString: its first call loads ICU's number formatting (~0.1 s of a run).
  return `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} byte${n === 1 ? '' : 's'}`;
}

function outcomeIndex(outcomes?: readonly ItemOutcome[]): Map<string, ItemOutcome> {
  const m = new Map<string, ItemOutcome>();
  for (const o of outcomes ?? []) m.set(`${o.type}/${o.name.toLowerCase()}`, o);
  return m;
}
