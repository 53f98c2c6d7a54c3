/** `plan`: what a deploy would change, computed from reads only and written as JSON; nothing changes. */
import type { RunContext } from '../context';
import { findWorkspace } from '../deploy/workspace';
import type { DeploymentReport } from '../report/model';
import { baseReport, finish, opsFor, planFor, prepare, writePlanFile, type CommandOptions } from './prepare';

export async function runPlan(ctx: RunContext, options: CommandOptions): Promise<DeploymentReport> {
  const ops = opsFor(ctx, options);
  const prepared = await prepare(ctx, ops);
  const ws = await findWorkspace(ops, ctx.settings.workspace);
  const state = await planFor(ctx, ops, prepared, ws);
  const plan = state.plan;
  const report = baseReport(ctx, plan);
  report.items = plan.items.map((p) => ({
    name: p.name,
    type: p.type,
    id: p.id,
    action: p.action,
    status: 'planned',
    folder: p.folder || undefined,
  }));
  report.planFile = await writePlanFile(ctx, plan);
  ctx.log.info(plan.hasChanges ? `plan has changes: ${countText(plan.counts)}` : 'no changes');
  if (report.planFile) ctx.log.info(`plan written to ${report.planFile}`);
  return finish(ctx, report);
}

function countText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([a, n]) => `${n} ${a}`)
    .join(', ');
}
