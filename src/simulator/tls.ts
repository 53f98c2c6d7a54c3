/**
 * Self-signed certificate for the HTTPS companions: the key from node:crypto (native, fast), the
 * certificate built and signed with node-forge (Node has no certificate generation API and the simulator
 * must not depend on an `openssl` binary). The certificate is its own CA (basicConstraints CA:TRUE) so
 * NODE_EXTRA_CA_CERTS=<caCertPath> trusts it, and it names 127.0.0.1 (IP SAN) and localhost.
 */
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface GeneratedCert {
  certPem: string;
  keyPem: string;
  certPath: string;
  dir: string;
}

/** `cert` written to a fresh temp file for one simulator (its `caCertPath`, removed when it closes). */
export function certFile(cert: { certPem: string; keyPem: string }): GeneratedCert {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-sim-'));
  const certPath = join(dir, 'ca.pem');
  writeFileSync(certPath, cert.certPem);
  return { ...cert, certPath, dir };
}

/**
 * A serial number from random bytes: positive (high bit clear) with a non-zero first byte, since a leading
 * 0x00 would be a non-minimal DER INTEGER, which OpenSSL rejects ("illegal padding").
 */
export function certificateSerial(random: Buffer): Buffer {
  const serial = Buffer.from(random);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial;
}

/** A self-signed CA certificate for 127.0.0.1 and localhost, and its key, as PEM. */
export function selfSignedCert(commonName = 'Fabric Deploy Simulator'): { certPem: string; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = certificateSerial(randomBytes(16)).toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  cert.validity.notAfter = new Date(now + 825 * 24 * 3600_000);
  const name = [
    { shortName: 'CN', value: commonName },
    { shortName: 'O', value: 'Fabric Deploy' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
  // Sanity check with Node's own parser: fails loudly if the certificate is wrong.
  const x = new X509Certificate(certPem);
  if (!x.checkIP('127.0.0.1') || !x.checkHost('localhost') || !x.ca)
    throw new Error('generated certificate is no CA for 127.0.0.1/localhost');
  return { certPem, keyPem };
}

/** `selfSignedCert` written to a fresh temp file. */
export function generateSelfSignedCert(commonName?: string): GeneratedCert {
  return certFile(selfSignedCert(commonName));
}
