/**
 * Telemetry through the committed bundle (the Application Insights SDK inside an ESM bundle has its
 * own pitfalls): a deploy on the GitHub host with telemetry on, and what the simulator's ingestion
 * endpoint received — lifecycle events, a dependency per Fabric call, the deployment id as operation id,
 * and no secret.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { fileSimulator } from '../support/sim';

const sim = fileSimulator();

it('a deploy with telemetry on sends its story to Application Insights, without secrets', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'telemetry-'));
  const outputFile = path.join(tmp, 'output');
  writeFileSync(outputFile, '');
  const secret = DEFAULTS.deployApp.secret as string;
  const r = await runBundle([], {
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: tmp,
    INPUT_CONFIG: path.join(ROOT, 'examples', 'fabric-deploy.yml'),
    INPUT_ENVIRONMENT: 'test',
    'INPUT_WORKSPACE-NAME': 'telemetry-smoke',
    INPUT_AUTH: 'client-secret',
    'INPUT_TENANT-ID': sim.tenantId,
    'INPUT_CLIENT-ID': DEFAULTS.deployApp.clientId,
    'INPUT_CLIENT-SECRET': secret,
    'INPUT_AUTHORITY-HOST': sim.authorityHost,
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    INPUT_FEATURES: 'telemetry',
    'INPUT_TELEMETRY-CONNECTION-STRING': sim.appInsightsConnectionString,
  });
  expect(r.code).toBe(0);
  const outputs = parseGitHubOutputs(outputFile);
  expect(outputs.result).toBe('succeeded');
  const got = ((await (await fetch(`${sim.url}/_sim/telemetry`)).json()) as { value: any[] }).value;
  const names = got.map((e) => e.data?.baseData?.name).filter(Boolean);
  expect(names).toEqual(expect.arrayContaining(['DeploymentStarted', 'DeploymentSucceeded']));
  const deps = got.filter((e) => e.data?.baseType === 'RemoteDependencyData');
  expect(deps.length).toBeGreaterThan(5);
  const operationId = outputs['deployment-id']!.replace(/-/g, '');
  expect(got.filter((e) => e.tags?.['ai.operation.id'] === operationId).length).toBeGreaterThan(0);
  const all = JSON.stringify(got);
  expect(all).not.toContain(secret);
  expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.eyJ/);
});
