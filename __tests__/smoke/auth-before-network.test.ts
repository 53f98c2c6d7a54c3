/**
 * Bad auth input is refused in the Settings phase, through the committed bundle on the GitHub host with
 * telemetry on: exit code 1, the field and the fix, and nothing sent anywhere — no request reaches the
 * simulator (Fabric, Entra ID or Key Vault) and no telemetry arrives. A sign-in Entra ID refuses is the
 * control: the same run then does reach the simulator and counts the failure in telemetry.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { fileSimulator } from '../support/sim';

const sim = fileSimulator();

/** What the simulator served (its own control API left out). */
async function served(): Promise<{ method: string; path: string }[]> {
  const res = await fetch(`${sim.url}/_sim/requests`);
  const log = ((await res.json()) as { value: { method: string; path: string }[] }).value;
  return log.filter((r) => !r.path.startsWith('/_sim'));
}

async function telemetry(): Promise<unknown[]> {
  return ((await (await fetch(`${sim.url}/_sim/telemetry`)).json()) as { value: unknown[] }).value;
}

/** A deploy with telemetry on; `auth` are the auth inputs (INPUT_* names). */
async function deployWith(auth: Record<string, string>) {
  await fetch(`${sim.url}/_sim/requests`, { method: 'DELETE' });
  await fetch(`${sim.url}/_sim/telemetry`, { method: 'DELETE' });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'auth-first-'));
  const outputFile = path.join(tmp, 'output');
  writeFileSync(outputFile, '');
  const r = await runBundle([], {
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: tmp,
    INPUT_CONFIG: path.join(ROOT, 'examples', 'fabric-deploy.yml'),
    INPUT_ENVIRONMENT: 'test',
    'INPUT_WORKSPACE-NAME': 'auth-first',
    'INPUT_AUTHORITY-HOST': sim.authorityHost,
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    INPUT_FEATURES: 'telemetry',
    'INPUT_TELEMETRY-CONNECTION-STRING': sim.appInsightsConnectionString,
    ...auth,
  });
  return {
    ...r,
    outputs: parseGitHubOutputs(outputFile),
    requests: await served(),
    telemetry: await telemetry(),
  };
}

/** The simulator's tenant (its default, known before it starts). */
const TENANT = DEFAULTS.tenantId;
const secretAuth = {
  INPUT_AUTH: 'client-secret',
  'INPUT_TENANT-ID': TENANT,
  'INPUT_CLIENT-ID': DEFAULTS.deployApp.clientId,
  'INPUT_CLIENT-SECRET': DEFAULTS.deployApp.secret as string,
};

describe('refused before telemetry or any request', () => {
  test.each([
    [
      'a missing client id',
      { ...secretAuth, 'INPUT_CLIENT-ID': '' },
      'client-id',
      /auth client-secret needs client-id/,
    ],
    [
      'a missing tenant id',
      { ...secretAuth, 'INPUT_TENANT-ID': '' },
      'tenant-id',
      /auth client-secret needs tenant-id/,
    ],
    [
      'an unreadable certificate file',
      {
        INPUT_AUTH: 'certificate',
        'INPUT_TENANT-ID': TENANT,
        'INPUT_CLIENT-ID': DEFAULTS.deployApp.clientId,
        INPUT_CERTIFICATE: path.join(os.tmpdir(), 'no-such-dir', 'deploy.pem'),
      },
      'certificate',
      /Certificate file not found: .*deploy\.pem/,
    ],
    [
      // node-forge is read from dist/chunks/node-forge.cjs, synchronously, in the Settings phase.
      'a PFX with the wrong password',
      {
        INPUT_AUTH: 'certificate',
        'INPUT_TENANT-ID': TENANT,
        'INPUT_CLIENT-ID': DEFAULTS.deployApp.clientId,
        INPUT_CERTIFICATE: path.join(ROOT, '__tests__', 'identity', 'fixtures', 'client.pfx'),
        'INPUT_CERTIFICATE-PASSWORD': 'not-the-pfx-password',
      },
      'certificate-password',
      /\(PFX\): the PFX password is wrong \(integrity check failed\)/,
    ],
  ])('%s', async (_what, auth, field, message) => {
    const r = await deployWith(auth);
    expect(r.code).toBe(1);
    expect(r.outputs.result).toBe('failed');
    // The error annotation names the input and the fix.
    expect(r.stdout).toMatch(message);
    expect(r.stdout).toContain(`[${field}] — fix: `);
    expect(r.requests).toEqual([]);
    expect(r.telemetry).toEqual([]);
  });
});

test('control: a sign-in Entra ID refuses does reach the simulator, and telemetry counts it', async () => {
  const r = await deployWith({ ...secretAuth, 'INPUT_CLIENT-SECRET': 'not-the-secret' });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/AADSTS7000215/);
  expect(r.requests.some((q) => q.method === 'POST' && /oauth2\/v2\.0\/token$/.test(q.path))).toBe(true);
  expect(r.telemetry.length).toBeGreaterThan(0);
});
