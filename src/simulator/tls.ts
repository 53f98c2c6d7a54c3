/**
 * Self-signed certificate for the HTTPS companions, built with node:crypto and
 * a hand-written DER encoder (Node has no certificate generation API and the
 * simulator must not depend on an `openssl` binary). The certificate is its own
 * CA (basicConstraints CA:TRUE) so NODE_EXTRA_CA_CERTS=<caCertPath> trusts it,
 * and it names 127.0.0.1 (IP SAN) and localhost.
 */
import { generateKeyPairSync, createSign, randomBytes, createHash, X509Certificate } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), len(content.length), content]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const int = (b: Buffer) => tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const bitString = (b: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const octets = (b: Buffer) => tlv(0x04, b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const explicit = (n: number, b: Buffer) => tlv(0xa0 + n, b);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    let v = Math.floor(p / 128);
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const y = d.getUTCFullYear();
  const body = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  // UTCTime up to 2049, GeneralizedTime after (RFC 5280 4.1.2.5).
  return y < 2050
    ? tlv(0x17, Buffer.from(`${String(y).slice(2)}${body}`))
    : tlv(0x18, Buffer.from(`${y}${body}`));
}

const ext = (id: string, critical: boolean, value: Buffer) =>
  critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));

export interface GeneratedCert {
  certPem: string;
  keyPem: string;
  certPath: string;
  dir: string;
}

// Key generation costs ~100-300 ms per RSA key; simulators started in one process share a certificate.
let cached: { certPem: string; keyPem: string } | undefined;

/** The process-wide simulator certificate, written to a fresh temp file for this caller. */
export function simulatorCert(): GeneratedCert {
  cached ??= generateSelfSignedCert();
  const dir = mkdtempSync(join(tmpdir(), 'fabric-sim-'));
  const certPath = join(dir, 'ca.pem');
  writeFileSync(certPath, cached.certPem);
  return { ...cached, certPath, dir };
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

export function generateSelfSignedCert(commonName = 'Fabric Deploy Simulator'): GeneratedCert {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const sigAlg = seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));
  const name = seq(
    set(seq(oid('2.5.4.3'), utf8(commonName))),
    set(seq(oid('2.5.4.10'), utf8('Fabric Deploy'))),
  );
  const serial = certificateSerial(randomBytes(16));
  const now = Date.now();
  // SubjectPublicKeyInfo.subjectPublicKey bits for the key identifier (RFC 5280 4.2.1.2 method 1).
  const ski = createHash('sha1').update(spki).digest();
  const san = seq(tlv(0x82, Buffer.from('localhost')), tlv(0x87, Buffer.from([127, 0, 0, 1])));
  const extensions = seq(
    ext('2.5.29.19', true, seq(bool(true))),
    ext('2.5.29.15', true, bitString(Buffer.from([0xa4]), 2)), // digitalSignature, keyEncipherment, keyCertSign
    ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // serverAuth
    ext('2.5.29.17', false, san),
    ext('2.5.29.14', false, octets(ski)),
  );
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))), // v3
    int(serial),
    sigAlg,
    name,
    seq(time(new Date(now - 24 * 3600_000)), time(new Date(now + 825 * 24 * 3600_000))),
    name,
    Buffer.from(spki),
    tlv(0xa3, extensions),
  );
  const signature = createSign('RSA-SHA256').update(tbs).sign(privateKey);
  const der = seq(tbs, sigAlg, bitString(signature));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Sanity check with Node's own parser: fails loudly if the encoding is wrong.
  const x = new X509Certificate(certPem);
  if (!x.checkIP('127.0.0.1') || !x.checkHost('localhost'))
    throw new Error('generated certificate does not cover 127.0.0.1/localhost');
  const dir = mkdtempSync(join(tmpdir(), 'fabric-sim-'));
  const certPath = join(dir, 'ca.pem');
  writeFileSync(certPath, certPem);
  return { certPem, keyPem, certPath, dir };
}
