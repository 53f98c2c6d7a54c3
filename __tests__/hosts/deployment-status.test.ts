/**
 * deployment-status (issue #14, item 9) through the built bundle on GitHub, against the simulator and a
 * loopback fake of GitHub's deployments API: a deploy creates one deployment of its environment for the
 * commit it deploys (no status checks, no auto-merge), in progress, then success with the workspace URL
 * and the run's log, or failure when the deploy failed; a token without deployments: write is one warning
 * and the deploy's result is unchanged; a plan records nothing. A branch workspace is a transient
 * environment of its own, ended (inactive) by branch-down.
 */
import type { RunningSimulator } from '../../src/simulator';
import { addFault, clearFaults, notebook, project } from '../support/deploy';
import { fakeGitHub, runAction, type FakeGitHub, type GitHubEvent } from '../support/pr-fakes';
import { stopSimulator, withSimulator } from '../support/sim';

const GH_TOKEN = 'ghs_deploytoken0123456789abcdefXYZ';
const REPO = 'contoso/fabric-sales';
const SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const HEAD = '1111111111111111111111111111111111111111';

let sim: RunningSimulator;
let gh: FakeGitHub;
beforeAll(async () => {
  sim = await withSimulator();
  gh = await fakeGitHub(REPO);
});
afterAll(async () => {
  await gh?.close();
  await stopSimulator(sim);
});

function checkout(workspace: string): string {
  return project(
    `version: 1\nworkspace:\n  name: ${workspace}\nitems:\n  directory: items\nenvironments:\n  dev: {}\n`,
    [notebook('nb_a', 1)],
  );
}

function run(
  dir: string,
  inputs: Record<string, string> = {},
  event: GitHubEvent = { name: 'push', payload: {} },
) {
  return runAction({
    dir,
    sim,
    repo: REPO,
    apiUrl: gh.url,
    event,
    runId: '777',
    env: {
      GITHUB_SHA: SHA,
      GITHUB_REF: 'refs/heads/main',
      INPUT_COMMAND: 'deploy',
      'INPUT_DEPLOYMENT-STATUS': 'true',
      'INPUT_GITHUB-TOKEN': GH_TOKEN,
      ...inputs,
    },
  });
}

const RUN_URL = `https://github.com/${REPO}/actions/runs/777`;

test('a deploy is one deployment of its environment: in progress, then success with the workspace URL', async () => {
  const dir = checkout('dep-ok-ws');
  const before = gh.deployments.length;
  const from = gh.requests.length;
  const r = await run(dir);
  expect(r.code).toBe(0);
  expect(r.outputs.result).toBe('succeeded');
  expect(gh.deployments.length).toBe(before + 1);
  const d = gh.deployments.at(-1)!;
  expect(d.request).toMatchObject({
    ref: SHA,
    environment: 'dev',
    task: 'deploy',
    auto_merge: false,
    required_contexts: [],
    production_environment: false,
    payload: { deploymentId: r.outputs['deployment-id'] },
  });
  expect(d.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
  expect(d.statuses[0]).toMatchObject({
    description: 'Deploying to the Fabric workspace dep-ok-ws',
    log_url: RUN_URL,
  });
  expect(d.statuses[1]).toMatchObject({
    environment_url: r.outputs['workspace-url'],
    log_url: RUN_URL,
    description: 'Deployed 1 changed item to dep-ok-ws',
  });
  expect(r.outputs['workspace-url']).toMatch(
    /^https:\/\/app\.fabric\.microsoft\.com\/groups\/[0-9a-f-]{36}$/,
  );
  for (const req of gh.requests.slice(from)) expect(req.authorization).toBe(`token ${GH_TOKEN}`);
  expect(r.stdout).toContain(`deployment-status: deployment ${d.id} of 'dev' is success`);
});

test('a failed deploy ends its deployment as failure; the run still fails as before', async () => {
  const dir = checkout('dep-fail-ws');
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    action: { status: 400, errorCode: 'InvalidDefinitionFormat' },
  });
  try {
    const r = await run(dir);
    expect(r.code).toBe(1);
    expect(r.outputs.result).not.toBe('succeeded');
    const d = gh.deployments.at(-1)!;
    expect(d.request).toMatchObject({ environment: 'dev', ref: SHA });
    expect(d.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(String(d.statuses[1]!.description)).toMatch(/^Failed/);
    expect(String(d.statuses[1]!.description).length).toBeLessThanOrEqual(140);
  } finally {
    await clearFaults(sim);
  }
});

test('a pull request deploys (and records) its head commit, not the merge preview', async () => {
  const dir = checkout('dep-pr-ws');
  const r = await run(
    dir,
    {},
    { name: 'pull_request', payload: { pull_request: { number: 5, head: { sha: HEAD } } } },
  );
  expect(r.code).toBe(0);
  expect(gh.deployments.at(-1)!.request).toMatchObject({ ref: HEAD, environment: 'dev' });
});

test('a token without deployments: write is one warning naming it; the deploy succeeds', async () => {
  const dir = checkout('dep-403-ws');
  const before = gh.deployments.length;
  gh.refuseWrites = 403;
  try {
    const r = await run(dir);
    expect(r.code).toBe(0);
    expect(r.outputs.result).toBe('succeeded');
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning::deployment-status'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("'dev': 403 Resource not accessible by integration");
    expect(warnings[0]).toContain("add 'permissions: deployments: write' to the job");
    expect(gh.deployments.length).toBe(before);
  } finally {
    gh.refuseWrites = undefined;
  }
});

test('a plan records no deployment', async () => {
  const dir = checkout('dep-plan-ws');
  const from = gh.requests.length;
  const r = await run(dir, { INPUT_COMMAND: 'plan' });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    'deployment-status: deploy, branch-up and branch-down are recorded as deployments, not plan',
  );
  expect(gh.requests.length).toBe(from);
});

test('a run that stops before a result (a workspace id nobody can see) ends its deployment as error', async () => {
  const dir = checkout('dep-err-ws');
  const r = await run(dir, { 'INPUT_WORKSPACE-ID': '00000000-0000-4000-8000-00000000dead' });
  expect(r.code).toBe(1);
  const d = gh.deployments.at(-1)!;
  expect(d.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
  expect(String(d.statuses[1]!.description)).toMatch(/^Stopped: /);
});

test('branch-up records the branch workspace as a transient environment; branch-down ends it', async () => {
  const dir = checkout('dep-br');
  const up = await run(dir, { INPUT_COMMAND: 'branch-up', INPUT_BRANCH: 'feature/kpi' });
  expect(up.code).toBe(0);
  const d = gh.deployments.at(-1)!;
  expect(d.request).toMatchObject({
    environment: 'dep-br-feature-kpi',
    transient_environment: true,
    production_environment: false,
    ref: SHA,
  });
  expect(d.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
  expect(d.statuses[1]!.environment_url).toBe(up.outputs['workspace-url']);

  const from = gh.requests.length;
  const down = await run(dir, { INPUT_COMMAND: 'branch-down', INPUT_BRANCH: 'feature/kpi' });
  expect(down.code).toBe(0);
  expect(gh.deployments.at(-1)!.id).toBe(d.id); // no new deployment
  expect(d.statuses.map((s) => s.state)).toEqual(['in_progress', 'success', 'inactive']);
  expect(d.statuses[2]).toMatchObject({ description: 'Workspace dep-br-feature-kpi deleted' });
  const list = gh.requests.slice(from).find((r) => r.method === 'GET')!;
  expect(new URL(list.url, gh.url).searchParams.get('environment')).toBe('dep-br-feature-kpi');
});
