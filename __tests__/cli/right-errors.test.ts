/**
 * Right errors (issue #14, item 8), through the built bundle against the simulator's Entra ID and
 * Fabric: every sign-in failure names its AADSTS code and the input at fault (never "check network
 * access" when Entra answered); a workspace id the identity cannot see gets the membership hint;
 * the task names inputs as Azure Pipelines spells them; health fails an opaque or expired token.
 */
import path from 'node:path';
import { runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { clientSecretEnv, fileSimulator, tokenEnv } from '../support/sim';

const sim = fileSimulator();

const CONFIG = path.join(ROOT, 'examples', 'fabric-deploy.yml');
const secretEnv = (over: Record<string, string> = {}) => clientSecretEnv(sim, over);
const plan = (env: Record<string, string>, more: string[] = []) =>
  runBundle(['plan', '--config', CONFIG, '--environment', 'dev', ...more], env);

describe('sign-in failures name their AADSTS code and the input at fault', () => {
  test.each([
    [
      'a tenant that does not exist',
      { FABRIC_DEPLOY_TENANT_ID: '00000000-0000-4000-8000-00000000dead' },
      /AADSTS90002/,
      /tenant-id/,
    ],
    [
      'an unknown client id',
      { FABRIC_DEPLOY_CLIENT_ID: '00000000-0000-4000-8000-00000000beef' },
      /AADSTS700016/,
      /client-id/,
    ],
    ['a wrong secret', { FABRIC_DEPLOY_CLIENT_SECRET: 'not-the-secret' }, /AADSTS7000215/, /client-secret/],
  ])('%s', async (_name, over, code, field) => {
    const r = await plan(secretEnv(over));
    const text = r.stdout + r.stderr;
    expect(r.code).toBe(1);
    expect(text).toMatch(code);
    expect(text).toMatch(field);
    expect(text).not.toMatch(/network access|proxy, firewall/);
    expect(text).not.toContain('not-the-secret');
    // Entra refused: nothing may claim a sign-in happened.
    expect(text).not.toMatch(/signed in/);
  });
});

test('a workspace id the identity cannot see says it may not be a member, or the id is wrong', async () => {
  const r = await plan(tokenEnv(sim), ['--workspace-id', '6b9f2c1e-0000-4000-8000-0000000000aa']);
  expect(r.code).toBe(1);
  expect(r.stdout + r.stderr).toMatch(/not a member of the workspace, or the id is wrong/);
});

test('the task names its inputs as Azure Pipelines spells them', async () => {
  const r = await runBundle([], {
    TF_BUILD: 'True',
    INPUT_COMMAND: 'plan',
    INPUT_CONFIG: CONFIG,
    INPUT_ENVIRONMENT: 'dev',
    INPUT_AUTH: 'token',
    INPUT_TOKEN: sim.issueToken(),
    INPUT_FABRICAPIURL: sim.fabricApiUrl,
    INPUT_MAXPARALLEL: 'many',
  });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(
    /input 'maxParallel' must be a whole number from 1 to 64, not 'many' \[maxParallel\] — fix: set maxParallel to e\.g\. 8/,
  );
  expect(r.stdout).not.toMatch(/max-parallel/);
});

test('health fails authentication on an opaque token', async () => {
  const r = await runBundle(
    ['health', '--config', CONFIG, '--environment', 'dev', '--json'],
    tokenEnv(sim, 'garbage-token'),
  );
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout) as {
    health: { checks: { name: string; status: string; message: string }[] };
  };
  expect(out.health.checks.find((c) => c.name === 'authentication')).toMatchObject({
    status: 'fail',
    message: expect.stringMatching(/not an Entra ID access token \(not a JWT\)/),
  });
});

test('health refuses an expired token before any call, saying when it expired', async () => {
  const r = await runBundle(
    ['health', '--config', CONFIG, '--environment', 'dev'],
    tokenEnv(sim, sim.issueToken({ expiresInSeconds: -120 })),
  );
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/The token expired 2 minute\(s\) ago/);
});
