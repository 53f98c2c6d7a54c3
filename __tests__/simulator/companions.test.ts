/**
 * Companions: Entra ID, managed identity, Key Vault, Graph and App Insights.
 * The real @azure/identity, @azure/keyvault-secrets and applicationinsights
 * clients run in a child process (NODE_EXTRA_CA_CERTS is read at start-up);
 * the rest is driven with node:https and the simulator's CA.
 */
import { spawn } from 'node:child_process';
import https from 'node:https';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULTS } from '../../src/simulator';
import { generateSelfSignedCert } from '../../src/simulator/tls';
import { useSimulator } from '../support/sim';

const getSim = useSimulator();

function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const sim = getSim();
  return new Promise<{ status: number; headers: Record<string, any>; body: any }>((resolve, reject) => {
    const req = https.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, ca: sim.caCertPem },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let body: any = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {}
          resolve({ status: res.statusCode!, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function tokenFor(scope: string): Promise<string> {
  const sim = getSim();
  const r = await request(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULTS.deployApp.clientId,
      client_secret: DEFAULTS.deployApp.secret,
      scope,
    }).toString(),
  });
  expect(r.status).toBe(200);
  return r.body.access_token;
}

test('real Azure SDK clients: secret, certificate, assertion, managed identity, Key Vault, App Insights', async () => {
  const sim = getSim();
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-az-'));
  // A certificate credential for a second app registration.
  const appCert = generateSelfSignedCert('fabric-deploy-cert-app');
  const certPath = path.join(dir, 'app.pem');
  writeFileSync(certPath, appCert.keyPem + appCert.certPem);
  const certClientId = 'ce000000-0000-4000-8000-0000000000c1';
  await fetch(`${sim.url}/_sim/state`, {
    method: 'POST',
    body: JSON.stringify({
      apps: [
        {
          clientId: certClientId,
          displayName: 'cert-app',
          servicePrincipalId: 'ce000000-0000-4000-8000-0000000005c1',
          certificates: [appCert.certPem],
        },
      ],
    }),
  });
  const oidc = (await (await fetch(`${sim.url}/_sim/github-oidc`)).json()) as { value: string };
  const wrong = (await (
    await fetch(`${sim.url}/_sim/github-oidc?subject=repo:evil/repo:ref:refs/heads/main`)
  ).json()) as { value: string };
  const infoJson = JSON.stringify({
    ...sim,
    tenantId: sim.tenantId,
    clientId: DEFAULTS.deployApp.clientId,
    secret: DEFAULTS.deployApp.secret,
    certClientId,
    certPath,
    oidcToken: oidc.value,
    oidcTokenWrongSubject: wrong.value,
  });
  const child = spawn(process.execPath, [path.join(__dirname_(), '..', 'support', 'azure-clients.mjs')], {
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: sim.caCertPath,
      SIM_INFO: infoJson,
      IDENTITY_ENDPOINT: sim.managedIdentityEndpoint,
      IDENTITY_HEADER: 'sim-identity-header',
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  if (code !== 0 || !stdout.trim()) throw new Error(`child failed (${code}): ${stderr}`);
  const res = JSON.parse(stdout.trim().split('\n').pop()!);

  expect(res.secret.ok).toBe(true);
  expect(res.secret.value.claims).toMatchObject({
    aud: 'https://api.fabric.microsoft.com',
    appid: DEFAULTS.deployApp.clientId,
    oid: DEFAULTS.deployApp.servicePrincipalId,
    tid: sim.tenantId,
    idtyp: 'app',
  });
  // The token works on the Fabric API: the SP is a caller like any other.
  const ws = await fetch(`${sim.fabricApiUrl}/workspaces`, {
    headers: { Authorization: `Bearer ${res.secret.value.token}` },
  });
  expect(ws.status).toBe(200);
  expect(res.badSecret).toMatchObject({ ok: false });
  expect(res.badSecret.error).toMatch(/AADSTS7000215/);
  expect(res.unknownClient.error).toMatch(/AADSTS700016/);
  expect(res.certificate).toMatchObject({ ok: true, value: { claims: { appid: certClientId } } });
  expect(res.assertion).toMatchObject({
    ok: true,
    value: { claims: { appid: DEFAULTS.deployApp.clientId } },
  });
  expect(res.assertionWrongSubject.error).toMatch(/AADSTS700213/);
  expect(res.managedIdentity).toMatchObject({
    ok: true,
    value: { claims: { oid: DEFAULTS.managedIdentity.principalId, aud: 'https://api.fabric.microsoft.com' } },
  });
  expect(res.keyVault).toMatchObject({
    ok: true,
    value: {
      latest: 'two',
      old: 'one',
      contentType: 'text/plain',
      versions: 2,
      name: 'fabric-token',
      missing: { code: 'SecretNotFound', statusCode: 404 },
    },
  });
  expect(res.appInsights.ok).toBe(true);
  const telemetry = ((await (await fetch(`${sim.url}/_sim/telemetry`)).json()) as { value: any[] }).value;
  const names = JSON.stringify(telemetry);
  expect(names).toContain('sim-test-event');
}, 60_000);

test('Entra: discovery documents and error shapes', async () => {
  const sim = getSim();
  const cfg = await request(`${sim.authorityHost}/${sim.tenantId}/v2.0/.well-known/openid-configuration`);
  expect(cfg.body.token_endpoint).toBe(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`);
  expect(new URL(cfg.body.issuer).host).toBe(new URL(sim.authorityHost).host);
  const keys = await request(cfg.body.jwks_uri);
  expect(keys.body.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig' });
  const inst = await request(
    `${sim.authorityHost}/common/discovery/instance?api-version=1.1&authorization_endpoint=x`,
  );
  expect(inst.body.tenant_discovery_endpoint).toContain('/.well-known/openid-configuration');
  const bad = await request(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULTS.deployApp.clientId,
      client_secret: 'nope',
      scope: 'https://api.fabric.microsoft.com/.default',
    }).toString(),
  });
  expect(bad.status).toBe(401);
  expect(bad.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  for (const k of ['error_description', 'timestamp', 'trace_id', 'correlation_id'])
    expect(bad.body[k]).toBeTruthy();
  const fed = await request(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULTS.deployApp.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: sim.issueToken({ aud: 'api://AzureADTokenExchange' }),
      scope: 'https://api.fabric.microsoft.com/.default',
    }).toString(),
  });
  expect(fed.body.error_codes).toEqual([70021]);
  // Shortened token lifetime through the control API.
  await fetch(`${sim.url}/_sim/config`, {
    method: 'PATCH',
    body: JSON.stringify({ tokenLifetimeSeconds: 2 }),
  });
  const short = await request(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULTS.deployApp.clientId,
      client_secret: DEFAULTS.deployApp.secret,
      scope: 'https://api.fabric.microsoft.com/.default',
    }).toString(),
  });
  expect(short.body.expires_in).toBe(2);
  await fetch(`${sim.url}/_sim/config`, {
    method: 'PATCH',
    body: JSON.stringify({ tokenLifetimeSeconds: 3600 }),
  });
});

test('managed identity endpoints (IMDS and App Service styles)', async () => {
  const sim = getSim();
  const noHeader = await fetch(
    `${sim.url}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://api.fabric.microsoft.com`,
  );
  expect(noHeader.status).toBe(400);
  const imds = await fetch(
    `${sim.url}/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://api.fabric.microsoft.com`,
    { headers: { Metadata: 'true' } },
  );
  const body = (await imds.json()) as any;
  expect(body).toMatchObject({
    token_type: 'Bearer',
    resource: 'https://api.fabric.microsoft.com',
    client_id: DEFAULTS.managedIdentity.clientId,
  });
  const r = await fetch(`${sim.fabricApiUrl}/workspaces`, {
    headers: { Authorization: `Bearer ${body.access_token}` },
  });
  expect(r.status).toBe(200);
});

test('Key Vault: challenge, SecretNotFound, versions', async () => {
  const sim = getSim();
  const challenge = await request(`${sim.keyVaultUrl}/secrets/x?api-version=7.5`);
  expect(challenge.status).toBe(401);
  expect(challenge.headers['www-authenticate']).toBe(
    `Bearer authorization="${sim.authorityHost}/${sim.tenantId}", resource="https://vault.azure.net"`,
  );
  const fabricToken = sim.issueToken();
  const wrongAud = await request(`${sim.keyVaultUrl}/secrets/x?api-version=7.5`, {
    headers: { Authorization: `Bearer ${fabricToken}` },
  });
  expect(wrongAud.status).toBe(401);
  const t = await tokenFor('https://vault.azure.net/.default');
  const h = { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' };
  const missing = await request(`${sim.keyVaultUrl}/secrets/nothing-here?api-version=7.5`, { headers: h });
  expect(missing.status).toBe(404);
  expect(missing.body.error.code).toBe('SecretNotFound');
  const put = await request(`${sim.keyVaultUrl}/secrets/db-password?api-version=7.5`, {
    method: 'PUT',
    headers: h,
    body: JSON.stringify({ value: 's3cret' }),
  });
  expect(put.body.id).toMatch(new RegExp(`^${sim.keyVaultUrl}/secrets/db-password/[0-9a-f]{32}$`));
  const got = await request(`${sim.keyVaultUrl}/secrets/db-password?api-version=7.5`, { headers: h });
  expect(got.body.value).toBe('s3cret');
});

test('Graph look-ups with the Graph error shape', async () => {
  const sim = getSim();
  const t = await tokenFor('https://graph.microsoft.com/.default');
  const h = { Authorization: `Bearer ${t}` };
  const user = await request(
    `${sim.graphUrl}/users/${encodeURIComponent(DEFAULTS.viewerUser.userPrincipalName)}?$select=id,userPrincipalName,displayName`,
    { headers: h },
  );
  expect(user.body).toMatchObject({
    id: DEFAULTS.viewerUser.id,
    userPrincipalName: DEFAULTS.viewerUser.userPrincipalName,
  });
  expect(user.body.mail).toBeUndefined();
  const guest = await request(
    `${sim.graphUrl}/users/${encodeURIComponent('guest_fabrikam.com#EXT#@contoso.onmicrosoft.com')}`,
    { headers: h },
  );
  expect(guest.status).toBe(200);
  const none = await request(`${sim.graphUrl}/users/nobody@contoso.onmicrosoft.com`, { headers: h });
  expect(none.status).toBe(404);
  expect(none.body.error).toMatchObject({ code: 'Request_ResourceNotFound' });
  expect(none.body.error.innerError['request-id']).toBeTruthy();
  const groups = await request(
    `${sim.graphUrl}/groups?$filter=${encodeURIComponent("displayName eq 'Data Engineers'")}&$select=id,displayName,securityEnabled,mailEnabled`,
    { headers: h },
  );
  expect(groups.body.value).toEqual([
    {
      id: DEFAULTS.groups.engineers.id,
      displayName: 'Data Engineers',
      securityEnabled: true,
      mailEnabled: false,
    },
  ]);
  const sp = await request(
    `${sim.graphUrl}/servicePrincipals(appId='${DEFAULTS.deployApp.clientId}')?$select=id,appId,displayName`,
    { headers: h },
  );
  expect(sp.body.id).toBe(DEFAULTS.deployApp.servicePrincipalId);
  const spf = await request(
    `${sim.graphUrl}/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${DEFAULTS.deployApp.clientId}'`)}`,
    { headers: h },
  );
  expect(spf.body.value).toHaveLength(1);
  const badFilter = await request(
    `${sim.graphUrl}/groups?$filter=${encodeURIComponent('displayName has x')}`,
    { headers: h },
  );
  expect(badFilter.status).toBe(400);
  const noAuth = await request(`${sim.graphUrl}/users/x`);
  expect(noAuth.status).toBe(401);
  expect(noAuth.body.error.code).toBe('InvalidAuthenticationToken');
});

test('App Insights ingestion: gzip, plain, newline-delimited', async () => {
  const sim = getSim();
  await fetch(`${sim.url}/_sim/telemetry`, { method: 'DELETE' });
  const env = (name: string) => ({
    name: 'Microsoft.ApplicationInsights.Event',
    time: new Date().toISOString(),
    iKey: 'k',
    data: { baseType: 'EventData', baseData: { name } },
  });
  const gz = await fetch(`${sim.url}/v2.1/track`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    body: gzipSync(JSON.stringify([env('a'), env('b')])),
  });
  expect(await gz.json()).toEqual({ itemsReceived: 2, itemsAccepted: 2, errors: [] });
  const nd = await request(`${sim.tlsUrl}/v2/track`, {
    method: 'POST',
    body: [env('c'), env('d')].map((e) => JSON.stringify(e)).join('\n'),
  });
  expect(nd.body.itemsAccepted).toBe(2);
  const partial = await fetch(`${sim.url}/v2.1/track`, {
    method: 'POST',
    body: JSON.stringify([env('e'), { bogus: true }]),
  });
  expect(partial.status).toBe(206);
  const got = ((await (await fetch(`${sim.url}/_sim/telemetry`)).json()) as { value: any[] }).value;
  expect(got.map((e) => e.data.baseData.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
});

function __dirname_(): string {
  return path.join(process.cwd(), '__tests__', 'simulator');
}
