/**
 * All problems at once, through the bundle as GitHub runs it: validation reads every entry of
 * parameter.yml and of every file it extends, the item folders and the principals file, and reports
 * every problem (an annotation at its file and line, with the field and the fix) before stopping;
 * beyond 50 the rest are counted. Exit 1 and nothing written to Fabric.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { fabricWrites, stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

function checkout(parameters: string, extra: Record<string, string> = {}, config = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-problems-'));
  cpSync(path.join(ROOT, 'examples', 'workspace'), path.join(dir, 'workspace'), { recursive: true });
  writeFileSync(path.join(dir, 'workspace', 'parameter.yml'), parameters);
  for (const [f, text] of Object.entries(extra)) writeFileSync(path.join(dir, f), text);
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: problems\n${config}items:\n  directory: workspace\n  parameterFile: workspace/parameter.yml\nenvironments:\n  dev: {}\n`,
  );
  return dir;
}

async function deploy(dir: string) {
  const out = path.join(dir, 'out');
  writeFileSync(out, '');
  const r = await runBundle([], {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: out,
    RUNNER_TEMP: dir,
    INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
    INPUT_ENVIRONMENT: 'dev',
    INPUT_AUTH: 'token',
    INPUT_TOKEN: token,
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
  });
  return { ...r, outputs: parseGitHubOutputs(out) };
}

const errors = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error'));

test('a parameter.yml with three independent errors (one in a file it extends) reports all three', async () => {
  const before = (await fabricWrites(sim)).length;
  const dir = checkout(
    `find_replace:
  - find_value: "sales-dev.database.windows.net"
    item_type: Notebook
  - find_value: "(unclosed"
    is_regex: "true"
    replace_value:
      dev: "x"
  - find_value: "a-valid-rule"
    replace_value:
      dev: "kept"
extend:
  - ./more.yml
`,
    {
      'workspace/more.yml': `key_value_replace:\n  - find_key: "variables[0].value"\n    replace_value:\n      dev: 1\n`,
    },
  );
  const r = await deploy(dir);
  expect(r.code).toBe(1);
  expect(r.outputs.result).toBe('failed');
  const lines = errors(r.stdout);
  // Each at its own file and line, with the field and the fix.
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^::error file=workspace\/parameter.yml,line=2,col=\d+::find_replace\[0\] needs a replace_value/,
      ),
      expect.stringMatching(/^::error file=workspace\/parameter.yml,line=4,col=\d+::.*\(unclosed/),
      expect.stringMatching(/^::error file=workspace\/more.yml,line=2,col=\d+::.*variables\[0\]\.value/),
    ]),
  );
  expect(r.stdout).toContain('3 problems in the parameter file and the 1 it extends; nothing was changed');
  expect(r.stdout).toMatch(/\[key_value_replace\[0\]\.find_key\] — fix: /);
  expect((await fabricWrites(sim)).length).toBe(before);
});

test('more than 50 problems: 50 are shown, each at its line, and the rest counted', async () => {
  const before = (await fabricWrites(sim)).length;
  const entries = Array.from({ length: 60 }, (_, i) => `  - find_value: "value-${i}"\n`).join('');
  const r = await deploy(checkout(`find_replace:\n${entries}`));
  expect(r.code).toBe(1);
  // GitHub shows nine annotations a step (and one that counts the rest); the others are error lines of the log.
  const shown = r.stdout.split('\n').filter((l) => /^(::error file=|error: ).*needs a replace_value/.test(l));
  expect(shown).toHaveLength(50);
  expect(shown[0]).toMatch(/^::error file=workspace\/parameter.yml,line=2,col=5::find_replace\[0\]/);
  expect(shown[49]).toMatch(/parameter.yml:51:5: find_replace\[49\] needs a replace_value/);
  expect(r.stdout).not.toContain('find_replace[50]');
  expect(r.stdout).toContain('… and 10 more problems (60 in all; the first 50 are shown');
  expect(r.stdout).toContain('60 problems in the parameter file; nothing was changed');
  expect((await fabricWrites(sim)).length).toBe(before);
});

test('two item folders, parameter.yml and the principals file: every problem of each, in one run', async () => {
  const before = (await fabricWrites(sim)).length;
  const dir = checkout(
    `find_replace:\n  - find_value: "x"\n    replace_value: "not a mapping"\n`,
    { 'principals.csv': 'principal_id,role,description,type\nnot-a-guid,Member,Carol,User\n' },
    '  principalsFile: principals.csv\n',
  );
  // A .platform without its logical id.
  writeFileSync(
    path.join(dir, 'workspace', 'SalesLakehouse.Lakehouse', '.platform'),
    JSON.stringify({ metadata: { type: 'Lakehouse', displayName: 'SalesLakehouse' }, config: {} }, null, 2),
  );
  // And a second item folder with no .platform at all: each folder's problem is reported.
  mkdirSync(path.join(dir, 'workspace', 'Ghost.Notebook'));
  writeFileSync(path.join(dir, 'workspace', 'Ghost.Notebook', 'notebook-content.py'), '# nothing\n');
  const r = await deploy(dir);
  expect(r.code).toBe(1);
  const lines = errors(r.stdout);
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^::error file=workspace\/SalesLakehouse.Lakehouse\/.platform[^:]*::.*logicalId/),
      expect.stringMatching(
        /^::error file=workspace\/Ghost.Notebook::item folder 'Ghost.Notebook' has no .platform file/,
      ),
      expect.stringMatching(/^::error file=workspace\/parameter.yml,line=3,col=\d+::.*replace_value/),
      expect.stringMatching(/^::error file=principals.csv,line=2[^:]*::.*not-a-guid/),
    ]),
  );
  expect(r.stdout).toMatch(/4 problems found before any write, in 4 files; nothing was changed/);
  expect((await fabricWrites(sim)).length).toBe(before);
});
