/** `plan`: what a deploy would change, computed from reads only and written as JSON; nothing changes. */
import type { RunContext } from '../context';
import { findWorkspace } from '../deploy/workspace';
import type { DeploymentReport } from '../report/model';
import { planLines } from '../report/plan-log';
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
  for (const line of planLines(plan)) ctx.log.info(line);
  if (report.planFile) ctx.log.info(`plan written to ${report.planFile}`);
  return finish(ctx, report);
}
