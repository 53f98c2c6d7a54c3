import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/errors';
import { resolveCloud } from '../../src/identity/clouds';
import { createTokenProvider } from '../../src/identity/credentials';
import { validateAuthOptions, type AuthOptions } from '../../src/settings/auth';
import { FIXTURES, RecordingHost } from '../support/identity-hosts';

const TENANT = '5b4c6f7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const CLIENT = 'd3b10e00-0000-4000-8000-0000000000d1';
const cloud = resolveCloud({});
const noTools: NodeJS.ProcessEnv = { PATH: '/nonexistent' };

function opts(o: Partial<AuthOptions>): AuthOptions {
  return { kind: 'auto', cloud, env: noTools, ...o };
}

function refused(o: AuthOptions, host = new RecordingHost()): ConfigError {
  try {
    validateAuthOptions(o, host);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected validateAuthOptions to refuse');
}

function githubHost(withOidc: boolean): RecordingHost {
  const host = new RecordingHost('github');
  if (withOidc) host.idTokens = async () => 'x.y.z';
  return host;
}
const GITHUB_ENV = {
  ...noTools,
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
};

/** The kind createTokenProvider settles on, without signing in (no token is requested). */
async function chosen(o: AuthOptions, host = new RecordingHost()): Promise<string> {
  return (await createTokenProvider(o, host)).kind;
}

describe('bad auth input', () => {
  test('unknown auth kind lists the allowed ones', () => {
    const e = refused(opts({ kind: 'password' }));
    expect(e.field).toBe('auth');
    expect(e.message).toMatch(/Unknown auth kind "password"/);
    expect(e.fix).toContain('auto, oidc, client-secret, certificate, managed-identity, azure-cli, token');
  });

  test('client-secret without tenant id or client id', () => {
    const noTenant = refused(opts({ kind: 'client-secret', clientId: CLIENT, clientSecret: 's3cret-value' }));
    expect(noTenant.field).toBe('tenant-id');
    expect(noTenant.message).toMatch(/auth client-secret needs tenant-id/);
    const noClient = refused(opts({ kind: 'client-secret', tenantId: TENANT, clientSecret: 's3cret-value' }));
    expect(noClient.field).toBe('client-id');
    const neither = refused(opts({ kind: 'client-secret', clientSecret: 's3cret-value' }));
    expect(neither.message).toMatch(/needs tenant-id, client-id/);
    expect(refused(opts({ kind: 'client-secret', tenantId: TENANT, clientId: CLIENT })).field).toBe(
      'client-secret',
    );
  });

  test('a client id that is not a GUID, a tenant that is not an id or domain', () => {
    expect(
      refused(opts({ kind: 'client-secret', tenantId: TENANT, clientId: 'my-app', clientSecret: 'x1234' }))
        .field,
    ).toBe('client-id');
    expect(
      refused(
        opts({ kind: 'client-secret', tenantId: 'https://evil/x', clientId: CLIENT, clientSecret: 'x1234' }),
      ).field,
    ).toBe('tenant-id');
  });

  test('certificate file missing, or neither PEM nor PFX', () => {
    const base = { kind: 'certificate', tenantId: TENANT, clientId: CLIENT } as const;
    const missing = refused(opts({ ...base, certificate: path.join(FIXTURES, 'missing.pfx') }));
    expect(missing.field).toBe('certificate');
    expect(missing.message).toMatch(/not found/);
    const junk = refused(opts({ ...base, certificate: path.join(FIXTURES, 'not-a-cert.txt') }));
    expect(junk.field).toBe('certificate');
    expect(junk.message).toMatch(/neither a PEM .* nor a PFX/);
    expect(
      refused(opts({ ...base, certificate: path.join(FIXTURES, 'client.pfx'), certificatePassword: 'bad' }))
        .field,
    ).toBe('certificate-password');
    expect(() =>
      validateAuthOptions(
        opts({ ...base, certificate: path.join(FIXTURES, 'client.pfx'), certificatePassword: 'pfx-pass' }),
        new RecordingHost(),
      ),
    ).not.toThrow();
  });

  test('oidc on a host that has none', () => {
    const cli = refused(opts({ kind: 'oidc', tenantId: TENANT, clientId: CLIENT }), new RecordingHost('cli'));
    expect(cli.field).toBe('auth');
    expect(cli.message).toMatch(/OIDC is not available: the command line host/);

    const noPermission = refused(
      opts({ kind: 'oidc', tenantId: TENANT, clientId: CLIENT, env: noTools }),
      githubHost(false),
    );
    expect(noPermission.message).toMatch(/OIDC is not available/);
    expect(noPermission.fix).toMatch(/id-token: write/);

    const ado = refused(opts({ kind: 'oidc' }), new RecordingHost('azure-devops'));
    expect(ado.field).toBe('connected-service-name');

    expect(refused(opts({ kind: 'oidc', env: GITHUB_ENV }), githubHost(true)).field).toBe('tenant-id');
  });

  test('an expired token, and token without a value', () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const past = Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) - 600 })).toString(
      'base64url',
    );
    const e = refused(opts({ kind: 'token', token: `${header}.${past}.sig` }));
    expect(e.field).toBe('token');
    expect(e.message).toMatch(/expired 10 minute/);
    expect(refused(opts({ kind: 'token' })).field).toBe('token');
  });

  test('azure-cli when az is not installed', () => {
    const e = refused(opts({ kind: 'azure-cli' }));
    expect(e.message).toMatch(/`az` is not on PATH/);
  });

  test('auto with nothing to go on says what to give, per host', () => {
    expect(refused(opts({}), new RecordingHost('cli')).fix).toMatch(/az login/);
    expect(refused(opts({}), githubHost(false)).fix).toMatch(/id-token: write/);
    expect(refused(opts({}), new RecordingHost('azure-devops')).fix).toMatch(/connectedServiceName/);
  });
});

describe('auth auto picks in the documented order', () => {
  const secret = { tenantId: TENANT, clientId: CLIENT, clientSecret: 'the-client-secret' };
  const cert = { tenantId: TENANT, clientId: CLIENT, certificate: path.join(FIXTURES, 'client.pem') };

  test('GitHub OIDC first (when tenant and client ids are given), with a warning for an ignored secret', async () => {
    const host = githubHost(true);
    expect(await chosen(opts({ ...secret, env: GITHUB_ENV }), host)).toBe('oidc');
    expect(
      host.lines.some(
        (l) => l.level === 'warn' && /client-secret\/certificate inputs are ignored/.test(l.message),
      ),
    ).toBe(true);
    // Without the permission, the secret is used.
    expect(await chosen(opts({ ...secret }), githubHost(false))).toBe('client-secret');
  });

  test('then client-secret, certificate, token', async () => {
    expect(await chosen(opts({ ...secret, certificate: cert.certificate }))).toBe('client-secret');
    expect(await chosen(opts(cert))).toBe('certificate');
    expect(await chosen(opts({ token: 'opaque-token-value' }))).toBe('token');
  });

  test('then managed identity when the platform advertises one, then the Azure CLI when az is on PATH', async () => {
    expect(
      await chosen(
        opts({
          env: { ...noTools, IDENTITY_ENDPOINT: 'http://127.0.0.1:1/msi/token', IDENTITY_HEADER: 'h' },
        }),
      ),
    ).toBe('managed-identity');
    const bin = mkdtempSync(path.join(os.tmpdir(), 'az-'));
    writeFileSync(path.join(bin, 'az'), '#!/bin/sh\nexit 1\n');
    chmodSync(path.join(bin, 'az'), 0o755);
    expect(await chosen(opts({ env: { PATH: bin } }))).toBe('azure-cli');
  });

  test('on Azure DevOps the service connection decides; auth must agree with its scheme', async () => {
    const host = new RecordingHost('azure-devops');
    host.serviceConnections.conn = {
      id: 'conn',
      scheme: 'ServicePrincipal',
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 'conn-secret-value',
    };
    expect(await chosen(opts({ connectedServiceName: 'conn' }), host)).toBe('client-secret');
    await expect(chosen(opts({ kind: 'oidc', connectedServiceName: 'conn' }), host)).rejects.toMatchObject({
      field: 'auth',
      message: expect.stringMatching(/auth is oidc but service connection "conn" provides client-secret/),
    });
    await expect(chosen(opts({ connectedServiceName: 'missing' }), host)).rejects.toMatchObject({
      field: 'connected-service-name',
    });
    host.serviceConnections.odd = { id: 'odd', scheme: 'UsernamePassword' };
    await expect(chosen(opts({ connectedServiceName: 'odd' }), host)).rejects.toThrow(
      /UsernamePassword scheme, which is not supported/,
    );
  });

  test('no secret reaches the log while choosing', async () => {
    const host = githubHost(false);
    await createTokenProvider(opts({ ...secret }), host);
    host.expectNoLeak([secret.clientSecret]);
    expect(host.raw.join('\n')).toMatch(/Authenticating with client secret as client d3b10e00/);
  });
});
