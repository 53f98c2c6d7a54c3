/**
 * `npm run release -- <version>` in a temporary git repository made of this project's tracked files (as
 * they are in the working tree) and a hard-linked node_modules: what it refuses, leaving the repository
 * exactly as it was, and a release after an earlier one (v0.1.0, v0 on the base commit): files bumped
 * together, the changelog's Unreleased section turned into the release's, dist/ rebuilt, one commit,
 * the tag v0.1.1 created and the major tag v0 moved to it.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/paths';
import { runProcess } from '../support/run';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const release = (...args: string[]) =>
  runProcess(process.execPath, [path.join(repo, 'scripts', 'release.mjs'), ...args], { cwd: repo });
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');
const tagTarget = (tag: string) => git('rev-parse', `refs/tags/${tag}^{commit}`);
/** Everything a refused release must leave alone. */
const state = () => ({
  head: git('rev-parse', 'HEAD'),
  branch: git('rev-parse', '--abbrev-ref', 'HEAD'),
  status: git('status', '--porcelain'),
  tags: git('for-each-ref', 'refs/tags', '--format=%(refname) %(objectname)'),
});
let base: string;

/** Not what a release reads or builds: tests, benchmarks, examples, docs. */
const NOT_NEEDED = /^(__tests__|bench|examples|docs)\//;

beforeAll(() => {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  // Under .tmp so node_modules can be hard-linked (same file system) rather than copied (460 MB).
  repo = mkdtempSync(path.join(ROOT, '.tmp', 'release-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && !NOT_NEEDED.test(f));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(repo, f));
  }
  // esbuild names chunks from node_modules paths under the project: a symlink would rename them.
  execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules')]);
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Release Test');
  git('config', 'user.email', 'release@example.test');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'tag.gpgsign', 'false');
  git('add', '--all');
  git('commit', '--quiet', '-m', 'base');
  base = git('rev-parse', 'HEAD');
  // An earlier release of this version, as on the real repository after the first release.
  const version = (JSON.parse(read('package.json')) as { version: string }).version;
  expect(version).toBe('0.1.0');
  git('tag', '--annotate', 'v0.1.0', '-m', 'v0.1.0');
  git('tag', '--annotate', 'v0', '-m', 'v0');
}, 60_000);

afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** Runs a release that must be refused: exit 1, the message, the repository untouched. */
async function refused(args: string[], message: RegExp | string) {
  const before = state();
  const r = await release(...args);
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
  expect(r.stderr).toMatch(/^release refused: /);
  expect(r.stderr).toMatch(message);
  expect(state()).toEqual(before);
}

describe('refusals (exit 1, nothing changed)', () => {
  test('a version that is not X.Y.Z, none, two, an unknown option', async () => {
    for (const v of ['0.2', '0.2.0-rc.1', '01.2.0', 'latest'])
      await refused([v], `version "${v}" is not X.Y.Z`);
    await refused([], 'give exactly one version (got 0)');
    await refused(['0.1.1', '0.1.2'], 'give exactly one version (got 2)');
    await refused(['--push', '0.1.1'], 'unknown option --push');
  });

  test('a version that is not above the last release, or starts a new major', async () => {
    await refused(['0.1.0'], 'v0.1.0 is already released (tag v0.1.0 exists)');
    await refused(['v0.0.9'], 'version 0.0.9 is not above the last release v0.1.0');
    await refused(['1.0.0'], /1\.0\.0 starts a new major .*FabricDeploy@0 keeps working/);
  });

  test('a dirty working tree (changed or untracked file) or a detached HEAD', async () => {
    appendFileSync(path.join(repo, 'README.md'), '\nnot committed\n');
    await refused(
      ['0.1.1'],
      'uncommitted changes; commit or stash them first (git stash -u):\n   M README.md',
    );
    git('checkout', '--', 'README.md');
    writeFileSync(path.join(repo, 'notes.txt'), 'x');
    await refused(['0.1.1'], '(git stash -u):\n  ?? notes.txt');
    rmSync(path.join(repo, 'notes.txt'));
    git('checkout', '--quiet', '--detach');
    await refused(['0.1.1'], 'HEAD is detached');
    git('checkout', '--quiet', 'main');
  });

  test('an empty Unreleased section', async () => {
    const changelog = read('CHANGELOG.md');
    const start = changelog.indexOf('## [Unreleased]\n') + '## [Unreleased]\n'.length;
    const end = changelog.indexOf('\n[Unreleased]: ');
    writeFileSync(path.join(repo, 'CHANGELOG.md'), `${changelog.slice(0, start)}${changelog.slice(end)}`);
    git('commit', '--quiet', '-am', 'empty changelog');
    await refused(['0.1.1'], 'the [Unreleased] section lists no change');
    git('reset', '--quiet', '--hard', base);
  });

  test('a committed dist/ that does not match its sources', async () => {
    appendFileSync(path.join(repo, 'dist', 'index.js'), '// edited by hand\n');
    git('commit', '--quiet', '-am', 'dist edited');
    await refused(['0.1.1'], /committed dist\/ does not match its sources[^]*stale: dist\/index\.js/);
    git('reset', '--quiet', '--hard', base);
  });
});

describe('npm run release -- 0.1.1 after v0.1.0', () => {
  let r: Awaited<ReturnType<typeof release>>;
  const today = new Date().toISOString().slice(0, 10);
  beforeAll(async () => {
    r = await release('0.1.1');
  }, 120_000);

  test('one commit "Release v0.1.1" on main, the tree clean, the push command printed', () => {
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(git('log', '--format=%s', `${base}..HEAD`)).toBe('Release v0.1.1');
    expect(git('rev-parse', 'HEAD~1')).toBe(base);
    expect(git('status', '--porcelain')).toBe('');
    expect(r.stdout).toContain('git push origin main v0.1.1 && git push --force origin refs/tags/v0');
    expect(r.stdout).toMatch(/tagged v0\.1\.1; moved v0 from [0-9a-f]{12} to it/);
  });

  test('tag v0.1.1 created (annotated) and v0 moved to it; v0.1.0 stays where it was', () => {
    const head = git('rev-parse', 'HEAD');
    expect(tagTarget('v0.1.1')).toBe(head);
    expect(git('cat-file', '-t', 'v0.1.1')).toBe('tag');
    expect(tagTarget('v0')).toBe(head);
    expect(git('cat-file', '-t', 'v0')).toBe('tag');
    expect(tagTarget('v0.1.0')).toBe(base);
  });

  test('package.json, its lock, src/version.ts, task.json and vss-extension.json say 0.1.1', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      version: string;
      packages: Record<string, { version: string }>;
    };
    expect({
      package: (JSON.parse(read('package.json')) as { version: string }).version,
      lock: lock.version,
      lockRoot: lock.packages['']!.version,
      source: /VERSION = '([^']+)'/.exec(read('src/version.ts'))![1],
      task: (JSON.parse(read('tasks/FabricDeployV0/task.json')) as { version: unknown }).version,
      extension: (JSON.parse(read('vss-extension.json')) as { version: string }).version,
    }).toEqual({
      package: '0.1.1',
      lock: '0.1.1',
      lockRoot: '0.1.1',
      source: '0.1.1',
      task: { Major: 0, Minor: 1, Patch: 1 },
      extension: '0.1.1',
    });
    // Only versions changed in the files beside dist/ and the changelog.
    const changed = git('diff', '--name-only', base, 'HEAD')
      .split('\n')
      .filter((f) => !f.startsWith('dist/'));
    expect(changed.sort()).toEqual(
      [
        'CHANGELOG.md',
        'package-lock.json',
        'package.json',
        'src/version.ts',
        'tasks/FabricDeployV0/task.json',
        'vss-extension.json',
      ].sort(),
    );
  });

  test("CHANGELOG: Unreleased is empty, its entries are the release's with today's date, links compare tags", () => {
    const before = execFileSync('git', ['show', `${base}:CHANGELOG.md`], { cwd: repo, encoding: 'utf8' });
    const entries = before.slice(
      before.indexOf('## [Unreleased]\n') + '## [Unreleased]\n'.length,
      before.indexOf('\n[Unreleased]: '),
    );
    const after = read('CHANGELOG.md');
    expect(after).toContain(`## [Unreleased]\n\n## [0.1.1] - ${today}\n${entries}`);
    expect(after).toContain(
      '\n[Unreleased]: https://github.com/fabric-deploy/fabric-deploy/compare/v0.1.1...HEAD\n' +
        '[0.1.1]: https://github.com/fabric-deploy/fabric-deploy/compare/v0.1.0...v0.1.1\n',
    );
  });

  test('dist/ was rebuilt: it matches the sources and carries the new version', () => {
    const check = execFileSync(process.execPath, ['scripts/check-dist.mjs'], { cwd: repo, encoding: 'utf8' });
    expect(check).toMatch(/^dist\/ matches the sources/);
    const out = execFileSync(process.execPath, ['dist/index.js', '--version'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(out).toBe('0.1.1\n');
  });

  test("release.yml's notes step takes exactly the release's changelog section", () => {
    const workflow = parse(readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as {
      jobs: { build: { steps: { name?: string; run?: string }[] } };
    };
    const step = workflow.jobs.build.steps.find((s) => s.name === 'Release notes from CHANGELOG.md')!;
    const out = path.join(repo, 'out');
    mkdirSync(out);
    try {
      execFileSync('bash', ['-e', '-c', step.run!], {
        cwd: repo,
        env: { ...process.env, GITHUB_REF_NAME: 'v0.1.1' },
      });
      const before = execFileSync('git', ['show', `${base}:CHANGELOG.md`], { cwd: repo, encoding: 'utf8' });
      const entries = before.slice(
        before.indexOf('## [Unreleased]\n') + '## [Unreleased]\n'.length,
        before.indexOf('\n[Unreleased]: '),
      );
      // Up to the next section or the link definitions at the end.
      expect(readFileSync(path.join(out, 'notes.md'), 'utf8').trim()).toBe(entries.trim());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the same version again is refused', async () => {
    await refused(['0.1.1'], 'v0.1.1 is already released');
  });
});
