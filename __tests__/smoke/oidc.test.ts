/**
 * The product's headline: sign in from GitHub Actions with OIDC, no secret anywhere. The committed bundle
 * asks the runner's token service (the simulator's stand-in for ACTIONS_ID_TOKEN_REQUEST_URL) for an ID
 * token, exchanges it at Entra ID (the simulator, over TLS) for a Fabric token, and deploys.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { fileSimulator } from '../support/sim';

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;
const sim = fileSimulator();

function github(extra: Record<string, string>) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'oidc-'));
  const outputFile = path.join(tmp, 'output');
  const summaryFile = path.join(tmp, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env = {
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: tmp,
    INPUT_CONFIG: path.join(ROOT, 'examples', 'fabric-deploy.yml'),
    INPUT_ENVIRONMENT: 'dev',
    'INPUT_WORKSPACE-NAME': 'oidc-smoke',
    'INPUT_TENANT-ID': sim.tenantId,
    'INPUT_CLIENT-ID': DEFAULTS.deployApp.clientId,
    'INPUT_AUTHORITY-HOST': sim.authorityHost,
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    ...extra,
  };
  return runBundle([], env).then((r) => ({
    r,
    outputs: parseGitHubOutputs(outputFile),
    visible: r.stdout.replace(/^::add-mask::.*$/gm, '') + r.stderr + readFileSync(summaryFile, 'utf8'),
  }));
}

it('auth: auto picks OIDC on GitHub, signs in without a secret and deploys', async () => {
  const { r, outputs, visible } = await github({
    ACTIONS_ID_TOKEN_REQUEST_URL: `${sim.url}/_sim/github-oidc?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token-0123456789',
  });
  expect(r.code).toBe(0);
  expect(outputs.result).toBe('succeeded');
  // Said once Entra issued the token, naming who it is for (its claims), never the token.
  expect(r.stdout).toMatch(
    new RegExp(
      `signed in as app ${DEFAULTS.deployApp.clientId} \\(object [0-9a-f-]{36}\\) in tenant ${sim.tenantId} with GitHub OIDC`,
    ),
  );
  // The ID token and the access token were registered as secrets and appear nowhere else.
  expect(r.stdout).toMatch(/::add-mask::eyJ/);
  expect(visible).not.toMatch(JWT);
  expect(visible).not.toContain('runner-request-token-0123456789');
});

it("auth: oidc without the workflow's id-token permission fails before any write, saying how to fix it", async () => {
  const { r, outputs } = await github({ INPUT_AUTH: 'oidc' });
  expect(r.code).toBe(1);
  expect(outputs.result).toBe('failed');
  expect(r.stdout).toMatch(/id-token: write/);
});

it('a federated credential that does not match the subject: AADSTS700213 with the claims, in the log and the summary', async () => {
  // A pull request's token (sub …:pull_request) where Entra only trusts the main branch.
  const subject = 'repo:contoso/fabric-project:pull_request';
  const { r, outputs, visible } = await github({
    INPUT_AUTH: 'oidc',
    ACTIONS_ID_TOKEN_REQUEST_URL: `${sim.url}/_sim/github-oidc?api-version=2.0&subject=${encodeURIComponent(subject)}`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token-0123456789',
  });
  expect(r.code).toBe(1);
  expect(outputs.result).toBe('failed');
  expect(r.stdout).toMatch(
    /::error::.*AADSTS700213: no federated identity credential matches the assertion subject/,
  );
  expect(r.stdout).toContain(`sub=${subject}`);
  expect(r.stdout).not.toMatch(/signed in as/);
  // The job summary says it too (SignInFailed, the fix), and no token is visible anywhere.
  const summary = readFileSync(outputs['summary-file']!, 'utf8');
  expect(summary).toContain('| Code | `SignInFailed` |');
  expect(summary).toMatch(/AADSTS700213/);
  expect(visible).not.toMatch(JWT);
  expect(visible).not.toContain('runner-request-token-0123456789');
});

it('Azure DevOps: a workload identity federation service connection signs in and deploys, no secret anywhere', async () => {
  const ADO = {
    issuer: 'https://vstoken.dev.azure.com/11111111-2222-3333-4444-555555555555',
    subject: 'sc://contoso/fabric-project/fabric-prod',
    audience: 'api://AzureADTokenExchange',
  };
  const app = {
    clientId: '0c0c0c0c-0000-4000-8000-0000000000c3',
    servicePrincipalId: '0c0c0c0c-0000-4000-8000-0000000005c3',
  };
  await fetch(`${sim.url}/_sim/state`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      apps: [{ ...app, displayName: 'ado-wif', federatedCredentials: [{ ...ADO, name: 'ado' }] }],
    }),
  });
  const q = new URLSearchParams(ADO).toString();
  const idToken = ((await (await fetch(`${sim.url}/_sim/github-oidc?${q}`)).json()) as { value: string })
    .value;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ado-wif-'));
  const id = 'FABRIC-PROD';
  const r = await runBundle(
    [],
    {
      NODE_EXTRA_CA_CERTS: sim.caCertPath,
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: tmp,
      INPUT_CONFIG: path.join(ROOT, 'examples', 'fabric-deploy.yml'),
      INPUT_ENVIRONMENT: 'dev',
      INPUT_WORKSPACENAME: 'ado-wif-smoke',
      INPUT_CONNECTEDSERVICENAME: id,
      INPUT_AUTHORITYHOST: sim.authorityHost,
      INPUT_FABRICAPIURL: sim.fabricApiUrl,
      [`ENDPOINT_AUTH_SCHEME_${id}`]: 'WorkloadIdentityFederation',
      [`ENDPOINT_AUTH_PARAMETER_${id}_TENANTID`]: sim.tenantId,
      [`ENDPOINT_AUTH_PARAMETER_${id}_SERVICEPRINCIPALID`]: app.clientId,
      [`ENDPOINT_AUTH_PARAMETER_${id}_IDTOKEN`]: idToken,
      [`ENDPOINT_DATA_${id}_ENVIRONMENT`]: 'AzureCloud',
    },
    process.execPath,
    undefined,
    tmp,
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/##vso\[task\.setvariable variable=result;[^\]]*\]succeeded/);
  // The agent masks the service connection's client and tenant ids; the object id stays readable.
  expect(r.stdout).toContain(
    `signed in as app *** (object ${app.servicePrincipalId}) in tenant *** with workload identity federation`,
  );
  const visible = r.stdout.replace(/##vso\[task\.setsecret\][^\n]*\n/g, '') + r.stderr;
  expect(visible).not.toContain(idToken);
  expect(visible).not.toMatch(JWT);
});
