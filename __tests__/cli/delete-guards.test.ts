/**
 * Guards against mass deletion (issue #11, item 6), through the committed bundle against the simulator:
 * delete-orphans refuses before any write when it would delete more than max-delete-ratio of the
 * workspace's items or when the repository selects no item; an empty selection is refused unless
 * allow-empty. Each refusal names the count, the share and the input to change; the workspace is unchanged.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { config, notebook, project, snapshot, writeItems } from '../support/deploy';
import { fabricWrites, stopSimulator, withSimulator, tokenEnv } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await withSimulator();
  env = tokenEnv(sim);
});
afterAll(() => stopSimulator(sim));

const cli = (command: string, dir: string, flags: string[] = []) =>
  runBundle([command, '--config', path.join(dir, 'fabric-deploy.yml'), '--json', ...flags], env);

const orphansOn = (ws: string, more = '') =>
  config(ws).replace(
    'items:\n  directory: items\n',
    `items:\n  directory: items\n  deleteOrphans: true\n${more}`,
  );

const four = () => [notebook('nb_a', 1), notebook('nb_b', 2), notebook('nb_c', 3), notebook('nb_d', 4)];

/** Runs `fn` and asserts that the simulator saw no write and the workspace is exactly as before. */
async function unchanged(ws: string, fn: () => Promise<void>): Promise<void> {
  const before = snapshot(sim, ws);
  const writes = (await fabricWrites(sim)).length;
  await fn();
  expect((await fabricWrites(sim)).slice(writes)).toEqual([]);
  expect(snapshot(sim, ws)).toEqual(before);
}

describe('delete-orphans share of the workspace', () => {
  const ws = 'guard-share-ws';
  let dir: string;

  beforeAll(async () => {
    dir = project(orphansOn(ws), four());
    const r = await cli('deploy', dir);
    expect(r.code).toBe(0);
  });

  it('refuses to delete 3 of 4 items (75 % > 50 %) before any write, naming count, share and input', async () => {
    for (const n of ['nb_b', 'nb_c', 'nb_d'])
      rmSync(path.join(dir, 'items', `${n}.Notebook`), { recursive: true });
    await unchanged(ws, async () => {
      for (const command of ['plan', 'deploy']) {
        const r = await cli(command, dir);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout).result).toBe('failed');
        expect(r.stderr).toMatch(/delete-orphans would delete 3 of the workspace's 4 items \(75 %\)/);
        expect(r.stderr).toMatch(/more than max-delete-ratio allows \(50 %\)/);
        expect(r.stderr).toMatch(/Notebook 'nb_b'/);
        expect(r.stderr).toMatch(/max-delete-ratio: 0\.75/);
        // The location is the config line that turned delete-orphans on.
        expect(r.stderr).toContain(`${path.join(dir, 'fabric-deploy.yml')}:6`);
      }
    });
  });

  it('deletes them when max-delete-ratio allows it (input as a percentage)', async () => {
    const r = await cli('deploy', dir, ['--max-delete-ratio', '75%']);
    expect(r.code).toBe(0);
    expect(snapshot(sim, ws)!.items.map((i) => i.name)).toEqual(['nb_a']);
  });

  it('a share at the limit is allowed (1 of 2 = 50 %)', async () => {
    writeItems(dir, [notebook('nb_e', 5)]);
    expect((await cli('deploy', dir)).code).toBe(0);
    rmSync(path.join(dir, 'items', 'nb_e.Notebook'), { recursive: true });
    const r = await cli('deploy', dir);
    expect(r.code).toBe(0);
    expect(snapshot(sim, ws)!.items.map((i) => i.name)).toEqual(['nb_a']);
  });

  it('items.maxDeleteRatio in the config is read; a bad input value is refused', async () => {
    const other = project(orphansOn('guard-share-cfg-ws', '  maxDeleteRatio: 0.2\n'), four());
    expect((await cli('deploy', other)).code).toBe(0);
    rmSync(path.join(other, 'items', 'nb_d.Notebook'), { recursive: true });
    await unchanged('guard-share-cfg-ws', async () => {
      const r = await cli('deploy', other);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /1 of the workspace's 4 items \(25 %\), more than max-delete-ratio allows \(20 %\)/,
      );
      const bad = await cli('deploy', other, ['--max-delete-ratio', '150%']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(
        /input 'max-delete-ratio' must be a share from 0 to 1 or a percentage, not '150%'/,
      );
    });
  });
});

describe('a repository that selects no item', () => {
  const ws = 'guard-empty-ws';
  let dir: string;
  beforeAll(async () => {
    dir = project(orphansOn(ws), four());
    expect((await cli('deploy', dir)).code).toBe(0);
  });

  it('empty items directory with delete-orphans: refused (even with allow-empty), nothing deleted', async () => {
    const empty = project(orphansOn(ws), []);
    await unchanged(ws, async () => {
      for (const flags of [[], ['--allow-empty', 'true'], ['--max-delete-ratio', '1']]) {
        const r = await cli('deploy', empty, flags);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/the repository selects no item \('[^']*items' holds no item folder/);
        expect(r.stderr).toMatch(/delete-orphans would delete every item of the workspace/);
        expect(r.stderr).toMatch(/command: destroy/);
      }
    });
    expect(snapshot(sim, ws)!.items).toHaveLength(4);
  });

  it('a type filter that excludes everything: refused, naming the filter', async () => {
    const filtered = project(orphansOn(ws, '  types: [Report]\n'), four());
    await unchanged(ws, async () => {
      const r = await cli('deploy', filtered);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/all 4 items in '[^']*' are left out by items\.types \[Report\]/);
    });
  });

  it('without delete-orphans an empty selection is an error unless allow-empty: true', async () => {
    const empty = project(config(ws), []);
    await unchanged(ws, async () => {
      const r = await cli('deploy', empty);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the repository selects no item/);
      expect(r.stderr).toMatch(/set allow-empty: true if an empty repository is intended/);
      const ok = await cli('deploy', empty, ['--allow-empty', 'true']);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).result).toBe('succeeded');
    });
    // items.allowEmpty in the config does the same.
    writeFileSync(path.join(empty, 'fabric-deploy.yml'), `${config(ws)}  allowEmpty: true\n`);
    expect((await cli('plan', empty)).code).toBe(0);
  });

  it('as a GitHub Action: failed result, an error annotation at the config, no write', async () => {
    const empty = project(orphansOn(ws), []);
    const tmp = path.join(os.tmpdir(), `guard-gh-${process.pid}`);
    mkdirSync(tmp, { recursive: true });
    const outputFile = path.join(tmp, 'output');
    writeFileSync(outputFile, '');
    await unchanged(ws, async () => {
      const r = await runBundle([], {
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: outputFile,
        RUNNER_TEMP: tmp,
        INPUT_CONFIG: path.join(empty, 'fabric-deploy.yml'),
        INPUT_AUTH: 'token',
        INPUT_TOKEN: env.FABRIC_DEPLOY_TOKEN,
        'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
      });
      expect(r.code).toBe(1);
      expect(parseGitHubOutputs(outputFile).result).toBe('failed');
      expect(r.stdout).toMatch(
        /::error file=[^,]*fabric-deploy\.yml,line=\d+[^:]*::.*the repository selects no item/,
      );
    });
  });
});
