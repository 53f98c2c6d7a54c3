/** What the Fabric client needs from identity: a bearer token, refreshable on `401 TokenExpired`. */
export interface TokenProvider {
  /** A valid access token; `forceRefresh` skips any cache (used after TokenExpired). */
  getToken(forceRefresh?: boolean): Promise<string>;
  /** Who we are, decoded from the token, for the audit log and health checks (never the token itself). */
  identity?(): Promise<TokenIdentity>;
}

export interface TokenIdentity {
  tenantId?: string;
  objectId?: string;
  appId?: string;
  upn?: string;
}

/** Decodes a JWT's claims without verifying it (the service verifies); undefined when not a JWT. */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length < 2) return undefined;
  try {
    return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function identityFromToken(token: string): TokenIdentity {
  const c = decodeJwtClaims(token) ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    tenantId: str(c.tid),
    objectId: str(c.oid),
    appId: str(c.appid ?? c.azp),
    upn: str(c.upn ?? c.preferred_username),
  };
}

/** When a JWT stops being valid (its `exp` claim); undefined for an opaque token. */
export function tokenExpiry(token: string): Date | undefined {
  const exp = decodeJwtClaims(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
}

/** A fixed token (auth: token). */
export function staticTokenProvider(token: string): TokenProvider {
  return { getToken: async () => token, identity: async () => identityFromToken(token) };
}
