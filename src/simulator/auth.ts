/**
 * Fabric bearer-token checks. Tokens are the simulator's own RS256 JWTs; the
 * identity (oid) they carry is the caller for roles and throttling.
 */
import type { IncomingMessage } from 'node:http';
import { decodeJwt, verifyJwtSignature, signJwt, type SigningKey } from './jwt';
import { FabricError } from './errors';
import type { IssueTokenClaims, SimState } from './types';
import { DEFAULTS } from './state';

export const FABRIC_AUDIENCES = [
  'https://api.fabric.microsoft.com',
  'https://analysis.windows.net/powerbi/api',
];
export const VAULT_AUDIENCE = 'https://vault.azure.net';
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

export interface Identity {
  oid: string;
  tid: string;
  appid?: string;
  upn?: string;
  isServicePrincipal: boolean;
}

export function issuerFor(tid: string): string {
  return `https://sts.windows.net/${tid}/`;
}

/** Mint a token the simulator's resource servers accept. */
export function mintToken(key: SigningKey, tenantId: string, claims: Partial<IssueTokenClaims> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const tid = claims.tid ?? tenantId;
  const isApp = !!claims.appid && !claims.upn;
  const oid = claims.oid ?? (isApp ? claims.appid! : DEFAULTS.adminUser.id);
  const upn = isApp
    ? undefined
    : (claims.upn ?? (oid === DEFAULTS.adminUser.id ? DEFAULTS.adminUser.userPrincipalName : undefined));
  const exp = now + (claims.expiresInSeconds ?? 3600);
  const payload: Record<string, unknown> = {
    aud: claims.aud ?? FABRIC_AUDIENCES[0],
    iss: issuerFor(tid),
    iat: now,
    nbf: Math.min(now, exp) - 1,
    exp,
    tid,
    oid,
    sub: oid,
    idtyp: isApp ? 'app' : 'user',
    ver: '1.0',
  };
  if (claims.appid) payload.appid = claims.appid;
  else payload.appid = '1950a258-227b-4e31-a9cf-717495945fc2'; // a public client id, as user tokens from Azure CLI carry
  if (upn) payload.upn = upn;
  return signJwt(payload, key.privateKey, { kid: key.kid });
}

export function authenticate(
  req: IncomingMessage,
  key: SigningKey,
  state: SimState,
  audiences: string[],
): Identity {
  const h = req.headers.authorization;
  if (!h || !h.trim())
    throw new FabricError(
      401,
      'TokenIsMissing',
      'Access token is missing. Provide a bearer token in the Authorization header.',
    );
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new FabricError(401, 'InvalidToken', 'The Authorization header must use the Bearer scheme.');
  const parts = decodeJwt(m[1]!);
  if (!parts || !verifyJwtSignature(parts, key.publicKey))
    throw new FabricError(401, 'InvalidToken', 'Access token is invalid.');
  const p = parts.payload;
  const now = Date.now() / 1000;
  if (typeof p.exp !== 'number' || p.exp <= now)
    throw new FabricError(401, 'TokenExpired', 'Access token has expired, resubmit with a new access token.');
  if (typeof p.nbf === 'number' && p.nbf > now + 300)
    throw new FabricError(401, 'InvalidToken', 'Access token is not yet valid.');
  const aud = String(p.aud ?? '').replace(/\/$/, '');
  if (!audiences.includes(aud))
    throw new FabricError(
      401,
      'InvalidToken',
      `Access token audience '${aud}' is not valid for this resource.`,
    );
  if (p.tid !== state.tenantId)
    throw new FabricError(401, 'InvalidToken', 'Access token was issued for another tenant.');
  if (typeof p.oid !== 'string') throw new FabricError(401, 'InvalidToken', 'Access token has no oid claim.');
  const isServicePrincipal = p.idtyp === 'app';
  if (
    isServicePrincipal &&
    !state.tenantSettings.servicePrincipalsCanUseFabricApis &&
    audiences.includes(FABRIC_AUDIENCES[0]!)
  )
    throw new FabricError(
      401,
      'Unauthorized',
      'Service principals are not allowed to use Fabric APIs in this tenant.',
    );
  return { oid: p.oid, tid: p.tid, appid: p.appid, upn: p.upn, isServicePrincipal };
}
