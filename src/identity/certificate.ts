import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { ConfigError } from '../errors';
import { looksLikePkcs12, Pkcs12Error, readPkcs12 } from './pkcs12';

export interface LoadedCertificate {
  /** Unencrypted PKCS#8 key followed by the matching certificate and then the rest of the chain. */
  pem: string;
  /** SHA-1 thumbprint (hex, upper case) as shown on the app registration's certificate list. */
  thumbprint: string;
  subject: string;
  notAfter: Date;
  format: 'pem' | 'pfx';
  /** Read from a file (the input was a path, not the certificate itself). */
  fromFile: boolean;
}

type CertificateParts = Omit<LoadedCertificate, 'fromFile'>;

const FIX =
  'Give the path to a PEM file holding the private key and certificate, or to a PFX (PKCS#12) file with certificate-password, or the PEM text itself.';

function fail(message: string, field = 'certificate', fix = FIX): never {
  throw new ConfigError(message, { field, fix });
}

function pemBlocks(text: string, label: RegExp): string[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
  return [...text.matchAll(re)].filter((m) => label.test(m[1]!)).map((m) => m[0]);
}

function derToPem(der: Buffer): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----`;
}

/**
 * Reads the `certificate` input: the PEM text itself, a path to a PEM or PFX file, or (as CI secrets
 * often hold it) a base64-encoded PFX. Synchronous so validation can run before any network call.
 * Messages never quote the input, which may be the key itself.
 */
export function loadCertificate(input: string, password?: string, cwd = process.cwd()): LoadedCertificate {
  const value = input.trim();
  let bytes: Buffer;
  let where = 'the certificate input';
  if (value.includes('-----BEGIN')) {
    bytes = Buffer.from(value, 'utf8');
  } else {
    const path = resolve(cwd, value);
    if (existsSync(path) && statSync(path).isFile()) {
      bytes = readFileSync(path);
      where = `certificate file ${value}`;
    } else if (value.length > 200 && /^[A-Za-z0-9+/=\s]+$/.test(value)) {
      bytes = Buffer.from(value.replace(/\s+/g, ''), 'base64');
    } else {
      fail(`Certificate file not found: ${value.length > 200 ? '(value omitted)' : value}`);
    }
  }

  const text = bytes.toString('utf8');
  const fromFile = where !== 'the certificate input';
  if (text.includes('-----BEGIN')) return { ...fromPem(text, password, where), fromFile };
  if (looksLikePkcs12(bytes)) return { ...fromPfx(bytes, password, where), fromFile };
  return fail(
    `${capitalize(where)} is neither a PEM certificate with its private key nor a PFX (PKCS#12) file.`,
  );
}

function fromPem(text: string, password: string | undefined, where: string): CertificateParts {
  const keys = pemBlocks(text, /PRIVATE KEY$/);
  const certs = pemBlocks(text, /^CERTIFICATE$/);
  if (certs.length === 0) fail(`${capitalize(where)} contains no certificate (-----BEGIN CERTIFICATE-----).`);
  if (keys.length === 0)
    fail(
      `${capitalize(where)} contains no private key; the PEM must hold the private key and the certificate.`,
    );
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keys[0]!, format: 'pem', passphrase: password });
  } catch (err) {
    const encrypted = /ENCRYPTED/.test(keys[0]!) || /Proc-Type: 4,ENCRYPTED/.test(text);
    if (encrypted) {
      fail(
        password
          ? `The private key in ${where} could not be decrypted: wrong certificate-password.`
          : `The private key in ${where} is encrypted.`,
        'certificate-password',
        "Give the key's password with certificate-password.",
      );
    }
    fail(`The private key in ${where} could not be read (${(err as Error).message}).`);
  }
  return assemble(
    key,
    certs.map((c) => new X509Certificate(c)),
    'pem',
    where,
  );
}

function fromPfx(bytes: Buffer, password: string | undefined, where: string): CertificateParts {
  try {
    const { privateKey, certificates } = readPkcs12(bytes, password);
    if (certificates.length === 0) fail(`${capitalize(where)} (PFX) contains no certificate.`);
    return assemble(
      privateKey,
      certificates.map((c) => new X509Certificate(c)),
      'pfx',
      where,
    );
  } catch (err) {
    if (!(err instanceof Pkcs12Error)) throw err;
    if (err.reason === 'password') {
      fail(
        `Cannot open ${where} (PFX): ${err.message}.`,
        'certificate-password',
        'Give the PFX password with certificate-password (masked).',
      );
    }
    if (err.reason === 'unsupported') {
      fail(
        `Cannot open ${where} (PFX): ${err.message}.`,
        'certificate',
        'Re-export it as PEM (openssl pkcs12 -in cert.pfx -nodes -out cert.pem) or as a PFX with AES-256 encryption.',
      );
    }
    fail(
      `${capitalize(where)} is neither a PEM certificate with its private key nor a PFX (PKCS#12) file (${err.message}).`,
    );
  }
}

function assemble(
  key: KeyObject,
  certs: X509Certificate[],
  format: 'pem' | 'pfx',
  where: string,
): CertificateParts {
  // Entra identifies the credential by the leaf's thumbprint, and @azure/identity takes the first
  // certificate in the PEM as the leaf, so the one matching the key goes first.
  const leaf = certs.find((c) => c.checkPrivateKey(key));
  if (!leaf) fail(`The private key in ${where} does not belong to any certificate in it.`);
  const chain = [leaf, ...certs.filter((c) => c !== leaf)];
  const keyPem = key.export({ format: 'pem', type: 'pkcs8' }).toString().trim();
  const pem = [keyPem, ...chain.map((c) => derToPem(c.raw))].join('\n') + '\n';
  return {
    pem,
    thumbprint: leaf.fingerprint.replace(/:/g, '').toUpperCase(),
    subject: leaf.subject.replace(/\n/g, ', '),
    notAfter: new Date(leaf.validTo),
    format,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
