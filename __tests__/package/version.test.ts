/**
 * Which release ran is visible in every log and summary: the first log line on each host (the bundle as
 * GitHub, Azure Pipelines and the CLI run it) and a row of the summary.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderSummary } from '../../src/report/summary';
import { VERSION } from '../../src/version';
import { runBundle } from '../support/bundle';
import { DIST } from '../support/paths';
import { runProcess } from '../support/run';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'version-'));
const config = path.join(tmp, 'fabric-deploy.yml');
writeFileSync(config, 'version: 1\nworkspace:\n  name: x\n');
const banner = (host: string) =>
  new RegExp(`^Fabric Deploy ${VERSION.replace(/\./g, '\\.')} \\(${host}; node \\d+\\.\\d+\\.\\d+\\)$`);
const firstLine = (s: string) => s.split('\n')[0]!;

test('GitHub Actions: the first line of the log names the version', async () => {
  const out = path.join(tmp, 'gh-output');
  writeFileSync(out, '');
  const r = await runBundle([], {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: out,
    INPUT_CONFIG: config,
    INPUT_COMMAND: 'plan',
    INPUT_AUTH: 'token',
  });
  expect(firstLine(r.stdout)).toMatch(banner('github'));
});

test('Azure Pipelines: the first line of the log names the version', async () => {
  const r = await runBundle(
    [],
    { TF_BUILD: 'True', AGENT_TEMPDIRECTORY: tmp, INPUT_CONFIG: config, INPUT_AUTH: 'token' },
    undefined,
    undefined,
    tmp,
  );
  // task-lib's debug lines (hidden by the agent unless system.debug is on) come before anything we print.
  const visible = r.stdout.split('\n').filter((l) => !l.startsWith('##vso[task.debug]'));
  expect(visible[0]).toMatch(banner('azure-devops'));
});

test('CLI: the first line of the log names the version (stderr with --json); --version prints it alone', async () => {
  const r = await runBundle(['plan', '--config', config, '--auth', 'token'], {});
  expect(firstLine(r.stdout)).toMatch(banner('cli'));
  const json = await runBundle(['plan', '--config', config, '--auth', 'token', '--json'], {});
  expect(firstLine(json.stderr)).toMatch(banner('cli'));
  const v = await runBundle(['--version'], {});
  expect(v.stdout).toBe(`${VERSION}\n`);
});

test('the summary has a Fabric Deploy row with the version', () => {
  const md = renderSummary({
    command: 'deploy',
    deploymentId: '00000000-0000-4000-8000-000000000001',
    result: 'succeeded',
    workspace: { name: 'w' },
    items: [],
    startedAt: new Date(0),
    durationMs: 1,
    warnings: [],
    hasChanges: false,
  });
  expect(md).toContain(`| Fabric Deploy | ${VERSION} |`);
});

test('the post-job step names the version when it has nothing to do (GitHub post:, dist/post.js)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'version-post-'));
  writeFileSync(path.join(dir, 'state'), '');
  const r = await runProcess(process.execPath, [path.join(DIST, 'post.js')], {
    env: {
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: dir,
      GITHUB_STATE: path.join(dir, 'state'),
      GITHUB_OUTPUT: path.join(dir, 'out'),
    },
  });
  expect(r.code).toBe(0);
  expect(firstLine(r.stdout)).toBe(
    `Fabric Deploy ${VERSION} post-job: this step wrote no journal (it changed nothing); nothing to do`,
  );
});
