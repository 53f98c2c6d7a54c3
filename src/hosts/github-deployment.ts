/**
 * The run as a GitHub deployment: the first update creates the deployment of the environment (for the
 * commit the run deploys; no commit-status checks and no auto-merge, which would refuse or merge while
 * this very job is still running), every update adds a deployment status with the workspace URL and
 * the run's log. GitHub marks the environment's earlier deployments inactive on success. `inactive`
 * creates nothing: it ends the environment's latest deployment (its workspace was deleted).
 */
import { githubRun, loadGitHub, NO_TOKEN, permissionHint } from './github-api';
import { pullRequestOf } from './github-pr';
import type { DeploymentOutcome, DeploymentUpdate } from './host';
import { errorText } from './pr-comment-text';

/** One run's deployment: returns the function each update goes through. */
export function githubDeployment(env: NodeJS.ProcessEnv = process.env) {
  let id: number | undefined;
  let refused: string | undefined;
  return async (u: DeploymentUpdate): Promise<DeploymentOutcome> => {
    // A deployment that could not be created gets no statuses (and no second warning).
    if (refused) return { status: 'skipped', reason: refused };
    const run = githubRun(env);
    if ('missing' in run) return { status: 'failed', message: (refused = run.missing) };
    if (!u.githubToken) return { status: 'failed', message: (refused = NO_TOKEN) };
    const { context, getOctokit } = await loadGitHub();
    const { owner, repo } = run;
    try {
      const octokit = getOctokit(u.githubToken);
      if (id === undefined && u.state === 'inactive') {
        const { data } = await octokit.rest.repos.listDeployments({
          owner,
          repo,
          environment: u.environment,
          per_page: 1,
        });
        if (!data[0]) return { status: 'skipped', reason: `'${u.environment}' has no deployment to end` };
        id = data[0].id;
      }
      if (id === undefined) {
        const pr = pullRequestOf(context.eventName, context.payload);
        // A pull request deploys its head commit; GITHUB_SHA would be the merge preview.
        const ref = ('sha' in pr && pr.sha) || env.GITHUB_SHA || env.GITHUB_REF;
        if (!ref)
          return { status: 'failed', message: (refused = 'GITHUB_SHA is not set: the runner sets it') };
        const created = await octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref,
          environment: u.environment,
          description: short(u.description),
          task: 'deploy',
          auto_merge: false,
          required_contexts: [],
          production_environment: u.production ?? false,
          transient_environment: u.transient ?? false,
          payload: u.payload ?? {},
        });
        // 202: GitHub merged the default branch into the ref instead of deploying (auto_merge is off).
        if (!('id' in created.data))
          return {
            status: 'failed',
            message: (refused = `GitHub did not create a deployment: ${created.data.message ?? ''}`),
          };
        id = created.data.id;
      }
      await octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: id,
        state: u.state,
        description: short(u.description),
        ...(u.environmentUrl ? { environment_url: u.environmentUrl } : {}),
        ...(run.runUrl ? { log_url: run.runUrl } : {}),
      });
      return {
        status: 'updated',
        deployment: `deployment ${id} of '${u.environment}'`,
        url: `${env.GITHUB_SERVER_URL?.trim() || 'https://github.com'}/${owner}/${repo}/deployments/${encodeURIComponent(u.environment)}`,
      };
    } catch (err) {
      const message = `'${u.environment}': ${errorText(err)}${permissionHint(err, 'deployments')}`;
      if (id === undefined) refused = message;
      return { status: 'failed', message };
    }
  };
}

/** GitHub refuses a deployment or status description over 140 characters. */
function short(s: string): string {
  return s.length <= 140 ? s : s.slice(0, 139) + '…';
}
