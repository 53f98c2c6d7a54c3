import type { Host, ServiceConnection } from '../hosts/host';
import { UserError, type UserErrorOptions } from '../errors';
import { requireSecureUrl } from './clouds';
import { maskSecret } from './masking';
import { networkFetch, type NetworkOptions } from './network';
import { decodeJwtClaims, tokenExpiry } from './token';

/** The OIDC token could not be had: the sign-in fails before Entra is asked (code SignInFailed). */
class SignInFailed extends UserError {
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, { code: 'SignInFailed', ...options });
  }
}

/** Why GitHub OIDC cannot be used here, or undefined when it can. */
export function githubOidcUnavailable(host: Host, env: NodeJS.ProcessEnv): string | undefined {
  if (host.kind !== 'github')
    return `the ${host.kind === 'cli' ? 'command line' : 'Azure DevOps'} host has no GitHub OIDC provider`;
  const reason = host.oidcUnavailableReason?.();
  if (reason) return reason;
  if (!host.getIdToken) return 'this host offers no OIDC token';
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL)
    return 'the job has no `permissions: id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL is not set)';
  return undefined;
}

/** iss / sub / aud of an OIDC token: what the federated credential must match. Never the token. */
export function describeAssertion(token: string | undefined): string | undefined {
  if (!token) return undefined;
  const c = decodeJwtClaims(token);
  if (!c) return undefined;
  const aud = Array.isArray(c.aud) ? c.aud.join(' ') : c.aud;
  return `iss=${String(c.iss)}, sub=${String(c.sub)}, aud=${String(aud)}`;
}

/** Seconds until a JWT expires; undefined when it is not a JWT or has no `exp`. */
export function secondsToExpiry(token: string, now = Date.now()): number | undefined {
  const at = tokenExpiry(token);
  return at ? (at.getTime() - now) / 1000 : undefined;
}

/** Holds the most recent assertion so a federation failure can show its claims. */
export interface AssertionSource {
  get(): Promise<string>;
  last(): string | undefined;
  /** The error of the latest get(), if it failed: MSAL may wrap it beyond recognition. */
  failure(): unknown;
  label: string;
}

function assertionSource(label: string, host: Host, fetchToken: () => Promise<string>): AssertionSource {
  let last: string | undefined;
  let failure: unknown;
  return {
    label,
    last: () => last,
    failure: () => failure,
    async get() {
      failure = undefined;
      try {
        const token = await fetchToken();
        maskSecret(host, token);
        last = token;
        return token;
      } catch (err) {
        failure = err;
        throw err;
      }
    },
  };
}

/** GitHub: a fresh ID token on every call, so assertions never expire during long deploys. */
export function githubAssertion(host: Host, audience: string): AssertionSource {
  return assertionSource('GitHub OIDC', host, async () => {
    try {
      return await host.getIdToken!(audience);
    } catch (err) {
      throw new SignInFailed(`Could not get an OIDC token from GitHub: ${(err as Error).message}`, {
        field: 'auth',
        fix: 'Give the job `permissions: id-token: write` (and keep `contents: read`), or use another auth kind.',
        cause: err,
      });
    }
  });
}

/**
 * Azure DevOps workload identity federation. The late-bound `idToken` of the service connection is
 * used while it is fresh; after that a new one is requested from the pipeline's OIDC endpoint
 * (`POST {SYSTEM_OIDCREQUESTURI}?api-version=7.1&serviceConnectionId={id}`), authorised by the job's
 * System.AccessToken.
 */
export function azureDevOpsAssertion(
  host: Host,
  conn: ServiceConnection,
  env: NodeJS.ProcessEnv,
  net: NetworkOptions,
): AssertionSource {
  let fetcher: Promise<typeof fetch> | undefined;
  return assertionSource('Azure DevOps workload identity federation', host, async () => {
    const lateBound = conn.idToken;
    // Two minutes of slack: Entra refuses assertions that expire mid-request (AADSTS700024).
    if (lateBound && (secondsToExpiry(lateBound) ?? Infinity) > 120) return lateBound;
    const requestUri = env.SYSTEM_OIDCREQUESTURI;
    const accessToken = env.SYSTEM_ACCESSTOKEN;
    if (!requestUri || !accessToken) {
      if (lateBound) return lateBound;
      throw new SignInFailed(
        `The service connection uses workload identity federation, but the agent offers no OIDC token (${!requestUri ? 'SYSTEM_OIDCREQUESTURI' : 'System.AccessToken'} is missing).`,
        {
          field: 'connected-service-name',
          fix: 'Run on an agent that supports workload identity federation (agent 3.227+), and make System.AccessToken available to the task (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)).',
        },
      );
    }
    maskSecret(host, accessToken);
    const url = requireSecureUrl(requestUri, 'SYSTEM_OIDCREQUESTURI');
    url.searchParams.set('api-version', '7.1');
    url.searchParams.set('serviceConnectionId', conn.id);
    // One dispatcher for the whole run, not one per sign-in.
    const doFetch = await (fetcher ??= networkFetch(net));
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${accessToken}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
      });
    } catch (err) {
      throw new SignInFailed(
        `Could not reach the Azure DevOps OIDC endpoint ${url.origin}: ${(err as Error).message}`,
        {
          field: 'connected-service-name',
          fix: 'Check the agent can reach Azure DevOps (proxy settings).',
          cause: err,
        },
      );
    }
    const text = await res.text();
    let body: { oidcToken?: string; message?: string } = {};
    try {
      body = text ? (JSON.parse(text) as typeof body) : {};
    } catch {}
    if (!res.ok || !body.oidcToken) {
      throw new SignInFailed(
        `Azure DevOps refused the OIDC token request for service connection ${conn.id} (HTTP ${res.status}${body.message ? `: ${body.message}` : ''}).`,
        {
          field: 'connected-service-name',
          fix: 'Authorise this pipeline to use the service connection (Project settings > Service connections > Security), and check System.AccessToken is passed to the task.',
        },
      );
    }
    return body.oidcToken;
  });
}
