/**
 * Whole deploys through the bundle on both CI hosts with a client secret (the simulator's Entra ID over
 * TLS, trusted through NODE_EXTRA_CA_CERTS): stdout, stderr, summary, outputs and audit log are scanned
 * for the secret and for any token.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS } from '../../src/simulator';
import { adoSummary, parseGitHubOutputs, parseVso, runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { fileSimulator } from '../support/sim';

const CONFIG = path.join(ROOT, 'examples', 'fabric-deploy.yml');
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

const sim = fileSimulator();

const secret = () => DEFAULTS.deployApp.secret as string;

function scan(text: string) {
  expect(text).not.toContain(secret());
  expect(text).not.toMatch(JWT);
}

it('GitHub: nothing the user can see holds the client secret or a token', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'leak-gh-'));
  const outputFile = path.join(tmp, 'output');
  const summaryFile = path.join(tmp, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const r = await runBundle([], {
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: tmp,
    INPUT_CONFIG: CONFIG,
    INPUT_ENVIRONMENT: 'test',
    'INPUT_WORKSPACE-NAME': 'leak-check-gh',
    INPUT_AUTH: 'client-secret',
    'INPUT_TENANT-ID': sim.tenantId,
    'INPUT_CLIENT-ID': DEFAULTS.deployApp.clientId,
    'INPUT_CLIENT-SECRET': secret(),
    'INPUT_AUTHORITY-HOST': sim.authorityHost,
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
  });
  expect(r.stdout).toContain(`::add-mask::${secret()}`);
  const outputs = parseGitHubOutputs(outputFile);
  expect(outputs.result).toBe('succeeded');
  const audit =
    outputs['audit-log'] && existsSync(outputs['audit-log'])
      ? readFileSync(outputs['audit-log'], 'utf8')
      : '';
  scan(
    r.stdout.replace(/::add-mask::.*\n/g, '') +
      r.stderr +
      readFileSync(summaryFile, 'utf8') +
      readFileSync(outputFile, 'utf8') +
      audit,
  );
});

it('Azure DevOps: nothing the user can see holds the client secret or a token', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'leak-ado-'));
  const r = await runBundle(
    [],
    {
      NODE_EXTRA_CA_CERTS: sim.caCertPath,
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: tmp,
      INPUT_CONFIG: CONFIG,
      INPUT_ENVIRONMENT: 'test',
      INPUT_WORKSPACENAME: 'leak-check-ado',
      INPUT_AUTH: 'client-secret',
      INPUT_TENANTID: sim.tenantId,
      INPUT_CLIENTID: DEFAULTS.deployApp.clientId,
      INPUT_CLIENTSECRET: secret(),
      INPUT_AUTHORITYHOST: sim.authorityHost,
      INPUT_FABRICAPIURL: sim.fabricApiUrl,
    },
    process.execPath,
    undefined,
    tmp,
  );
  const cmds = parseVso(r.stdout);
  expect(cmds.some((c) => c.command === 'task.setsecret' && c.message === secret())).toBe(true);
  const vars = Object.fromEntries(
    cmds.filter((c) => c.command === 'task.setvariable').map((c) => [c.props.variable, c.message]),
  );
  expect(vars.result).toBe('succeeded');
  const summary = adoSummary(cmds);
  const audit = vars.auditLog && existsSync(vars.auditLog) ? readFileSync(vars.auditLog, 'utf8') : '';
  scan(
    r.stdout.replace(/##vso\[task\.setsecret\][^\n]*\n/g, '') +
      r.stderr +
      (summary ? readFileSync(summary.file, 'utf8') : '') +
      audit,
  );
});

describe('Azure DevOps credentials never reach the log', () => {
  const FIXTURES = path.join(ROOT, '__tests__', 'identity', 'fixtures');
  const CERT_APP = {
    clientId: '0c0c0c0c-0000-4000-8000-0000000000c2',
    servicePrincipalId: '0c0c0c0c-0000-4000-8000-0000000005c2',
  };

  beforeAll(async () => {
    await fetch(`${sim.url}/_sim/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apps: [
          {
            ...CERT_APP,
            displayName: 'ado-cert-app',
            certificates: [readFileSync(path.join(FIXTURES, 'client-cert-only.pem'), 'utf8')],
          },
        ],
      }),
    });
  });

  async function ado(name: string, env: Record<string, string>) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), `leak-${name}-`));
    const r = await runBundle(
      [],
      {
        NODE_EXTRA_CA_CERTS: sim.caCertPath,
        TF_BUILD: 'True',
        AGENT_TEMPDIRECTORY: tmp,
        INPUT_CONFIG: CONFIG,
        INPUT_ENVIRONMENT: 'test',
        INPUT_WORKSPACENAME: `leak-${name}`,
        INPUT_AUTHORITYHOST: sim.authorityHost,
        INPUT_FABRICAPIURL: sim.fabricApiUrl,
        ...env,
      },
      process.execPath,
      undefined,
      tmp,
    );
    const cmds = parseVso(r.stdout);
    const vars = Object.fromEntries(
      cmds.filter((c) => c.command === 'task.setvariable').map((c) => [c.props.variable, c.message]),
    );
    const summary = adoSummary(cmds);
    const audit = vars.auditLog && existsSync(vars.auditLog) ? readFileSync(vars.auditLog, 'utf8') : '';
    const visible =
      r.stdout.replace(/##vso\[task\.setsecret\][^\n]*\n/g, '') +
      r.stderr +
      (summary ? readFileSync(summary.file, 'utf8') : '') +
      audit;
    return { r, vars, visible, cmds };
  }

  it('an inline PEM certificate (multi-line) is masked line by line and signs in', async () => {
    const pem = readFileSync(path.join(FIXTURES, 'client.pem'), 'utf8');
    const { r, vars, visible, cmds } = await ado('ado-cert', {
      INPUT_AUTH: 'certificate',
      INPUT_TENANTID: sim.tenantId,
      INPUT_CLIENTID: CERT_APP.clientId,
      INPUT_CERTIFICATE: pem,
    });
    expect(vars.result).toBe('succeeded');
    expect(r.code).toBe(0);
    // Every line of the key went to the agent as its own secret; none is visible anywhere.
    const keyLines = pem.split(/\r?\n/).filter((l) => l.length >= 16 && !l.startsWith('-----'));
    for (const line of keyLines) {
      expect(cmds.some((c) => c.command === 'task.setsecret' && c.message === line)).toBe(true);
      expect(visible).not.toContain(line);
    }
    expect(visible).not.toMatch(JWT);
  });

  it('a service connection (service principal with a secret) is read without task-lib logging its key', async () => {
    const id = 'fabric-prod';
    const { r, vars, visible } = await ado('ado-conn', {
      INPUT_CONNECTEDSERVICENAME: id,
      [`ENDPOINT_AUTH_SCHEME_${id.toUpperCase()}`]: 'ServicePrincipal',
      [`ENDPOINT_AUTH_PARAMETER_${id.toUpperCase()}_TENANTID`]: sim.tenantId,
      [`ENDPOINT_AUTH_PARAMETER_${id.toUpperCase()}_SERVICEPRINCIPALID`]: DEFAULTS.deployApp.clientId,
      [`ENDPOINT_AUTH_PARAMETER_${id.toUpperCase()}_SERVICEPRINCIPALKEY`]: secret(),
      ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: 'vss-access-token-0123456789',
    });
    expect(vars.result).toBe('succeeded');
    expect(r.code).toBe(0);
    expect(visible).not.toContain(secret());
    expect(visible).not.toContain('vss-access-token-0123456789');
    expect(visible).not.toMatch(JWT);
  });

  it('a pipeline secret variable (SECRET_<NAME>) resolves ${secret:NAME} in the config and stays masked', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ado-secretvar-'));
    const config = path.join(dir, 'fabric-deploy.yml');
    writeFileSync(
      config,
      `version: 1\nworkspace:\n  name: ado-secret-var\n  description: "owner \${secret:OWNER_NOTE}"\nitems:\n  directory: ${path.join(ROOT, 'examples', 'workspace')}\n`,
    );
    const note = 'confidential-owner-note-42';
    const { r, vars, visible } = await ado('ado-secretvar', {
      INPUT_CONFIG: config,
      INPUT_ENVIRONMENT: '',
      INPUT_AUTH: 'token',
      INPUT_TOKEN: sim.issueToken(),
      SECRET_OWNER_NOTE: note,
    });
    expect(r.code).toBe(0);
    expect(vars.result).toBe('succeeded');
    expect(visible).not.toContain(note);
    const ws = await (
      await fetch(`${sim.fabricApiUrl}/workspaces/${vars.workspaceId}`, {
        headers: { authorization: `Bearer ${sim.issueToken()}` },
      })
    ).json();
    expect((ws as { description: string }).description).toBe(`owner ${note}`);
  });

  it('a failed task exits with code 1', async () => {
    const { r, cmds } = await ado('ado-fail', {
      INPUT_CONFIG: '/nonexistent/fabric-deploy.yml',
      INPUT_AUTH: 'token',
      INPUT_TOKEN: 'x',
    });
    expect(r.code).toBe(1);
    expect(cmds.find((c) => c.command === 'task.complete')?.props.result).toBe('Failed');
  });
});
