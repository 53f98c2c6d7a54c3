import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/errors';
import { envNames, keyVaultName, parseDotenv, SecretManager } from '../../src/identity/secrets';
import { ROOT } from '../support/paths';
import { RecordingHost } from '../support/identity-hosts';

function manager(o: Partial<ConstructorParameters<typeof SecretManager>[0]> = {}) {
  const host = (o.host as RecordingHost | undefined) ?? new RecordingHost('cli');
  return { host, secrets: new SecretManager({ enabled: false, required: false, env: {}, host, ...o }) };
}

describe('SecretManager without Key Vault', () => {
  test('resolves ${secret:NAME} from the environment and masks the value', async () => {
    const { host, secrets } = manager({
      env: { SQL_PASSWORD: 'env-sql-pass', 'api-key': 'dashed-key-value' },
    });
    expect(
      await secrets.resolveReferences('Server=x;Password=${secret:SQL_PASSWORD};Key=${secret:api-key}'),
    ).toBe('Server=x;Password=env-sql-pass;Key=dashed-key-value');
    // A Key-Vault-style name also finds the conventional variable.
    expect(await manager({ env: { SQL_PASSWORD: 'env-sql-pass' } }).secrets.get('sql-password')).toBe(
      'env-sql-pass',
    );
    expect(await secrets.resolveReferences('no references here')).toBe('no references here');
    host.expectNoLeak(['env-sql-pass', 'dashed-key-value']);
  });

  test('.env is read on the CLI only, after the environment', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dotenv-'));
    const file = path.join(dir, '.env');
    writeFileSync(
      file,
      '# local secrets\nexport DB_PASS="from dotenv"\nSHADOWED=dotenv\nMULTI="line1\\nline2"\n',
    );
    const cli = manager({ env: { SHADOWED: 'env wins' }, dotenvPath: file });
    expect(await cli.secrets.get('DB_PASS')).toBe('from dotenv');
    expect(await cli.secrets.get('SHADOWED')).toBe('env wins');
    expect(await cli.secrets.get('MULTI')).toBe('line1\nline2');
    const ci = manager({ host: new RecordingHost('github'), dotenvPath: file });
    await expect(ci.secrets.get('DB_PASS')).rejects.toThrow(/environment variable DB_PASS\./);
  });

  test('a secret no source has names every source tried', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dotenv-'));
    const { secrets } = manager({ dotenvPath: path.join(dir, '.env') });
    let err: unknown;
    try {
      await secrets.resolveReferences('password: ${secret:db-password}', {
        field: 'items.parameters',
        location: { file: 'parameter.yml', line: 4 },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.message).toBe(
      `Secret "db-password" was not found. Tried: environment variables db-password, DB_PASSWORD; ${path.join(dir, '.env')} (not found).`,
    );
    expect(e.location).toEqual({ file: 'parameter.yml', line: 4 });
    expect(e.fix).toMatch(/Set environment variable DB_PASSWORD/);
  });

  test('invalid names and configuration are refused before any network call', async () => {
    await expect(manager().secrets.get('bad name!')).rejects.toThrow(/not a valid secret name/);
    expect(() => manager({ keyVaultUrl: 'http://contoso.vault.azure.net', enabled: true })).toThrow(
      expect.objectContaining({ field: 'key-vault-url', message: expect.stringMatching(/must use https/) }),
    );
    // Not https is refused even when the feature is off: the URL is still wrong.
    expect(() => manager({ keyVaultUrl: 'http://contoso.vault.azure.net' })).toThrow(/must use https/);
    expect(() => manager({ enabled: true, required: true })).toThrow(
      expect.objectContaining({ field: 'key-vault-url' }),
    );
    expect(() => manager({ required: true, keyVaultUrl: 'https://kv.vault.azure.net' })).toThrow(
      expect.objectContaining({ field: 'features' }),
    );
    expect(() => manager({ enabled: true, keyVaultUrl: 'https://kv.vault.azure.net' })).toThrow(
      /needs a credential/,
    );
    const { host } = manager({ enabled: true });
    expect(host.lines.some((l) => l.level === 'warn' && /no vault is configured/.test(l.message))).toBe(true);
  });

  test('name mapping and .env parsing', () => {
    expect(keyVaultName('DB_PASSWORD')).toBe('DB-PASSWORD');
    expect(envNames('sql-password')).toEqual(['sql-password', 'SQL_PASSWORD']);
    expect(envNames('TOKEN')).toEqual(['TOKEN']);
    expect(parseDotenv('A=1\nB=\'x # y\'\nC=plain # comment\n=bad\nD="q\\"uote"')).toEqual({
      A: '1',
      B: 'x # y',
      C: 'plain',
      D: 'q"uote',
    });
  });
});

describe('start-up cost', () => {
  test('@azure/identity, @azure/keyvault-secrets and undici are only imported dynamically', () => {
    const dir = path.join(ROOT, 'src', 'identity');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(path.join(dir, f), 'utf8');
      const eager = [...src.matchAll(/^import\s+(?!type\b)[^;]*from\s+'(@azure\/[^']+|undici)'/gm)].map(
        (m) => m[1],
      );
      expect({ file: f, eager }).toEqual({ file: f, eager: [] });
    }
  });
});
