/**
 * Recovery on the hosts, through the built bundle: a deploy step killed mid-deploy (SIGKILL right after
 * the service applied a write, before its answer came back) and then
 *  - GitHub: the Action's post step (dist/post.js with the STATE_* the main step left in GITHUB_STATE),
 *    or a later `command: rollback` step that finds the job's journal itself;
 *  - Azure Pipelines: the task's postjobexecution handler run as the agent runs it (support/agent.ts, the
 *    task variables the step set), or a `command: rollback` step given the step's journalFile output.
 * Each restores the workspace exactly; a post step after a deploy that ended does nothing.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractTask, runTaskAsAgent, jobDirectories, type AgentJob } from '../support/agent';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { addFault, clearFaults, config, notebook, project, snapshot, writeItems } from '../support/deploy';
import { DIST } from '../support/paths';
import { expectNotLogged, runProcess } from '../support/run';
import { fabricWrites, fileSimulator, tokenEnv } from '../support/sim';

const sim = fileSimulator();

const cfg = (dir: string) => path.join(dir, 'fabric-deploy.yml');

/** Comparable state: names, folders, parts (a re-created item's id may differ). */
const state = (ws: string) => {
  const s = snapshot(sim, ws)!;
  return { folders: s.folders, items: s.items.map(({ id: _id, ...rest }) => rest) };
};

/** A workspace deployed once, then a change (an update and a create in a new folder) in the repository. */
async function changedProject(ws: string) {
  const dir = project(config(ws), [
    notebook('base', 1, `print('base v1')`, [], 'etl'),
    notebook('user', 2, `print('user v1')`, [1], 'etl'),
  ]);
  expect((await runBundle(['deploy', '--config', cfg(dir)], tokenEnv(sim))).code).toBe(0);
  const prior = state(ws);
  writeItems(dir, [
    notebook('user', 2, `print('user v2')`, [1], 'etl'),
    notebook('fresh', 3, `print('fresh')`, [], 'new'),
  ]);
  return { dir, prior };
}

/**
 * Holds the create of the new item once the service applied it (the journal has the lock, the new folder
 * and the update before it); the child is killed then, its answer never seen.
 */
async function holdCreate(): Promise<void> {
  await clearFaults(sim);
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    times: 1,
    action: { delayMs: 600_000, after: true },
  });
}

/** Kills `child` with SIGKILL once the held write was applied (the fault fired). */
function killOnFault(child: ChildProcess): void {
  const timer = setInterval(() => {
    void fetch(`${sim.url}/_sim/faults`)
      .then((r) => r.json() as Promise<{ value: { hits?: number }[] }>)
      .then((b) => {
        if (b.value.some((r) => (r.hits ?? 0) > 0)) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      })
      .catch(() => undefined);
  }, 15);
  child.on('exit', () => clearInterval(timer));
}

describe('GitHub Actions', () => {
  const runner = (tmp: string, inputs: Record<string, string>, more: Record<string, string> = {}) => {
    for (const f of ['output', 'state', 'summary.md']) writeFileSync(path.join(tmp, f), '', { flag: 'a' });
    const env: Record<string, string> = {
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: path.join(tmp, 'output'),
      GITHUB_STATE: path.join(tmp, 'state'),
      GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
      RUNNER_TEMP: tmp,
      INPUT_AUTH: 'token',
      INPUT_TOKEN: sim.issueToken(),
      'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
      ...more,
    };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
    return env;
  };
  /** The post step as the runner starts it: the same inputs, the main step's state as STATE_<name>. */
  const postEnv = (main: Record<string, string>, stateFile: string) => {
    const env: Record<string, string> = {
      ...main,
      GITHUB_STATE: `${stateFile}.post`,
      GITHUB_OUTPUT: `${stateFile}.post-output`,
    };
    for (const f of [env.GITHUB_STATE!, env.GITHUB_OUTPUT!]) writeFileSync(f, '', { flag: 'a' });
    for (const [k, v] of Object.entries(parseGitHubOutputs(stateFile))) env[`STATE_${k}`] = v;
    return env;
  };

  /** The Action's deploy step in a job of its own (a fresh RUNNER_TEMP), killed after the held create. */
  const killedAction = async (dir: string, prefix: string) => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
    const env = runner(tmp, { config: cfg(dir) });
    await holdCreate();
    const main = await runProcess(process.execPath, [path.join(DIST, 'index.js')], {
      env,
      onSpawn: killOnFault,
    });
    await clearFaults(sim);
    return { tmp, env, main };
  };

  test('a deploy killed mid-way is rolled back by the post step; a second post run does nothing', async () => {
    const ws = 'host-recovery-gh-post';
    const { dir, prior } = await changedProject(ws);
    const { tmp, env, main } = await killedAction(dir, 'fd-gh-post-');
    expect(main.code).toBeNull(); // killed
    expect(state(ws)).not.toEqual(prior);
    // Saved before the first write, so a killed step still tells its post step (and later steps) where.
    const journal = parseGitHubOutputs(path.join(tmp, 'state')).journal!;
    expect(journal).toMatch(new RegExp(`^${tmp}/fabric-deploy-journal-.+\\.jsonl$`));
    expect(parseGitHubOutputs(path.join(tmp, 'output'))['journal-file']).toBe(journal);

    const post = await runProcess(process.execPath, [path.join(DIST, 'post.js')], {
      env: postEnv(env, path.join(tmp, 'state')),
    });
    expect({ code: post.code, stderr: post.stderr, out: post.stdout.slice(-1500) }).toMatchObject({
      code: 0,
      stderr: '',
    });
    expect(post.stdout).toMatch(/::warning::deployment \S+ was stopped before it finished/);
    expect(post.stdout).toMatch(/Rollback/);
    expect(state(ws)).toEqual(prior);
    expect(readFileSync(journal, 'utf8')).toMatch(/"rec":"end".*"result":"rolled-back"/);
    // The lock the killed run held is gone: a deploy goes through at once.
    expect(snapshot(sim, ws)).toBeDefined();

    const writes = (await fabricWrites(sim)).length;
    const again = await runProcess(process.execPath, [path.join(DIST, 'post.js')], {
      env: postEnv(env, path.join(tmp, 'state')),
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/deployment \S+ ended \(rolled-back\); nothing to do/);
    expect((await fabricWrites(sim)).length).toBe(writes);
    expect((await runBundle(['deploy', '--config', cfg(dir)], tokenEnv(sim))).code).toBe(0);
  }, 60_000);

  test('command: rollback finds the killed deploy of this job by itself; the post step then has nothing to do', async () => {
    const ws = 'host-recovery-gh-rollback';
    const { dir, prior } = await changedProject(ws);
    const { tmp, env, main } = await killedAction(dir, 'fd-gh-rb-');
    expect(main.code).toBeNull();

    const stepDir = path.join(tmp, 'rollback-step');
    mkdirSync(stepDir);
    const rb = await runProcess(process.execPath, [path.join(DIST, 'index.js')], {
      env: {
        ...runner(stepDir, { command: 'rollback' }),
        RUNNER_TEMP: tmp, // the same job: the same temp folder
      },
    });
    expect({ code: rb.code, stderr: rb.stderr }).toEqual({ code: 0, stderr: '' });
    expect(rb.stdout).toMatch(
      /journal: \S+fabric-deploy-journal-\S+\.jsonl \(the last of 1 in this job's temp folder/,
    );
    const out = parseGitHubOutputs(path.join(stepDir, 'output'));
    expect(out.result).toBe('rolled-back');
    expect(readFileSync(path.join(stepDir, 'summary.md'), 'utf8')).toMatch(/rolled back/i);
    expect(state(ws)).toEqual(prior);

    const post = await runProcess(process.execPath, [path.join(DIST, 'post.js')], {
      env: postEnv(env, path.join(tmp, 'state')),
    });
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/ended \(rolled-back\); nothing to do/);
  }, 60_000);

  test('after a deploy that ended the post step does nothing; rollback without a journal says what to give', async () => {
    const ws = 'host-recovery-gh-clean';
    const { dir } = await changedProject(ws);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'fd-gh-ok-'));
    const env = runner(tmp, { config: cfg(dir) });
    const main = await runProcess(process.execPath, [path.join(DIST, 'index.js')], { env });
    expect(main.code).toBe(0);
    const deployed = state(ws);
    const post = await runProcess(process.execPath, [path.join(DIST, 'post.js')], {
      env: postEnv(env, path.join(tmp, 'state')),
    });
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/ended \(succeeded\); nothing to do/);
    expect(state(ws)).toEqual(deployed);

    // A step that saved nothing (it planned, or stopped before its journal): nothing to do either.
    const none = await runProcess(process.execPath, [path.join(DIST, 'post.js')], {
      env: runner(mkdtempSync(path.join(os.tmpdir(), 'fd-gh-none-')), {}),
    });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/wrote no journal.*nothing to do/);

    const empty = mkdtempSync(path.join(os.tmpdir(), 'fd-gh-empty-'));
    const rb = await runProcess(process.execPath, [path.join(DIST, 'index.js')], {
      env: runner(empty, { command: 'rollback' }),
    });
    expect(rb.code).toBe(1);
    expect(rb.stdout).toMatch(
      /::error.*no journal to roll back: no deploy or destroy of this job wrote one in '/,
    );
    expect(rb.stdout).toMatch(/journal-file/);
    expect(parseGitHubOutputs(path.join(empty, 'output')).result).toBe('failed');

    const missing = await runProcess(process.execPath, [path.join(DIST, 'index.js')], {
      env: runner(empty, { command: 'rollback', 'journal-file': path.join(empty, 'nope.jsonl') }),
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/cannot read the journal '.*nope\.jsonl'/);
    expect(state(ws)).toEqual(deployed);
  }, 60_000);
});

describe('Azure Pipelines', () => {
  /** The task folder as the agent extracts it: task.json and the bundle. */
  const taskDir = extractTask;

  const job = (work: string, inputs: Record<string, string>, more: Partial<AgentJob> = {}): AgentJob => {
    const dirs = jobDirectories(work);
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
    return {
      workFolder: work,
      taskDir: path.join(work, '_tasks', 'FabricDeploy_5b6f0f4e-3c1d-4b7a-9f2e-8a1c6d2e7f40', '0.1.0'),
      handler: 'Node20_1',
      node: process.execPath,
      inputs: { auth: 'token', token: sim.issueToken(), fabricApiUrl: sim.fabricApiUrl, ...inputs },
      ...more,
    };
  };

  test('a task killed mid-deploy is rolled back by its postjobexecution handler', async () => {
    const ws = 'host-recovery-ado-post';
    const { dir, prior } = await changedProject(ws);
    const work = mkdtempSync(path.join(os.tmpdir(), 'fd-ado-post-'));
    taskDir(work);
    await holdCreate();
    const main = await runTaskAsAgent(job(work, { config: cfg(dir) }, { onSpawn: killOnFault }));
    await clearFaults(sim);
    expect({ code: main.code, result: main.result, log: main.stdout.slice(-1500) }).toMatchObject({
      code: null, // killed
      result: 'Failed',
    });
    const journal = main.taskVariables.journal!;
    expect(journal).toMatch(/_temp\/fabric-deploy-journal-.+\.jsonl$/);
    expect(main.outputs.journalFile).toBe(journal);

    const postJob = job(
      work,
      { config: cfg(dir) },
      { stage: 'postjobexecution', taskVariables: main.taskVariables },
    );
    const post = await runTaskAsAgent(postJob);
    // The log's tail rides along, so that a failure here says what the post step saw.
    expect({
      code: post.code,
      result: post.result,
      stderr: post.stderr,
      log: post.stdout.slice(-2000),
    }).toMatchObject({ code: 0, result: 'Succeeded', stderr: '' });
    expect(post.commands).toContainEqual(
      expect.objectContaining({
        command: 'task.issue',
        props: expect.objectContaining({ type: 'warning' }),
        message: expect.stringMatching(/was stopped before it finished/),
      }),
    );
    expect(state(ws)).toEqual(prior);
    // The token the step was given was registered for masking, never printed.
    expectNotLogged([post], [postJob.inputs.token!]);

    const again = await runTaskAsAgent(
      job(work, { config: cfg(dir) }, { stage: 'postjobexecution', taskVariables: main.taskVariables }),
    );
    expect(again.result).toBe('Succeeded');
    expect(again.stdout).toMatch(/ended \(rolled-back\); nothing to do/);
  }, 60_000);

  test('command: rollback given the killed step’s journalFile output restores the workspace', async () => {
    const ws = 'host-recovery-ado-rollback';
    const { dir, prior } = await changedProject(ws);
    const work = mkdtempSync(path.join(os.tmpdir(), 'fd-ado-rb-'));
    taskDir(work);
    await holdCreate();
    const main = await runTaskAsAgent(job(work, { config: cfg(dir) }, { onSpawn: killOnFault }));
    await clearFaults(sim);
    expect(main.result).toBe('Failed');

    const rb = await runTaskAsAgent(
      job(work, { command: 'rollback', journalFile: main.outputs.journalFile! }),
    );
    expect({ code: rb.code, result: rb.result }).toEqual({ code: 0, result: 'Succeeded' });
    expect(rb.outputs.result).toBe('rolled-back');
    expect(state(ws)).toEqual(prior);
    rmSync(work, { recursive: true, force: true });
  }, 60_000);
});
