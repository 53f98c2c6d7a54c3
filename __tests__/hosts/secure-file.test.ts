/**
 * The certificate as an Azure Pipelines secure file, through the bundle as the agent runs the task
 * (support/agent.ts: the secureFile input carries the file's id, SECUREFILE_NAME_/TICKET_<id> are set):
 * the task downloads it from a loopback Azure DevOps with the job's ticket and access token, signs in to
 * the simulator's Entra ID with it (a real MSAL client assertion), keeps it 0600 in Agent.TempDirectory
 * only while the step runs and never prints the ticket. Each way the download can fail stops the step
 * before any sign-in, naming certificateSecureFile and the fix.
 */
import { readdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { extractTask, jobDirectories, runTaskAsAgent, type AgentJob, type AgentRun } from '../support/agent';
import { FIXTURES } from '../support/identity-hosts';
import { useSimulator } from '../support/sim';

const sim = useSimulator({ quiet: true }, { contract: false });
const CERT_APP = {
  clientId: '0c0c0c0c-0000-4000-8000-0000000000c2',
  servicePrincipalId: '0c0c0c0c-0000-4000-8000-0000000005c2',
  displayName: 'secure-file-app',
};
const FILE = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5',
  name: 'fabric-deploy.pfx',
  ticket: 'tkt-Zq8v2Lr7Xw4N',
};
const ACCESS_TOKEN = 'job-access-token-Qm3s9';
const PFX = readFileSync(path.join(FIXTURES, 'client.pfx'));

let devops: Server;
let devopsUrl: string;
let served: { url: string; headers: IncomingHttpHeaders }[] = [];
let status = 200;
let tokenRequests = 0;
/** At the moment of sign-in: the certificate files in _temp and their modes. */
let seenAtSignIn: { name: string; mode: number }[] = [];
let temp = '';

beforeAll(async () => {
  const res = await fetch(`${sim().url}/_sim/state`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      apps: [
        { ...CERT_APP, certificates: [readFileSync(path.join(FIXTURES, 'client-cert-only.pem'), 'utf8')] },
      ],
    }),
  });
  expect(res.status).toBe(200);
  sim().onRequest((e) => {
    if (!/\/oauth2\/v2\.0\/token$/.test(e.path)) return;
    tokenRequests++;
    seenAtSignIn = readdirSync(temp)
      .filter((f) => f.startsWith('fabric-deploy-certificate-'))
      .map((name) => ({ name, mode: statSync(path.join(temp, name)).mode & 0o777 }));
  });
  // Azure DevOps' secure-file download, as TaskAgentApi.downloadSecureFile calls it.
  devops = createServer((req, res) => {
    served.push({ url: req.url!, headers: req.headers });
    const u = new URL(req.url!, 'http://x');
    const ok =
      u.pathname === `/contoso/Sales/_apis/distributedtask/securefiles/${FILE.id}` &&
      u.searchParams.get('ticket') === FILE.ticket &&
      u.searchParams.get('download') === 'true' &&
      req.headers.authorization === `Bearer ${ACCESS_TOKEN}`;
    const code = ok ? status : 404;
    res.writeHead(code, { 'content-type': code === 200 ? 'application/octet-stream' : 'application/json' });
    res.end(code === 200 ? PFX : JSON.stringify({ message: 'denied' }));
  });
  await new Promise<void>((r) => devops.listen(0, '127.0.0.1', r));
  devopsUrl = `http://127.0.0.1:${(devops.address() as AddressInfo).port}/contoso/`;
});

afterAll(() => new Promise((r) => devops.close(r)));

beforeEach(() => {
  served = [];
  status = 200;
  tokenRequests = 0;
  seenAtSignIn = [];
});

async function runTask(inputs: Record<string, string>, more: Partial<AgentJob> = {}): Promise<AgentRun> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'fd-securefile-'));
  const taskDir = extractTask(work);
  const dirs = jobDirectories(work);
  temp = dirs.temp;
  writeFileSync(
    path.join(dirs.sources, 'fabric-deploy.yml'),
    'version: 1\nworkspace:\n  name: secure-file-ws\n',
  );
  return runTaskAsAgent({
    workFolder: work,
    taskDir,
    handler: 'Node20_1',
    node: process.execPath,
    inputs: {
      command: 'plan',
      auth: 'certificate',
      tenantId: sim().tenantId,
      clientId: CERT_APP.clientId,
      certificateSecureFile: FILE.name,
      certificatePassword: 'pfx-pass',
      allowEmpty: 'true',
      authorityHost: sim().authorityHost,
      fabricApiUrl: sim().fabricApiUrl,
      ...inputs,
    },
    secureFiles: [FILE],
    accessToken: ACCESS_TOKEN,
    variables: { 'system.teamFoundationCollectionUri': devopsUrl },
    env: { NODE_EXTRA_CA_CERTS: sim().caCertPath },
    ...more,
  });
}

const errors = (r: AgentRun) =>
  r.commands.filter((c) => c.command === 'task.issue' && c.props.type === 'error').map((c) => c.message);
/** What the log shows: everything but the agent's setsecret commands (which register the masks). */
const printed = (r: AgentRun) =>
  r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('##vso[task.setsecret]'))
    .join('\n');
const leftBehind = () => readdirSync(temp).filter((f) => f.startsWith('fabric-deploy-certificate-'));

test('downloads the secure file with the job ticket, signs in with it, keeps it 0600 only while the step runs', async () => {
  const r = await runTask({});
  expect({ result: r.result, code: r.code, errors: errors(r), log: r.stdout.slice(-1500) }).toMatchObject({
    result: 'Succeeded',
    code: 0,
    errors: [],
  });
  expect(r.stdout).toMatch(new RegExp(`signed in as app ${CERT_APP.clientId} .* with certificate`));
  expect(served).toHaveLength(1);
  expect(served[0]!.headers.accept).toBe('application/octet-stream;api-version=7.1-preview.1');
  expect(seenAtSignIn).toEqual([
    { name: expect.stringMatching(/^fabric-deploy-certificate-[-0-9a-f]+\.pfx$/), mode: 0o600 },
  ]);
  expect(leftBehind()).toEqual([]);
  // The ticket and the job token are registered as secrets and never printed otherwise.
  const secrets = r.commands.filter((c) => c.command === 'task.setsecret').map((c) => c.message);
  expect(secrets).toEqual(expect.arrayContaining([FILE.ticket, ACCESS_TOKEN]));
  expect(printed(r)).not.toContain(FILE.ticket);
  expect(printed(r)).not.toContain(ACCESS_TOKEN);
}, 60_000);

test.each([
  [
    'the pipeline is not authorized (HTTP 403)',
    (): void => void (status = 403),
    {},
    `certificateSecureFile: downloading the secure file '${FILE.name}' was refused: HTTP 403`,
    'Pipeline permissions',
    undefined,
  ],
  [
    'the file is gone (HTTP 404)',
    (): void => void (status = 404),
    {},
    'was refused: HTTP 404',
    'still exists in this project',
    undefined,
  ],
  [
    'the job has no ticket for the name given',
    (): void => undefined,
    { certificateSecureFile: 'other.pfx' },
    "certificateSecureFile: the agent gave this job no secure file 'other.pfx'",
    'Pipelines > Library > Secure files',
    undefined,
  ],
  [
    'Azure DevOps cannot be reached',
    (): void => undefined,
    {},
    'could not download the secure file',
    'proxy settings',
    { 'system.teamFoundationCollectionUri': 'http://127.0.0.1:9/contoso/' },
  ],
  [
    'certificate is given as well',
    (): void => undefined,
    { certificate: 'cert.pem' },
    'give certificate or certificateSecureFile, not both',
    'remove the certificate input',
    undefined,
  ],
] as const)(
  '%s: the step fails before signing in, naming the input and the fix',
  async (_, setUp, inputs, message, fix, variables: Record<string, string> | undefined) => {
    setUp();
    const r = await runTask(inputs, variables ? { variables: { ...variables } } : {});
    expect({ result: r.result, code: r.code }).toEqual({ result: 'Failed', code: 1 });
    const e = errors(r).join('\n');
    expect(e).toContain(message);
    expect(e).toContain('[certificateSecureFile]');
    expect(e).toContain(fix);
    expect(r.stdout.split('\n').find((l) => !l.startsWith('##vso'))).toMatch(
      /^Fabric Deploy \d+\.\d+\.\d+ \(azure-devops;/,
    );
    expect(r.outputs.result).toBe('failed');
    // The run's summary section says it as well, before the task completed.
    const summary = r.commands.find(
      (c) => c.command === 'task.addattachment' && c.props.type === 'Distributedtask.Core.Summary',
    );
    expect(readFileSync(summary!.message, 'utf8')).toContain('| Field | `certificateSecureFile` |');
    expect(r.commands.indexOf(summary!)).toBeLessThan(
      r.commands.findIndex((c) => c.command === 'task.complete'),
    );
    expect(tokenRequests).toBe(0);
    expect(leftBehind()).toEqual([]);
    expect(printed(r)).not.toContain(FILE.ticket);
  },
  60_000,
);
