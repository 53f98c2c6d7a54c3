import { ConfigError } from '../../src/errors';
import {
  cloudFromAdoEnvironment,
  isLoopbackUrl,
  requireSecureUrl,
  resolveCloud,
} from '../../src/identity/clouds';

describe('resolveCloud', () => {
  test('public is the default and uses the Fabric scope from the API notes', () => {
    const c = resolveCloud({});
    expect(c).toMatchObject({
      name: 'public',
      authorityHost: 'https://login.microsoftonline.com',
      fabricApiUrl: 'https://api.fabric.microsoft.com/v1',
      fabricScope: 'https://api.fabric.microsoft.com/.default',
      oidcAudience: 'api://AzureADTokenExchange',
      graphUrl: 'https://graph.microsoft.com/v1.0',
      keyVaultScope: 'https://vault.azure.net/.default',
    });
  });

  test('usgov and china have their own authority, Fabric endpoint, scope and OIDC audience', () => {
    expect(resolveCloud({ cloud: 'usgov' })).toMatchObject({
      authorityHost: 'https://login.microsoftonline.us',
      fabricApiUrl: 'https://api.fabric.microsoft.us/v1',
      fabricScope: 'https://api.fabric.microsoft.us/.default',
      oidcAudience: 'api://AzureADTokenExchangeUSGov',
    });
    expect(resolveCloud({ cloud: 'China' })).toMatchObject({
      name: 'china',
      authorityHost: 'https://login.chinacloudapi.cn',
      fabricApiUrl: 'https://api.fabric.microsoft.cn/v1',
      oidcAudience: 'api://AzureADTokenExchangeChina',
    });
  });

  test('overrides replace the endpoints and keep the cloud scope', () => {
    const c = resolveCloud({
      fabricApiUrl: 'https://fabric.example.test/v1/',
      authorityHost: 'https://login.example.test/',
    });
    expect(c.fabricApiUrl).toBe('https://fabric.example.test/v1');
    expect(c.authorityHost).toBe('https://login.example.test');
    expect(c.fabricScope).toBe('https://api.fabric.microsoft.com/.default');
    expect(resolveCloud({ fabricApiUrl: 'https://fabric.example.test' }).fabricApiUrl).toBe(
      'https://fabric.example.test/v1',
    );
  });

  test('plain http is accepted for loopback (the simulator) only', () => {
    expect(resolveCloud({ fabricApiUrl: 'http://127.0.0.1:5000/v1' }).fabricApiUrl).toBe(
      'http://127.0.0.1:5000/v1',
    );
    expect(resolveCloud({ authorityHost: 'http://localhost:8443' }).authorityHost).toBe(
      'http://localhost:8443',
    );
    expect(isLoopbackUrl('http://[::1]:80/')).toBe(true);
    for (const [field, value] of [
      ['fabric-api-url', 'http://api.fabric.microsoft.com/v1'],
      ['authority-host', 'http://login.microsoftonline.com'],
    ] as const) {
      const input = field === 'fabric-api-url' ? { fabricApiUrl: value } : { authorityHost: value };
      let err: unknown;
      try {
        resolveCloud(input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).field).toBe(field);
      expect((err as ConfigError).message).toMatch(/must use https/);
    }
  });

  test('an unknown cloud or a malformed URL is a ConfigError naming the input', () => {
    expect(() => resolveCloud({ cloud: 'mars' })).toThrow(
      expect.objectContaining({ field: 'cloud', fix: expect.stringContaining('public, usgov, china') }),
    );
    expect(() => requireSecureUrl('not a url', 'key-vault-url')).toThrow(
      expect.objectContaining({ field: 'key-vault-url' }),
    );
    expect(() => requireSecureUrl('ftp://x.example', 'key-vault-url')).toThrow(/https/);
  });

  test('Azure DevOps environment names map to clouds', () => {
    expect(cloudFromAdoEnvironment('AzureCloud')).toBe('public');
    expect(cloudFromAdoEnvironment('AzureUSGovernment')).toBe('usgov');
    expect(cloudFromAdoEnvironment('AzureChinaCloud')).toBe('china');
    expect(cloudFromAdoEnvironment(undefined)).toBeUndefined();
  });
});
