import type { Plan } from '../deploy/plan/model';
import { cell } from './markdown';

/** The plan as markdown: workspace-level resources, then item changes with their reasons. */
export function renderPlan(plan: Plan): string {
  const rows: string[] = ['| Resource | Name | Action | Details |', '|---|---|---|---|'];
  const ws = plan.workspace;
  rows.push(
    `| Workspace | ${cell(ws.name)} | ${ws.action} | ${ws.action === 'update' ? `description: '${cell(ws.fromDescription ?? '')}' → '${cell(ws.description ?? '')}'` : (ws.id ?? '')} |`,
  );
  if (plan.capacity) {
    const c = plan.capacity;
    rows.push(
      `| Capacity | ${cell(c.name)} | ${c.action} | ${c.action === 'assign' ? (c.fromId ? `from ${c.fromId}` : ws.action === 'create' ? 'on creation' : 'from none') : c.id} |`,
    );
  }
  for (const p of plan.principals) {
    rows.push(
      `| Principal | ${cell(p.label)} (${p.type}) | ${p.action} | ${p.action === 'update' ? `${p.fromRole} → ${p.role}` : p.role}${p.source === 'file' ? ' · principals file' : ''} |`,
    );
  }
  if (plan.git) {
    const g = plan.git;
    const extra = [
      g.initialize ? `initialize (${g.initialize})` : '',
      g.updateFromGit ? 'update from Git' : '',
      g.state && g.action === 'unchanged' ? g.state : '',
    ]
      .filter(Boolean)
      .join(', ');
    rows.push(`| Git | ${cell(g.label)} | ${g.action} | ${extra} |`);
  }
  for (const f of plan.folders)
    if (f.action !== 'unchanged') rows.push(`| Folder | ${cell(f.path)} | ${f.action} | |`);
  const changed = plan.items.filter((i) => i.action !== 'unchanged');
  for (const i of changed.slice(0, 500)) {
    rows.push(
      `| ${i.type} | ${cell(i.folder ? `${i.folder}/${i.name}` : i.name)} | ${i.action} | ${cell(i.reason ?? '')} |`,
    );
  }
  if (changed.length > 500)
    rows.push(`| … | ${changed.length - 500} more item changes | | see the plan JSON |`);
  const out = [rows.join('\n')];
  const unchanged = plan.items.length - changed.length;
  if (unchanged > 0) out.push(`${unchanged} item${unchanged === 1 ? '' : 's'} unchanged.`);
  if (plan.unmanaged.length) {
    out.push(
      `Not managed by this repository (${plan.unmanaged.length}): ` +
        plan.unmanaged
          .slice(0, 20)
          .map((u) => `${u.type} '${cell(u.name)}'`)
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
