/**
 * The real @azure/identity / MSAL code against the simulator's HTTPS Entra ID: client secret,
 * certificate (PEM and PFX), federated assertions from GitHub and Azure DevOps, managed identity and
 * the Azure CLI. The simulator's CA is passed in-process (network.ca), since NODE_EXTRA_CA_CERTS is
 * only read at start-up.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS, startSimulator, type RunningSimulator } from '../../src/simulator';
import { UserError } from '../../src/errors';
import { resolveCloud, type CloudEndpoints } from '../../src/identity/clouds';
import { createTokenProvider } from '../../src/identity/credentials';
import type { AuthOptions } from '../../src/settings/auth';
import { decodeJwtClaims } from '../../src/identity/token';
import { FIXTURES, RecordingHost } from '../support/identity-hosts';
import { transpileIdentity } from '../support/transpile-identity';

const CERT_APP = {
  clientId: '0c0c0c0c-0000-4000-8000-0000000000c1',
  servicePrincipalId: '0c0c0c0c-0000-4000-8000-0000000005c1',
  displayName: 'cert-app',
};
const ADO = {
  issuer: 'https://vstoken.dev.azure.com/11111111-2222-3333-4444-555555555555',
  subject: 'sc://contoso/fabric-project/fabric-prod',
  audience: 'api://AzureADTokenExchange',
};

let sim: RunningSimulator;
let cloud: CloudEndpoints;
let tokenRequests = 0;

async function simPost(p: string, body: unknown = {}) {
  const res = await fetch(`${sim.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

/** A GitHub (or other issuer) OIDC token minted by the simulator. */
async function oidcToken(q: { audience?: string; subject?: string; issuer?: string } = {}): Promise<string> {
  const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as [string, string][]);
  return (await simPost(`/_sim/github-oidc?${qs}`)).value;
}

function base(o: Partial<AuthOptions>): AuthOptions {
  return { kind: 'auto', cloud, network: { ca: sim.caCertPem }, env: { PATH: '/nonexistent' }, ...o };
}

async function fabricAccepts(token: string): Promise<number> {
  const res = await fetch(`${sim.fabricApiUrl}/workspaces`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.status;
}

async function failure(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  sim = await startSimulator({ quiet: true });
  sim.onRequest((e) => {
    if (/\/oauth2\/v2\.0\/token$/.test(e.path)) tokenRequests++;
  });
  cloud = resolveCloud({ authorityHost: sim.authorityHost, fabricApiUrl: sim.fabricApiUrl });
  await simPost('/_sim/state', {
    apps: [
      {
        ...CERT_APP,
        certificates: [readFileSync(path.join(FIXTURES, 'client-cert-only.pem'), 'utf8')],
        federatedCredentials: [{ ...ADO, name: 'ado' }],
      },
    ],
  });
});

afterAll(async () => {
  await sim?.close();
});

const app = DEFAULTS.deployApp;

describe('client secret (real MSAL against the simulator)', () => {
  test('signs in, caches the token, refreshes on demand, and never logs the secret or token', async () => {
    const host = new RecordingHost('cli');
    const p = await createTokenProvider(
      base({
        kind: 'client-secret',
        tenantId: sim.tenantId,
        clientId: app.clientId,
        clientSecret: app.secret,
      }),
      host,
    );
    expect(p.kind).toBe('client-secret');
    const before = tokenRequests;
    const token = await p.getToken();
    expect(decodeJwtClaims(token)).toMatchObject({
      aud: 'https://api.fabric.microsoft.com',
      appid: app.clientId,
      tid: sim.tenantId,
    });
    expect(await fabricAccepts(token)).toBe(200);
    expect(await p.getToken()).toBe(token);
    expect(tokenRequests - before).toBe(1);
    expect(await p.identity!()).toMatchObject({ appId: app.clientId, objectId: app.servicePrincipalId });
    const fresh = await p.getToken(true);
    expect(typeof fresh).toBe('string');
    expect(tokenRequests - before).toBe(2);
    host.expectNoLeak([app.secret, token]);
    // Anything printed later is masked by the host, since both were registered.
    host.log.info(`debug dump ${token} ${app.secret}`);
    expect(host.lines.at(-1)!.message).toBe('debug dump *** ***');
  });

  test('a wrong secret maps AADSTS7000215 to its fix and names client-secret', async () => {
    const host = new RecordingHost('cli');
    const p = await createTokenProvider(
      base({
        kind: 'client-secret',
        tenantId: sim.tenantId,
        clientId: app.clientId,
        clientSecret: 'not-the-secret',
      }),
      host,
    );
    const e = await failure(p.getToken());
    expect(e.field).toBe('client-secret');
    expect(e.message).toMatch(/AADSTS7000215: the client secret is invalid/);
    expect(e.fix).toMatch(/Value \(not its Secret ID\)/);
    expect(e.message).not.toContain('not-the-secret');
  });

  test('an unknown client id maps AADSTS700016', async () => {
    const p = await createTokenProvider(
      base({
        kind: 'client-secret',
        tenantId: sim.tenantId,
        clientId: '99999999-0000-4000-8000-000000000000',
        clientSecret: 'whatever',
      }),
      new RecordingHost(),
    );
    const e = await failure(p.getToken());
    expect(e.field).toBe('client-id');
    expect(e.message).toMatch(/AADSTS700016/);
  });

  test('tokens for other scopes (Key Vault, Graph) come from the same credential', async () => {
    const p = await createTokenProvider(
      base({
        kind: 'client-secret',
        tenantId: sim.tenantId,
        clientId: app.clientId,
        clientSecret: app.secret,
      }),
      new RecordingHost(),
    );
    expect(decodeJwtClaims(await p.tokenFor('https://graph.microsoft.com/.default'))?.aud).toBe(
      'https://graph.microsoft.com',
    );
    const kv = await p.credential!.getToken('https://vault.azure.net/.default');
    expect(decodeJwtClaims(kv!.token)?.aud).toBe('https://vault.azure.net');
  });
});

describe('certificate (real MSAL client assertion signed with our key)', () => {
  test.each([
    ['client.pem', undefined],
    ['client-encrypted.pem', 'pem-pass'],
    ['client.pfx', 'pfx-pass'],
    ['client-legacy.pfx', 'pfx-pass'],
  ])('%s', async (file, password) => {
    const host = new RecordingHost();
    const p = await createTokenProvider(
      base({
        kind: 'certificate',
        tenantId: sim.tenantId,
        clientId: CERT_APP.clientId,
        certificate: path.join(FIXTURES, file),
        certificatePassword: password,
      }),
      host,
    );
    const token = await p.getToken();
    expect(decodeJwtClaims(token)).toMatchObject({
      appid: CERT_APP.clientId,
      oid: CERT_APP.servicePrincipalId,
    });
    expect(host.raw.join('\n')).toMatch(/Authenticating with certificate [0-9A-F]{40}/);
    const pem = readFileSync(path.join(FIXTURES, 'client.pem'), 'utf8');
    host.expectNoLeak([token, password, pem.split('-----END PRIVATE KEY-----')[0]]);
  });

  test('a certificate the app does not know maps AADSTS700027', async () => {
    const p = await createTokenProvider(
      base({
        kind: 'certificate',
        tenantId: sim.tenantId,
        clientId: app.clientId,
        certificate: path.join(FIXTURES, 'client.pem'),
      }),
      new RecordingHost(),
    );
    const e = await failure(p.getToken());
    expect(e.message).toMatch(/AADSTS700027/);
    expect(e.field).toBe('certificate');
    expect(e.fix).toMatch(/Upload this certificate/);
  });
});

describe('GitHub OIDC', () => {
  const env = {
    PATH: '/nonexistent',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.example/token',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
  };

  test('asks the host for a fresh ID token on every sign-in', async () => {
    const host = new RecordingHost('github');
    const audiences: string[] = [];
    const issued: string[] = [];
    host.idTokens = async (audience) => {
      audiences.push(audience);
      const t = await oidcToken({ audience });
      issued.push(t);
      return t;
    };
    const p = await createTokenProvider(base({ tenantId: sim.tenantId, clientId: app.clientId, env }), host);
    expect(p.kind).toBe('oidc');
    const t1 = await p.getToken();
    expect(await fabricAccepts(t1)).toBe(200);
    // MSAL evaluates the callback more than once per sign-in; what matters is that every sign-in
    // asks again and a cached token asks nothing.
    const afterFirst = issued.length;
    expect(afterFirst).toBeGreaterThanOrEqual(1);
    await p.getToken();
    expect(issued).toHaveLength(afterFirst);
    await p.getToken(true);
    const afterRefresh = issued.length;
    expect(afterRefresh).toBeGreaterThan(afterFirst);
    await p.tokenFor('https://graph.microsoft.com/.default');
    expect(issued.length).toBeGreaterThan(afterRefresh);
    expect(new Set(audiences)).toEqual(new Set(['api://AzureADTokenExchange']));
    host.expectNoLeak([...issued, t1]);
  });

  test('a federation mismatch prints iss, sub and aud (never the token) and the AADSTS fix', async () => {
    const host = new RecordingHost('github');
    let assertion = '';
    host.idTokens = async (audience) =>
      (assertion = await oidcToken({ audience, subject: 'repo:contoso/fabric-project:pull_request' }));
    const p = await createTokenProvider(
      base({ kind: 'oidc', tenantId: sim.tenantId, clientId: app.clientId, env }),
      host,
    );
    const e = await failure(p.getToken());
    expect(e.message).toMatch(/AADSTS700213: no federated identity credential matches the assertion subject/);
    expect(e.message).toContain(
      'iss=https://token.actions.githubusercontent.com, sub=repo:contoso/fabric-project:pull_request, aud=api://AzureADTokenExchange',
    );
    expect(e.fix).toMatch(/subject/);
    expect(e.message).not.toContain(assertion);
    expect(e.message).not.toContain(assertion.split('.')[1]);
  });

  test('a wrong audience maps AADSTS700212 to the audience input', async () => {
    const host = new RecordingHost('github');
    host.idTokens = async (audience) => oidcToken({ audience });
    const p = await createTokenProvider(
      base({
        kind: 'oidc',
        tenantId: sim.tenantId,
        clientId: app.clientId,
        audience: 'api://SomethingElse',
        env,
      }),
      host,
    );
    const e = await failure(p.getToken());
    expect(e.field).toBe('audience');
    expect(e.message).toMatch(/aud=api:\/\/SomethingElse/);
  });

  test('when the host cannot issue a token the error says to add id-token: write', async () => {
    const host = new RecordingHost('github');
    host.idTokens = async () => {
      throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
    };
    const p = await createTokenProvider(
      base({ kind: 'oidc', tenantId: sim.tenantId, clientId: app.clientId, env }),
      host,
    );
    const e = await failure(p.getToken());
    expect(e.message).toMatch(/Could not get an OIDC token from GitHub/);
    expect(e.fix).toMatch(/id-token: write/);
  });
});

describe('Azure DevOps service connection', () => {
  test('workload identity federation with the late-bound idToken', async () => {
    const host = new RecordingHost('azure-devops');
    const idToken = await oidcToken(ADO);
    host.serviceConnections['fabric-prod'] = {
      id: 'conn-1',
      scheme: 'WorkloadIdentityFederation',
      tenantId: sim.tenantId,
      clientId: CERT_APP.clientId,
      idToken,
      environment: 'AzureCloud',
    };
    const p = await createTokenProvider(base({ connectedServiceName: 'fabric-prod' }), host);
    expect(p.kind).toBe('oidc');
    expect(decodeJwtClaims(await p.getToken())?.appid).toBe(CERT_APP.clientId);
    host.expectNoLeak([idToken]);
  });

  test('workload identity federation through SYSTEM_OIDCREQUESTURI, once per sign-in', async () => {
    const calls: Array<{ url: string; auth?: string; method?: string }> = [];
    const server = http.createServer(async (req, res) => {
      calls.push({ url: req.url!, auth: req.headers.authorization, method: req.method });
      if (req.headers.authorization !== 'Bearer system-access-token-value') {
        res.writeHead(401).end('{"message":"no"}');
        return;
      }
      const token = await oidcToken(ADO);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ oidcToken: token }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const host = new RecordingHost('azure-devops');
      host.serviceConnections['fabric-prod'] = {
        id: 'conn-1',
        scheme: 'WorkloadIdentityFederation',
        tenantId: sim.tenantId,
        clientId: CERT_APP.clientId,
      };
      const env = {
        PATH: '/nonexistent',
        SYSTEM_OIDCREQUESTURI: `http://127.0.0.1:${port}/org/proj/_apis/distributedtask/hubs/build/plans/p/jobs/j/oidctoken`,
        SYSTEM_ACCESSTOKEN: 'system-access-token-value',
      };
      const p = await createTokenProvider(base({ connectedServiceName: 'fabric-prod', env }), host);
      await p.getToken();
      const first = calls.length;
      expect(first).toBeGreaterThanOrEqual(1);
      await p.getToken();
      expect(calls).toHaveLength(first);
      await p.getToken(true);
      expect(calls.length).toBeGreaterThan(first);
      expect(calls[0]).toMatchObject({
        method: 'POST',
        url: expect.stringContaining('api-version=7.1&serviceConnectionId=conn-1'),
      });
      host.expectNoLeak(['system-access-token-value']);

      const other = new RecordingHost('azure-devops');
      other.serviceConnections = host.serviceConnections;
      const denied = await createTokenProvider(
        base({ connectedServiceName: 'fabric-prod', env: { ...env, SYSTEM_ACCESSTOKEN: 'wrong-token' } }),
        other,
      );
      const e = await failure(denied.getToken());
      expect(e.message).toMatch(/Azure DevOps refused the OIDC token request .*HTTP 401/);
      expect(e.field).toBe('connected-service-name');
    } finally {
      server.close();
    }
  });

  test('without an idToken or the OIDC request variables, the error says what is missing', async () => {
    const host = new RecordingHost('azure-devops');
    host.serviceConnections.c = {
      id: 'c',
      scheme: 'WorkloadIdentityFederation',
      tenantId: sim.tenantId,
      clientId: CERT_APP.clientId,
    };
    const p = await createTokenProvider(base({ connectedServiceName: 'c' }), host);
    const e = await failure(p.getToken());
    expect(e.message).toMatch(/SYSTEM_OIDCREQUESTURI is missing/);
  });

  test('service principal with a secret or a PEM certificate; tenant and client come from the connection', async () => {
    const host = new RecordingHost('azure-devops');
    host.serviceConnections.secret = {
      id: 's',
      scheme: 'ServicePrincipal',
      tenantId: sim.tenantId,
      clientId: app.clientId,
      clientSecret: app.secret,
    };
    host.serviceConnections.cert = {
      id: 'c',
      scheme: 'ServicePrincipal',
      tenantId: sim.tenantId,
      clientId: CERT_APP.clientId,
      certificate: readFileSync(path.join(FIXTURES, 'client.pem'), 'utf8'),
    };
    const s = await createTokenProvider(base({ connectedServiceName: 'secret' }), host);
    expect(decodeJwtClaims(await s.getToken())?.appid).toBe(app.clientId);
    const c = await createTokenProvider(base({ kind: 'certificate', connectedServiceName: 'cert' }), host);
    expect(c.kind).toBe('certificate');
    expect(decodeJwtClaims(await c.getToken())?.appid).toBe(CERT_APP.clientId);
  });

  test('a connection for another cloud warns', async () => {
    const host = new RecordingHost('azure-devops');
    host.serviceConnections.gov = {
      id: 'g',
      scheme: 'ServicePrincipal',
      tenantId: sim.tenantId,
      clientId: app.clientId,
      clientSecret: app.secret,
      environment: 'AzureUSGovernment',
    };
    await createTokenProvider(base({ connectedServiceName: 'gov' }), host);
    expect(host.raw.join('\n')).toMatch(
      /AzureUSGovernment environment but cloud is public; set the cloud input to usgov/,
    );
  });
});

describe('managed identity and Azure CLI', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  test('managed identity through the App Service style endpoint', async () => {
    // MSAL reads these from process.env itself.
    process.env.IDENTITY_ENDPOINT = sim.managedIdentityEndpoint;
    process.env.IDENTITY_HEADER = 'sim-identity-header';
    const host = new RecordingHost();
    const p = await createTokenProvider(base({ env: { ...process.env } }), host);
    expect(p.kind).toBe('managed-identity');
    const token = await p.getToken();
    expect(decodeJwtClaims(token)).toMatchObject({
      appid: DEFAULTS.managedIdentity.clientId,
      aud: 'https://api.fabric.microsoft.com',
    });
    expect(await fabricAccepts(token)).toBe(200);
  });
});

/** A stand-in `az` answering `account get-access-token` for Fabric, or asking for `az login`. */
function fakeAz(mode: 'ok' | 'not-logged-in', token = ''): string {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'fake-az-'));
  const expires = Math.floor(Date.now() / 1000) + 3600;
  const ok = `case "$*" in *api.fabric.microsoft.com*) echo '{"accessToken":"${token}","expires_on":${expires}}';; *) exit 2;; esac`;
  const login = `echo "ERROR: Please run 'az login' to setup account." >&2; exit 1`;
  writeFileSync(path.join(bin, 'az'), `#!/bin/sh\n${mode === 'ok' ? ok : login}\n`);
  chmodSync(path.join(bin, 'az'), 0o755);
  return bin;
}

describe('in a fresh process (the environment as CI gives it)', () => {
  let dist: string;
  beforeAll(() => {
    dist = transpileIdentity();
  });
  afterAll(() => {
    rmSync(dist, { recursive: true, force: true });
  });

  function run(options: Record<string, unknown>, env: Record<string, string>): Promise<any> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(FIXTURES, 'driver.mjs')], {
        env: {
          HOME: process.env.HOME ?? '/tmp',
          PATH: process.env.PATH!,
          IDENTITY_DIST: dist,
          DRIVER_OPTIONS: JSON.stringify(options),
          ...env,
        },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('error', reject);
      child.on('close', () => {
        try {
          resolve(JSON.parse(out.trim().split('\n').at(-1)!));
        } catch {
          reject(new Error(`driver failed: ${err || out}`));
        }
      });
    });
  }

  test('client secret over HTTPS trusted through NODE_EXTRA_CA_CERTS', async () => {
    const r = await run(
      {
        kind: 'client-secret',
        tenantId: sim.tenantId,
        clientId: app.clientId,
        clientSecret: app.secret,
        cloud: { authorityHost: sim.authorityHost },
      },
      { NODE_EXTRA_CA_CERTS: sim.caCertPath },
    );
    expect(r).toMatchObject({
      ok: true,
      kind: 'client-secret',
      tokenMasked: true,
      claims: { appid: app.clientId },
    });
    expect(r.logs.join('\n')).not.toContain(app.secret);
  });

  test('without the CA the TLS failure is reported with a fix, not a stack', async () => {
    const r = await run(
      {
        kind: 'client-secret',
        tenantId: sim.tenantId,
        clientId: app.clientId,
        clientSecret: app.secret,
        cloud: { authorityHost: sim.authorityHost },
      },
      {},
    );
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Sign-in failed/);
    expect(r.fix).toMatch(/network access to the authority host/);
  });

  test('auth auto finds `az` on PATH and uses its login', async () => {
    const token = sim.issueToken({ aud: 'https://api.fabric.microsoft.com' });
    const bin = fakeAz('ok', token);
    const r = await run({ kind: 'auto', cloud: {} }, { PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    expect(r).toMatchObject({ ok: true, kind: 'azure-cli', tokenMasked: true });
    expect(r.logs.join('\n')).toMatch(/Authenticating with Azure CLI login/);
  });

  test('an Azure CLI that is not logged in: the fix says az login', async () => {
    const bin = fakeAz('not-logged-in');
    const r = await run(
      { kind: 'azure-cli', cloud: {} },
      { PATH: `${bin}${path.delimiter}${process.env.PATH}` },
    );
    expect(r.ok).toBe(false);
    expect(r.fix).toMatch(/Run `az login`/);
  });
});

describe('auth: token', () => {
  test('hands the token to Fabric and refuses other scopes with a fix', async () => {
    const token = sim.issueToken({ aud: 'https://api.fabric.microsoft.com' });
    const host = new RecordingHost();
    const p = await createTokenProvider(base({ kind: 'token', token }), host);
    expect(p.credential).toBeUndefined();
    expect(await p.getToken()).toBe(token);
    expect(await fabricAccepts(await p.getToken())).toBe(200);
    // A forced refresh (after 401 TokenExpired) cannot renew a given token: it says so, with the expiry.
    await expect(p.getToken(true)).rejects.toMatchObject({
      field: 'token',
      message: expect.stringMatching(
        /^the token given as input expired \(so says the service; its exp claim is \d{4}-.*Z: check the runner's clock\); a given token cannot be refreshed\.$/,
      ),
    });
    const e = await failure(p.tokenFor('https://graph.microsoft.com/.default'));
    expect(e.fix).toMatch(/object ids/);
    host.expectNoLeak([token]);
  });
});
