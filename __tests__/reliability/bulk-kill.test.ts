/**
 * Rollback with bulk (issue #13, item 3), through the built bundle: a `strategy: bulk` deploy (two
 * updates, a create in a new folder and a pipeline that references it) is SIGKILLed once the service
 * has taken its bulkImportDefinitions call, before the answer reaches it. The journal names the
 * rollback snapshot (the pre-deploy export of the updated items, beside the journal) instead of holding
 * their definitions, and `fabric-deploy rollback --journal` — run from another directory, as after an
 * artifact download — restores the updated items byte for byte and deletes the created ones.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runBundle } from '../support/bundle';
import {
  addFault,
  clearFaults,
  config,
  notebook,
  pipeline,
  project,
  snapshot,
  writeItems,
} from '../support/deploy';
import { sleep } from '../support/fabric';
import { DIST } from '../support/paths';
import { tokenEnv, useSimulator } from '../support/sim';

const sim = useSimulator();
const WS = 'bulk-kill';

async function ruleHits(): Promise<number> {
  const body = (await (await fetch(`${sim().url}/_sim/faults`)).json()) as { value: { hits?: number }[] };
  return body.value.reduce((n, r) => n + (r.hits ?? 0), 0);
}

/** Runs the bundle's deploy and SIGKILLs it as soon as the fault rule fired. */
function deployUntilFault(args: string[], env: Record<string, string>, tmp: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'index.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, TMPDIR: tmp },
      cwd: tmp,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let killed = false;
    const timer = setInterval(() => {
      void ruleHits().then((n) => {
        if (n > 0 && !killed) {
          killed = true;
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, reject);
    }, 15);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve(killed ? 'killed' : `exited ${code}: ${output.slice(-1500)}`);
    });
  });
}

/** Names, folders and every definition part of the workspace's items (ids left out). */
const state = () => {
  const s = snapshot(sim(), WS)!;
  return { folders: s.folders, items: s.items.map(({ id: _id, ...rest }) => rest) };
};

test('killed after the bulk import was sent, rollback --journal restores the updates from the snapshot and deletes the creates', async () => {
  const env = tokenEnv(sim());
  const dir = project(config(WS), [
    notebook('base', 1, `print('base v1')`, [], 'etl'),
    notebook('user', 2, `print('user v1')`, [1], 'etl'),
  ]);
  expect((await runBundle(['deploy', '--config', path.join(dir, 'fabric-deploy.yml')], env)).code).toBe(0);
  const prior = state();
  writeItems(dir, [
    notebook('base', 1, `print('base v2')`, [], 'etl'),
    notebook('user', 2, `print('user v2')`, [1], 'etl'),
    notebook('fresh', 4, `print('fresh')`, [], 'new'),
    { ...pipeline('flow', 5, [4]), folder: 'new' },
  ]);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fd-bulk-kill-'));
  await addFault(sim(), {
    method: 'POST',
    path: '/v1/workspaces/*/items/bulkImportDefinitions',
    times: 1,
    action: { delayMs: 600_000, after: true },
  });
  const end = await deployUntilFault(
    ['deploy', '--config', path.join(dir, 'fabric-deploy.yml'), '--strategy', 'bulk'],
    env,
    tmp,
  );
  await clearFaults(sim());
  expect(end).toBe('killed');
  // The service goes on with the import it had taken: the workspace gets the change.
  for (let i = 0; i < 200 && !state().items.some((it) => it.name === 'fresh'); i++) await sleep(25);
  expect(state().items.map((i) => i.name)).toContain('fresh');
  const journal = readdirSync(tmp).find((f) => /^fabric-deploy-journal-.*\.jsonl$/.test(f))!;
  expect(journal).toBeDefined();
  const snap = journal.replace(/\.jsonl$/, '.snapshot.json');
  expect(existsSync(path.join(tmp, snap))).toBe(true);
  const text = readFileSync(path.join(tmp, journal), 'utf8');
  const restores = text
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as { rec: string; undo?: { kind: string; snapshot?: string; definition?: unknown } },
    )
    .filter((l) => l.rec === 'step' && l.undo?.kind === 'restore-definition');
  // Two updates, each undone from the snapshot the journal names, none with its definition inline.
  expect(restores).toHaveLength(2);
  for (const r of restores) {
    expect(r.undo!.snapshot).toBe(path.join(tmp, snap));
    expect(r.undo!.definition).toBeUndefined();
  }

  // The journal and its snapshot downloaded elsewhere (the run's temp dir is gone).
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'fd-bulk-artifact-'));
  copyFileSync(path.join(tmp, journal), path.join(elsewhere, journal));
  const held = path.join(os.tmpdir(), `${snap}.held`);
  copyFileSync(path.join(tmp, snap), held);
  rmSync(tmp, { recursive: true, force: true });
  // Without the snapshot, the replay refuses before any undo and names what is missing.
  const missing = await runBundle(['rollback', '--journal', path.join(elsewhere, journal), '--json'], env);
  expect(missing.code).toBe(1);
  expect(missing.stdout + missing.stderr).toContain(
    `the journal's rollback snapshot '${path.join(tmp, snap)}' cannot be read`,
  );
  expect(state()).not.toEqual(prior);

  // With it beside the journal, the replay restores the updates byte for byte and deletes the creates.
  copyFileSync(held, path.join(elsewhere, snap));
  rmSync(held);
  const rb = await runBundle(['rollback', '--journal', path.join(elsewhere, journal), '--json'], env);
  expect({ code: rb.code, result: (JSON.parse(rb.stdout || '{}') as { result?: string }).result }).toEqual({
    code: 0,
    result: 'rolled-back',
  });
  expect(state()).toEqual(prior);
});
