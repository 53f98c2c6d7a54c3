/**
 * The npm package as a user gets it: `npm pack` of this repository, installed from the tarball into an
 * empty project with an empty cache and `--offline` (so nothing can come from the registry: the package
 * has no runtime dependencies, everything it runs is bundled in dist/), then run through the installed
 * `fabric-deploy` command: --version, a deploy of examples/ into the simulator, and `simulate`.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { RunningSimulator } from '../../src/simulator';
import { ROOT } from '../support/paths';
import { mustRun, runProcess } from '../support/run';
import { stopSimulator, withSimulator } from '../support/sim';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

type Item = { name: string; type: string; action: string };

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let tmp: string;
let packed: PackResult;
let tarball: string;
let consumer: string;
let bin: string;
const npmEnv = () => ({ npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_update_notifier: 'false' });

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'npm-pack-'));
  const r = await mustRun('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, env: npmEnv() });
  packed = (JSON.parse(r.stdout) as PackResult[])[0]!;
  tarball = path.join(tmp, packed.filename);
  consumer = path.join(tmp, 'consumer');
  cpSync(path.join(ROOT, 'examples'), path.join(consumer, 'examples'), { recursive: true });
  writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
  await mustRun('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: consumer,
    env: npmEnv(),
  });
  bin = path.join(consumer, 'node_modules', '.bin', 'fabric-deploy');
});

test('the tarball holds the bundle, its launcher, licences, README, changelog and the config schema; no sources or tests', () => {
  const files = packed.files.map((f) => f.path);
  for (const f of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'bin/fabric-deploy.js',
    'dist/index.js',
    'dist/package.json',
    'dist/simulator.js',
    'dist/licenses.txt',
    // The schema of the very version installed, for editors (yaml.schemas) without the network.
    'docs/fabric-deploy.schema.json',
  ])
    expect(files).toContain(f);
  for (const f of files)
    expect(f).toMatch(
      /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin\/|dist\/|docs\/fabric-deploy\.schema\.json$)/,
    );
  // What `npx fabric-deploy` downloads; the bundle-size test bounds dist/ itself.
  console.log(
    `${packed.filename}: ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${files.length} files`,
  );
  expect(packed.size).toBeLessThan(2 * 1024 * 1024);
});

test('the installed package.json is publishable and declares no runtime dependency', () => {
  const installed = JSON.parse(
    readFileSync(path.join(consumer, 'node_modules', pkg.name, 'package.json'), 'utf8'),
  ) as Record<string, unknown>;
  expect(installed.private).toBeUndefined();
  expect(installed.dependencies).toBeUndefined();
  expect(installed.optionalDependencies).toBeUndefined();
  expect(installed.peerDependencies).toBeUndefined();
  expect(installed.bin).toEqual({ 'fabric-deploy': 'bin/fabric-deploy.js' });
  expect(installed.engines).toEqual({ node: '>=20' });
  expect(installed.license).toBe('MIT');
  expect(installed.repository).toEqual({
    type: 'git',
    url: 'git+https://github.com/fabric-deploy/fabric-deploy.git',
  });
  // Only the package itself was installed: no node_modules of its own, nothing else beside it.
  expect(existsSync(path.join(consumer, 'node_modules', pkg.name, 'node_modules'))).toBe(false);
  const lock = JSON.parse(readFileSync(path.join(consumer, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  expect(Object.keys(lock.packages).sort()).toEqual(['', `node_modules/${pkg.name}`]);
  // The launcher is executable (npm links it; a missing shebang would make the shell run it as sh).
  expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(statSync(bin).mode & 0o111).not.toBe(0);
});

test('`fabric-deploy --version` and `npx fabric-deploy --version` print the package version', async () => {
  const direct = await runProcess(bin, ['--version'], { cwd: consumer });
  expect(direct).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  const npx = await runProcess('npx', ['--offline', 'fabric-deploy', '--version'], {
    cwd: consumer,
    env: npmEnv(),
  });
  expect(npx.code).toBe(0);
  expect(npx.stdout).toBe(`${pkg.version}\n`);
});

describe('against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await withSimulator();
  });
  afterAll(() => stopSimulator(sim));

  test('the installed command plans, then deploys examples/ and reports it as JSON', async () => {
    const env = {
      FABRIC_DEPLOY_AUTH: 'token',
      FABRIC_DEPLOY_TOKEN: sim.issueToken(),
      FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
    };
    const args = ['--config', 'examples/fabric-deploy.yml', '--environment', 'dev'];
    const wsName = 'from-npm-package';
    const plan = await runProcess(bin, ['plan', ...args, '--workspace-name', wsName, '--json'], {
      cwd: consumer,
      env,
    });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)['has-changes']).toBe(true);
    const r = await runProcess(bin, ['deploy', ...args, '--workspace-name', wsName, '--json'], {
      cwd: consumer,
      env,
    });
    expect(r.stderr).not.toMatch(/Error|TypeError/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { result: string; 'workspace-id': string; items: Item[] };
    expect(out.result).toBe('succeeded');
    const items = out.items;
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.action))).toEqual(new Set(['create']));
    const auth = { authorization: `Bearer ${env.FABRIC_DEPLOY_TOKEN}` };
    const live = (await (
      await fetch(`${sim.fabricApiUrl}/workspaces/${out['workspace-id']}/items`, { headers: auth })
    ).json()) as { value: { displayName: string; type: string }[] };
    for (const i of items)
      expect(live.value).toContainEqual(expect.objectContaining({ displayName: i.name, type: i.type }));
  });
});

test('`fabric-deploy simulate` starts the packaged simulator and prints its endpoints', async () => {
  const child = spawn(bin, ['simulate', '--port', '0', '--quiet'], {
    cwd: consumer,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  try {
    const lines = readline.createInterface({ input: child.stdout });
    const it = lines[Symbol.asyncIterator]();
    const ready = (await it.next()).value as string;
    expect(ready).toMatch(/^READY http:\/\/127\.0\.0\.1:\d+$/);
    const info = JSON.parse((await it.next()).value as string) as { fabricApiUrl: string; token: string };
    const res = await fetch(`${info.fabricApiUrl}/workspaces`, {
      headers: { authorization: `Bearer ${info.token}` },
    });
    expect(res.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
});
