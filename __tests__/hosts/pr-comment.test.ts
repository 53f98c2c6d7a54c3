/**
 * comment-on-pr (issue #14, item 2) through the built bundle on both hosts, against the simulator and
 * loopback fakes of the GitHub and Azure DevOps REST APIs: the plan with its diffs (the changed notebook
 * line) is posted once per workspace and environment, behind a hidden marker, and a second run updates
 * that comment instead of adding one; the auth header is the job token; a refused post is a warning and
 * the run still succeeds; a run that is not on a pull request posts nothing; no secret reaches the comment.
 */
import path from 'node:path';
import { pullRequestOf } from '../../src/hosts/github-pr';
import { commentMarker } from '../../src/report/pr-comment';
import type { RunningSimulator } from '../../src/simulator';
import { parseVso, runBundle } from '../support/bundle';
import { notebook, project, writeItems } from '../support/deploy';
import { expectNotLogged } from '../support/run';
import {
  fakeAzureDevOps,
  fakeGitHub,
  runAction,
  type FakeAzureDevOps,
  type FakeGitHub,
  type GitHubEvent,
} from '../support/pr-fakes';
import { stopSimulator, tokenEnv, withSimulator } from '../support/sim';

const SECRET = 'owner-secret-5e1d';
const GH_TOKEN = 'ghs_jobtoken0123456789abcdefABCDEF';
const ADO_TOKEN = 'ado-job-access-token-77f0c2';
const REPO = 'contoso/fabric-sales';
const PR = 42;
const SHA = '0123456789abcdef0123456789abcdef01234567';

let sim: RunningSimulator;
let gh: FakeGitHub;
let ado: FakeAzureDevOps;
beforeAll(async () => {
  sim = await withSimulator();
  gh = await fakeGitHub(REPO);
  ado = await fakeAzureDevOps('Sales Project', 'repo-1');
});
afterAll(async () => {
  await gh?.close();
  await ado?.close();
  await stopSimulator(sim);
});

/** A project deployed once (notebook nb_a says "old line"), then changed in the checkout: a plan with a diff. */
async function deployedThenChanged(workspace: string): Promise<string> {
  const dir = project(
    `version: 1\nworkspace:\n  name: ${workspace}\n  description: "owned by \${secret:OWNER_NOTE}"\nitems:\n  directory: items\nenvironments:\n  dev: {}\n`,
    [notebook('nb_a', 1, 'print("old line")'), notebook('nb_b', 2)],
  );
  const first = await runBundle(
    ['deploy', '--config', path.join(dir, 'fabric-deploy.yml'), '--environment', 'dev', '--json'],
    { ...tokenEnv(sim), OWNER_NOTE: SECRET },
  );
  expect(first.code).toBe(0);
  writeItems(dir, [notebook('nb_a', 1, `print("new line")  # ${SECRET}`)]);
  return dir;
}

function githubRun(dir: string, event: GitHubEvent, extra: Record<string, string> = {}) {
  return runAction({
    dir,
    sim,
    repo: REPO,
    apiUrl: gh.url,
    event,
    runId: '9001',
    env: {
      INPUT_COMMAND: 'plan',
      'INPUT_COMMENT-ON-PR': 'true',
      // What the runner passes for action.yml's default, ${{ github.token }}.
      'INPUT_GITHUB-TOKEN': GH_TOKEN,
      OWNER_NOTE: SECRET,
      ...extra,
    },
  });
}

const pullRequestEvent = {
  name: 'pull_request',
  payload: { action: 'synchronize', number: PR, pull_request: { number: PR, head: { sha: SHA } } },
};

function adoRun(dir: string, extra: Record<string, string | undefined> = {}) {
  return runBundle(
    [],
    {
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: dir,
      BUILD_SOURCESDIRECTORY: dir,
      SYSTEM_TEAMFOUNDATIONCOLLECTIONURI: ado.collectionUri,
      SYSTEM_TEAMPROJECT: 'Sales Project',
      BUILD_REPOSITORY_ID: 'repo-1',
      BUILD_REPOSITORY_NAME: 'fabric-sales',
      BUILD_REPOSITORY_PROVIDER: 'TfsGit',
      BUILD_BUILDID: '314',
      BUILD_REASON: 'PullRequest',
      SYSTEM_PULLREQUEST_PULLREQUESTID: '17',
      SYSTEM_PULLREQUEST_SOURCECOMMITID: SHA,
      // The task gets the job's token through the SystemVssConnection endpoint.
      ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: ADO_TOKEN,
      INPUT_COMMAND: 'plan',
      INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
      INPUT_ENVIRONMENT: 'dev',
      INPUT_AUTH: 'token',
      INPUT_TOKEN: sim.issueToken(),
      INPUT_FABRICAPIURL: sim.fabricApiUrl,
      INPUT_COMMENTONPR: 'true',
      OWNER_NOTE: SECRET,
      ...extra,
    },
    process.execPath,
    undefined,
    dir,
  ).then((r) => {
    const vso = parseVso(r.stdout);
    const vars = Object.fromEntries(
      vso.filter((c) => c.command === 'task.setvariable').map((c) => [c.props.variable, c.message]),
    );
    return { ...r, vso, vars };
  });
}

/** What a reviewer must see in the comment, and what must never be there. */
function expectPlanComment(body: string, marker: string) {
  expect(body.startsWith(marker + '\n')).toBe(true);
  expect(body).toMatch(/## 📋 Fabric Plan has changes — dev/);
  expect(body).toMatch(/\| nb_a \| Notebook \| update \| changed notebook-content\.py \(\+1 −1\) \|/);
  expect(body).toContain('<details><summary>Notebook <b>nb_a</b> · update');
  expect(body).toContain('-print("old line")');
  expect(body).toContain('+print("new line")  # ${secret:OWNER_NOTE}');
  expect(body).toContain(`commit ${SHA.slice(0, 7)}`);
  for (const secret of [SECRET, GH_TOKEN, ADO_TOKEN]) expect(body).not.toContain(secret);
  expect(body.length).toBeLessThanOrEqual(65_536);
}

describe('GitHub', () => {
  const MARKER = '<!-- fabric-deploy: pr-gh-ws/dev -->';

  test('one comment, found again across pages and updated in place; the job token authorises it', async () => {
    const dir = await deployedThenChanged('pr-gh-ws');
    // A busy pull request: 130 comments by people and other bots, so the marker is looked for on page 2.
    gh.comments.set(
      PR,
      Array.from({ length: 130 }, (_, i) => ({
        id: i + 1,
        body: i === 5 ? '<!-- fabric-deploy: other-ws/prod -->\nanother environment' : `review comment ${i}`,
        user: { login: i % 2 ? 'alice' : 'coverage-bot', type: i % 2 ? 'User' : 'Bot' },
      })),
    );
    const from = gh.requests.length;
    const first = await githubRun(dir, pullRequestEvent);
    expect(first.code).toBe(0);
    expect(first.outputs.result).toBe('succeeded');
    const mine = () => gh.comments.get(PR)!.filter((c) => c.body.includes(MARKER));
    expect(mine()).toHaveLength(1);
    expectPlanComment(mine()[0]!.body, MARKER);
    expect(mine()[0]!.body).toContain(`[pipeline run](https://github.com/${REPO}/actions/runs/9001)`);
    expect(first.stdout).toMatch(
      new RegExp(`commented on pull request #${PR}: https://github.com/${REPO}/pull/${PR}#issuecomment-\\d+`),
    );
    const firstCalls = gh.requests.slice(from);
    expect(firstCalls.map((r) => `${r.method} ${new URL(r.url, gh.url).pathname}`)).toEqual([
      `GET /repos/${REPO}/issues/${PR}/comments`,
      `GET /repos/${REPO}/issues/${PR}/comments`,
      `POST /repos/${REPO}/issues/${PR}/comments`,
    ]);
    expect(new URL(firstCalls[1]!.url, gh.url).searchParams.get('page')).toBe('2');
    for (const r of firstCalls) expect(r.authorization).toBe(`token ${GH_TOKEN}`);

    // The next push: the same comment is rewritten, none is added.
    writeItems(dir, [notebook('nb_a', 1, 'print("newer line")')]);
    const count = gh.comments.get(PR)!.length;
    const second = await githubRun(dir, pullRequestEvent);
    expect(second.code).toBe(0);
    expect(gh.comments.get(PR)!.length).toBe(count);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.body).toContain('+print("newer line")');
    const patch = gh.requests.slice(from + firstCalls.length).find((r) => r.method === 'PATCH')!;
    expect(new URL(patch.url, gh.url).pathname).toBe(`/repos/${REPO}/issues/comments/${mine()[0]!.id}`);
    expect(patch.authorization).toBe(`token ${GH_TOKEN}`);
    expect(second.stdout).toContain(`updated the comment on pull request #${PR}`);
    // The other environment's comment is untouched.
    expect(gh.comments.get(PR)![5]!.body).toBe('<!-- fabric-deploy: other-ws/prod -->\nanother environment');
    expectNotLogged([first, second], [GH_TOKEN, SECRET]);
  });

  test('a plan that stops before a result replaces the stale plan in its comment with the error', async () => {
    const dir = await deployedThenChanged('pr-gh-stale');
    const marker = '<!-- fabric-deploy: pr-gh-stale/dev -->';
    const ok = await githubRun(dir, pullRequestEvent);
    expect(ok.code).toBe(0);
    const mine = () => gh.comments.get(PR)!.filter((c) => c.body.includes(marker));
    expect(mine()[0]!.body).toContain('+print("new line")');
    // The next push points the plan at a workspace the identity cannot see: the run fails in the plan.
    const failed = await githubRun(dir, pullRequestEvent, {
      'INPUT_WORKSPACE-ID': '00000000-0000-4000-8000-00000000beef',
    });
    expect(failed.code).toBe(1);
    expect(mine()).toHaveLength(1);
    const body = mine()[0]!.body;
    expect(body.startsWith(marker + '\n')).toBe(true);
    expect(body).toMatch(/## ❌ Fabric Plan failed — dev/);
    expect(body).toMatch(/^> \*\*Error:\*\* \S.*$/m);
    expect(body).toContain('| Workspace id | `00000000-0000-4000-8000-00000000beef` |');
    expect(body).not.toContain('print("new line")');
    expect(failed.stdout).toContain(`updated the comment on pull request #${PR}`);
  });

  test('a token without pull-requests: write is a warning naming the permission; the plan still succeeds', async () => {
    const dir = await deployedThenChanged('pr-gh-403');
    gh.refuseWrites = 403;
    try {
      const r = await githubRun(dir, { ...pullRequestEvent, payload: { ...pullRequestEvent.payload } });
      expect(r.code).toBe(0);
      expect(r.outputs.result).toBe('succeeded');
      const warning = r.stdout.split('\n').find((l) => l.startsWith('::warning::comment-on-pr'));
      expect(warning).toMatch(/pull request #42: 403 Resource not accessible by integration/);
      expect(warning).toContain("add 'permissions: pull-requests: write' to the job");
      expect(r.stdout).not.toMatch(/^::error/m);
    } finally {
      gh.refuseWrites = undefined;
    }
  });

  test('not a pull request (a push): an info line, nothing asked of GitHub', async () => {
    const dir = await deployedThenChanged('pr-gh-push');
    const from = gh.requests.length;
    const r = await githubRun(dir, { name: 'push', payload: { ref: 'refs/heads/main', after: SHA } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("comment-on-pr: no comment posted: the 'push' event is not a pull request");
    expect(r.stdout).not.toMatch(/^::warning::comment-on-pr/m);
    expect(gh.requests.length).toBe(from);
  });
});

describe('Azure DevOps', () => {
  const MARKER = '<!-- fabric-deploy: pr-ado-ws/dev -->';
  const threadsPath = `/org/Sales%20Project/_apis/git/repositories/repo-1/pullRequests/17/threads`;

  test('one PR thread, its first comment updated in place on the next run; Bearer System.AccessToken', async () => {
    const dir = await deployedThenChanged('pr-ado-ws');
    // What a pull request already holds: a system thread (a push) and a reviewer's thread.
    ado.threads.set(17, [
      {
        id: 1,
        comments: [
          {
            id: 1,
            parentCommentId: 0,
            content: 'The reference refs/heads/f was updated.',
            commentType: 'system',
          },
        ],
      },
      {
        id: 2,
        status: 'active',
        comments: [{ id: 1, parentCommentId: 0, content: 'looks good', commentType: 'text' }],
      },
    ]);
    const from = ado.requests.length;
    const first = await adoRun(dir);
    expect(first.code).toBe(0);
    expect(first.vars.result).toBe('succeeded');
    const mine = () => ado.threads.get(17)!.filter((t) => t.comments[0]?.content?.includes(MARKER));
    expect(mine()).toHaveLength(1);
    const thread = mine()[0]!;
    expect(thread.status).toBe('active');
    expect(thread.comments[0]).toMatchObject({ parentCommentId: 0, commentType: 'text' });
    expectPlanComment(thread.comments[0]!.content!, MARKER);
    expect(thread.comments[0]!.content).toContain(
      `[pipeline run](${ado.collectionUri}Sales%20Project/_build/results?buildId=314)`,
    );
    expect(first.stdout).toContain(
      `commented on pull request !17: ${ado.collectionUri}Sales%20Project/_git/fabric-sales/pullrequest/17?discussionId=${thread.id}`,
    );
    const calls = ado.requests.slice(from);
    expect(calls.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${threadsPath}?api-version=7.1`,
      `POST ${threadsPath}?api-version=7.1`,
    ]);
    for (const r of calls) expect(r.authorization).toBe(`Bearer ${ADO_TOKEN}`);

    writeItems(dir, [notebook('nb_a', 1, 'print("newer line")')]);
    const second = await adoRun(dir);
    expect(second.code).toBe(0);
    expect(ado.threads.get(17)).toHaveLength(3);
    expect(mine()[0]!.comments[0]!.content).toContain('+print("newer line")');
    const patch = ado.requests.slice(from + calls.length).find((r) => r.method === 'PATCH')!;
    expect(patch.url).toBe(`${threadsPath}/${thread.id}/comments/1?api-version=7.1`);
    expect(patch.authorization).toBe(`Bearer ${ADO_TOKEN}`);
    expect(second.stdout).toContain('updated the comment on pull request !17');
    expectNotLogged([first, second], [ADO_TOKEN, SECRET]);
  });

  test("a build service without 'Contribute to pull requests' is a warning; the plan still succeeds", async () => {
    const dir = await deployedThenChanged('pr-ado-403');
    ado.refuseWrites = 403;
    try {
      const r = await adoRun(dir);
      expect(r.code).toBe(0);
      expect(r.vars.result).toBe('succeeded');
      const warning = r.vso.find((c) => c.command === 'task.issue' && c.props.type === 'warning');
      expect(warning?.message).toMatch(
        /commentOnPr: could not comment on the pull request: pull request !17: 403 TF401027/,
      );
      expect(warning?.message).toContain("give the project's Build Service 'Contribute to pull requests'");
      expect(r.vso.some((c) => c.command === 'task.issue' && c.props.type === 'error')).toBe(false);
    } finally {
      ado.refuseWrites = undefined;
    }
  });

  test('a CI build (not a pull request): an info line, nothing asked of Azure DevOps', async () => {
    const dir = await deployedThenChanged('pr-ado-ci');
    const from = ado.requests.length;
    const r = await adoRun(dir, {
      SYSTEM_PULLREQUEST_PULLREQUESTID: undefined,
      BUILD_REASON: 'IndividualCI',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'commentOnPr: no comment posted: this build was not started by a pull request (Build.Reason: IndividualCI)',
    );
    expect(ado.requests.length).toBe(from);
  });
});

test('off by default: a pull-request run without comment-on-pr posts nothing', async () => {
  const dir = await deployedThenChanged('pr-off');
  const from = gh.requests.length;
  const r = await githubRun(dir, pullRequestEvent, { 'INPUT_COMMENT-ON-PR': 'false' });
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain('comment-on-pr');
  expect(gh.requests.length).toBe(from);
});

test("comment-on-pr must be true or false: 'sometimes' is refused with the fix, before sign-in", async () => {
  const dir = project('version: 1\nworkspace:\n  name: pr-bad\nitems:\n  directory: items\n', [
    notebook('nb', 1),
  ]);
  const r = await runBundle(
    ['plan', '--config', path.join(dir, 'fabric-deploy.yml'), '--comment-on-pr', 'sometimes'],
    tokenEnv(sim),
  );
  expect(r.code).toBe(1);
  expect(r.stdout + r.stderr).toContain("input 'comment-on-pr' must be true or false, not 'sometimes'");
  expect(r.stdout + r.stderr).toContain('set comment-on-pr: true or false');
});

test('the pull request comes from the pull-request events and from a comment on one', () => {
  const pr = { number: 7, head: { sha: SHA } };
  expect(pullRequestOf('pull_request', { pull_request: pr })).toEqual({ number: 7, sha: SHA });
  expect(pullRequestOf('pull_request_target', { pull_request: pr })).toEqual({ number: 7, sha: SHA });
  expect(pullRequestOf('issue_comment', { issue: { number: 8, pull_request: {} } })).toEqual({ number: 8 });
  expect(pullRequestOf('issue_comment', { issue: { number: 9 } })).toEqual({
    none: "the 'issue_comment' event is not a pull request",
  });
  expect(pullRequestOf('workflow_dispatch', {})).toEqual({
    none: "the 'workflow_dispatch' event is not a pull request",
  });
});

test('the marker names workspace and environment, and nothing in a name can close it early', () => {
  expect(commentMarker({ workspace: { name: 'sales-dev' }, environment: 'dev' })).toBe(
    '<!-- fabric-deploy: sales-dev/dev -->',
  );
  expect(commentMarker({ workspace: { name: 'a-->b' } })).toBe('<!-- fabric-deploy: a__b/default -->');
});
