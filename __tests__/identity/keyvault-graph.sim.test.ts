/**
 * The real SecretClient (challenge authentication, retries) against the simulator's Key Vault, and
 * Graph look-ups against its Microsoft Graph, both signed in through createTokenProvider.
 */
import { DEFAULT_VAULT, DEFAULTS, startSimulator, type RunningSimulator } from '../../src/simulator';
import { ConfigError, UserError } from '../../src/errors';
import { resolveCloud } from '../../src/identity/clouds';
import { createTokenProvider } from '../../src/identity/credentials';
import type { FabricTokenProvider } from '../../src/identity/provider';
import { Directory } from '../../src/identity/directory';
import { networkFetch } from '../../src/identity/network';
import { SecretManager } from '../../src/identity/secrets';
import { RecordingHost } from '../support/identity-hosts';

let sim: RunningSimulator;
let provider: FabricTokenProvider;
let host: RecordingHost;

async function simPost(p: string, body: unknown) {
  const res = await fetch(`${sim.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
}

function secret(value: string) {
  const now = Math.floor(Date.now() / 1000);
  return [
    {
      version: `v${now}${Math.random().toString(16).slice(2, 8)}`,
      value,
      enabled: true,
      created: now,
      updated: now,
    },
  ];
}

async function seedSecrets(secrets: Record<string, string>) {
  await simPost('/_sim/state', {
    vaults: { [DEFAULT_VAULT]: Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, secret(v)])) },
  });
}

function manager(o: Partial<ConstructorParameters<typeof SecretManager>[0]> = {}) {
  return new SecretManager({
    keyVaultUrl: sim.keyVaultUrl,
    enabled: true,
    required: false,
    credential: provider.credential,
    env: {},
    host,
    network: { ca: sim.caCertPem },
    ...o,
  });
}

beforeAll(async () => {
  sim = await startSimulator({ quiet: true });
  host = new RecordingHost('github');
  provider = await createTokenProvider(
    {
      kind: 'client-secret',
      tenantId: sim.tenantId,
      clientId: DEFAULTS.deployApp.clientId,
      clientSecret: DEFAULTS.deployApp.secret,
      cloud: resolveCloud({ authorityHost: sim.authorityHost }),
      network: { ca: sim.caCertPem },
      env: {},
    },
    host,
  );
});

afterAll(async () => {
  await sim?.close();
});

afterEach(async () => {
  await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
});

describe('Key Vault secret manager', () => {
  test('reads from the vault (DB_PASSWORD → DB-PASSWORD), caches for the TTL, masks the value', async () => {
    await seedSecrets({ 'DB-PASSWORD': 'vault-db-password-1' });
    const m = manager({ env: { DB_PASSWORD: 'env-loses' } });
    expect(await m.resolveReferences('pw=${secret:DB_PASSWORD}')).toBe('pw=vault-db-password-1');
    await seedSecrets({ 'DB-PASSWORD': 'vault-db-password-2' });
    expect(await m.get('DB_PASSWORD')).toBe('vault-db-password-1');
    const short = manager({ ttlMs: 0 });
    expect(await short.get('DB-PASSWORD')).toBe('vault-db-password-2');
    host.expectNoLeak(['vault-db-password-1', 'vault-db-password-2']);
  });

  test('a secret missing from the vault falls through to the environment silently', async () => {
    const before = host.lines.length;
    expect(await manager({ env: { ONLY_IN_ENV: 'env-only-value' } }).get('ONLY_IN_ENV')).toBe(
      'env-only-value',
    );
    expect(host.lines.slice(before).filter((l) => l.level === 'warn')).toEqual([]);
  });

  test('a Key Vault failure falls back to the environment with one warning', async () => {
    await simPost('/_sim/faults', { path: '/secrets/**', action: { status: 403, errorCode: 'Forbidden' } });
    const h = new RecordingHost('github');
    const m = manager({ host: h, env: { A_SECRET: 'env-a', B_SECRET: 'env-b' } });
    expect(await m.get('A_SECRET')).toBe('env-a');
    expect(await m.get('B_SECRET')).toBe('env-b');
    const warnings = h.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(
      /Key Vault https:\/\/127\.0\.0\.1:\d+ failed \(HTTP 403.*\); falling back to environment variables/,
    );
    await expect(m.get('C_SECRET')).rejects.toThrow(
      /Tried: Key Vault https:\/\/127\.0\.0\.1:\d+ \(skipped: failed: HTTP 403/,
    );
  });

  test('the production profile fails instead of falling back', async () => {
    await simPost('/_sim/faults', { path: '/secrets/**', action: { status: 403, errorCode: 'Forbidden' } });
    const m = manager({ required: true, env: { A_SECRET: 'env-a' } });
    let err: unknown;
    try {
      await m.get('A_SECRET');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/production profile does not fall back/);
    expect((err as UserError).fix).toMatch(/Key Vault Secrets User/);
  });

  test('a secret nobody has names the vault, the variables and the fix', async () => {
    const e = await manager()
      .get('nowhere-secret')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toMatch(
      /Tried: Key Vault https:\/\/127\.0\.0\.1:\d+ \(secret "nowhere-secret" not found\); environment variables nowhere-secret, NOWHERE_SECRET\./,
    );
    expect((e as ConfigError).fix).toMatch(/Add secret "nowhere-secret" to the vault/);
  });
});

describe('Graph directory', () => {
  let dir: Directory;
  beforeAll(async () => {
    dir = new Directory({
      graphUrl: sim.graphUrl,
      tokenFor: provider.tokenFor,
      fetchImpl: await networkFetch({ ca: sim.caCertPem }),
    });
  });

  test('users by UPN, guests included', async () => {
    expect(await dir.userByUpn(DEFAULTS.viewerUser.userPrincipalName)).toMatchObject({
      id: DEFAULTS.viewerUser.id,
      displayName: 'Bob Viewer',
    });
    expect((await dir.userByUpn('guest_fabrikam.com#EXT#@contoso.onmicrosoft.com')).id).toBe(
      'a0e57000-0000-4000-8000-0000000000a4',
    );
    await expect(dir.userByUpn('nobody@contoso.onmicrosoft.com')).rejects.toThrow(
      /User "nobody@contoso.onmicrosoft.com" was not found/,
    );
  });

  test('groups by name: exactly one match, otherwise an error with the fix', async () => {
    expect(await dir.groupByName('Fabric Admins')).toEqual({
      id: DEFAULTS.groups.admins.id,
      displayName: 'Fabric Admins',
    });
    await expect(dir.groupByName('No Such Group')).rejects.toThrow(/not found/);
    await simPost('/_sim/state', {
      directory: {
        groups: [
          {
            id: 'f0000000-0000-4000-8000-0000000000f9',
            displayName: "O'Brien Team",
            securityEnabled: true,
            mailEnabled: false,
            members: [],
          },
          {
            id: 'f0000000-0000-4000-8000-0000000000fa',
            displayName: "O'Brien Team",
            securityEnabled: true,
            mailEnabled: false,
            members: [],
          },
        ],
      },
    });
    const e = (await dir.groupByName("O'Brien Team").catch((x: unknown) => x)) as UserError;
    expect(e.message).toMatch(/2 groups are named "O'Brien Team"/);
    expect(e.fix).toMatch(/object id/);
  });

  test('service principals by application id', async () => {
    expect(await dir.servicePrincipalByAppId(DEFAULTS.managedIdentity.clientId)).toMatchObject({
      id: DEFAULTS.managedIdentity.principalId,
      appId: DEFAULTS.managedIdentity.clientId,
    });
    await expect(dir.servicePrincipalByAppId('99999999-0000-4000-8000-000000000000')).rejects.toThrow(
      /No service principal with application id/,
    );
  });

  test('throttling is retried after Retry-After', async () => {
    await simPost('/_sim/faults', { path: '/graph/**', times: 1, action: { status: 429, retryAfter: 0 } });
    expect((await dir.userByUpn(DEFAULTS.otherUser.userPrincipalName)).id).toBe(DEFAULTS.otherUser.id);
  });
});
