/**
 * Feature-branch workspaces through the committed bundle, the way each host runs them: the Action
 * (INPUT_*, GITHUB_HEAD_REF of a pull_request event, GITHUB_OUTPUT), the Azure Pipelines task
 * (TF_BUILD, System.PullRequest.SourceBranch, ##vso output variables) and the CLI. branch-up creates
 * the marked workspace and deploys examples/ into it, re-running reuses it writing nothing, branch-down
 * deletes it; branch-gc removes the workspaces of gone or old branches; and each bad input fails with
 * exit 1 and nothing written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, parseVso, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { fabricWrites, stopSimulator, withSimulator } from '../support/sim';

const CONFIG = path.join(ROOT, 'examples', 'fabric-deploy.yml');
let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

interface Ws {
  id: string;
  displayName: string;
  description: string;
}
async function api<T>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.fabricApiUrl}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
const workspaces = async () => (await api<{ value: Ws[] }>('GET', '/workspaces')).value;
const byName = async (name: string) => (await workspaces()).find((w) => w.displayName === name);
const itemCount = async (id: string) =>
  (await api<{ value: unknown[] }>('GET', `/workspaces/${id}/items`)).value.length;

/** One run on a host; returns the exit code, outputs and log. */
async function runOn(
  host: 'github' | 'azure-devops' | 'cli',
  command: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<{ code: number | null; outputs: Record<string, string>; log: string }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `branch-${host}-`));
  const all: Record<string, string> = {
    config: CONFIG,
    environment: 'dev',
    auth: 'token',
    token,
    'fabric-api-url': sim.fabricApiUrl,
    ...inputs,
  };
  if (host === 'github') {
    const out = path.join(tmp, 'output');
    writeFileSync(out, '');
    writeFileSync(path.join(tmp, 'summary.md'), '');
    const e: Record<string, string> = {
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: out,
      GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
      RUNNER_TEMP: tmp,
      INPUT_COMMAND: command,
      ...env,
    };
    for (const [k, v] of Object.entries(all)) e[`INPUT_${k.toUpperCase()}`] = v;
    const r = await runBundle([], e);
    return { code: r.code, outputs: parseGitHubOutputs(out), log: r.stdout + r.stderr };
  }
  if (host === 'azure-devops') {
    const e: Record<string, string> = {
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: tmp,
      INPUT_COMMAND: command,
      ...env,
    };
    for (const [k, v] of Object.entries(all))
      e[`INPUT_${k.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()).toUpperCase()}`] = v;
    const r = await runBundle([], e, undefined, undefined, tmp);
    const outputs: Record<string, string> = {};
    for (const c of parseVso(r.stdout))
      if (c.command === 'task.setvariable') outputs[c.props.variable!] = c.message;
    return { code: r.code, outputs, log: r.stdout + r.stderr };
  }
  const args = [command, '--json'];
  for (const [k, v] of Object.entries(all)) args.push(`--${k}`, v);
  const r = await runBundle(args, { TMPDIR: tmp, ...env });
  let outputs: Record<string, string> = {};
  try {
    outputs = JSON.parse(r.stdout);
  } catch {}
  return { code: r.code, outputs, log: r.stdout + r.stderr };
}

const CASES = [
  {
    host: 'github' as const,
    branch: 'feature/gh-New KPIs',
    slug: 'feature-gh-New-KPIs',
    env: (b: string) => ({ GITHUB_HEAD_REF: b, GITHUB_EVENT_NAME: 'pull_request' }),
    inputs: () => ({}),
    id: 'workspace-id',
    url: 'workspace-url',
  },
  {
    host: 'azure-devops' as const,
    branch: 'feature/ado-report',
    slug: 'feature-ado-report',
    env: (b: string) => ({
      SYSTEM_PULLREQUEST_SOURCEBRANCH: `refs/heads/${b}`,
      BUILD_SOURCEBRANCH: 'refs/pull/7/merge',
    }),
    inputs: () => ({}),
    id: 'workspaceId',
    url: 'workspaceUrl',
  },
  {
    host: 'cli' as const,
    branch: 'bugfix/cli_1',
    slug: 'bugfix-cli_1',
    env: () => ({}),
    inputs: (b: string) => ({ branch: b }),
    id: 'workspace-id',
    url: 'workspace-url',
  },
];

describe.each(CASES)('branch workspaces on $host', (c) => {
  const name = `sales-analytics-${c.slug}`;

  it('branch-up creates the marked workspace and deploys into it; outputs id and URL', async () => {
    const r = await runOn(c.host, 'branch-up', c.inputs(c.branch), c.env(c.branch));
    expect(r.code).toBe(0);
    const ws = await byName(name);
    expect(ws).toBeDefined();
    expect(r.outputs[c.id]).toBe(ws!.id);
    expect(r.outputs[c.url]).toBe(`https://app.fabric.microsoft.com/groups/${ws!.id}`);
    expect(ws!.description).toContain(
      `[fabric-deploy:branch=${encodeURIComponent(c.branch)};base=sales-analytics;created=`,
    );
    expect(await itemCount(ws!.id)).toBeGreaterThanOrEqual(8);
  });

  it('branch-up again reuses it and writes nothing', async () => {
    const before = (await fabricWrites(sim)).length;
    const r = await runOn(c.host, 'branch-up', c.inputs(c.branch), c.env(c.branch));
    expect(r.code).toBe(0);
    expect(r.log).toMatch(/reusing workspace/);
    expect((await fabricWrites(sim)).length).toBe(before);
    expect((await workspaces()).filter((w) => w.displayName === name)).toHaveLength(1);
  });

  it('branch-down deletes it; again is a no-op', async () => {
    const id = (await byName(name))!.id;
    const r = await runOn(c.host, 'branch-down', c.inputs(c.branch), c.env(c.branch));
    expect(r.code).toBe(0);
    expect(await byName(name)).toBeUndefined();
    expect(r.log).toContain(id);
    const again = await runOn(c.host, 'branch-down', c.inputs(c.branch), c.env(c.branch));
    expect(again.code).toBe(0);
    expect(again.log).toMatch(/nothing to delete/);
  });
});

describe('bad input: exit 1, the reason, nothing written', () => {
  it('a branch that slugs to nothing', async () => {
    const before = (await fabricWrites(sim)).length;
    const r = await runOn('github', 'branch-up', { branch: '///' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/branch '\/\/\/' has no letter or digit to name a workspace after/);
    expect((await fabricWrites(sim)).length).toBe(before);
  });

  it("a branch whose name collides with another branch's workspace", async () => {
    expect((await runOn('cli', 'branch-up', { branch: 'feature/x' })).code).toBe(0);
    const before = (await fabricWrites(sim)).length;
    const r = await runOn('azure-devops', 'branch-up', { branch: 'feature-x' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/belongs to branch 'feature\/x', not 'feature-x'/);
    const down = await runOn('cli', 'branch-down', { branch: 'feature-x' });
    expect(down.code).toBe(1);
    expect((await fabricWrites(sim)).length).toBe(before);
    expect(await byName('sales-analytics-feature-x')).toBeDefined();
  });

  it('branch-down on a workspace the tool did not create names the marker it expected', async () => {
    await api('POST', '/workspaces', { displayName: 'sales-analytics-hotfix', description: 'hand-made' });
    const before = (await fabricWrites(sim)).length;
    const r = await runOn('github', 'branch-down', { branch: 'hotfix' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/refusing to delete: workspace 'sales-analytics-hotfix'/);
    expect(r.log).toContain('[fabric-deploy:branch=hotfix;base=sales-analytics;created=…]');
    expect((await fabricWrites(sim)).length).toBe(before);
    expect(await byName('sales-analytics-hotfix')).toBeDefined();
  });

  it('branch-gc without a live list or an age', async () => {
    const r = await runOn('cli', 'branch-gc', {});
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/branch-gc needs the live branches, a maximum age, or both/);
  });
});

describe('branch-gc', () => {
  it('deletes branch workspaces of gone or old branches, keeps live ones and never an unmarked one', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await api('POST', '/workspaces', {
      displayName: 'sales-analytics-feature-old',
      description: `[fabric-deploy:branch=feature%2Fold;base=sales-analytics;created=${old}]`,
    });
    await api('POST', '/workspaces', {
      displayName: 'other-project-feature-gone',
      description: `[fabric-deploy:branch=feature%2Fgone;base=other-project;created=${old}]`,
    });
    expect((await runOn('cli', 'branch-up', { branch: 'feature/live' })).code).toBe(0);
    expect((await runOn('cli', 'branch-up', { branch: 'feature/gone' })).code).toBe(0);
    const r = await runOn('github', 'branch-gc', {
      'live-branches': 'main\nfeature/live\nfeature/old\nfeature/x',
      'max-age-days': '30',
    });
    expect(r.code).toBe(0);
    const names = (await workspaces()).map((w) => w.displayName);
    expect(names).not.toContain('sales-analytics-feature-gone');
    expect(names).not.toContain('sales-analytics-feature-old');
    expect(names).toContain('sales-analytics-feature-live');
    expect(names).toContain('sales-analytics-feature-x');
    expect(names).toContain('sales-analytics-hotfix'); // no marker: never touched
    expect(names).toContain('other-project-feature-gone'); // another base
    const deleted = JSON.parse(r.outputs.items!) as { name: string; action: string }[];
    expect(deleted.map((d) => d.name).sort()).toEqual([
      'sales-analytics-feature-gone',
      'sales-analytics-feature-old',
    ]);
  });
});
