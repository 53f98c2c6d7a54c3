/**
 * The pull-request comment on Azure Repos: a thread through the Git REST API (7.1) with the job's
 * System.AccessToken. The thread whose first comment carries the marker is updated in place
 * (PATCH its comment), else one thread is created. Only a build a pull request started has one.
 */
import { assertSafeUrl, createDispatcher } from '../fabric/http';
import type { CommentOutcome, PullRequestComment } from './host';
import { commentFooter, errorText } from './pr-comment-text';

const API = 'api-version=7.1';

interface Thread {
  id: number;
  isDeleted?: boolean;
  comments?: { id: number; content?: string; isDeleted?: boolean }[];
}

/** Options a test or the agent supplies: its proxy. */
export interface AzureReposOptions {
  proxyUrl?: string;
}

export async function commentOnAzureRepos(
  comment: PullRequestComment,
  env: NodeJS.ProcessEnv = process.env,
  opts: AzureReposOptions = {},
): Promise<CommentOutcome> {
  const prId = env.SYSTEM_PULLREQUEST_PULLREQUESTID?.trim();
  if (!prId)
    return {
      status: 'skipped',
      reason: `this build was not started by a pull request (Build.Reason: ${env.BUILD_REASON || 'unknown'})`,
    };
  const provider = env.BUILD_REPOSITORY_PROVIDER?.trim();
  if (provider && provider !== 'TfsGit')
    return {
      status: 'skipped',
      reason: `the repository is on ${provider}: the Azure Pipelines task comments on Azure Repos pull requests only (on GitHub use the GitHub Action's comment-on-pr)`,
    };
  const collection = env.SYSTEM_TEAMFOUNDATIONCOLLECTIONURI?.trim();
  const project = env.SYSTEM_TEAMPROJECTID?.trim() || env.SYSTEM_TEAMPROJECT?.trim();
  const repository = env.BUILD_REPOSITORY_ID?.trim();
  const missing = [
    !collection && 'System.TeamFoundationCollectionUri',
    !project && 'System.TeamProject',
    !repository && 'Build.Repository.Id',
  ].filter(Boolean);
  if (missing.length > 0) return { status: 'failed', message: `the agent did not set ${missing.join(', ')}` };
  const token = env.SYSTEM_ACCESSTOKEN;
  if (!token)
    return {
      status: 'failed',
      message:
        'there is no System.AccessToken: the task reads it from the job (SystemVssConnection); in a script step pass it as env SYSTEM_ACCESSTOKEN: $(System.AccessToken)',
    };
  const where = `pull request !${prId}`;
  const root = `${collection!.replace(/\/?$/, '/')}${encodeURIComponent(project!)}`;
  const threads = `${root}/_apis/git/repositories/${encodeURIComponent(repository!)}/pullRequests/${encodeURIComponent(prId)}/threads`;
  const runUrl = env.BUILD_BUILDID && `${root}/_build/results?buildId=${env.BUILD_BUILDID}`;
  const body =
    comment.body + commentFooter(runUrl, env.SYSTEM_PULLREQUEST_SOURCECOMMITID ?? env.BUILD_SOURCEVERSION);
  const prUrl = env.BUILD_REPOSITORY_NAME
    ? `${root}/_git/${encodeURIComponent(env.BUILD_REPOSITORY_NAME)}/pullrequest/${encodeURIComponent(prId)}`
    : undefined;
  const dispatcher = createDispatcher(opts.proxyUrl ? { proxy: opts.proxyUrl } : {});
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, json?: unknown): Promise<T> => {
    const u = assertSafeUrl(url, 'Azure DevOps URL');
    const res = await dispatcher.request({
      origin: u.origin,
      path: u.pathname + u.search,
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const text = await res.body.text();
    const type = String(res.headers['content-type'] ?? '');
    // A refused token gets 203 and the sign-in page, not JSON.
    if (res.statusCode >= 300 || !type.includes('json'))
      throw new AzureDevOpsError(
        res.statusCode,
        serviceMessage(text) ?? `${method} answered ${type || 'no body'}`,
      );
    return JSON.parse(text) as T;
  };
  try {
    const list = await call<{ value?: Thread[] }>('GET', `${threads}?${API}`);
    const found = (list.value ?? []).find(
      (t) =>
        !t.isDeleted && !t.comments?.[0]?.isDeleted && t.comments?.[0]?.content?.includes(comment.marker),
    );
    if (found) {
      await call('PATCH', `${threads}/${found.id}/comments/${found.comments![0]!.id}?${API}`, {
        content: body,
      });
      return { status: 'updated', pullRequest: where, url: prUrl && `${prUrl}?discussionId=${found.id}` };
    }
    const created = await call<Thread>('POST', `${threads}?${API}`, {
      comments: [{ parentCommentId: 0, content: body, commentType: 'text' }],
      status: 'active',
    });
    return { status: 'created', pullRequest: where, url: prUrl && `${prUrl}?discussionId=${created.id}` };
  } catch (err) {
    return { status: 'failed', message: `${where}: ${errorText(err)}${hint(err)}` };
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}

class AzureDevOpsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(`${status} ${message}`);
  }
}

/** The `message` of an Azure DevOps error body, when it is one. */
function serviceMessage(text: string): string | undefined {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    return typeof m === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

function hint(err: unknown): string {
  const status = err instanceof AzureDevOpsError ? err.status : undefined;
  if (status === 401 || status === 203 || status === 403)
    return " — the job's identity may not comment: give the project's Build Service 'Contribute to pull requests' on the repository (Project settings → Repositories → Security)";
  return '';
}
