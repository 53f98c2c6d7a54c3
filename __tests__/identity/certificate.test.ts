import { readFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { ConfigError } from '../../src/errors';
import { loadCertificate } from '../../src/identity/certificate';
import { FIXTURES } from '../support/identity-hosts';

const fixture = (f: string) => path.join(FIXTURES, f);
const referenceKey = createPrivateKey(readFileSync(fixture('client.pem'))).export({
  format: 'der',
  type: 'pkcs8',
});
const referenceThumb = new X509Certificate(readFileSync(fixture('client-cert-only.pem'))).fingerprint.replace(
  /:/g,
  '',
);

function expectSameCredential(pem: string) {
  expect(createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' }).equals(referenceKey)).toBe(true);
  // @azure/identity takes the first certificate as the leaf.
  const first = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(pem)![0];
  expect(new X509Certificate(first).fingerprint.replace(/:/g, '')).toBe(referenceThumb);
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadCertificate', () => {
  test('PEM file with key and certificate', () => {
    const c = loadCertificate(fixture('client.pem'));
    expect(c.format).toBe('pem');
    expect(c.thumbprint).toBe(referenceThumb);
    expect(c.subject).toContain('fabric-deploy test client');
    expectSameCredential(c.pem);
  });

  test('PEM text given inline, and a relative path resolved against cwd', () => {
    expectSameCredential(loadCertificate(readFileSync(fixture('client.pem'), 'utf8')).pem);
    expectSameCredential(loadCertificate('client.pem', undefined, FIXTURES).pem);
  });

  test('PEM with an encrypted key needs certificate-password', () => {
    expectSameCredential(loadCertificate(fixture('client-encrypted.pem'), 'pem-pass').pem);
    expect(configError(() => loadCertificate(fixture('client-encrypted.pem'))).field).toBe(
      'certificate-password',
    );
    expect(configError(() => loadCertificate(fixture('client-encrypted.pem'), 'nope')).message).toMatch(
      /wrong certificate-password/,
    );
  });

  test.each<[string, string | undefined, string]>([
    ['client.pfx', 'pfx-pass', 'OpenSSL 3 default: PBES2 AES-256, SHA-256 MAC'],
    ['client-legacy.pfx', 'pfx-pass', 'legacy: RC2-40 certificates, 3DES key'],
    ['client-3des.pfx', 'pfx-pass', '3DES everywhere, SHA-1 MAC'],
    ['client-nopass.pfx', undefined, 'empty password'],
    ['client-plain.pfx', undefined, 'no encryption, no MAC'],
  ])('PFX %s (%s)', (file, password) => {
    const c = loadCertificate(fixture(file), password);
    expect(c.format).toBe('pfx');
    expect(c.thumbprint).toBe(referenceThumb);
    expectSameCredential(c.pem);
  });

  test('a base64-encoded PFX (as CI secrets often hold it)', () => {
    const b64 = readFileSync(fixture('client.pfx')).toString('base64');
    expectSameCredential(loadCertificate(b64, 'pfx-pass').pem);
  });

  test('a PFX with a wrong or missing password names certificate-password', () => {
    const wrong = configError(() => loadCertificate(fixture('client.pfx'), 'wrong'));
    expect(wrong.field).toBe('certificate-password');
    expect(wrong.message).toMatch(/password is wrong/);
    expect(configError(() => loadCertificate(fixture('client.pfx'))).message).toMatch(/password-protected/);
  });

  test('a missing file names the input and the fix', () => {
    const e = configError(() => loadCertificate(fixture('nope.pem')));
    expect(e.field).toBe('certificate');
    expect(e.message).toMatch(/Certificate file not found: .*nope\.pem/);
    expect(e.fix).toMatch(/PEM .* PFX/);
  });

  test('a file that is neither PEM nor PFX', () => {
    const e = configError(() => loadCertificate(fixture('not-a-cert.txt')));
    expect(e.field).toBe('certificate');
    expect(e.message).toMatch(/neither a PEM certificate with its private key nor a PFX/);
    const binary = configError(() => loadCertificate(Buffer.alloc(300, 7).toString('base64')));
    expect(binary.message).toMatch(/neither/);
  });

  test('a PEM without the private key, or a key without its certificate', () => {
    expect(configError(() => loadCertificate(fixture('client-cert-only.pem'))).message).toMatch(
      /no private key/,
    );
    const keyOnly = readFileSync(fixture('client.pem'), 'utf8').replace(
      /-----BEGIN CERTIFICATE-----[\s\S]*/,
      '',
    );
    const e = configError(() => loadCertificate(keyOnly));
    expect(e.message).toMatch(/contains no certificate/);
    // The input may be the key itself: it must never be quoted back.
    expect(e.message).not.toContain(keyOnly.split('\n')[1]);
  });
});
