/** Does the credential give a token, for whom, and for how long? */
import { decodeJwtClaims, tokenExpiry } from '../../identity/token';
import type { CheckResult, HealthContext, HealthIdentity, Outcome } from '../model';
import { abortable } from '../probe';

export async function checkAuthentication(
  ctx: HealthContext,
  signal: AbortSignal,
): Promise<Outcome & { identity?: HealthIdentity }> {
  if (!ctx.tokens)
    return { status: 'fail', message: 'no credential (the run stopped before one was created)' };
  const token = await abortable(ctx.tokens.getToken(), signal);
  const claims = decodeJwtClaims(token) ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const exp = tokenExpiry(token);
  const identity: HealthIdentity = {
    tenantId: str(claims.tid),
    objectId: str(claims.oid),
    appId: str(claims.appid) ?? str(claims.azp),
    upn: str(claims.upn) ?? str(claims.preferred_username),
    kind: str(claims.idtyp) ?? (str(claims.upn) ? 'user' : str(claims.appid) ? 'app' : undefined),
    tokenExpiresAt: exp?.toISOString(),
  };
  const who = identity.upn
    ? `user ${identity.upn}`
    : identity.appId
      ? `app ${identity.appId}`
      : identity.objectId
        ? `principal ${identity.objectId}`
        : 'an opaque token (not a JWT: identity unknown)';
  const where = identity.tenantId ? ` in tenant ${identity.tenantId}` : '';
  const details = { ...identity } as CheckResult['details'];
  // Entra ID issues Fabric access tokens as JWTs: anything else is not a sign-in, whatever it is.
  if (!decodeJwtClaims(token))
    return {
      status: 'fail',
      message:
        'the token is not an Entra ID access token (not a JWT): Fabric refuses it; pass a token from `az account get-access-token --resource https://api.fabric.microsoft.com`, or use another auth kind',
      details,
      identity,
    };
  if (exp && exp.getTime() <= Date.now())
    return {
      status: 'fail',
      message: `the token for ${who}${where} expired at ${exp.toISOString()}`,
      details,
      identity,
    };
  const left = exp ? `; valid for ${Math.round((exp.getTime() - Date.now()) / 60_000)} min` : '';
  const oid = identity.objectId && !identity.upn ? ` (object id ${identity.objectId})` : '';
  return { status: 'pass', message: `token acquired for ${who}${oid}${where}${left}`, details, identity };
}
