/**
 * The plan as log lines, one per change, printed before anything is applied (and by `plan`): what a
 * reader of the log sees without opening the summary. Unchanged items are counted, not listed.
 */
import type { Plan, PlannedItem } from '../deploy/plan/model';

export function planLines(plan: Plan): string[] {
  const lines: string[] = [];
  const w = plan.workspace;
  if (w.action === 'create') lines.push(`+ create workspace '${w.name}'`);
  else if (w.action === 'update') lines.push(`~ update workspace '${w.name}' description`);
  if (plan.capacity?.action === 'assign') lines.push(`~ assign capacity '${plan.capacity.name}'`);
  for (const p of plan.principals) {
    if (p.action === 'add') lines.push(`+ add ${p.type} ${p.label} as ${p.role}`);
    else if (p.action === 'update')
      lines.push(`~ change ${p.type} ${p.label} from ${p.fromRole} to ${p.role}`);
  }
  for (const f of plan.folders) if (f.action === 'create') lines.push(`+ create folder ${f.path}`);
  for (const i of plan.items) {
    const line = itemLine(i);
    if (line) lines.push(line);
    for (const st of i.steps ?? [])
      if (st.action === 'apply')
        lines.push(`~ ${i.type} '${i.folder ? `${i.folder}/` : ''}${i.name}': ${st.detail}`);
  }
  if (plan.git?.action === 'connect') lines.push(`+ connect the workspace to ${plan.git.label}`);
  else if (plan.git?.updateFromGit) lines.push(`~ update the workspace from ${plan.git.label}`);
  const unchanged = plan.items.filter((i) => i.action === 'unchanged').length;
  const c = [counts(plan), unchanged ? `${unchanged} unchanged` : ''].filter(Boolean).join(', ');
  const head = `plan: ${lines.length ? `${lines.length} change${lines.length === 1 ? '' : 's'}` : 'no changes'}${c ? ` — items: ${c}` : ''}`;
  return [head, ...lines.map((l) => `  ${l}`)];
}

function itemLine(i: PlannedItem): string | undefined {
  const what = `${i.type} '${i.folder ? `${i.folder}/` : ''}${i.name}'`;
  const diff = partCounts(i);
  switch (i.action) {
    case 'create':
      return `+ create ${what}${i.parts?.length ? ` (${i.parts.length} part${i.parts.length === 1 ? '' : 's'})` : ''}`;
    case 'update':
      // A rename (by logical id, or of the name's case) says from what to what: it is not a new item.
      if (i.fromName !== undefined && !i.parts?.length) {
        const from = i.fromFolder ?? i.folder;
        const rest = (i.reason ?? '')
          .split('; ')
          .filter((r) => r && !r.startsWith('renamed from ') && !r.startsWith('folder '));
        return `~ rename ${i.type} '${from ? `${from}/` : ''}${i.fromName}' → '${i.folder ? `${i.folder}/` : ''}${i.name}'${rest.length ? ` (${rest.join('; ')})` : ''}`;
      }
      return `~ update ${what}${i.reason ? ` (${i.reason})` : ''}${diff}${moved(i)}`;
    case 'move':
      return `→ move ${what}${moved(i)}`;
    case 'delete':
      return `- delete ${what}${i.reason ? ` (${i.reason})` : ''}`;
    case 'unchanged':
      return undefined;
  }
}

function moved(i: PlannedItem): string {
  return i.fromFolder === undefined ? '' : ` from ${i.fromFolder || '/'} to ${i.folder || '/'}`;
}

function partCounts(i: PlannedItem): string {
  if (!i.parts?.length) return '';
  const added = i.parts.reduce((n, p) => n + p.added, 0);
  const removed = i.parts.reduce((n, p) => n + p.removed, 0);
  return added || removed ? ` +${added} -${removed}` : '';
}

function counts(plan: Plan): string {
  return Object.entries(plan.counts)
    .filter(([a, n]) => n > 0 && a !== 'unchanged')
    .map(([a, n]) => `${n} ${a}`)
    .join(', ');
}
