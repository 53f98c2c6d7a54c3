// Runs the real Azure SDK clients against the simulator. Started as a child process with
// NODE_EXTRA_CA_CERTS pointing at the simulator's certificate (read only at process start).
// Input: env SIM_INFO (JSON); output: one JSON line of results on stdout.
import {
  ClientSecretCredential,
  ClientCertificateCredential,
  ClientAssertionCredential,
  ManagedIdentityCredential,
} from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';

const info = JSON.parse(process.env.SIM_INFO);
const common = { authorityHost: info.authorityHost, disableInstanceDiscovery: true };
const FABRIC = 'https://api.fabric.microsoft.com/.default';
const claims = (t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());
const out = {};

async function attempt(name, fn) {
  try {
    out[name] = { ok: true, value: await fn() };
  } catch (e) {
    out[name] = { ok: false, error: String(e?.message ?? e), code: e?.code, statusCode: e?.statusCode };
  }
}

await attempt('secret', async () => {
  const cred = new ClientSecretCredential(info.tenantId, info.clientId, info.secret, common);
  const t = await cred.getToken(FABRIC);
  return { claims: claims(t.token), expiresOnTimestamp: t.expiresOnTimestamp, token: t.token };
});
await attempt('badSecret', () =>
  new ClientSecretCredential(info.tenantId, info.clientId, 'wrong', common).getToken(FABRIC),
);
await attempt('unknownClient', () =>
  new ClientSecretCredential(info.tenantId, '00000000-0000-4000-8000-0000000000aa', 'x', common).getToken(
    FABRIC,
  ),
);
await attempt('certificate', async () => {
  const cred = new ClientCertificateCredential(
    info.tenantId,
    info.certClientId,
    { certificatePath: info.certPath },
    common,
  );
  return { claims: claims((await cred.getToken(FABRIC)).token) };
});
await attempt('assertion', async () => {
  const cred = new ClientAssertionCredential(
    info.tenantId,
    info.clientId,
    async () => info.oidcToken,
    common,
  );
  return { claims: claims((await cred.getToken(FABRIC)).token) };
});
await attempt('assertionWrongSubject', () =>
  new ClientAssertionCredential(
    info.tenantId,
    info.clientId,
    async () => info.oidcTokenWrongSubject,
    common,
  ).getToken(FABRIC),
);
await attempt('managedIdentity', async () => {
  const cred = new ManagedIdentityCredential();
  return { claims: claims((await cred.getToken(FABRIC)).token) };
});
await attempt('keyVault', async () => {
  const cred = new ClientSecretCredential(info.tenantId, info.clientId, info.secret, common);
  const kv = new SecretClient(info.keyVaultUrl, cred, { disableChallengeResourceVerification: true });
  const v1 = await kv.setSecret('fabric-token', 'one');
  const v2 = await kv.setSecret('fabric-token', 'two', { contentType: 'text/plain' });
  const latest = await kv.getSecret('fabric-token');
  const old = await kv.getSecret('fabric-token', { version: v1.properties.version });
  const versions = [];
  for await (const p of kv.listPropertiesOfSecretVersions('fabric-token')) versions.push(p.version);
  let missing;
  try {
    await kv.getSecret('does-not-exist');
  } catch (e) {
    missing = { code: e.code, statusCode: e.statusCode };
  }
  return {
    latest: latest.value,
    old: old.value,
    contentType: v2.properties.contentType,
    versions: versions.length,
    missing,
    name: latest.name,
  };
});
await attempt('appInsights', async () => {
  const ai = await import('applicationinsights');
  const client = new ai.TelemetryClient(info.appInsightsConnectionString);
  client.trackEvent({ name: 'sim-test-event', properties: { run: 'companions' } });
  client.trackMetric({ name: 'sim-test-metric', value: 42 });
  await client.flush();
  await new Promise((r) => setTimeout(r, 300));
  return true;
});
process.stdout.write(JSON.stringify(out) + '\n');
// Exporters keep timers alive; the results are out.
process.exit(0);
