/**
 * `deployment-status`: the deploy as a GitHub deployment of its environment — in progress once the
 * settings are read, then success or failure with the workspace's URL (or error when the run stopped
 * before a result). `branch-up` records the branch workspace as a transient environment of its own
 * name, and `branch-down` ends that environment's deployment (inactive) once the workspace is deleted.
 * The host posts each state; a refusal is a warning, never a failed deploy.
 */
import { branchTarget } from '../commands/branch';
import { errorMessage } from '../errors';
import type { DeploymentUpdate, Host } from '../hosts/host';
import type { RunSettings } from '../settings/settings';
import type { DeploymentReport } from './model';
import { workspaceUrl } from './summary';

export interface DeploymentRecord {
  /** The deploy's result: success, or failure (rolled back or not). */
  finish(report: DeploymentReport): Promise<void>;
  /** The run stopped before a result (sign-in refused, a lock held, …). */
  error(err: unknown): Promise<void>;
}

type State = Pick<DeploymentUpdate, 'state' | 'description' | 'environmentUrl' | 'payload'>;

export async function startDeploymentStatus(
  host: Host,
  settings: RunSettings,
  deploymentId: string,
): Promise<DeploymentRecord | undefined> {
  if (!settings.ci.deploymentStatus) return undefined;
  const kind = settings.command;
  if (kind !== 'deploy' && kind !== 'branch-up' && kind !== 'branch-down') {
    host.log.info(
      `deployment-status: deploy, branch-up and branch-down are recorded as deployments, not ${kind}`,
    );
    return undefined;
  }
  if (!host.deploymentStatus) {
    host.log.info('deployment-status: not a GitHub Actions run, so no GitHub deployment is recorded');
    return undefined;
  }
  const post = host.deploymentStatus.bind(host);
  let workspace = settings.workspace.name ?? settings.workspace.id ?? 'the workspace';
  let environment = settings.environment ?? workspace;
  const branch = kind !== 'deploy';
  if (branch) {
    try {
      // A branch workspace is an environment of its own, named like the workspace.
      environment = workspace = branchTarget(settings).name;
    } catch {
      return undefined; // no branch: the command reports that itself
    }
  }
  const update = async (s: State) => {
    const outcome = await post({
      environment,
      transient: branch,
      production: !branch && settings.production,
      githubToken: settings.ci.githubToken,
      ...s,
      description: host.mask(s.description),
    }).catch((err: unknown) => ({ status: 'failed' as const, message: errorMessage(err) }));
    if (outcome.status === 'failed')
      host.log.warn(`deployment-status: could not record the GitHub deployment: ${outcome.message}`);
    else if (outcome.status === 'skipped') host.log.debug(`deployment-status: ${outcome.reason}`);
    else host.log.info(`deployment-status: ${outcome.deployment} is ${s.state.replace('_', ' ')}`);
  };
  if (kind === 'branch-down')
    return {
      async finish(r) {
        if (r.result !== 'succeeded' || !r.items.some((i) => i.action === 'delete')) return;
        await update({ state: 'inactive', description: `Workspace ${workspace} deleted` });
      },
      async error() {},
    };
  await update({
    state: 'in_progress',
    description: `Deploying to the Fabric workspace ${workspace}`,
    payload: { deploymentId, ...(settings.workspace.id ? { workspaceId: settings.workspace.id } : {}) },
  });
  return {
    async finish(r) {
      const changed = r.items.filter((i) => i.action !== 'unchanged').length;
      const ws = r.workspace.name ?? workspace;
      await update({
        state: r.result === 'succeeded' ? 'success' : 'failure',
        description:
          r.result === 'succeeded'
            ? `Deployed ${changed} changed item${changed === 1 ? '' : 's'} to ${ws}`
            : `${r.result === 'rolled-back' ? 'Failed and rolled back' : 'Failed'}: ${r.error ?? r.result}`,
        environmentUrl: r.workspace.id ? workspaceUrl(r.workspace.id) : undefined,
      });
    },
    async error(err) {
      await update({ state: 'error', description: `Stopped: ${errorMessage(err)}` });
    },
  };
}
