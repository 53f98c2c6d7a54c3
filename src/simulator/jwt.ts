/**
 * RS256 JWTs. The simulator signs every token it issues with its own key; Fabric, Key Vault and Graph
 * accept only tokens that verify with it. Parsing is jose's; signing and verifying stay on node:crypto's
 * sign/verify because jose's are asynchronous (WebCrypto) and the simulator mints and checks tokens
 * synchronously (`issueToken()`, the companions' request handlers).
 */
import { decodeJwt as joseDecodeJwt, decodeProtectedHeader } from 'jose';
import {
  createSign,
  createVerify,
  generateKeyPairSync,
  createPrivateKey,
  createPublicKey,
  createHash,
  type KeyObject,
  X509Certificate,
} from 'node:crypto';

export const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export interface JwtParts {
  header: Record<string, any>;
  payload: Record<string, any>;
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): JwtParts | undefined {
  try {
    const header = decodeProtectedHeader(token) as Record<string, any>;
    const payload = joseDecodeJwt(token) as Record<string, any>;
    const [h, p, signature] = token.split('.');
    return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(signature!, 'base64url') };
  } catch {
    return undefined;
  }
}

export function signJwt(
  payload: Record<string, unknown>,
  key: KeyObject,
  header: Record<string, unknown> = {},
): string {
  const h = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...header }));
  const p = b64url(JSON.stringify(payload));
  const s = createSign('RSA-SHA256').update(`${h}.${p}`).sign(key);
  return `${h}.${p}.${b64url(s)}`;
}

/** Verifies RS256 (and PS256, which msal-node may use for certificate assertions). */
export function verifyJwtSignature(parts: JwtParts, key: KeyObject | string | X509Certificate): boolean {
  const pub = key instanceof X509Certificate ? key.publicKey : key;
  try {
    if (parts.header.alg === 'RS256')
      return createVerify('RSA-SHA256').update(parts.signingInput).verify(pub, parts.signature);
    if (parts.header.alg === 'PS256')
      return createVerify('RSA-SHA256')
        .update(parts.signingInput)
        .verify({ key: pub as any, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }, parts.signature);
    return false;
  } catch {
    return false;
  }
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

export function newSigningKey(pem?: string): SigningKey {
  const { privateKey, publicKey } = pem
    ? (() => {
        const k = createPrivateKey(pem);
        return { privateKey: k, publicKey: createPublicKey(k) };
      })()
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 27);
  return { privateKey, publicKey, kid };
}

/** The key as a JWK for the OpenID jwks_uri. */
export function publicJwk(k: SigningKey): Record<string, unknown> {
  const jwk = k.publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return { kty: 'RSA', use: 'sig', kid: k.kid, n: jwk.n, e: jwk.e };
}
