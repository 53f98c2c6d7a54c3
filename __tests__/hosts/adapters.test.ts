/**
 * The host adapters on their own, fast and in-process: what each writes where its runner reads it
 * (GitHub: workflow commands, $GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY; Azure Pipelines: ##vso commands and an
 * uploaded summary file), with registered secrets masked everywhere.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SECRET = 'sup3r-s3cret-value';
let out: string[];
let restore: () => void;
let saved: NodeJS.ProcessEnv;

beforeEach(() => {
  saved = { ...process.env };
  out = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = (chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  };
  process.stdout.write = spy as typeof process.stdout.write;
  const log = console.log;
  console.log = (...a: unknown[]) => void out.push(a.join(' ') + '\n');
  restore = () => {
    process.stdout.write = write;
    console.log = log;
  };
});
afterEach(() => {
  restore();
  process.env = saved;
  process.exitCode = undefined;
});

const text = () => out.join('');

describe('GitHub Actions', () => {
  test('inputs, outputs to $GITHUB_OUTPUT, annotations at file and line, summary, masking', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-gh-host-'));
    const outputs = path.join(dir, 'output');
    const summary = path.join(dir, 'summary.md');
    writeFileSync(outputs, '');
    writeFileSync(summary, '');
    Object.assign(process.env, {
      GITHUB_OUTPUT: outputs,
      GITHUB_STEP_SUMMARY: summary,
      'INPUT_MAX-PARALLEL': '4',
      INPUT_ENVIRONMENT: '',
    });
    const { createGitHubHost } = await import('../../src/hosts/github');
    const host = createGitHubHost();
    expect(host.kind).toBe('github');
    expect(host.getInput('max-parallel')).toBe('4');
    expect(host.getInput('environment')).toBeUndefined();
    host.setSecret(SECRET);
    expect(text()).toContain(`::add-mask::${SECRET}`);
    host.log.info(`token ${SECRET} used`);
    host.log.warn('rule matches nothing', { file: 'parameter.yml', line: 12, col: 5 });
    host.log.error(`bad value ${SECRET}`, { file: 'fabric-deploy.yml', line: 3 });
    host.setOutput('workspace-id', `id-${SECRET}`);
    expect(await host.writeSummary(`# Summary ${SECRET}`)).toBe(summary);
    const logged = text().split('\n');
    expect(logged).toContain('token *** used');
    expect(logged).toContain('::warning file=parameter.yml,line=12,col=5::rule matches nothing');
    expect(logged).toContain('::error file=fabric-deploy.yml,line=3::bad value ***');
    expect(readFileSync(outputs, 'utf8')).toMatch(/^workspace-id<<(.+)\nid-\*\*\*\n\1\n$/);
    expect(readFileSync(summary, 'utf8')).toBe('# Summary ***\n');
    host.setResult('failed', `failed with ${SECRET}`);
    expect(text()).toContain('::error::failed with ***');
    expect(process.exitCode).toBe(1);
    expect(host.oidcUnavailableReason?.()).toMatch(/id-token: write/);
  });
});

describe('Azure Pipelines', () => {
  test('camelCase inputs, service connection, ##vso outputs and issues, summary upload, masking', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-ado-host-'));
    Object.assign(process.env, {
      TF_BUILD: 'True',
      AGENT_TEMPDIRECTORY: dir,
      INPUT_MAXPARALLEL: '6',
      INPUT_CONNECTEDSERVICENAME: 'conn',
      ENDPOINT_AUTH_SCHEME_CONN: 'WorkloadIdentityFederation',
      ENDPOINT_AUTH_PARAMETER_CONN_TENANTID: 'tenant-1',
      ENDPOINT_AUTH_PARAMETER_CONN_SERVICEPRINCIPALID: 'client-1',
      ENDPOINT_AUTH_PARAMETER_CONN_SERVICEPRINCIPALKEY: SECRET,
      SECRET_MY_VAR: 'var-secret-value',
    });
    const { createAzureDevOpsHost } = await import('../../src/hosts/azure-devops');
    const host = await createAzureDevOpsHost();
    expect(host.kind).toBe('azure-devops');
    // task-lib moved INPUT_* out of the environment; the adapter read them before.
    expect(process.env.INPUT_MAXPARALLEL).toBeUndefined();
    expect(host.getInput('max-parallel')).toBe('6');
    const conn = await host.getServiceConnection!('conn');
    expect(conn).toMatchObject({
      scheme: 'WorkloadIdentityFederation',
      tenantId: 'tenant-1',
      clientId: 'client-1',
    });
    expect(host.secretVariables!()).toEqual({ MY_VAR: 'var-secret-value' });
    host.log.info(`using ${SECRET} and var-secret-value`);
    host.log.warn('rule matches nothing', { file: 'parameter.yml', line: 12, col: 5 });
    host.setOutput('workspace-id', 'ws-1');
    const file = await host.writeSummary(`# Summary ${SECRET}`, { title: 'Fabric Deploy (prod)' });
    expect(readFileSync(file!, 'utf8')).toBe('# Summary ***');
    const logged = text();
    expect(logged).toContain(`##vso[task.setsecret]${SECRET}`);
    expect(logged).toContain('using *** and ***');
    expect(logged).toMatch(
      /##vso\[task\.logissue type=warning;sourcepath=parameter\.yml;linenumber=12;columnnumber=5;?\]rule matches nothing/,
    );
    expect(logged).toMatch(
      /##vso\[task\.setvariable variable=workspaceId;isOutput=true;issecret=false;?\]ws-1/,
    );
    // The summary section's heading is the attachment's name (uploadsummary would name it after the file).
    expect(logged).toContain(
      `##vso[task.addattachment type=Distributedtask.Core.Summary;name=Fabric Deploy (prod);]${file}`,
    );
    host.setResult('failed');
    expect(logged + text()).toMatch(/##vso\[task\.complete result=Failed;?\]/);
    expect(process.exitCode).toBe(1);
  });
});
