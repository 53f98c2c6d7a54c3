/**
 * Identity under time (issue #11, item 3), through the built bundle on the CLI against the simulator's
 * Entra ID over TLS: with a credential that can refresh (a client secret) and tokens that live two
 * seconds, a deploy that outlasts several tokens refreshes and finishes; a static `token` input that
 * expires mid-run ends in a clean report that says the token expired (never a crash, never
 * `rolled-back` over items that are left) and a finish command that works with a fresh token.
 */
import path from 'node:path';
import { runBundle } from '../support/bundle';
import { addFault, clearFaults, config, notebook, project, snapshot } from '../support/deploy';
import { clientSecretEnv, fileSimulator } from '../support/sim';
import { requestLog } from '../support/fabric';
import { DEFAULTS } from '../../src/simulator/state';

const sim = fileSimulator();
const tokenLifetime = (seconds: number) =>
  fetch(`${sim.url}/_sim/config`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tokenLifetimeSeconds: seconds }),
  });
afterEach(async () => {
  await clearFaults(sim);
  await tokenLifetime(3600);
});

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => notebook(`nb${i + 1}`, i + 1, `print(${i})`));
const cfg = (dir: string) => path.join(dir, 'fabric-deploy.yml');
/** Each create is held back after it was applied: the run lasts longer than the tokens do. */
const slowCreates = (ms: number, times?: number) =>
  addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    action: { delayMs: ms, after: true },
    ...(times ? { times } : {}),
  });

async function tokenRequests(): Promise<number> {
  return (await requestLog(sim)).filter((e) => /\/oauth2\/v2\.0\/token$/.test(e.path)).length;
}

test('a refreshable credential whose tokens expire every 2 s refreshes and finishes the deploy', async () => {
  await tokenLifetime(2);
  const dir = project(config('token-refresh'), items(12));
  await slowCreates(600);
  const entraBefore = await tokenRequests();
  const r = await runBundle(
    ['deploy', '--config', cfg(dir), '--json'],
    clientSecretEnv(sim, { FABRIC_DEPLOY_MAX_PARALLEL: '2' }),
  );
  expect({ code: r.code, stderr: r.stderr.slice(-1500) }).toMatchObject({ code: 0 });
  expect(JSON.parse(r.stdout).result).toBe('succeeded');
  expect(
    snapshot(sim, 'token-refresh')!
      .items.map((i) => i.name)
      .sort(),
  ).toEqual(
    items(12)
      .map((i) => i.name)
      .sort(),
  );
  // The run outlasted its first token: it signed in again, more than once.
  const tokens = (await tokenRequests()) - entraBefore;
  expect(tokens).toBeGreaterThan(2);
  expect(r.stdout + r.stderr).not.toContain(DEFAULTS.deployApp.secret);
}, 120_000);

test('a static token that expires mid-run is undone: the run says the token expired, and the finish command with a fresh token restores the workspace', async () => {
  const ws = 'token-static';
  const dir = project(config(ws), items(6));
  // Expires while the first two creates are held back (7 s): the workspace exists by then, with a
  // margin of seconds for the steps before it, and every call after them meets the expired token.
  const token = sim.issueToken({ expiresInSeconds: 6 });
  await slowCreates(7000, 2);
  const env = {
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: token,
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
    FABRIC_DEPLOY_MAX_PARALLEL: '2',
  };
  const r = await runBundle(['deploy', '--config', cfg(dir), '--json'], env);
  const out = JSON.parse(r.stdout) as { result: string; error?: { message: string } };
  // The undo needs a token too: it cannot finish, and says so instead of "rolled-back".
  expect({ code: r.code, result: out.result }).toEqual({ code: 1, result: 'rollback-incomplete' });
  expect(r.stderr).toMatch(
    /the token given as input expired at \d{4}-\d\d-\d\dT[\d:.]+Z; a given token cannot be refreshed/,
  );
  expect(r.stderr).toMatch(
    /Fix: pass a token that lives longer than the deployment, or sign in with an auth kind that refreshes/,
  );
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*\.js:\d+:\d+\)/); // no stack trace
  expect(r.stderr + r.stdout).not.toContain(token);
  // Said once: after the first undo meets the expired token the rest are not tried (and listed as left).
  expect(r.stderr.match(/nor anything after it/g)).toHaveLength(1);
  expect(r.stderr).toMatch(/### Rollback incomplete[\s\S]*not tried: the token given as input expired/);
  expect(snapshot(sim, ws)).toBeDefined(); // left, and named as left
  const journal = /rollback --journal (\S+)/.exec(r.stderr)![1]!;
  await clearFaults(sim);
  const rb = await runBundle(['rollback', '--journal', journal], {
    ...env,
    FABRIC_DEPLOY_TOKEN: sim.issueToken(),
  });
  expect({ code: rb.code, stderr: rb.stderr.slice(-1000) }).toMatchObject({ code: 0 });
  // The workspace this run created is gone with everything in it.
  expect(snapshot(sim, ws)).toBeUndefined();
}, 120_000);

test('a given token that has already expired stops before any call; one about to expire is a warning', async () => {
  const dir = project(config('token-early'), items(1));
  const expired = sim.issueToken({ expiresInSeconds: -60 });
  const before = await fetch(`${sim.url}/_sim/requests`).then(
    async (x) => ((await x.json()) as { value: unknown[] }).value.length,
  );
  const r = await runBundle(['deploy', '--config', cfg(dir)], {
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: expired,
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
  });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/error: The token expired 1 minute\(s\) ago\. \[token\] — fix: Get a new token/);
  const after = await fetch(`${sim.url}/_sim/requests`).then(
    async (x) => ((await x.json()) as { value: { path: string }[] }).value,
  );
  expect(after.slice(before).filter((e) => e.path.startsWith('/v1/'))).toEqual([]);

  const soon = await runBundle(['plan', '--config', cfg(dir)], {
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: sim.issueToken({ expiresInSeconds: 120 }),
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
  });
  expect(soon.code).toBe(0);
  expect(soon.stdout).toMatch(
    /warning: the token given as input expires at .*Z \(in 1\d\d s\): a deployment that takes longer fails/,
  );
}, 60_000);
