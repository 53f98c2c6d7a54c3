/**
 * A failure at every kind of call (issue #11, item 1), through the built bundle on the CLI: a
 * representative deploy (a new workspace, then an update, creates in a new folder with a dependency
 * and an orphan delete) is run once to learn which kinds of Fabric call it makes; then, for each kind,
 * the same deploy runs against the same prior state with every call of that kind refused (400). Each
 * run must end without a crash, with its outputs, and with the workspace exactly as before (rolled
 * back, or nothing changed), or — for a call after the commit — as deployed and saying so. A rollback
 * that meets the same refusal ends `rollback-incomplete`, and its printed finish command, once the
 * service recovers, restores the prior state. No lock is left behind. The tally is printed.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { DEFAULTS } from '../../src/simulator/state';
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
import { fileSimulator, tokenEnv } from '../support/sim';
import { requestLog } from '../support/fabric';
import { GUID } from '../support/trace';

const sim = fileSimulator();
afterEach(() => clearFaults(sim));

const cfg = (dir: string) => path.join(dir, 'fabric-deploy.yml');

const log = () => requestLog(sim);
/** `POST /v1/workspaces/*\/items`: a kind of call, as a fault rule matches it. */
const kindOf = (e: { method: string; path: string }) =>
  `${e.method} ${e.path.split('?')[0]!.replace(GUID, '*')}`;

/** Comparable state without ids (re-created items get new ones). */
const state = (ws: string) => {
  const s = snapshot(sim, ws);
  return s && { folders: s.folders, items: s.items.map(({ id: _id, ...rest }) => rest) };
};
const lockFolders = (ws: string) => {
  const id = Object.values(sim.state.workspaces).find((w) => w.displayName === ws)?.id;
  return Object.values(sim.state.folders)
    .filter((f) => f.workspaceId === id && /^fabric-deploy-lock /.test(f.displayName))
    .map((f) => f.displayName);
};

const before = [
  notebook('base', 1, `print('base v1')`, [], 'etl'),
  notebook('user', 2, `print('user v1')`, [1], 'etl'),
  notebook('orphan', 3, `print('orphan')`),
];
const after = [
  notebook('base', 1, `print('base v1')`, [], 'etl'),
  notebook('user', 2, `print('user v2')`, [1], 'etl'),
  notebook('fresh', 4, `print('fresh')`, [], 'new'),
  { ...pipeline('flow', 5, [4]), folder: 'new' },
];

/** The simulator's whole state, and putting it back: every faulted run starts from the very same one. */
const saveState = async (): Promise<unknown> => (await fetch(`${sim.url}/_sim/state`)).json();
async function restoreState(saved: unknown): Promise<void> {
  await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
  await fetch(`${sim.url}/_sim/state`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(saved),
  });
}

const deploy = (dir: string, env: Record<string, string>) =>
  runBundle(['deploy', '--config', cfg(dir), '--delete-orphans', 'true', '--json'], env);

/** The kinds of Fabric call the deploy of `dir` makes (it runs it). */
async function probe(dir: string, env: Record<string, string>): Promise<string[]> {
  const from = (await log()).length;
  const r = await deploy(dir, env);
  expect({ code: r.code, stderr: r.stderr.slice(-600) }).toMatchObject({ code: 0 });
  return [
    ...new Set(
      (await log())
        .slice(from)
        .filter((e) => e.path.startsWith('/v1/'))
        .map(kindOf),
    ),
  ];
}

test('a refusal at every kind of call ends exactly as before, or as deployed after the commit', async () => {
  const env = tokenEnv(sim);
  // An existing workspace ('fault-x') with the prior items, and a project with the change for it;
  // a project for a workspace that does not exist yet ('fault-n').
  const member = `    - { id: ${DEFAULTS.otherUser.id}, type: User, role: Member }\n`;
  const dirX = project(config('fault-x', `  description: before\n  principals:\n${member}`), before);
  expect((await runBundle(['deploy', '--config', cfg(dirX)], env)).code).toBe(0);
  rmSync(path.join(dirX, 'items', 'orphan.Notebook'), { recursive: true });
  writeItems(dirX, after);
  // The change also rewrites the description, raises a role and adds a principal.
  writeFileSync(
    cfg(dirX),
    config(
      'fault-x',
      `  description: after\n  principals:\n${member.replace('Member', 'Admin')}    - { id: ${DEFAULTS.viewerUser.id}, type: User, role: Viewer }\n`,
    ),
  );
  const dirN = project(config('fault-n', `  capacity:\n    name: F2 Dev\n  principals:\n${member}`), after);
  const saved = await saveState();
  const prior = { x: state('fault-x'), n: state('fault-n') };

  // The probes: which kinds of call each deploy makes, and what each deploys.
  const kindsX = await probe(dirX, env);
  const kindsN = (await probe(dirN, env)).filter((k) => !kindsX.includes(k));
  const deployed = { x: state('fault-x'), n: state('fault-n') };
  expect(kindsX.length).toBeGreaterThan(8);
  expect(kindsN).toContain('POST /v1/workspaces');

  const tally: string[] = [];
  const cases = [
    ...kindsX.map((kind) => ({ kind, ws: 'fault-x', dir: dirX, key: 'x' as const })),
    ...kindsN.map((kind) => ({ kind, ws: 'fault-n', dir: dirN, key: 'n' as const })),
  ];
  for (const { kind, ws, dir, key } of cases) {
    await restoreState(saved);
    const [method, p] = kind.split(' ') as [string, string];
    await addFault(sim, {
      method,
      path: p,
      action: { status: 400, errorCode: 'InvalidRequest', message: `Injected refusal of ${kind}.` },
    });
    const r = await deploy(dir, env);
    await clearFaults(sim);
    const label = `${ws === 'fault-n' ? '(new workspace) ' : ''}${kind}`;
    // Never a crash: outputs in --json, no stack trace, a result, no lock left.
    expect({ label, trace: /\n\s+at .+:\d+:\d+\)?\n/.test(r.stderr) }).toEqual({ label, trace: false });
    const out = JSON.parse(r.stdout) as { result: string };
    expect({ label, lock: lockFolders(ws) }).toEqual({ label, lock: [] });
    const names = () =>
      state(ws)
        ?.items.map((i) => i.name)
        .sort();
    if (out.result === 'succeeded') {
      // A call the deploy can do without (the lock release falls back): the deploy is whole.
      // (Ids of created items differ per run, and so do the references to them.)
      expect({ label, code: r.code, names: names() }).toEqual({
        label,
        code: 0,
        names: deployed[key]?.items.map((i) => i.name).sort(),
      });
      tally.push(`${label}: absorbed — succeeded, deployed whole`);
      continue;
    }
    expect({ label, code: r.code }).toEqual({ label, code: 1 });
    if (out.result === 'rollback-incomplete') {
      // The undo needs the refused call too: the finish command, once it is accepted, completes it.
      const journal = /rollback --journal (\S+)/.exec(r.stderr)?.[1];
      expect({ label, journal: !!journal }).toEqual({ label, journal: true });
      const rb = await runBundle(['rollback', '--journal', journal!], env);
      expect({ label, code: rb.code, state: state(ws) }).toEqual({ label, code: 0, state: prior[key] });
      tally.push(`${label}: rollback-incomplete, then the finish command restored it`);
      continue;
    }
    if (out.result === 'failed' && /committed/.test(r.stderr)) {
      // After the commit (an orphan delete): the changes stand, and the run names what is left.
      expect({ label, names: names() }).toEqual({
        label,
        names: [...(deployed[key]?.items.map((i) => i.name) ?? []), 'orphan'].sort(),
      });
      tally.push(`${label}: after the commit — deployed, the orphan left and named`);
      continue;
    }
    expect({ label, result: out.result, state: state(ws) }).toEqual({
      label,
      result: expect.stringMatching(/^(rolled-back|failed)$/),
      state: prior[key],
    });
    tally.push(`${label}: ${out.result} — exactly as before`);
  }
  console.log(`fault sweep: ${cases.length} kinds of call, ${tally.length} passed\n${tally.join('\n')}`);
}, 300_000);
