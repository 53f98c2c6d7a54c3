/**
 * The GitHub workflows in .github/workflows: they parse, have what GitHub requires of a workflow, pin
 * every action to a full commit SHA (with its release as a comment), grant least privilege (nothing by
 * default in the release, write only where a job writes), and do what CONTRIBUTING.md says they do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/paths';

interface Step {
  uses?: string;
  run?: string;
  name?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  'timeout-minutes': number;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const DIR = path.join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
const load = (f: string) => parse(text(f)) as Workflow;
const runs = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));

test('the three workflows exist and each parses with a name, triggers and jobs that run somewhere', () => {
  expect(files).toEqual(['check-dist.yml', 'ci.yml', 'release.yml']);
  for (const f of files) {
    const w = load(f);
    expect({ f, name: typeof w.name, on: typeof w.on }).toEqual({ f, name: 'string', on: 'object' });
    expect(Object.keys(w.jobs).length).toBeGreaterThan(0);
    for (const [id, job] of Object.entries(w.jobs)) {
      expect({ f, id, runsOn: job['runs-on'] }).toEqual({ f, id, runsOn: 'ubuntu-latest' });
      // A hung step must not hold a runner for GitHub's default six hours.
      expect(job['timeout-minutes']).toBeLessThanOrEqual(45);
      expect(job.steps.length).toBeGreaterThan(0);
      for (const s of job.steps) expect(Boolean(s.uses) !== Boolean(s.run)).toBe(true);
    }
  }
});

test('every action is pinned to a full commit SHA with its release in a comment; checkout keeps no token', () => {
  for (const f of files) {
    const lines = text(f)
      .split('\n')
      .filter((l) => /^\s*(- )?uses: /.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines)
      expect({ f, l }).toEqual({
        f,
        l: expect.stringMatching(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/),
      });
    for (const job of Object.values(load(f).jobs))
      for (const s of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@')))
        expect(s.with?.['persist-credentials']).toBe(false);
  }
});

test('least privilege: read-only by default, write only for the release and npm provenance', () => {
  const writes: string[] = [];
  for (const f of files) {
    const w = load(f);
    expect(typeof w.permissions).toBe('object'); // never write-all / read-all
    expect(w.permissions).not.toHaveProperty('contents', 'write');
    for (const [id, job] of Object.entries(w.jobs))
      for (const [scope, level] of Object.entries({ ...(w.permissions as object), ...job.permissions }))
        if (level === 'write') writes.push(`${f} ${id} ${scope}`);
    expect(Object.keys(w.on)).not.toContain('pull_request_target');
  }
  expect(writes.sort()).toEqual(['release.yml github contents', 'release.yml npm id-token']);
  expect(load('release.yml').permissions).toEqual({});
});

test('CI runs .ci/run, and the dist check check:dist, on pushes to main and on pull requests', () => {
  for (const [f, command] of [
    ['ci.yml', 'bash .ci/run'],
    ['check-dist.yml', 'npm run check:dist'],
  ] as const) {
    const w = load(f);
    expect(w.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
    expect(runs(w)).toContain(command);
  }
});

test('release: on a vX.Y.Z tag, checks, packs both artefacts, releases them on GitHub, publishes with secrets', () => {
  const w = load('release.yml');
  expect(w.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
  const { build, github, marketplace, npm } = w.jobs;
  const script = (j: Job) => j.steps.map((s) => s.run ?? '').join('\n');
  expect(script(build!)).toContain('"v$version" != "$GITHUB_REF_NAME"');
  expect(script(build!)).toContain('bash .ci/run');
  expect(script(build!)).toContain('npm run package:vsix -- --output-path out/');
  expect(script(build!)).toContain('npm pack --pack-destination out');
  expect(script(github!)).toContain('gh release create "$GITHUB_REF_NAME" out/*.vsix out/*.tgz');
  expect(script(marketplace!)).toContain('tfx-cli@0.23.1 extension publish --vsix out/*.vsix');
  expect(script(npm!)).toContain('npm publish out/*.tgz --provenance');
  for (const j of [github!, marketplace!, npm!]) expect(j.needs).toBe('build');
  expect([marketplace!.environment, npm!.environment]).toEqual(['marketplace', 'npm']);
  // Secrets only where they are used, only the two documented in the header, and each optional.
  const secrets = [...text('release.yml').matchAll(/\$\{\{ secrets\.(\w+) \}\}/g)].map((m) => m[1]);
  expect(secrets).toEqual(['VSS_MARKETPLACE_TOKEN', 'NPM_TOKEN']);
  expect(text('release.yml')).toMatch(/#\s+marketplace .*VSS_MARKETPLACE_TOKEN/);
  expect(text('release.yml')).toMatch(/#\s+npm .*NPM_TOKEN/);
  expect(script(marketplace!)).toContain('if [ -z "$VSS_MARKETPLACE_TOKEN" ]');
  expect(script(npm!)).toContain('if [ -z "$NODE_AUTH_TOKEN" ]');
});
