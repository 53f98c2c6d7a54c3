/**
 * Kill at every step: the built bundle (CLI) deploys a change set (an update, creates in a new folder
 * with a dependency, an orphan delete) and is killed with SIGKILL right after the service applied its
 * k-th write, before the answer reached it (the hardest moment: applied but unacknowledged). Then
 * `fabric-deploy rollback --journal` runs as the docs say. For every k the workspace must end exactly
 * as it was before the run (every definition part, folder and name), or — once the journal says the
 * deploy committed — exactly as deployed. The tally is printed for docs/reliability.md.
 */
import { readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runBundle } from '../support/bundle';
import { DIST } from '../support/paths';
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
import { rmSync } from 'node:fs';
import { fileSimulator, tokenEnv } from '../support/sim';

const sim = fileSimulator();

let WS = '';
const cfg = (dir: string) => path.join(dir, 'fabric-deploy.yml');

interface Fired {
  hits: number;
}
async function ruleHits(): Promise<number> {
  const body = (await (await fetch(`${sim.url}/_sim/faults`)).json()) as { value: Fired[] };
  return body.value.reduce((n, r) => n + (r.hits ?? 0), 0);
}

type HostKind = 'cli' | 'github' | 'azure-devops';
/** What the last deploy printed, for a failure message. */
let lastOutput = '';

/** The deploy as each host starts it: CLI flags, or the Action's / the task's INPUT_* variables. */
function hostRun(host: HostKind, dir: string, tmp: string, env: Record<string, string>) {
  const token = { auth: 'token', token: env.FABRIC_DEPLOY_TOKEN!, url: env.FABRIC_DEPLOY_FABRIC_API_URL! };
  if (host === 'cli')
    return {
      args: ['deploy', '--config', cfg(dir), '--delete-orphans', 'true'],
      env: { ...env, TMPDIR: tmp },
    };
  if (host === 'github') {
    const out = path.join(tmp, 'github-output');
    writeFileSync(out, '');
    return {
      args: [],
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: out,
        // Not created, unlike on a runner: a summary that cannot be written is a warning, and the run
        // that goes through still exits 0 (asserted below).
        GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
        RUNNER_TEMP: tmp,
        INPUT_CONFIG: cfg(dir),
        'INPUT_DELETE-ORPHANS': 'true',
        INPUT_AUTH: token.auth,
        INPUT_TOKEN: token.token,
        'INPUT_FABRIC-API-URL': token.url,
      },
    };
  }
  return {
    args: [],
    env: {
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: tmp,
      INPUT_CONFIG: cfg(dir),
      INPUT_DELETEORPHANS: 'true',
      INPUT_AUTH: token.auth,
      INPUT_TOKEN: token.token,
      INPUT_FABRICAPIURL: token.url,
    },
  };
}

/** Runs the deploy in a child on `host`; kills it once the fault fired. Resolves with how it ended. */
function deployUntilFault(
  host: HostKind,
  dir: string,
  tmp: string,
  env: Record<string, string>,
): Promise<'killed' | number> {
  const run = hostRun(host, dir, tmp, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'index.js'), ...run.args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...run.env },
      cwd: tmp,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let done = false;
    const timer = setInterval(() => {
      void ruleHits().then((n) => {
        if (n > 0 && !done) {
          done = true;
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, reject);
    }, 15);
    child.on('exit', (code) => {
      clearInterval(timer);
      lastOutput = output;
      resolve(done ? 'killed' : (code ?? -1));
    });
  });
}

const journalIn = (tmp: string) =>
  readdirSync(tmp)
    .filter((f) => /^fabric-deploy-journal-.*\.jsonl$/.test(f))
    .map((f) => path.join(tmp, f));

/** Comparable state: names, folders, parts (ids of re-created items may differ, so they are left out). */
const state = () => {
  const s = snapshot(sim, WS)!;
  return {
    folders: s.folders,
    items: s.items.map(({ id: _id, ...rest }) => rest),
  };
};

test('killed after each applied write, the journal rollback restores the workspace exactly', async () => {
  const env = tokenEnv(sim);
  const before = [
    notebook('base', 1, `print('base v1')`, [], 'etl'),
    notebook('user', 2, `print('user v1')`, [1], 'etl'),
    notebook('orphan', 3, `print('orphan')`),
  ];
  const tally: string[] = [];
  // One workspace per sweep: each starts from the same prior state. Every write kind on the CLI; the
  // creates and updates (the writes before the commit) on the Action and the task as well.
  const sweeps: [HostKind, string][] = [
    ['cli', 'POST'],
    ['cli', 'PATCH'],
    ['cli', 'DELETE'],
    ['github', 'POST'],
    ['azure-devops', 'POST'],
  ];
  for (const [host, method] of sweeps) {
    WS = `kill-sweep-${host}-${method.toLowerCase()}`;
    const dir = project(config(WS), before);
    expect((await runBundle(['deploy', '--config', cfg(dir)], env)).code).toBe(0);
    const prior = state();
    // The deployed state embeds this workspace's ids (rewritten references): known once per workspace.
    let deployed: ReturnType<typeof state> | undefined;
    // The change: one update, two creates in a new folder (the pipeline uses the new notebook), one orphan delete.
    rmSync(path.join(dir, 'items', 'orphan.Notebook'), { recursive: true });
    writeItems(dir, [
      notebook('user', 2, `print('user v2')`, [1], 'etl'),
      notebook('fresh', 4, `print('fresh')`, [], 'new'),
      { ...pipeline('flow', 5, [4]), folder: 'new' },
    ]);
    const redeploy = async () => {
      const r = await runBundle(['deploy', '--config', cfg(dir), '--delete-orphans', 'true'], env);
      expect({ code: r.code, stderr: r.stderr.slice(-800) }).toMatchObject({ code: 0 });
      deployed ??= state();
      expect(state()).toEqual(deployed);
    };
    for (let k = 0; ; k++) {
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'fd-kill-'));
      await clearFaults(sim);
      await addFault(sim, {
        method,
        path: '/v1/**',
        skip: k,
        times: 1,
        action: { delayMs: 600_000, after: true },
      });
      const end = await deployUntilFault(host, dir, tmp, env);
      await clearFaults(sim);
      const label = `${host} ${method} #${k + 1}`;
      if (end !== 'killed') {
        // Fewer than k+1 such writes: this run went through.
        expect({ label, end, output: end === 0 ? '' : lastOutput.slice(-2000) }).toEqual({
          label,
          end: 0,
          output: '',
        });
        deployed ??= state();
        expect(state()).toEqual(deployed);
        tally.push(`${host} ${method}: ${k} write${k === 1 ? '' : 's'} in a run`);
        break;
      }
      const [journal] = journalIn(tmp);
      if (!journal) {
        // Killed before the journal existed (a write before the first change): nothing changed.
        expect({ label, state: state() }).toEqual({ label, state: prior });
        tally.push(`${label}: before the first change — unchanged`);
        continue;
      }
      const rb = await runBundle(['rollback', '--journal', journal, '--json'], { ...env, TMPDIR: tmp });
      const out = JSON.parse(rb.stdout || '{}') as { result?: string };
      rmSync(tmp, { recursive: true, force: true });
      if (out.result === 'rolled-back') {
        expect({ label, code: rb.code, state: state() }).toEqual({ label, code: 0, state: prior });
        tally.push(`${label}: rolled back exactly`);
        continue;
      }
      // A committed deploy is not rolled back (its orphan deletes cannot be undone): it says so, and a
      // re-run completes it. Every later write of this method is after the commit too.
      expect({ label, code: rb.code, stderr: rb.stderr }).toMatchObject({
        label,
        code: 1,
        stderr: expect.stringMatching(/had committed: its changes stand and nothing was undone/),
      });
      await redeploy();
      tally.push(`${label}: after the commit — refused, a re-run completes the deploy`);
      break;
    }
  }
  console.log(`kill sweep: ${tally.length} cases, all passed\n${tally.join('\n')}`);
  expect(tally.filter((t) => /rolled back exactly/.test(t)).length).toBeGreaterThan(3);
}, 400_000);
