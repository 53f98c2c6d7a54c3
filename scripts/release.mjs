// `npm run release -- <X.Y.Z>`: one version for the Action, the Azure Pipelines task, the extension and the
// npm package. Bumps package.json (and its lock), src/version.ts (from which `npm run metadata` writes
// task.json and vss-extension.json), turns CHANGELOG.md's Unreleased section into the release's, rebuilds
// dist/, commits "Release vX.Y.Z", tags vX.Y.Z and moves the major tag vX to it. Nothing is pushed: the
// script prints the push command (the tag push starts .github/workflows/release.yml).
// Refuses, before writing anything: a dirty tree, a detached HEAD, a version that is not X.Y.Z or not
// above the last release, a new major (the extension must then ship both task folders), an empty
// Unreleased section, a committed dist/ that does not match its sources. A failure after the first write
// puts the tree back as it was (it was clean).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run release -- <version>   (X.Y.Z, e.g. npm run release -- 0.2.0)';
// Azure DevOps task versions are three integers (task.json Major/Minor/Patch), so a release is X.Y.Z
// with no pre-release or build suffix; numbers compare as integers (semver.org's precedence for X.Y.Z).
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

class Refusal extends Error {}
const refuse = (message) => {
  throw new Refusal(message);
};

function run(cmd, args, { allowFail = false } = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0 && !allowFail)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}${r.stderr}`);
  return r;
}
const git = (...args) => run('git', args).stdout.trim();
const node = (script, ...args) => run(process.execPath, [path.join(root, 'scripts', script), ...args]);

const parts = (v) => v.split('.').map(Number);
function compare(a, b) {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function parseArgs(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const unknown = argv.find((a) => a.startsWith('-'));
  if (unknown) refuse(`unknown option ${unknown}\n${USAGE}`);
  if (argv.length !== 1) refuse(`give exactly one version (got ${argv.length})\n${USAGE}`);
  const version = argv[0].replace(/^v/, '');
  if (!SEMVER.test(version))
    refuse(
      `version "${argv[0]}" is not X.Y.Z (three numbers without leading zeros, no pre-release suffix: ` +
        `Azure DevOps task versions are Major.Minor.Patch integers)\n${USAGE}`,
    );
  return version;
}

const read = (file) => readFileSync(path.join(root, file), 'utf8');
const write = (file, text) => writeFileSync(path.join(root, file), text);

/** Where the Unreleased section's body starts and ends in CHANGELOG.md, or a refusal. */
function unreleased(changelog) {
  const head = /^## \[Unreleased\][^\n]*\n/m.exec(changelog);
  if (!head) refuse('CHANGELOG.md has no "## [Unreleased]" section to turn into the release');
  const start = head.index + head[0].length;
  const next = changelog.slice(start).search(/^## |^\[[^\]]+\]: /m);
  const end = next < 0 ? changelog.length : start + next;
  const body = changelog.slice(start, end);
  if (!body.split('\n').some((l) => l.trim() && !l.startsWith('#')))
    refuse('CHANGELOG.md: the [Unreleased] section lists no change; say what the release changes first');
  return { start, end };
}

function preflight(version) {
  const dirty = run('git', ['status', '--porcelain']).stdout.trimEnd();
  if (dirty)
    refuse(
      'the working tree has uncommitted changes; commit or stash them first (git stash -u):\n' +
        dirty.replace(/^/gm, '  '),
    );
  const branch = run('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true });
  if (branch.status !== 0) refuse('HEAD is detached: check out the branch to release from (e.g. main)');
  const current = JSON.parse(read('package.json')).version;
  const tags = git('tag', '--list', 'v*')
    .split('\n')
    .map((t) => t.slice(1))
    .filter((t) => SEMVER.test(t))
    .sort(compare);
  const last = tags.at(-1);
  if (tags.includes(version)) refuse(`v${version} is already released (tag v${version} exists)`);
  if (last && compare(version, last) <= 0)
    refuse(`version ${version} is not above the last release v${last}: give a higher version`);
  if (compare(version, current) < 0)
    refuse(`version ${version} is below package.json's ${current}: give a higher version`);
  if (parts(version)[0] !== parts(current)[0])
    refuse(
      `${version} starts a new major (from ${current}): the extension would have to ship tasks/FabricDeployV` +
        `${parts(current)[0]} beside the new task folder so FabricDeploy@${parts(current)[0]} keeps working, ` +
        'which this script does not do yet; release within the current major',
    );
  const changelog = read('CHANGELOG.md');
  unreleased(changelog);
  // The release commit must change versions only: stale committed bundles would ride along unreviewed.
  const dist = run(process.execPath, [path.join(root, 'scripts', 'check-dist.mjs')], { allowFail: true });
  if (dist.status !== 0)
    refuse(
      `the committed dist/ does not match its sources, so the release would ship unreviewed bundle changes:\n` +
        `${dist.stderr.trim()}\nrebuild and commit dist/ on ${branch.stdout.trim()} first`,
    );
  return { branch: branch.stdout.trim(), previous: last };
}

function repositoryUrl() {
  const url = JSON.parse(read('package.json')).repository?.url ?? '';
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

function bumpChangelog(version, previous, date) {
  let text = read('CHANGELOG.md');
  const { start } = unreleased(text);
  text = `${text.slice(0, start)}\n## [${version}] - ${date}\n${text.slice(start)}`;
  const repo = repositoryUrl();
  const link = previous
    ? `[${version}]: ${repo}/compare/v${previous}...v${version}`
    : `[${version}]: ${repo}/releases/tag/v${version}`;
  const unreleasedLink = `[Unreleased]: ${repo}/compare/v${version}...HEAD`;
  if (/^\[Unreleased\]: .*$/m.test(text))
    text = text.replace(/^\[Unreleased\]: .*$/m, `${unreleasedLink}\n${link}`);
  else text = `${text.trimEnd()}\n\n${unreleasedLink}\n${link}\n`;
  write('CHANGELOG.md', text);
}

function bumpVersions(version) {
  const pkg = read('package.json');
  write('package.json', pkg.replace(/^( {2}"version": )"[^"]*"/m, `$1"${version}"`));
  // npm writes its lock as JSON.stringify(…, null, 2), so rewriting it so leaves no formatting diff.
  const lock = JSON.parse(read('package-lock.json'));
  lock.version = version;
  if (lock.packages?.['']) lock.packages[''].version = version;
  write('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
  const ts = read('src/version.ts');
  write(
    'src/version.ts',
    ts.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`),
  );
}

function main() {
  const version = parseArgs(process.argv.slice(2));
  const { branch, previous } = preflight(version);
  const head = git('rev-parse', 'HEAD');
  const date = new Date().toISOString().slice(0, 10);
  const major = `v${parts(version)[0]}`;
  try {
    console.log(`releasing v${version} from ${branch} (last release: ${previous ? `v${previous}` : 'none'})`);
    bumpVersions(version);
    bumpChangelog(version, previous, date);
    console.log('regenerating action.yml, task.json and vss-extension.json');
    node('metadata.mjs');
    console.log('rebuilding dist/');
    node('bundle.mjs');
    node('metadata.mjs', '--check');
    git('add', '--all');
    git('commit', '--quiet', '--no-verify', '-m', `Release v${version}`);
    git('tag', '--annotate', `v${version}`, '-m', `Fabric Deploy v${version}`);
    const moved = run('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${major}^{commit}`], {
      allowFail: true,
    }).stdout.trim();
    git('tag', '--force', '--annotate', major, '-m', `Fabric Deploy ${major} (latest: v${version})`);
    const commit = git('rev-parse', 'HEAD');
    console.log(
      `committed ${commit.slice(0, 12)} "Release v${version}"; tagged v${version}; ` +
        (moved ? `moved ${major} from ${moved.slice(0, 12)} to it` : `created ${major}`),
    );
    console.log(
      `publish with:\n  git push origin ${branch} v${version} && git push --force origin refs/tags/${major}\n` +
        'the tag push runs .github/workflows/release.yml (GitHub release with the .vsix and the npm tarball)',
    );
  } catch (e) {
    // Undo everything since the clean start: the files, and the commit and tags if they were made.
    spawnSync('git', ['reset', '--quiet', '--hard', head], { cwd: root });
    spawnSync('git', ['clean', '-fdq'], { cwd: root });
    spawnSync('git', ['tag', '-d', `v${version}`], { cwd: root });
    throw e;
  }
}

try {
  main();
} catch (e) {
  if (e instanceof Refusal) console.error(`release refused: ${e.message}`);
  else console.error(`release failed, nothing changed: ${e.message}`);
  process.exitCode = 1;
}
