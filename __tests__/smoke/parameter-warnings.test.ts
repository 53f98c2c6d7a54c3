/**
 * parameter.yml rules that are not applied (no value for the environment, a regex that matches nothing in
 * the files its filters select) are skipped as fabric-cicd skips them, and shown where a reviewer looks:
 * warning annotations at their file and line on both hosts and a callout at the top of the summary.
 * `strict-parameters: true` refuses them all before any write. Through the bundle.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, parseVso, runBundle } from '../support/bundle';
import { platform, lid, requestCount, writesSince } from '../support/deploy';
import { stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

const PARAMETERS = `find_replace:
  - find_value: "dev-server"
    replace_value:
      dev: "dev-server"
      prod: "prod-server"
  - find_value: 'host = "(nowhere-[a-z]+)"'
    is_regex: "true"
    replace_value:
      _ALL_: "somewhere"
    item_name: "Load"
`;

/** A checkout with one notebook and a parameter.yml whose two rules both do nothing for 'staging'. */
function checkout(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-params-'));
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: "params-{{ environment }}"\nitems:\n  directory: workspace\n  parameterFile: workspace/parameter.yml\nenvironments:\n  dev: {}\n  staging: {}\n  prod: {}\n`,
  );
  const nb = path.join(dir, 'workspace', 'Load.Notebook');
  mkdirSync(nb, { recursive: true });
  writeFileSync(path.join(nb, '.platform'), platform('Notebook', 'Load', lid(1)));
  writeFileSync(path.join(nb, 'notebook-content.py'), '# Fabric notebook source\nserver = "dev-server"\n');
  writeFileSync(path.join(dir, 'workspace', 'parameter.yml'), PARAMETERS);
  return dir;
}

function githubEnv(dir: string, extra: Record<string, string> = {}) {
  const out = path.join(dir, 'out');
  const summary = path.join(dir, 'summary.md');
  writeFileSync(out, '');
  writeFileSync(summary, '');
  return {
    out,
    summary,
    env: {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: dir,
      GITHUB_OUTPUT: out,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: dir,
      INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
      INPUT_ENVIRONMENT: 'staging',
      INPUT_AUTH: 'token',
      INPUT_TOKEN: token,
      'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
      ...extra,
    },
  };
}

test('GitHub: each rule not applied is a warning annotation at its line, and a callout tops the summary', async () => {
  const dir = checkout();
  const { out, summary, env } = githubEnv(dir);
  const r = await runBundle([], env);
  expect(r.code).toBe(0);
  expect(parseGitHubOutputs(out).result).toBe('succeeded');
  const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning '));
  expect(warnings).toEqual([
    expect.stringMatching(
      /^::warning file=workspace\/parameter\.yml,line=4,col=\d+::find_replace\[0\] has no value for environment 'staging' \(only dev, prod\); it is not applied/,
    ),
    expect.stringMatching(
      /^::warning file=workspace\/parameter\.yml,line=6,col=\d+::find_replace\[1\] regex matches nothing in the 1 file it applies to in the repository, so it is not applied/,
    ),
  ]);
  const md = readFileSync(summary, 'utf8');
  const top = md.split('\n').slice(0, 6).join('\n');
  expect(top).toMatch(/> \[!WARNING\]\n> 2 warnings: .*no value for environment 'staging'.*\(and 1 more/);
});

test('Azure Pipelines: the same warnings as task.logissue with sourcepath and linenumber', async () => {
  const dir = checkout();
  const r = await runBundle(
    [],
    {
      TF_BUILD: 'True',
      BUILD_SOURCESDIRECTORY: dir,
      AGENT_TEMPDIRECTORY: dir,
      INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
      INPUT_ENVIRONMENT: 'staging',
      INPUT_AUTH: 'token',
      INPUT_TOKEN: token,
      INPUT_FABRICAPIURL: sim.fabricApiUrl,
    },
    undefined,
    undefined,
    dir,
  );
  expect(r.code).toBe(0);
  const issues = parseVso(r.stdout).filter(
    (c) => c.command === 'task.logissue' && c.props.type === 'warning',
  );
  expect(issues.map((i) => [i.props.sourcepath, i.props.linenumber])).toEqual([
    ['workspace/parameter.yml', '4'],
    ['workspace/parameter.yml', '6'],
  ]);
  expect(issues[0]!.message).toMatch(/no value for environment 'staging'/);
});

test('strict-parameters: both rules refused at their lines, exit 1, nothing written', async () => {
  const dir = checkout();
  const { out, env } = githubEnv(dir, { 'INPUT_STRICT-PARAMETERS': 'true' });
  const from = await requestCount(sim);
  const r = await runBundle([], env);
  expect(r.code).toBe(1);
  expect(parseGitHubOutputs(out).result).toBe('failed');
  const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
  expect(errors).toEqual([
    expect.stringMatching(
      /^::error file=workspace\/parameter\.yml,line=4,.*no value for environment 'staging'.*strict-parameters/,
    ),
    expect.stringMatching(
      /^::error file=workspace\/parameter\.yml,line=6,.*regex matches nothing in the 1 file.*\[strict-parameters\]/,
    ),
    expect.stringMatching(
      /^::error::strict-parameters: 2 parameter rules would not be applied; nothing was changed/,
    ),
  ]);
  expect(await writesSince(sim, from)).toEqual([]);
});
