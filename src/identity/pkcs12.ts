/**
 * Reads a PFX (PKCS#12, RFC 7292) into the private key and certificates that @azure/identity needs (it
 * accepts PEM only, and Node has no PKCS#12 reader), with node-forge: PBES2 (PBKDF2 + AES/3DES) and the
 * PKCS#12 PBEs with 3DES or RC2, as OpenSSL 1.x/3.x, Windows and Key Vault write them. Keys and
 * certificates forge cannot model (EC) are passed on as DER for node:crypto to read.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type Forge from 'node-forge';
import { nodeForge } from './forge';

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

const OID_DATA = '1.2.840.113549.1.7.1';

function fromDer(forge: typeof Forge, bytes: Buffer): Forge.asn1.Asn1 {
  // Not strict: Windows and Java write BER (indefinite lengths, constructed OCTET STRINGs).
  return forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), false);
}

/** Tells PFX from other binary input before a full parse: SEQUENCE { INTEGER 3, ContentInfo { id-data … } }. */
export function looksLikePkcs12(buf: Buffer): boolean {
  if (buf[0] !== 0x30) return false;
  try {
    const forge = nodeForge();
    const [version, authSafe] = fromDer(forge, buf).value as Forge.asn1.Asn1[];
    const contentType = (authSafe?.value as Forge.asn1.Asn1[] | undefined)?.[0];
    return (
      version?.type === forge.asn1.Type.INTEGER &&
      forge.util.bytesToHex(version.value as string) === '03' &&
      contentType?.type === forge.asn1.Type.OID &&
      forge.asn1.derToOid(contentType.value as string) === OID_DATA
    );
  } catch {
    return false;
  }
}

function parse(forge: typeof Forge, pfx: Buffer, password: string | undefined): Forge.pkcs12.Pkcs12Pfx {
  let asn1: Forge.asn1.Asn1;
  try {
    asn1 = fromDer(forge, pfx);
  } catch {
    throw new Pkcs12Error('not a PFX (PKCS#12) file', 'format');
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (err) {
    const message = (err as Error).message;
    if (/MAC could not be verified/.test(message))
      throw new Pkcs12Error(
        password ? 'the PFX password is wrong (integrity check failed)' : 'the PFX is password-protected',
        'password',
      );
    if (/decrypt|padding/i.test(message))
      throw new Pkcs12Error('the PFX could not be decrypted: wrong password', 'password');
    if (/public key|signed|enveloped|contentType/i.test(message))
      throw new Pkcs12Error(
        'PFX content protected with a public key (signed or enveloped data) is not supported',
        'unsupported',
      );
    if (/unsupported|OID/i.test(message))
      throw new Pkcs12Error(`unsupported PFX encryption (${message})`, 'unsupported');
    throw new Pkcs12Error('the PFX is damaged or uses an unsupported layout', 'format');
  }
}

/**
 * Decodes a PFX. `password` undefined means "no password"; both the absent and the empty password
 * encodings are tried, since exporters disagree on which one "no password" means.
 */
export function readPkcs12(pfx: Buffer, password: string | undefined): Pkcs12Contents {
  const forge = nodeForge();
  const { oids } = forge.pki;
  const candidates = password ? [password] : [undefined, ''];
  let p12: Forge.pkcs12.Pkcs12Pfx | undefined;
  let refusal: Pkcs12Error | undefined;
  for (const candidate of candidates) {
    try {
      p12 = parse(forge, pfx, candidate);
      break;
    } catch (err) {
      if (!(err instanceof Pkcs12Error) || err.reason !== 'password') throw err;
      refusal ??= err;
    }
  }
  if (!p12) throw refusal!;

  const der = (node: Forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bags(oids.pkcs8ShroudedKeyBag!), ...bags(oids.keyBag!)][0];
  if (!keyBag) throw new Pkcs12Error('the PFX contains no private key', 'format');
  const certificates = bags(oids.certBag!)
    .map((b) => (b.cert ? forge.pki.certificateToAsn1(b.cert) : b.asn1))
    .filter((node): node is Forge.asn1.Asn1 => !!node)
    .map(der);
  let privateKey: KeyObject;
  try {
    const keyInfo = keyBag.key
      ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key as Forge.pki.rsa.PrivateKey))
      : keyBag.asn1!;
    privateKey = createPrivateKey({ key: der(keyInfo), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Pkcs12Error('the PFX private key could not be read (wrong password?)', 'password');
  }
  return { privateKey, certificates };
}
