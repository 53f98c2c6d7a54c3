/**
 * A safe CLI (issue #14, item 6), through the committed bundle against the simulator: no arguments print
 * the help and deploy nothing; an unknown flag or command is one line, a did-you-mean and where the help
 * is; `plan --detailed-exitcode` says 0 / 2 / 1; `destroy` lists what it will delete, asks on a terminal
 * (a real pty, through util-linux `script`) and without one needs `--yes`, deleting nothing otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { config, notebook, project, snapshot } from '../support/deploy';
import { DIST } from '../support/paths';
import { fabricWrites, stopSimulator, tokenEnv, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await withSimulator();
  env = tokenEnv(sim);
});
afterAll(() => stopSimulator(sim));

const cli = (args: string[], extra: Record<string, string> = {}) => runBundle(args, { ...env, ...extra });
const cfg = (dir: string) => path.join(dir, 'fabric-deploy.yml');

describe('usage', () => {
  it('no arguments: the help on stderr, exit 1, nothing deployed', async () => {
    const dir = project(config('safe-cli-noargs-ws'), [notebook('nb_1', 1)]);
    const before = (await fabricWrites(sim)).length;
    const r = await runBundle([], { ...env, FABRIC_DEPLOY_CONFIG: cfg(dir) }, undefined, undefined, dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: fabric-deploy \[options\] \[command\]/);
    expect(r.stderr).toMatch(/deploy {2,}Deploy the items\n/);
    expect((await fabricWrites(sim)).length).toBe(before);
    expect(snapshot(sim, 'safe-cli-noargs-ws')).toBeUndefined();
  });

  it('`help` and `--help` print the help on stdout, exit 0', async () => {
    for (const args of [['help'], ['--help'], ['help', 'plan'], ['plan', '--help']]) {
      const r = await cli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.stdout).toMatch(/^Usage: fabric-deploy/);
    }
    expect((await cli(['help', 'destroy'])).stdout).toMatch(/--yes/);
    expect((await cli(['help', 'plan'])).stdout).toMatch(/--detailed-exitcode/);
  });

  it('no arguments with FABRIC_DEPLOY_COMMAND runs that command', async () => {
    const dir = project(config('safe-cli-envcmd-ws'), [notebook('nb_1', 1)]);
    const r = await runBundle([], {
      ...env,
      FABRIC_DEPLOY_COMMAND: 'plan',
      FABRIC_DEPLOY_CONFIG: cfg(dir),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Fabric Plan has changes/);
    expect(snapshot(sim, 'safe-cli-envcmd-ws')).toBeUndefined();
  });

  it.each([
    [
      ['plan', '--workspace-nam', 'x'],
      "unknown option '--workspace-nam'",
      '(Did you mean --workspace-name?)',
      "(run 'fabric-deploy plan --help' to see its options)",
    ],
    [
      ['deplyo'],
      "unknown command 'deplyo'",
      '(Did you mean deploy?)',
      "(run 'fabric-deploy --help' to see the commands)",
    ],
    [
      ['destroy', '--yse'],
      "unknown option '--yse'",
      '(Did you mean --yes?)',
      "(run 'fabric-deploy destroy --help' to see its options)",
    ],
    [
      ['workspaces', 'list', '--bogus'],
      "unknown option '--bogus'",
      undefined,
      "(run 'fabric-deploy workspaces list --help' to see its options)",
    ],
    [
      ['plan', '--max-parallel'],
      "option '--max-parallel <value>' argument missing",
      undefined,
      "(run 'fabric-deploy plan --help' to see its options)",
    ],
  ])('%j: one line, a hint, not the whole help (exit 1)', async (args, error, suggestion, hint) => {
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `error: ${error}`,
      ...(suggestion ? [suggestion] : []),
      hint,
    ]);
  });
});

describe('plan --detailed-exitcode', () => {
  it('2 while something would change, 0 once deployed, 1 on an error', async () => {
    const dir = project(config('safe-cli-exitcode-ws'), [notebook('nb_1', 1)]);
    const plan = (extra: string[] = []) =>
      cli(['plan', '--config', cfg(dir), '--detailed-exitcode', '--json', ...extra]);
    const pending = await plan();
    expect(pending.code).toBe(2);
    expect(JSON.parse(pending.stdout)['has-changes']).toBe(true);
    expect((await cli(['deploy', '--config', cfg(dir), '--json'])).code).toBe(0);
    const clean = await plan();
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)['has-changes']).toBe(false);
    // Without the flag a plan with changes exits 0, as before.
    writeFileSync(
      path.join(dir, 'items', 'nb_1.Notebook', 'notebook-content.py'),
      '# Fabric notebook source\nprint("changed")\n',
    );
    expect((await cli(['plan', '--config', cfg(dir)])).code).toBe(0);
    expect((await plan()).code).toBe(2);
    const bad = await plan(['--max-parallel', 'lots']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.message).toMatch(/max-parallel/);
  });
});

describe('destroy asks first', () => {
  const deployed = async (ws: string) => {
    const dir = project(config(ws), [notebook('nb_1', 1), notebook('nb_2', 2, undefined, [], 'reports')]);
    expect((await cli(['deploy', '--config', cfg(dir), '--json'])).code).toBe(0);
    return dir;
  };
  const names = (ws: string) => snapshot(sim, ws)!.items.map((i) => i.name);

  it('without a terminal and without --yes: lists the items, refuses with the hint, deletes nothing', async () => {
    const ws = 'safe-cli-destroy-notty-ws';
    const dir = await deployed(ws);
    const before = (await fabricWrites(sim)).length;
    for (const extra of [{}, { CI: 'true' }] as Record<string, string>[]) {
      const r = await cli(['destroy', '--config', cfg(dir), '--json'], extra);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`destroy will delete 2 items from workspace '${ws}':`));
      expect(r.stderr).toContain("  - Notebook 'nb_1'");
      expect(r.stderr).toContain("  - Notebook 'nb_2' (in /reports)");
      expect(r.stderr).toContain(`refusing to destroy 2 items in workspace '${ws}' without --yes`);
      expect(r.stderr).toMatch(/fix: there is no terminal to ask on .*pass --yes/);
      const out = JSON.parse(r.stdout);
      expect(out.result).toBe('failed');
      expect(out.error.message).toMatch(/without --yes/);
    }
    expect((await fabricWrites(sim)).slice(before)).toEqual([]);
    expect(names(ws).sort()).toEqual(['nb_1', 'nb_2']);
  });

  it('with --yes: deletes them', async () => {
    const ws = 'safe-cli-destroy-yes-ws';
    const dir = await deployed(ws);
    const r = await cli(['destroy', '--config', cfg(dir), '--yes', '--json'], { CI: 'true' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).items.map((i: { action: string }) => i.action)).toEqual(['delete', 'delete']);
    expect(names(ws)).toEqual([]);
  });

  it('on a terminal: a wrong answer deletes nothing; the workspace name deletes', async () => {
    const ws = 'safe-cli-destroy-tty-ws';
    const dir = await deployed(ws);
    const before = (await fabricWrites(sim)).length;
    const no = await onTerminal(['destroy', '--config', cfg(dir)], 'yes');
    expect(no.code).toBe(1);
    expect(no.output).toContain(
      `Delete 2 items from workspace '${ws}'? This cannot be undone. Type '${ws}' to confirm:`,
    );
    expect(no.output).toContain("nothing was destroyed: the answer was not the workspace's name");
    expect((await fabricWrites(sim)).slice(before)).toEqual([]);
    expect(names(ws)).toHaveLength(2);

    const yes = await onTerminal(['destroy', '--config', cfg(dir)], ws);
    expect(yes.code).toBe(0);
    expect(yes.output).toContain("deleted Notebook 'nb_2'");
    expect(names(ws)).toEqual([]);
  });

  it('on GitHub the workflow is the consent: the list is logged and destroy goes ahead', async () => {
    const ws = 'safe-cli-destroy-gh-ws';
    const dir = await deployed(ws);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'safe-cli-gh-'));
    const out = path.join(tmp, 'out');
    writeFileSync(out, '');
    const r = await runBundle([], {
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: out,
      RUNNER_TEMP: tmp,
      INPUT_COMMAND: 'destroy',
      INPUT_CONFIG: cfg(dir),
      INPUT_AUTH: 'token',
      INPUT_TOKEN: env.FABRIC_DEPLOY_TOKEN,
      'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`destroy will delete 2 items from workspace '${ws}':`);
    expect(parseGitHubOutputs(out).result).toBe('succeeded');
    expect(names(ws)).toEqual([]);
  });
});

/**
 * Runs the bundle on a pseudo-terminal (`script`), answers the first prompt once it is shown, and returns
 * what the terminal showed. Input written before the prompt, or closed stdin, would be read as the answer.
 */
function onTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const quoted = [process.execPath, path.join(DIST, 'index.js'), ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', quoted, '/dev/null'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...env },
  });
  let output = '';
  let answered = false;
  child.stdout.on('data', (d) => {
    output += d;
    if (!answered && /to confirm: /.test(output)) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}
