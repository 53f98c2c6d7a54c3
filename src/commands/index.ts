/**
 * `plan`, `deploy` and `destroy`: all three start from the same validated desired state; `plan` only
 * reads, `deploy` executes the plan inside a journalled transaction holding the workspace lock,
 * `destroy` deletes what this configuration manages. Each returns one DeploymentReport.
 */
import type { RunContext } from '../context';
import { ConfigError } from '../errors';
import type { DeploymentReport } from '../report/model';
import { branchDown, branchGc, branchUp } from './branch';
import { runDeploy } from './deploy';
import { destroy } from './destroy';
import { runPlan } from './plan';
import type { CommandOptions } from './prepare';

export type { CommandOptions };

/** Runs `deploy` / `plan` / `destroy` and describes what happened; `main` publishes the report. */
export async function executeCommand(
  ctx: RunContext,
  options: CommandOptions = {},
): Promise<DeploymentReport> {
  const s = ctx.settings;
  // Options given here (tests, the benchmark) win over the settings.
  const opts: CommandOptions = {
    ...options,
    destroyWorkspace: options.destroyWorkspace ?? s.destroyWorkspace,
    lock: { ...(s.lockWaitMs === undefined ? {} : { waitMs: s.lockWaitMs }), ...options.lock },
  };
  switch (s.command) {
    case 'plan':
    case 'drift':
      return runPlan(ctx, opts);
    case 'deploy':
      return runDeploy(ctx, opts);
    case 'destroy':
      return destroy(ctx, opts);
    case 'branch-up':
      return branchUp(ctx, opts);
    case 'branch-down':
      return branchDown(ctx);
    case 'branch-gc':
      return branchGc(ctx);
    default:
      throw new ConfigError(`command '${s.command}' is not a deploy command`, {
        field: 'command',
        fix: 'use deploy, plan, drift, destroy, branch-up, branch-down or branch-gc',
      });
  }
}
