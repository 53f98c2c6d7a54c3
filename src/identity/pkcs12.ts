/**
 * Reads a PFX (PKCS#12, RFC 7292) into the PEM private key and certificates that @azure/identity
 * needs: it accepts PEM only, and Node has no PKCS#12 reader. Supports what OpenSSL 1.x/3.x, Windows
 * and Key Vault write: PBES2 (PBKDF2 + AES/3DES), and the PKCS#12 PBEs with 3DES or RC2.
 * Public-key (enveloped) PFX content is not supported.
 */
import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  pbkdf2Sync,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { children, integer, octets, oid, readTlv, TAG, want, type Tlv } from './der';
import { rc2CbcDecrypt } from './rc2';

export class Pkcs12Error extends Error {
  constructor(
    message: string,
    readonly reason: 'format' | 'password' | 'unsupported',
  ) {
    super(message);
  }
}

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** DER certificates in file order. */
  certificates: Buffer[];
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
} as const;

/** PKCS#12 PBE algorithms (RFC 7292 Appendix C): key length, cipher. */
const PKCS12_PBE: Record<string, { keyLen: number; cipher: 'des-ede3-cbc' | 'rc2'; rc2Bits?: number }> = {
  '1.2.840.113549.1.12.1.3': { keyLen: 24, cipher: 'des-ede3-cbc' },
  '1.2.840.113549.1.12.1.5': { keyLen: 16, cipher: 'rc2', rc2Bits: 128 },
  '1.2.840.113549.1.12.1.6': { keyLen: 5, cipher: 'rc2', rc2Bits: 40 },
};

const PBES2_CIPHERS: Record<string, { name: string; keyLen: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLen: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLen: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLen: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLen: 24 },
};

const HMAC_PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const BLOCK_SIZE: Record<string, number> = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };

/** Cheap test used to tell PFX from other binary input before trying a full parse. */
export function looksLikePkcs12(buf: Buffer): boolean {
  try {
    const top = readTlv(buf);
    if (top.tag !== TAG.SEQUENCE) return false;
    const [version, authSafe] = children(top);
    return !!version && integer(version) === 3 && !!authSafe && oid(children(authSafe)[0]!) === OID.data;
  } catch {
    return false;
  }
}

/** The PKCS#12 password encoding: UTF-16BE with a two-byte terminator (RFC 7292 B.1). */
function bmpPassword(password: string | undefined): Buffer {
  if (password === undefined) return Buffer.alloc(0);
  const b = Buffer.from(password + '\0', 'utf16le');
  return b.swap16();
}

/** RFC 7292 Appendix B.2 key derivation. */
function pkcs12Kdf(
  hash: string,
  password: Buffer,
  salt: Buffer,
  id: number,
  iterations: number,
  n: number,
): Buffer {
  const v = BLOCK_SIZE[hash]!;
  const fill = (src: Buffer) => {
    if (src.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const result: Buffer[] = [];
  let produced = 0;
  while (produced < n) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(hash).update(A).digest();
    result.push(A);
    produced += A.length;
    if (produced >= n) break;
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i++) B[i] = A[i % A.length]!;
    for (let off = 0; off < I.length; off += v) {
      // I_j = (I_j + B + 1) mod 2^(8v), big-endian addition
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[off + k]! + B[k]! + carry;
        I[off + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(result).subarray(0, n);
}

/** Decrypts content protected by a PKCS#5/PKCS#12 password-based algorithm. */
function pbeDecrypt(algorithm: Tlv, data: Buffer, password: string | undefined): Buffer {
  const [algOid, params] = children(algorithm);
  const alg = oid(algOid!);
  try {
    if (alg === OID.pbes2) {
      const [kdf, scheme] = children(params!);
      const [kdfOid, kdfParams] = children(kdf!);
      if (oid(kdfOid!) !== OID.pbkdf2)
        throw new Pkcs12Error('unsupported key derivation in PFX', 'unsupported');
      const kp = children(kdfParams!);
      const salt = want(kp[0], TAG.OCTET_STRING, 'a PBKDF2 salt').value;
      const iterations = integer(kp[1]!);
      let prf = 'sha1';
      for (const extra of kp.slice(2)) {
        if (extra.tag === TAG.SEQUENCE) prf = HMAC_PRF[oid(children(extra)[0]!)] ?? '';
      }
      const [schemeOid, ivTlv] = children(scheme!);
      const cipher = PBES2_CIPHERS[oid(schemeOid!)];
      if (!cipher || !prf) throw new Pkcs12Error('unsupported cipher in PFX', 'unsupported');
      const key = pbkdf2Sync(Buffer.from(password ?? '', 'utf8'), salt, iterations, cipher.keyLen, prf);
      const d = createDecipheriv(cipher.name, key, want(ivTlv, TAG.OCTET_STRING, 'an IV').value);
      return Buffer.concat([d.update(data), d.final()]);
    }
    const pbe = PKCS12_PBE[alg];
    if (!pbe) throw new Pkcs12Error(`unsupported PFX encryption algorithm ${alg}`, 'unsupported');
    const [saltTlv, iterTlv] = children(params!);
    const salt = want(saltTlv, TAG.OCTET_STRING, 'a salt').value;
    const iterations = integer(iterTlv!);
    const pw = bmpPassword(password);
    const key = pkcs12Kdf('sha1', pw, salt, 1, iterations, pbe.keyLen);
    const iv = pkcs12Kdf('sha1', pw, salt, 2, iterations, 8);
    if (pbe.cipher === 'rc2') return rc2CbcDecrypt(key, pbe.rc2Bits!, iv, data);
    const d = createDecipheriv(pbe.cipher, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch (err) {
    if (err instanceof Pkcs12Error) throw err;
    // Bad padding after decryption is what a wrong password looks like.
    throw new Pkcs12Error('the PFX could not be decrypted: wrong password', 'password');
  }
}

function verifyMac(macData: Tlv, authSafe: Buffer, password: string | undefined): boolean | undefined {
  const [digestInfo, saltTlv, iterTlv] = children(macData);
  const [algId, digestTlv] = children(digestInfo!);
  const hash = DIGESTS[oid(children(algId!)[0]!)];
  if (!hash) return undefined; // e.g. PBMAC1: leave the check to decryption
  const salt = want(saltTlv, TAG.OCTET_STRING, 'a MAC salt').value;
  const iterations = iterTlv ? integer(iterTlv) : 1;
  const expected = want(digestTlv, TAG.OCTET_STRING, 'a MAC').value;
  const size = createHash(hash).digest().length;
  const key = pkcs12Kdf(hash, bmpPassword(password), salt, 3, iterations, size);
  const actual = createHmac(hash, key).update(authSafe).digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function contentOf(contentInfo: Tlv, password: string | undefined): Buffer {
  const [typeTlv, explicit] = children(contentInfo);
  const type = oid(typeTlv!);
  if (type === OID.data) return octets(children(want(explicit, TAG.CONTEXT_0, 'content'))[0]!);
  if (type === OID.encryptedData) {
    const encryptedData = children(want(explicit, TAG.CONTEXT_0, 'content'))[0]!;
    const [, eci] = children(encryptedData);
    const [, algorithm, encrypted] = children(eci!);
    if (!encrypted) return Buffer.alloc(0);
    return pbeDecrypt(algorithm!, octets(encrypted), password);
  }
  throw new Pkcs12Error(
    'PFX content protected with a public key (enveloped data) is not supported',
    'unsupported',
  );
}

/**
 * Decodes a PFX. `password` undefined means "no password"; both the absent and the empty password
 * encodings are tried, since exporters disagree on which one "no password" means.
 */
export function readPkcs12(pfx: Buffer, password: string | undefined): Pkcs12Contents {
  let top: Tlv;
  let authSafeBytes: Buffer;
  let macData: Tlv | undefined;
  try {
    top = readTlv(pfx);
    const [version, authSafe, mac] = children(want(top, TAG.SEQUENCE, 'a PFX'));
    if (integer(version!) !== 3) throw new Error('not version 3');
    const [typeTlv, explicit] = children(authSafe!);
    if (oid(typeTlv!) !== OID.data)
      throw new Pkcs12Error('PFX signed with a public key is not supported', 'unsupported');
    authSafeBytes = octets(children(want(explicit, TAG.CONTEXT_0, 'content'))[0]!);
    macData = mac;
  } catch (err) {
    if (err instanceof Pkcs12Error) throw err;
    throw new Pkcs12Error('not a PFX (PKCS#12) file', 'format');
  }

  const candidates = password ? [password] : [undefined, ''];
  let pw = candidates[0];
  if (macData) {
    const results = candidates.map((c) => verifyMac(macData!, authSafeBytes, c));
    // An unknown MAC algorithm (undefined) leaves wrong-password detection to decryption.
    if (!results.includes(undefined)) {
      const i = results.indexOf(true);
      if (i < 0) {
        throw new Pkcs12Error(
          password ? 'the PFX password is wrong (integrity check failed)' : 'the PFX is password-protected',
          'password',
        );
      }
      pw = candidates[i];
    }
  }

  let keyDer: Buffer | undefined;
  const certificates: Buffer[] = [];
  try {
    for (const contentInfo of children(readTlv(authSafeBytes))) {
      const safeContents = contentOf(contentInfo, pw);
      if (safeContents.length === 0) continue;
      for (const bag of children(readTlv(safeContents))) {
        const [bagIdTlv, bagValue] = children(bag);
        const bagId = oid(bagIdTlv!);
        const inner = children(want(bagValue, TAG.CONTEXT_0, 'a bag value'))[0]!;
        if (bagId === OID.keyBag && !keyDer) {
          keyDer = reencode(inner);
        } else if (bagId === OID.shroudedKeyBag && !keyDer) {
          const [algorithm, encrypted] = children(inner);
          keyDer = pbeDecrypt(algorithm!, octets(encrypted!), pw);
        } else if (bagId === OID.certBag) {
          const [certType, certValue] = children(inner);
          if (oid(certType!) !== OID.x509Certificate) continue;
          certificates.push(octets(children(want(certValue, TAG.CONTEXT_0, 'a certificate'))[0]!));
        }
      }
    }
  } catch (err) {
    if (err instanceof Pkcs12Error) throw err;
    throw new Pkcs12Error('the PFX is damaged or uses an unsupported layout', 'format');
  }
  if (!keyDer) throw new Pkcs12Error('the PFX contains no private key', 'format');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' });
  } catch {
    throw new Pkcs12Error('the PFX private key could not be read (wrong password?)', 'password');
  }
  return { privateKey, certificates };
}

/** Rebuilds the DER of a parsed element (its value plus a definite-length header). */
function reencode(tlv: Tlv): Buffer {
  const len = tlv.value.length;
  const header =
    len < 0x80
      ? Buffer.from([tlv.tag, len])
      : (() => {
          const bytes: number[] = [];
          for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
          return Buffer.from([tlv.tag, 0x80 | bytes.length, ...bytes]);
        })();
  return Buffer.concat([header, tlv.value]);
}
