/**
 * Live, honest logs (issue #14, item 3), through the built bundle against the simulator: "signed in as"
 * only once a token was issued, naming who it is for from its claims, never a secret; the plan printed
 * before it is applied, `[n/N]` start and end lines per item, retries as info lines counted once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, parseVso, runBundle } from '../support/bundle';
import { addFault, clearFaults, config, notebook, project, writeItems } from '../support/deploy';
import { ROOT } from '../support/paths';
import { clientSecretEnv, fileSimulator, stopSimulator, tokenEnv, withSimulator } from '../support/sim';

const sim = fileSimulator();

const CONFIG = path.join(ROOT, 'examples', 'fabric-deploy.yml');
const plan = (env: Record<string, string>) =>
  runBundle(['plan', '--config', CONFIG, '--environment', 'dev'], env);

describe('signed in', () => {
  test('a service principal: the app, its object and tenant from the issued token; no secret', async () => {
    const r = await plan(clientSecretEnv(sim));
    const text = r.stdout + r.stderr;
    expect(r.code).toBe(0);
    expect(text).toContain(
      `signed in as app ${DEFAULTS.deployApp.clientId} (object ${DEFAULTS.deployApp.servicePrincipalId}) in tenant ${sim.tenantId} with client secret`,
    );
    expect(text).not.toContain(DEFAULTS.deployApp.secret);
  });

  test('a user token given as input: its user principal name', async () => {
    const r = await plan(tokenEnv(sim));
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(
      new RegExp(
        `signed in as ${DEFAULTS.adminUser.userPrincipalName.replace(/\./g, '\\.')} \\(object [0-9a-f-]{36}\\) in tenant ${sim.tenantId} with a bearer token given as input`,
      ),
    );
  });

  test('a token that is not a JWT: no claim of who it is', async () => {
    const r = await plan(tokenEnv(sim, 'opaque-token-not-a-jwt'));
    const text = r.stdout + r.stderr;
    expect(text).not.toMatch(/signed in as/);
    expect(text).toMatch(/using a bearer token given as input: it is not a JWT/);
  });
});

/** The bundle as the GitHub Action on project `dir`, signed in with a token; its log, outputs and summary. */
async function action(dir: string, env: Record<string, string> = {}) {
  const out = path.join(dir, 'out');
  const summary = path.join(dir, 'summary.md');
  writeFileSync(out, '');
  writeFileSync(summary, '');
  const r = await runBundle([], {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: dir,
    INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
    INPUT_ENVIRONMENT: 'dev',
    INPUT_AUTH: 'token',
    INPUT_TOKEN: sim.issueToken(),
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    ...env,
  });
  return { ...r, outputs: parseGitHubOutputs(out), summary: readFileSync(summary, 'utf8') };
}

/** The `[n/N]` lines of a log: n, N and the text after the tag. */
function progressLines(log: string): { n: number; total: number; text: string }[] {
  return [...log.matchAll(/^\[(\d+)\/(\d+)\] (.*)$/gm)].map((m) => ({
    n: Number(m[1]),
    total: Number(m[2]),
    text: m[3]!,
  }));
}

describe('deploy progress', () => {
  test('the plan is printed before it is applied; each item says [n/N] when it starts and ends; a 429 retried is an info line counted once in the summary', async () => {
    const dir = project(config('live-logs-progress'), [
      notebook('nb_a', 1),
      notebook('nb_b', 2),
      notebook('nb_c', 3),
    ]);
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      times: 1,
      action: { status: 429, retryAfter: 1 },
    });
    const r = await action(dir);
    await clearFaults(sim);
    expect(r.code).toBe(0);
    const log = r.stdout;
    // The plan, one line per change, comes before the first item starts.
    expect(log).toMatch(/^plan: 4 changes — items: 3 create$/m);
    expect(log).toMatch(/^ {2}\+ create workspace 'live-logs-progress'$/m);
    for (const name of ['nb_a', 'nb_b', 'nb_c'])
      expect(log).toMatch(new RegExp(`^  \\+ create Notebook '${name}' \\(\\d+ parts?\\)$`, 'm'));
    const firstStep = log.search(/^\[1\/3\] /m);
    expect(firstStep).toBeGreaterThan(log.search(/^ {2}\+ create Notebook 'nb_c'/m));
    // Each item: a start line and an end line with the same [n/3].
    const lines = progressLines(log);
    expect(lines).toHaveLength(6);
    expect(lines.every((l) => l.total === 3)).toBe(true);
    for (const name of ['nb_a', 'nb_b', 'nb_c']) {
      const start = lines.find((l) => l.text === `creating Notebook '${name}'…`);
      const end = lines.find((l) =>
        new RegExp(`^created Notebook '${name}' \\([0-9a-f-]{36}\\) in [\\d.]+ s$`).test(l.text),
      );
      expect(start).toBeDefined();
      expect(end?.n).toBe(start!.n);
    }
    expect(new Set(lines.map((l) => l.n))).toEqual(new Set([1, 2, 3]));
    // The throttled call and its retry: info lines, no annotation; one count in the summary.
    expect(log).toMatch(/^retrying create Notebook 'nb_a' in [\d.]+ s \(attempt 2\): 429/m);
    expect(log).not.toMatch(/^::warning::.*(retrying|throttled)/m);
    expect(r.summary).toContain('| Retries | 1 |');

    // An update later: [1/1] with what changed.
    writeItems(dir, [notebook('nb_a', 1, "print('changed')")]);
    const again = await action(dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^plan: 1 change — items: 1 update, 2 unchanged$/m);
    expect(again.stdout).toMatch(/^ {2}~ update Notebook 'nb_a' \(changed notebook-content\.py\) \+1 -1$/m);
    expect(progressLines(again.stdout).map((l) => l.text.replace(/ in [\d.]+ s$/, ''))).toEqual([
      "updating Notebook 'nb_a' (changed notebook-content.py)…",
      "updated Notebook 'nb_a'",
    ]);
  });
});

describe('heartbeat and task progress (Azure DevOps)', () => {
  let slow: RunningSimulator;
  beforeAll(async () => {
    // Every long-running operation is held back 2.5 s: long enough for heartbeats at 300 ms.
    slow = await withSimulator({ lroDelayMs: 2500 });
  });
  afterAll(() => stopSimulator(slow));

  test('a held-back operation is named in flight at info level with its elapsed time and percentComplete; setprogress as items complete', async () => {
    const dir = project(config('live-logs-heartbeat'), [notebook('nb_slow', 1), notebook('nb_fast', 2)]);
    const r = await runBundle([], {
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: dir,
      INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
      INPUT_ENVIRONMENT: 'dev',
      INPUT_AUTH: 'token',
      INPUT_TOKEN: slow.issueToken(),
      INPUT_FABRICAPIURL: slow.fabricApiUrl,
      FABRIC_DEPLOY_TEST_HEARTBEAT_MS: '300',
    });
    expect(r.code).toBe(0);
    const beats = r.stdout.split('\n').filter((l) => l.startsWith('in flight: '));
    expect(beats.length).toBeGreaterThan(0);
    expect(beats.join('\n')).toMatch(/\[\d\/2\] creating Notebook 'nb_slow' \([\d.]+ s(, \d+%)?\)/);
    expect(beats.some((b) => /\d+%\)/.test(b))).toBe(true);
    expect(beats[0]).toMatch(/— \d of 2 done$/);
    const progress = parseVso(r.stdout).filter((c) => c.command === 'task.setprogress');
    expect(progress.map((c) => c.props.value)).toEqual(['50', '100']);
    expect(progress[1]!.message).toBe('Fabric Deploy: 2 of 2 item actions done');
  });
});
