/**
 * Bounded work on hostile input (issue #11, item 8), through the committed bundle against the simulator:
 * a parameter.yml regex with catastrophic backtracking finishes (linear-time matching), a regex that needs
 * backtracking is refused at its file and line, and config / parameter paths that are a FIFO, a device or
 * too large are refused in Settings instead of hanging. Nothing is written to Fabric in the refusals.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { lid, platform, snapshot } from '../support/deploy';
import { fabricWrites, stopSimulator, withSimulator, tokenEnv } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await withSimulator();
  env = tokenEnv(sim);
});
afterAll(() => stopSimulator(sim));

/** The bundle's CLI; `out` is everything it printed (logs go to stdout, or to stderr with --json). */
const cli = async (args: string[]) => {
  const r = await runBundle(args, env);
  return { ...r, out: r.stdout + r.stderr };
};

/** A checkout with one notebook whose content is `body`, and `parameters` as its parameter.yml. */
function checkout(ws: string, parameters: string, body: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-hostile-'));
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: ${ws}\nitems:\n  directory: workspace\n  parameterFile: workspace/parameter.yml\n`,
  );
  const nb = path.join(dir, 'workspace', 'Load.Notebook');
  mkdirSync(nb, { recursive: true });
  writeFileSync(path.join(nb, '.platform'), platform('Notebook', 'Load', lid(1)));
  writeFileSync(path.join(nb, 'notebook-content.py'), `# Fabric notebook source\n${body}\n`);
  writeFileSync(path.join(dir, 'workspace', 'parameter.yml'), parameters);
  return dir;
}

async function noWrites<T>(fn: () => Promise<T>): Promise<T> {
  const before = (await fabricWrites(sim)).length;
  const out = await fn();
  expect((await fabricWrites(sim)).slice(before)).toEqual([]);
  return out;
}

describe('parameter.yml regexes run in linear time', () => {
  it('catastrophic backtracking ((a+)+$ against 30 000 a and a b) finishes; the regex that matched nothing is named', async () => {
    // A backtracking engine needs about 2^30000 steps here; jest's time-out would end the test first.
    const params = `find_replace:\n  - find_value: "x = '((a+)+)$'"\n    is_regex: "true"\n    replace_value:\n      _ALL_: "b"\n  - find_value: 'host = "(dev)"'\n    is_regex: "true"\n    replace_value:\n      _ALL_: "prod"\n`;
    const dir = checkout('hostile-redos-ws', params, `x = '${'a'.repeat(30_000)}b'\nhost = "dev"`);
    const r = await cli(['deploy', '--config', path.join(dir, 'fabric-deploy.yml'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toBe('succeeded');
    expect(r.out).toContain(path.join(dir, 'workspace', 'parameter.yml') + ':2');
    const part = snapshot(sim, 'hostile-redos-ws')!.items[0]!.parts[0]!;
    const content = Buffer.from(part.slice(part.indexOf(':') + 1), 'base64').toString('utf8');
    expect(content.endsWith('host = "prod"\n')).toBe(true);
    // Under strict-parameters the rule that matched nothing stops the run, at its line.
    const strict = await noWrites(() =>
      cli(['deploy', '--config', path.join(dir, 'fabric-deploy.yml'), '--strict-parameters', 'true']),
    );
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(path.join(dir, 'workspace', 'parameter.yml') + ':2');
  });

  it('a backreference is refused at its file and line, saying why, before any write', async () => {
    const params = `find_replace:\n  - find_value: '(?P<q>")(dev)(?P=q)'\n    is_regex: "true"\n    replace_value:\n      _ALL_: "prod"\n`;
    const dir = checkout('hostile-backref-ws', params, 'host = "dev"');
    const r = await noWrites(() => cli(['plan', '--config', path.join(dir, 'fabric-deploy.yml')]));
    expect(r.code).toBe(1);
    expect(r.out).toContain(path.join(dir, 'workspace', 'parameter.yml') + ':2');
    expect(r.out).toMatch(
      /find_replace\[0\]: invalid regex: it uses a backreference, which needs a backtracking engine/,
    );
    expect(r.out).toMatch(/capture the value with \(…\)/);
    expect(snapshot(sim, 'hostile-backref-ws')).toBeUndefined();
  });
});

describe('config and parameter paths must be regular files of bounded size', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fd-paths-'));
  const fifo = path.join(tmp, 'fifo.yml');
  beforeAll(() => execFileSync('mkfifo', [fifo]));

  it('a FIFO as the config: refused at once, naming what it is', async () => {
    const r = await noWrites(() => cli(['deploy', '--config', fifo]));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/config file is a FIFO \(named pipe\), not a regular file/);
    expect(r.out).toContain(fifo);
  });

  it('/dev/zero as the config: refused, not read', async () => {
    const r = await noWrites(() => cli(['plan', '--config', '/dev/zero']));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/config file is a character device, not a regular file/);
  });

  it('a directory and an oversized file as the config', async () => {
    const dir = await noWrites(() => cli(['plan', '--config', tmp]));
    expect(dir.code).toBe(1);
    expect(dir.out).toMatch(/config file is a directory/);
    const big = path.join(tmp, 'big.yml');
    writeFileSync(big, `# ${'x'.repeat(5 * 1024 * 1024)}\nversion: 1\n`);
    const r = await noWrites(() => cli(['plan', '--config', big]));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/config file is \d+ bytes, more than the 4194304 bytes a config file may have/);
  });

  it('a FIFO as the parameter file (input) and as an extended file (at its extend line)', async () => {
    const dir = checkout('hostile-fifo-ws', 'find_replace: []\n', 'x = 1');
    const r = await noWrites(() =>
      cli(['plan', '--config', path.join(dir, 'fabric-deploy.yml'), '--parameter-file', fifo]),
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/parameter file is a FIFO \(named pipe\), not a regular file/);
    writeFileSync(path.join(dir, 'workspace', 'parameter.yml'), `extend:\n  - ${JSON.stringify(fifo)}\n`);
    const ext = await noWrites(() => cli(['plan', '--config', path.join(dir, 'fabric-deploy.yml')]));
    expect(ext.code).toBe(1);
    expect(ext.out).toContain(`${path.join(dir, 'workspace', 'parameter.yml')}:2`);
    expect(ext.out).toMatch(/extended parameter file '[^']*fifo\.yml' is a FIFO/);
  });
});
