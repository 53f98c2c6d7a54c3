/**
 * What the GitHub comment and deployment share: the repository and run from the runner's variables, an
 * Octokit from @actions/github (loaded on first use: it is no start-up cost of a run that posts nothing;
 * the runner's proxy; the API base from GITHUB_API_URL, so GitHub Enterprise Server works), and the
 * permission to name when GitHub refuses.
 */
export interface GitHubRun {
  owner: string;
  repo: string;
  /** The run's page, for links back from what it posts. */
  runUrl?: string;
}

/** The repository and run, or why they cannot be known. */
export function githubRun(env: NodeJS.ProcessEnv): GitHubRun | { missing: string } {
  const slug = env.GITHUB_REPOSITORY?.trim();
  if (!slug || !/^[^/]+\/[^/]+$/.test(slug))
    return { missing: 'GITHUB_REPOSITORY is not set (owner/name): the runner sets it' };
  const [owner, repo] = slug.split('/') as [string, string];
  const server = env.GITHUB_SERVER_URL?.trim() || 'https://github.com';
  return {
    owner,
    repo,
    runUrl: env.GITHUB_RUN_ID ? `${server}/${slug}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
  };
}

export const NO_TOKEN =
  "there is no token: the 'github-token' input is empty (its default is the job token, github.token)";

export async function loadGitHub() {
  return import('@actions/github');
}

/** What to change when GitHub refused: the job permission the token lacks. */
export function permissionHint(err: unknown, permission: string): string {
  const status = (err as { status?: unknown }).status;
  if (status === 401) return " — the token was refused: check the 'github-token' input";
  if (status === 403 || status === 404)
    return (
      ` — the token may not do this: add 'permissions: ${permission}: write' to the job` +
      ' (a pull request from a fork gets a read-only token)'
    );
  return '';
}
