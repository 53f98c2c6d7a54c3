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
  const top = md.split('\n').slice(0, 8).join('\n');
  expect(top).toMatch(
    /> \[!WARNING\]\n> \*\*2 warnings\*\*\n>\n> - .*parameter\.yml:4:\d+: find_replace\[0\] has no value for environment 'staging'.*\n> - .*parameter\.yml:6:\d+: find_replace\[1\] regex matches nothing/,
  );
  // Two warnings: the callout lists them, no second list at the end.
  expect(md).not.toContain('### Warnings');
});

/** A checkout whose parameter.yml has `n` rules, none with a value for 'staging', and a naming rule for a type that does not exist. */
function manyWarnings(n: number): string {
  const dir = checkout();
  const rules = Array.from(
    { length: n },
    // Each finds its value (so each gives one warning only: no value for 'staging').
    (_, i) => `  - find_value: "dev-server"\n    replace_value:\n      dev: "dev-${i}"\n`,
  );
  writeFileSync(path.join(dir, 'workspace', 'parameter.yml'), `find_replace:\n${rules.join('')}`);
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    readFileSync(path.join(dir, 'fabric-deploy.yml'), 'utf8') + 'naming:\n  Widget: "^w_"\n',
  );
  return dir;
}

test('GitHub: twelve warnings are nine annotations at their lines, one that counts the other three, all twelve in the summary', async () => {
  const dir = manyWarnings(11);
  const { summary, env } = githubEnv(dir);
  const r = await runBundle([], env);
  expect(r.code).toBe(0);
  const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::warning'));
  // GitHub shows ten per step: never more than ten, and the tenth says what the others hide.
  expect(annotations).toHaveLength(10);
  // The configuration warning is annotated at its line of fabric-deploy.yml.
  expect(annotations[0]).toMatch(
    /^::warning file=fabric-deploy\.yml,line=12,col=\d+::naming rule for unknown item type 'Widget' matches no item$/,
  );
  annotations
    .slice(1, 9)
    .forEach((a, i) =>
      expect(a).toMatch(
        new RegExp(
          `^::warning file=workspace/parameter\\.yml,line=${4 + 3 * i},col=\\d+::find_replace\\[${i}\\] has no value for environment 'staging'`,
        ),
      ),
    );
  expect(annotations[9]).toBe(
    "::warning::3 more warnings are not shown as annotations (ten per step are shown): they are in the log above and under Warnings in the run's summary",
  );
  // The three are still in the log, as plain lines.
  const plain = r.stdout.split('\n').filter((l) => /^warning: .*find_replace\[(8|9|10)\]/.test(l));
  expect(plain).toHaveLength(3);
  const md = readFileSync(summary, 'utf8');
  expect(md).toContain('> **12 warnings**');
  expect(md).toContain(
    '> (the run shows 9 of them as annotations, at their file and line, and one more annotation counts the other 3: the host shows ten per step)',
  );
  expect(md).toContain('> - … and 2 more, listed under Warnings below');
  const listed = md
    .split('### Warnings\n')[1]!
    .split('\n')
    .filter((l) => l.startsWith('- '));
  expect(listed).toHaveLength(12);
  expect(listed[11]).toMatch(/find_replace\[10\] has no value for environment 'staging'/);
});

/** The task as an Azure Pipelines agent runs it, deploying `dir`'s checkout to staging. */
const ado = (dir: string) =>
  runBundle(
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

test('Azure Pipelines: ten warnings become all ten issues at their lines; twelve, nine and one that counts three', async () => {
  const issues = (stdout: string) =>
    parseVso(stdout).filter(
      (c) => (c.command === 'task.logissue' || c.command === 'task.issue') && c.props.type === 'warning',
    );
  // Exactly ten: the tenth is held back until the run ends, then shown as itself at its line.
  const ten = issues((await ado(manyWarnings(9))).stdout);
  expect(ten.map((i) => [i.props.sourcepath, i.props.linenumber])).toEqual([
    ['fabric-deploy.yml', '12'],
    ...Array.from({ length: 9 }, (_, i) => ['workspace/parameter.yml', String(4 + 3 * i)]),
  ]);
  const r = await ado(manyWarnings(11));
  expect(r.code).toBe(0);
  const twelve = issues(r.stdout);
  expect(twelve).toHaveLength(10);
  expect(twelve.slice(0, 9).every((i) => i.props.sourcepath !== undefined)).toBe(true);
  expect(twelve[9]!.props.sourcepath).toBeUndefined();
  expect(twelve[9]!.message).toMatch(/^3 more warnings are not shown as annotations/);
});

test('Azure Pipelines: the same warnings as task.logissue with sourcepath and linenumber', async () => {
  const dir = checkout();
  const r = await ado(dir);
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
