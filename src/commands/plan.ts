/**
 * `plan`: what a deploy would change, computed from reads only and written as JSON; nothing changes.
 * `drift` (and `plan` with fail-on-drift) is the same run, failing when anything differs.
 */
import type { RunContext } from '../context';
import { findWorkspace } from '../deploy/workspace';
import type { DeploymentReport } from '../report/model';
import { planLines } from '../report/plan-log';
import { driftOf, driftText } from '../deploy/plan/drift';
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
  if (ctx.settings.failOnDrift) {
    // command: drift, or plan with fail-on-drift: a difference fails the run (CLI exit 2).
    report.drift = driftOf(plan);
    if (report.drift.length) {
      report.result = 'failed';
      report.error = driftText(plan.workspace.name, report.drift);
      const fix =
        'deploy the repository to put the workspace back, or bring the change made in the workspace into Git (init --from-workspace exports it)';
      report.failure = { code: 'DriftDetected', message: report.error, fix };
      // Logged here, once (the host's verdict carries no second copy): an error annotation on the hosts.
      ctx.log.error(`${report.error} — fix: ${fix}`);
    } else ctx.log.info(`no drift: workspace '${plan.workspace.name}' matches the repository`);
  }
  return finish(ctx, report);
}
