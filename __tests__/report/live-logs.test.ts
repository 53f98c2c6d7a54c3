/**
 * Live, honest logs (issue #14, item 3), through the built bundle against the simulator: "signed in as"
 * only once a token was issued, naming who it is for from its claims, never a secret.
 */
import path from 'node:path';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { clientSecretEnv, stopSimulator, tokenEnv, withSimulator } from '../support/sim';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSimulator();
});
afterAll(() => stopSimulator(sim));

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
