/** The pull-request comment on GitHub: the issue comment with the marker updated in place, else a new one. */
import { githubRun, loadGitHub, NO_TOKEN, permissionHint } from './github-api';
import type { CommentOutcome, PullRequestComment } from './host';
import { commentFooter, errorText } from './pr-comment-text';

/** Events whose payload names a pull request the comment belongs to. */
const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review']);

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
  issue?: { number?: number; pull_request?: unknown };
}

/** The pull request of this run's event, or why there is none. */
export function pullRequestOf(
  eventName: string | undefined,
  payload: EventPayload,
): { number: number; sha?: string } | { none: string } {
  if (eventName && PR_EVENTS.has(eventName) && typeof payload.pull_request?.number === 'number')
    return { number: payload.pull_request.number, sha: payload.pull_request.head?.sha };
  // A comment on a pull request (e.g. a "/plan" command) arrives as an issue_comment on an issue that is one.
  if (
    eventName === 'issue_comment' &&
    payload.issue?.pull_request &&
    typeof payload.issue.number === 'number'
  )
    return { number: payload.issue.number };
  return { none: `the '${eventName ?? 'unknown'}' event is not a pull request` };
}

export async function commentOnGitHub(
  comment: PullRequestComment,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommentOutcome> {
  const { context, getOctokit } = await loadGitHub();
  const pr = pullRequestOf(context.eventName, context.payload as EventPayload);
  if ('none' in pr) return { status: 'skipped', reason: pr.none };
  const run = githubRun(env);
  if ('missing' in run) return { status: 'failed', message: run.missing };
  if (!comment.githubToken) return { status: 'failed', message: NO_TOKEN };
  const { owner, repo } = run;
  const where = `pull request #${pr.number}`;
  const body = comment.body + commentFooter(run.runUrl, pr.sha ?? env.GITHUB_SHA);
  try {
    const octokit = getOctokit(comment.githubToken);
    const params = { owner, repo, issue_number: pr.number, per_page: 100 };
    let existing: number | undefined;
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, params)) {
      existing = page.data.find((c) => c.body?.includes(comment.marker))?.id;
      if (existing !== undefined) break;
    }
    if (existing !== undefined) {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body });
      return { status: 'updated', pullRequest: where, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: pr.number, body });
    return { status: 'created', pullRequest: where, url: data.html_url };
  } catch (err) {
    return {
      status: 'failed',
      message: `${where}: ${errorText(err)}${permissionHint(err, 'pull-requests')}`,
    };
  }
}
