/**
 * Tokens from a sign-in method: cached per scope (and tenant/claims), refreshed five minutes before
 * they expire, one request in flight per key, every token masked before it could be logged.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { Host } from '../hosts/host';
import { UserError } from '../errors';
import type { CloudEndpoints } from './clouds';
import { maskSecret } from './masking';
import type { FabricTokenProvider, SignInMethod } from './provider';
import { diagnosedSignInError, signInError } from './sign-in-error';
import { identityFromToken, tokenExpiry, type TokenIdentity } from './token';

/** Refresh this long before expiry so a token never expires mid-request. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export function cachedTokenProvider(
  method: SignInMethod,
  cloud: CloudEndpoints,
  host: Host,
): FabricTokenProvider {
  if (method.staticToken !== undefined) {
    const token = method.staticToken;
    const expiresAt = tokenExpiry(token);
    const tokenFor = async (scope: string) => {
      if (scope === cloud.fabricScope) return token;
      throw new UserError(`auth: token only carries a Fabric token; ${scope} needs a credential.`, {
        field: 'auth',
        fix: 'Use object ids instead of names/UPNs for principals and no Key Vault, or choose an auth kind that can sign in (oidc, client-secret, certificate, …).',
      });
    };
    return {
      kind: 'token',
      description: method.description,
      // A forced refresh follows a `401 TokenExpired`: a given token cannot be renewed, so say that
      // (with its expiry) instead of resending the same token and reporting a refused credential.
      getToken: async (forceRefresh?: boolean) => {
        if (forceRefresh) throw new TokenExpiredError(expiresAt);
        return token;
      },
      expiresAt,
      identity: async () => identityFromToken(token),
      tokenFor,
    };
  }

  let credential = method.make!();
  const cache = new Map<string, AccessToken & { refreshAt: number }>();
  const inflight = new Map<string, Promise<AccessToken>>();

  const fetchToken = async (
    scope: string,
    options: GetTokenOptions | undefined,
    force: boolean,
  ): Promise<AccessToken> => {
    const key = `${options?.tenantId ?? ''}|${options?.claims ?? ''}|${scope}`;
    const hit = cache.get(key);
    if (!force && hit && Date.now() < hit.refreshAt) return hit;
    if (!force) {
      const pending = inflight.get(key);
      if (pending) return pending;
    }
    if (force) {
      // A new credential has an empty MSAL cache, so the token really is new (and so is the assertion).
      credential = method.make!();
      cache.clear();
    }
    const p = (async () => {
      let t: AccessToken | null;
      try {
        t = await credential.getToken(scope, options);
      } catch (err) {
        throw await diagnosedSignInError(err, method, scope);
      }
      if (!t?.token) throw signInError(new Error('no token was returned'), method, scope);
      maskSecret(host, t.token);
      const refreshAt = Math.min(
        t.refreshAfterTimestamp ?? Infinity,
        t.expiresOnTimestamp - REFRESH_MARGIN_MS,
      );
      cache.set(key, { ...t, refreshAt });
      return t;
    })();
    inflight.set(key, p);
    try {
      return await p;
    } finally {
      inflight.delete(key);
    }
  };

  const wrapped: TokenCredential = {
    getToken: async (scopes: string | string[], options?: GetTokenOptions) =>
      fetchToken(Array.isArray(scopes) ? scopes[0]! : scopes, options, false),
  };
  const tokenFor = async (scope: string) => (await fetchToken(scope, undefined, false)).token;
  return {
    kind: method.kind,
    description: method.description,
    credential: wrapped,
    tokenFor,
    getToken: async (forceRefresh?: boolean) =>
      (await fetchToken(cloud.fabricScope, undefined, !!forceRefresh)).token,
    identity: async (): Promise<TokenIdentity> =>
      identityFromToken((await fetchToken(cloud.fabricScope, undefined, false)).token),
  };
}

/**
 * A static token (auth: token) that expired: it cannot be refreshed, so every later call fails the
 * same way (a rollback stops trying rather than repeat it for each change).
 */
export class TokenExpiredError extends UserError {
  constructor(at: Date | undefined, now = new Date()) {
    const when = !at
      ? ''
      : at <= now
        ? ` at ${at.toISOString()}`
        : ` (so says the service; its exp claim is ${at.toISOString()}: check the runner's clock)`;
    super(`the token given as input expired${when}; a given token cannot be refreshed.`, {
      field: 'token',
      code: 'TokenExpired',
      fix: 'pass a token that lives longer than the deployment, or sign in with an auth kind that refreshes its tokens (oidc, client-secret, certificate, managed-identity, azure-cli)',
    });
    this.name = 'TokenExpiredError';
  }
}
