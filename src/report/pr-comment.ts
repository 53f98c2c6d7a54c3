/**
 * The pull-request comment: the summary as the same renderer makes it, cut to the comment limit, with a
 * hidden marker that names the workspace and environment so every run updates its own comment in place.
 * The host posts it; a post that fails is a warning, never a failed deploy.
 */
import { errorMessage } from '../errors';
import type { Host } from '../hosts/host';
import type { RunSettings } from '../settings/settings';
import type { DeploymentReport } from './model';
import { COMMENT_LIMIT_CHARS, renderSummary } from './summary';

export interface CommentOptions {
  /** The `github-token` input (GitHub only). */
  githubToken?: string;
}

/** `<!-- fabric-deploy: sales-dev/dev -->`: one comment per workspace and environment. */
export function commentMarker(r: Pick<DeploymentReport, 'workspace' | 'environment'>): string {
  // Nothing in a name may end the HTML comment early.
  const safe = (s: string) => s.replace(/--+|>/g, '_').slice(0, 256);
  const workspace = safe(r.workspace.name ?? r.workspace.id ?? 'workspace');
  return `<!-- fabric-deploy: ${workspace}/${safe(r.environment ?? 'default')} -->`;
}

/** The comment's markdown: the marker, then the summary within what is left of the limit. */
export function commentBody(r: DeploymentReport, scrub: (s: string) => string): string {
  const marker = commentMarker(r);
  const md = renderSummary(r, { limitChars: COMMENT_LIMIT_CHARS - marker.length - 1, scrub });
  return `${marker}\n${md}`;
}

export async function postPullRequestComment(
  host: Host,
  report: DeploymentReport,
  opts: CommentOptions,
): Promise<void> {
  if (!host.commentOnPullRequest) {
    host.log.info(
      'comment-on-pr: not a GitHub Actions or Azure Pipelines run, so there is no pull request to comment on',
    );
    return;
  }
  const outcome = await host
    .commentOnPullRequest({
      marker: commentMarker(report),
      body: commentBody(report, (s) => host.mask(s)),
      githubToken: opts.githubToken,
    })
    .catch((err: unknown) => ({ status: 'failed' as const, message: errorMessage(err) }));
  if (outcome.status === 'skipped') host.log.info(`comment-on-pr: no comment posted: ${outcome.reason}`);
  else if (outcome.status === 'failed')
    host.log.warn(`comment-on-pr: could not comment on the pull request: ${outcome.message}`);
  else
    host.log.info(
      `comment-on-pr: ${outcome.status === 'created' ? 'commented on' : 'updated the comment on'} ${outcome.pullRequest}${outcome.url ? `: ${outcome.url}` : ''}`,
    );
}

/**
 * A run that stopped before it had a result (sign-in refused, the workspace not found, a parameter rule
 * refused) still replaces its comment: a plan from an earlier push must not stand as if it were current.
 */
export async function postFailureComment(
  host: Host,
  settings: RunSettings,
  run: { deploymentId: string; startedAt: Date; error: string },
): Promise<void> {
  const report: DeploymentReport = {
    command: settings.command,
    deploymentId: run.deploymentId,
    environment: settings.environment,
    result: 'failed',
    workspace: { id: settings.workspace.id, name: settings.workspace.name },
    items: [],
    startedAt: run.startedAt,
    durationMs: Date.now() - run.startedAt.getTime(),
    warnings: [],
    error: run.error,
    hasChanges: false,
  };
  await postPullRequestComment(host, report, { githubToken: settings.ci.githubToken });
}
