/**
 * Entra ID (login.microsoftonline.com) stand-in: OpenID discovery, instance
 * discovery, JWKS, the v2.0 token endpoint (client credentials with a secret,
 * a certificate-signed assertion or a federated assertion) and managed-identity
 * endpoints (App Service style and IMDS style). Errors use Entra's shape
 * {error, error_description "AADSTSnnn: …", error_codes, timestamp, trace_id, correlation_id}.
 */
import { X509Certificate, createHash, randomUUID } from 'node:crypto';
import type { Reply } from '../http';
import type { Simulator } from '../simulator';
import { decodeJwt, verifyJwtSignature, publicJwk } from '../jwt';
import { mintToken } from '../auth';
import type { AppRegistration } from '../types';
import type { CompanionRequest } from './dispatch';

const JSON_HDR = { 'Cache-Control': 'no-store' };

export function entraError(
  status: number,
  error: string,
  code: number,
  message: string,
  correlationId?: string,
): Reply {
  const trace = randomUUID();
  const corr = correlationId ?? randomUUID();
  const ts = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    headers: JSON_HDR,
    body: {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${ts}`,
      error_codes: [code],
      timestamp: ts,
      trace_id: trace,
      correlation_id: corr,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

function tenantMatches(sim: Simulator, t: string): boolean {
  const tl = t.toLowerCase();
  return tl === sim.tenantId || tl === 'contoso.onmicrosoft.com' || tl === 'organizations' || tl === 'common';
}

function openIdConfiguration(sim: Simulator, tenant: string): Record<string, unknown> {
  const base = `${sim.tlsUrl}/${tenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${sim.tlsUrl}/${sim.tenantId}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${sim.tlsUrl}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}

/** Resource (audience) from a `.default` scope list. */
function resourceOf(scope: string): string | undefined {
  const s = scope.split(/\s+/).find((x) => /\/\.default$/.test(x));
  return s?.replace(/\/\.default$/, '');
}

export function thumbprints(pem: string): { sha1: string; sha256: string } {
  const der = new X509Certificate(pem).raw;
  return {
    sha1: createHash('sha1').update(der).digest('base64url'),
    sha256: createHash('sha256').update(der).digest('base64url'),
  };
}

export function handleEntra(sim: Simulator, r: CompanionRequest): Reply | undefined {
  const p = r.url.pathname;
  let m: RegExpExecArray | null;
  if ((m = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(p)) && r.method === 'GET') {
    if (!tenantMatches(sim, m[1]!))
      return entraError(400, 'invalid_tenant', 90002, `Tenant '${m[1]}' not found.`);
    return { status: 200, body: openIdConfiguration(sim, m[1]!) };
  }
  if (/^\/common\/discovery\/instance$/.test(p) && r.method === 'GET') {
    const host = new URL(sim.tlsUrl).host;
    return {
      status: 200,
      body: {
        tenant_discovery_endpoint: `${sim.tlsUrl}/${sim.tenantId}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      },
    };
  }
  if ((m = /^\/([^/]+)\/discovery\/(v2\.0\/)?keys$/.exec(p)) && r.method === 'GET')
    return { status: 200, body: { keys: [publicJwk(sim.key)] } };
  if ((m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(p))) {
    if (r.method !== 'POST')
      return entraError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
    return tokenEndpoint(sim, r, m[1]!);
  }
  return undefined;
}

function tokenEndpoint(sim: Simulator, r: CompanionRequest, tenant: string): Reply {
  const form = new URLSearchParams(r.body.toString('utf8'));
  const corr = String(r.req.headers['client-request-id'] ?? '') || undefined;
  if (!tenantMatches(sim, tenant) || tenant === 'common' || tenant === 'organizations')
    return entraError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`,
      corr,
    );
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials')
    return entraError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant ?? ''}'.`,
      corr,
    );
  let clientId = form.get('client_id') ?? '';
  // client_secret_basic
  const auth = r.req.headers.authorization;
  let secret = form.get('client_secret');
  if (!secret && auth && /^Basic /i.test(auth)) {
    const [id, s] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
    clientId ||= decodeURIComponent(id ?? '');
    secret = decodeURIComponent(s ?? '');
  }
  const app = sim.state.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  if (!app)
    return entraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${sim.tenantId}'.`,
      corr,
    );
  const resource = resourceOf(form.get('scope') ?? '');
  if (!resource)
    return entraError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope '${form.get('scope') ?? ''}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`,
      corr,
    );
  const assertion = form.get('client_assertion');
  if (secret !== null && secret !== undefined) {
    if (!app.secrets.includes(secret))
      return entraError(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
        corr,
      );
  } else if (assertion) {
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
      return entraError(
        400,
        'invalid_request',
        7000219,
        "'client_assertion_type' must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.",
        corr,
      );
    const bad = checkAssertion(sim, app, assertion, `${sim.tlsUrl}/${tenant}/oauth2/v2.0/token`, corr);
    if (bad) return bad;
  } else
    return entraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      corr,
    );
  const lifetime = sim.tokenLifetimeSeconds;
  const access_token = mintToken(sim.key, sim.tenantId, {
    oid: app.servicePrincipalId,
    appid: app.clientId,
    aud: resource,
    expiresInSeconds: lifetime,
  });
  return {
    status: 200,
    headers: JSON_HDR,
    body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token },
  };
}

function checkAssertion(
  sim: Simulator,
  app: AppRegistration,
  assertion: string,
  tokenEndpoint: string,
  corr?: string,
): Reply | undefined {
  const jwt = decodeJwt(assertion);
  if (!jwt) return entraError(400, 'invalid_client', 50027, 'JWT token is invalid or malformed.', corr);
  const { header, payload } = jwt;
  const now = Date.now() / 1000;
  if (typeof payload.exp !== 'number' || payload.exp < now - 300)
    return entraError(
      400,
      'invalid_client',
      700024,
      'Client assertion is not within its valid time range.',
      corr,
    );
  const thumb = header['x5t#S256'] ?? header.x5t;
  if (thumb) {
    // Certificate credential: iss = sub = client id, aud = the token endpoint, signed by a registered certificate.
    if (payload.iss !== app.clientId || payload.sub !== app.clientId)
      return entraError(
        401,
        'invalid_client',
        700021,
        "Client assertion application identifier doesn't match 'client_id' parameter.",
        corr,
      );
    const cert = app.certificates.find((pem) => {
      const t = thumbprints(pem);
      return header['x5t#S256'] ? t.sha256 === header['x5t#S256'] : t.sha1 === header.x5t;
    });
    if (!cert)
      return entraError(
        401,
        'invalid_client',
        700027,
        `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${thumb}']`,
        corr,
      );
    if (!verifyJwtSignature(jwt, new X509Certificate(cert)))
      return entraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.', corr);
    const aud = String(payload.aud ?? '');
    if (aud.replace(/\/$/, '') !== tokenEndpoint && !aud.startsWith(sim.tlsUrl))
      return entraError(
        401,
        'invalid_client',
        700027,
        `Client assertion audience '${aud}' does not match the token endpoint.`,
        corr,
      );
    return undefined;
  }
  // Federated credential: issuer, subject and audience must match a registered record.
  const iss = String(payload.iss ?? '');
  const sub = String(payload.sub ?? '');
  const auds = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).map(String);
  const byIssuer = app.federatedCredentials.filter((f) => f.issuer === iss);
  const detail = `Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${auds.join(',')}'.`;
  if (!byIssuer.length)
    return entraError(
      400,
      'invalid_client',
      70021,
      `No matching federated identity record found for presented assertion. ${detail}`,
      corr,
    );
  const bySubject = byIssuer.filter((f) => f.subject === sub);
  if (!bySubject.length)
    return entraError(
      400,
      'invalid_client',
      700213,
      `No matching federated identity record found for presented assertion subject '${sub}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
      corr,
    );
  if (!bySubject.some((f) => auds.includes(f.audience)))
    return entraError(
      400,
      'invalid_client',
      700212,
      `No matching federated identity record found for presented assertion audience '${auds.join(',')}'.`,
      corr,
    );
  // Assertions minted by the simulator (its GitHub OIDC stand-in) must carry its signature;
  // third-party issuers cannot be verified offline and are trusted on their claims.
  if (jwt.header.kid === sim.key.kid && !verifyJwtSignature(jwt, sim.key.publicKey))
    return entraError(400, 'invalid_client', 50027, 'JWT token failed signature validation.', corr);
  return undefined;
}

/** Managed identity: App Service style (`/msi/token`, X-IDENTITY-HEADER) and IMDS style (`/metadata/identity/oauth2/token`, Metadata: true). */
export function handleManagedIdentity(sim: Simulator, r: CompanionRequest): Reply | undefined {
  const p = r.url.pathname;
  const q = r.url.searchParams;
  const imds = p === '/metadata/identity/oauth2/token';
  if (!imds && p !== '/msi/token') return undefined;
  if (r.method !== 'GET' && r.method !== 'POST')
    return { status: 405, body: { error: 'invalid_request', error_description: 'GET only' } };
  if (imds && String(r.req.headers.metadata ?? '').toLowerCase() !== 'true')
    return {
      status: 400,
      body: { error: 'invalid_request', error_description: 'Required metadata header not specified' },
    };
  if (!imds && !r.req.headers['x-identity-header'] && !r.req.headers.secret)
    return { status: 401, body: { statusCode: 401, message: 'X-IDENTITY-HEADER is missing.' } };
  const resource = (q.get('resource') ?? '').replace(/\/\.default$/, '').replace(/\/$/, '');
  if (!resource)
    return {
      status: 400,
      body: { error: 'invalid_request', error_description: 'Required query variable resource is missing' },
    };
  const wanted =
    q.get('client_id') ??
    q.get('clientid') ??
    q.get('object_id') ??
    q.get('principal_id') ??
    q.get('mi_res_id') ??
    q.get('msi_res_id');
  const mi = wanted
    ? sim.state.managedIdentities.find(
        (m) =>
          [m.clientId, m.principalId].includes(wanted.toLowerCase()) ||
          wanted.toLowerCase().endsWith(`/${m.displayName.toLowerCase()}`),
      )
    : sim.state.managedIdentities[0];
  if (!mi)
    return { status: 400, body: { error: 'invalid_request', error_description: 'Identity not found' } };
  const lifetime = sim.tokenLifetimeSeconds;
  const token = mintToken(sim.key, sim.tenantId, {
    oid: mi.principalId,
    appid: mi.clientId,
    aud: resource,
    expiresInSeconds: lifetime,
  });
  const expiresOn = Math.floor(Date.now() / 1000) + lifetime;
  const body: Record<string, string> = {
    access_token: token,
    expires_on: String(expiresOn),
    resource,
    token_type: 'Bearer',
    client_id: mi.clientId,
  };
  if (imds)
    Object.assign(body, {
      refresh_token: '',
      expires_in: String(lifetime),
      ext_expires_in: String(lifetime),
      not_before: String(expiresOn - lifetime),
    });
  return { status: 200, body };
}
