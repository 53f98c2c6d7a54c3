/**
 * `command: matrix` through the committed bundle on GitHub (matrix output for strategy.matrix), Azure
 * Pipelines (adoMatrix output variable for a runtime matrix) and the CLI (--json); the legs it prints
 * deployed in parallel, each into its own workspace; and two targets into one workspace refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, parseVso, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { stopSimulator, withSimulator } from '../support/sim';

const CONFIG = path.join(ROOT, 'examples', 'fabric-deploy.yml');
let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

interface Leg {
  target: string;
  environment: string;
  'workspace-name': string;
  'workspace-id': string;
}

function githubEnv(inputs: Record<string, string>) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'matrix-gh-'));
  const out = path.join(tmp, 'output');
  writeFileSync(out, '');
  writeFileSync(path.join(tmp, 'summary.md'), '');
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
    RUNNER_TEMP: tmp,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return { env, out };
}

const EXPECTED = [
  { target: 'sales-analytics-dev', environment: 'dev', 'workspace-name': 'sales-analytics-dev' },
  { target: 'sales-analytics-test', environment: 'test', 'workspace-name': 'sales-analytics-test' },
  { target: 'sales-analytics-prod', environment: 'prod', 'workspace-name': 'sales-analytics-prod' },
  { target: 'sales-emea', environment: 'test', 'workspace-name': 'sales-analytics-emea-test' },
];

let legs: Leg[];

it('GitHub: the matrix output is {include: [...]} with one leg per target and environment', async () => {
  const { env, out } = githubEnv({ command: 'matrix', config: CONFIG });
  const r = await runBundle([], env);
  expect(r.code).toBe(0);
  const outputs = parseGitHubOutputs(out);
  legs = (JSON.parse(outputs.matrix!) as { include: Leg[] }).include;
  expect(legs).toEqual(EXPECTED.map((e) => ({ ...e, 'workspace-id': '' })));
  expect(outputs.targets).toBe('4');
});

it('Azure Pipelines: adoMatrix holds one named leg per target', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'matrix-ado-'));
  const r = await runBundle(
    [],
    { TF_BUILD: 'True', AGENT_TEMPDIRECTORY: tmp, INPUT_COMMAND: 'matrix', INPUT_CONFIG: CONFIG },
    undefined,
    undefined,
    tmp,
  );
  expect(r.code).toBe(0);
  const vars = Object.fromEntries(
    parseVso(r.stdout)
      .filter((c) => c.command === 'task.setvariable')
      .map((c) => [c.props.variable, c.message]),
  );
  const ado = JSON.parse(vars.adoMatrix!);
  expect(Object.keys(ado)).toEqual(EXPECTED.map((e) => e.target));
  expect(ado['sales-emea']).toEqual({
    target: 'sales-emea',
    environment: 'test',
    workspaceName: 'sales-analytics-emea-test',
    workspaceId: '',
  });
});

it('CLI: --json prints both forms', async () => {
  const r = await runBundle(['matrix', '--config', CONFIG, '--json'], {});
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.include).toHaveLength(4);
  expect(Object.keys(json['ado-matrix'])).toHaveLength(4);
});

it('the legs deploy in parallel, each into its own workspace', async () => {
  const picked = legs.filter((l) => l.environment !== 'prod');
  const runs = await Promise.all(
    picked.map((l) => {
      const { env, out } = githubEnv({
        config: CONFIG,
        environment: l.environment,
        'workspace-name': l['workspace-name'],
        auth: 'token',
        token,
        'fabric-api-url': sim.fabricApiUrl,
      });
      return runBundle([], env).then((r) => ({ r, outputs: parseGitHubOutputs(out), leg: l }));
    }),
  );
  const auth = { authorization: `Bearer ${token}` };
  const all = (await (await fetch(`${sim.fabricApiUrl}/workspaces`, { headers: auth })).json()) as {
    value: { id: string; displayName: string }[];
  };
  for (const { r, outputs, leg } of runs) {
    expect(r.code).toBe(0);
    expect(outputs.result).toBe('succeeded');
    const ws = all.value.find((w) => w.displayName === leg['workspace-name']);
    expect(ws?.id).toBe(outputs['workspace-id']);
  }
});

it('two targets resolving to one workspace: exit 1, both named, on every host', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'matrix-bad-'));
  const cfg = path.join(dir, 'fabric-deploy.yml');
  writeFileSync(
    cfg,
    [
      'version: 1',
      'workspace:',
      '  name: "sales-{{ environment }}"',
      'environments:',
      '  dev: {}',
      '  test: {}',
      'targets:',
      '  - environments: [dev, test]',
      '  - name: again',
      '    environment: dev',
      '    workspace: { name: "SALES-dev" }',
      '',
    ].join('\n'),
  );
  const cli = await runBundle(['matrix', '--config', cfg], {});
  expect(cli.code).toBe(1);
  expect(cli.stdout + cli.stderr).toMatch(
    /targets 'sales-dev' \(dev\) and 'again' \(dev\) both deploy into workspace 'SALES-dev'/,
  );
  expect(cli.stdout + cli.stderr).toContain(`${cfg}:9:5`);
  const { env, out } = githubEnv({ command: 'matrix', config: cfg });
  const gh = await runBundle([], env);
  expect(gh.code).toBe(1);
  expect(gh.stdout).toMatch(/::error file=.*fabric-deploy\.yml,line=9/);
  expect(parseGitHubOutputs(out).matrix).toBeUndefined();
  const ado = await runBundle(
    [],
    { TF_BUILD: 'True', AGENT_TEMPDIRECTORY: dir, INPUT_COMMAND: 'matrix', INPUT_CONFIG: cfg },
    undefined,
    undefined,
    dir,
  );
  expect(ado.code).toBe(1);
  expect(ado.stdout).toMatch(/both deploy into workspace/);
});
