/**
 * Drift: what in the workspace differs from the repository, read off a plan (`command: drift`, or
 * `plan --fail-on-drift`, in a scheduled job). The reference is the repository as checked out, not a
 * record kept in Fabric: anywhere Fabric could hold "what the last deploy wrote" (item descriptions, a
 * folder, the workspace description) is seen by every user of the workspace. Run on the branch that
 * deploys, whose every change is deployed, the checkout is what the last deploy wrote; a change merged
 * but not deployed yet shows as drift too (docs/reliability.md, "Drift").
 */
import type { Plan } from './model';

export interface DriftEntry {
  type: string;
  name: string;
  /** What differs, as a reviewer reads it. */
  what: string;
}

export function driftOf(plan: Plan): DriftEntry[] {
  const out: DriftEntry[] = [];
  if (!plan.workspace.id) {
    out.push({ type: 'Workspace', name: plan.workspace.name, what: 'does not exist' });
    return out;
  }
  if (plan.workspace.action === 'update')
    out.push({ type: 'Workspace', name: plan.workspace.name, what: 'description differs' });
  if (plan.capacity?.action === 'assign')
    out.push({
      type: 'Workspace',
      name: plan.workspace.name,
      what: `capacity is ${plan.capacity.fromId ?? 'none'}, the repository says ${plan.capacity.name}`,
    });
  for (const p of plan.principals) {
    if (p.action === 'add')
      out.push({ type: 'Principal', name: p.label, what: `has no role (the repository says ${p.role})` });
    else if (p.action === 'update')
      out.push({ type: 'Principal', name: p.label, what: `is ${p.fromRole}, the repository says ${p.role}` });
  }
  if (plan.git?.action === 'connect')
    out.push({ type: 'Workspace', name: plan.workspace.name, what: `not connected to ${plan.git.label}` });
  for (const i of plan.items) {
    switch (i.action) {
      case 'create':
        out.push({ type: i.type, name: i.name, what: 'missing from the workspace' });
        break;
      case 'update':
        out.push({ type: i.type, name: i.name, what: `differs: ${i.reason ?? 'changed'}` });
        break;
      case 'move':
        out.push({
          type: i.type,
          name: i.name,
          what: `in folder ${i.fromFolder || '/'}, the repository has ${i.folder || '/'}`,
        });
        break;
      case 'delete':
        out.push({ type: i.type, name: i.name, what: 'in the workspace, not in the repository' });
        break;
      default:
        break;
    }
  }
  return out;
}

/** One line for the error and the log: "2 items differ: Notebook 'nb' (differs: …), …". */
export function driftText(workspace: string, drift: readonly DriftEntry[]): string {
  const list = drift.map((d) => `${d.type} '${d.name}' (${d.what})`);
  const shown = list.slice(0, 20).join(', ') + (list.length > 20 ? `, and ${list.length - 20} more` : '');
  return `drift: ${drift.length} difference${drift.length === 1 ? '' : 's'} between workspace '${workspace}' and the repository: ${shown}`;
}
