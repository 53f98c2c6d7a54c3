// `npm run package:vsix [-- --output-path FILE|DIR] [--json]`: the Azure DevOps extension as a .vsix, packed by
// tfx-cli from vss-extension.json. The task folder ships its own copy of the bundle (dist/ without the
// simulator, which only the CLI runs), assembled in a temp staging directory so the working tree is never
// changed. Refuses, before packing, when dist/ is not built or the generated manifests are stale.
// Prints the .vsix path; --json prints { path, extensionId, publisher, version, bytes } instead.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run package:vsix -- [--output-path FILE.vsix|DIR] [--json]';
/** Bundle files the task does not run: the simulator is started only by the CLI's `simulate`. */
const NOT_IN_TASK = new Set(['simulator.js', 'simulator.js.map']);

class Refusal extends Error {}
/** Throws, so that the staging directory is removed on the way out (process.exit would skip `finally`). */
function fail(message) {
  throw new Refusal(message);
}

function parseArgs(argv) {
  const opts = { output: root + path.sep, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--output-path' || a.startsWith('--output-path=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v) fail(`--output-path needs a file or directory\n${USAGE}`);
      // A trailing slash names a directory that may not exist yet (path.resolve would drop it).
      opts.output = path.resolve(v) + (/[\\/]$/.test(v) ? path.sep : '');
    } else if (a === '--help' || a === '-h') opts.help = true;
    else fail(`unknown argument ${a}\n${USAGE}`);
  }
  return opts;
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));

function preflight() {
  if (!existsSync(path.join(root, 'dist', 'index.js')))
    fail('dist/index.js is missing: run `npm run bundle` first (the task ships the built bundle)');
  const check = spawnSync(process.execPath, [path.join(root, 'scripts', 'metadata.mjs'), '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (check.status !== 0)
    fail(`the generated manifests are not current:\n${check.stderr.trim()}\nrun \`npm run metadata\` first`);
  const manifest = readJson(path.join(root, 'vss-extension.json'));
  const pkg = readJson(path.join(root, 'package.json'));
  if (manifest.version !== pkg.version)
    fail(
      `vss-extension.json has version ${manifest.version} but package.json has ${pkg.version}: set src/version.ts to the package version and run \`npm run metadata\``,
    );
  return manifest;
}

/** Copies what the manifest names (icon, overview, licence, task folders) into `stage`, the bundle into each task. */
function stage(manifest, dir) {
  cpSync(path.join(root, 'vss-extension.json'), path.join(dir, 'vss-extension.json'));
  const assets = [manifest.icons?.default, manifest.content?.details?.path, manifest.content?.license?.path];
  for (const file of assets.filter(Boolean)) {
    if (!existsSync(path.join(root, file))) fail(`vss-extension.json names ${file}, which does not exist`);
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(dir, file));
  }
  for (const { path: folder } of manifest.files ?? []) {
    const from = path.join(root, folder);
    if (!existsSync(path.join(from, 'task.json')))
      fail(`${folder}/task.json is missing: run \`npm run metadata\``);
    // A dist/ left in the task folder (by hand) is never shipped: the copy below is the committed bundle.
    cpSync(from, path.join(dir, folder), {
      recursive: true,
      filter: (src) => path.relative(from, src).split(path.sep)[0] !== 'dist',
    });
    cpSync(path.join(root, 'dist'), path.join(dir, folder, 'dist'), {
      recursive: true,
      filter: (src) => !NOT_IN_TASK.has(path.relative(path.join(root, 'dist'), src)),
    });
  }
}

function outputFile(output, manifest) {
  const isDir =
    output.endsWith(path.sep) ||
    (existsSync(output) && statSync(output).isDirectory()) ||
    !output.endsWith('.vsix');
  // Like tfx: a path not ending in .vsix is a directory, and the file gets tfx's own name in it.
  if (!isDir) return output;
  return path.join(output, `${manifest.publisher}.${manifest.id}-${manifest.version}.vsix`);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return console.log(USAGE);
  const manifest = preflight();
  const out = outputFile(opts.output, manifest);
  mkdirSync(path.dirname(out), { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vsix-stage-'));
  try {
    stage(manifest, dir);
    const tfx = path.join(
      path.dirname(createRequire(import.meta.url).resolve('tfx-cli/package.json')),
      '_build',
      'tfx-cli.js',
    );
    const args = ['extension', 'create', '--root', dir, '--manifest-globs', 'vss-extension.json'];
    args.push('--output-path', out, '--no-prompt', '--json', '--no-color');
    const r = spawnSync(process.execPath, [tfx, ...args], { cwd: dir, encoding: 'utf8' });
    let made;
    try {
      made = JSON.parse(r.stdout);
    } catch {
      made = undefined;
    }
    if (r.status !== 0 || !made?.path)
      fail(`tfx extension create failed (exit ${r.status}):\n${(r.stdout + r.stderr).trim()}`);
    const result = {
      path: made.path,
      extensionId: made.extensionId,
      publisher: made.publisher,
      version: made.version,
      bytes: statSync(made.path).size,
    };
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else
      console.log(
        `wrote ${path.relative(process.cwd(), result.path) || result.path} (${(result.bytes / 1024).toFixed(0)} KiB)`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  if (!(e instanceof Refusal)) throw e;
  console.error(`package:vsix: ${e.message}`);
  process.exitCode = 1;
}
