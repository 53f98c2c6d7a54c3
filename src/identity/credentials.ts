/**
 * Turns the `auth` inputs into a token provider. Everything is validated before the first network
 * call; @azure/identity is imported only for the kinds that need it (not for `auth: token`).
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import type { Host, ServiceConnection } from '../hosts/host';
import { AUTH_KINDS } from '../hosts/inputs';
import { ConfigError, UserError } from '../errors';
import { isGuid } from '../guid';
import { aadstsHint } from './aadsts';
import { loadCertificate, type LoadedCertificate } from './certificate';
import { cloudFromAdoEnvironment, type CloudEndpoints } from './clouds';
import { maskSecret } from './masking';
import { azureClientOptions, type NetworkOptions } from './network';
import {
  azureDevOpsAssertion,
  describeAssertion,
  githubAssertion,
  githubOidcUnavailable,
  secondsToExpiry,
  type AssertionSource,
} from './oidc';
import { identityFromToken, type TokenIdentity, type TokenProvider } from './token';

export type AuthKind = (typeof AUTH_KINDS)[number];

export interface AuthOptions {
  /** Typed as string too: it comes straight from an input and unknown values are refused with the list. */
  kind: AuthKind | (string & {});
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Path to a PEM or PFX file, the PEM itself, or a base64 PFX. */
  certificate?: string;
  certificatePassword?: string;
  token?: string;
  /** OIDC audience; defaults to the cloud's (api://AzureADTokenExchange on the public cloud). */
  audience?: string;
  connectedServiceName?: string;
  cloud: CloudEndpoints;
  /** Environment used for detection and the Azure DevOps OIDC request (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Extra CA / proxy; the proxy defaults to host.proxyUrl(). */
  network?: NetworkOptions;
  /** Base for a relative certificate path (default process.cwd()). */
  cwd?: string;
}

export interface FabricTokenProvider extends TokenProvider {
  /** The kind actually used (`auto` resolved), e.g. `oidc`. */
  kind: Exclude<AuthKind, 'auto'>;
  /** One line for the log, e.g. "OIDC (GitHub) as client 0000… in tenant 0000…". No secrets. */
  description: string;
  /** For Key Vault and Graph clients: same identity, tokens cached and masked. Absent for `auth: token`. */
  credential?: TokenCredential;
  /** An access token for any scope (Graph, Key Vault); Fabric's is `getToken()`. */
  tokenFor(scope: string): Promise<string>;
}

/** How the inputs will be satisfied; computed without network access. */
type Plan = { kind: 'service-connection'; requested: AuthKind } | { kind: Exclude<AuthKind, 'auto'> };

const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const KNOWN_AUTHORITIES = new Set([
  'https://login.microsoftonline.com',
  'https://login.microsoftonline.us',
  'https://login.chinacloudapi.cn',
]);
/** Kinds an Azure DevOps service connection can stand for. */
const CONNECTION_KINDS = new Set<string>([
  'auto',
  'oidc',
  'client-secret',
  'certificate',
  'managed-identity',
]);
/** Refresh this long before expiry so a token never expires mid-request. */
const REFRESH_MARGIN_MS = 5 * 60_000;

function envOf(o: AuthOptions): NodeJS.ProcessEnv {
  return o.env ?? process.env;
}

function given(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

/** Is `cmd` an executable on PATH? A file check only: spawning `az` would cost a second at start-up. */
export function onPath(cmd: string, env: NodeJS.ProcessEnv): boolean {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? [`${cmd}.cmd`, `${cmd}.exe`, `${cmd}.bat`] : [cmd];
  return dirs.some((d) =>
    names.some((n) => {
      try {
        return existsSync(join(d, n)) && statSync(join(d, n)).isFile();
      } catch {
        return false;
      }
    }),
  );
}

function usesServiceConnection(o: AuthOptions, host: Host): boolean {
  return host.kind === 'azure-devops' && given(o.connectedServiceName) && CONNECTION_KINDS.has(o.kind);
}

/**
 * The `auto` order (docs/identity.md): Azure DevOps service connection → GitHub OIDC → client secret →
 * certificate → token → managed identity → Azure CLI. Inputs the user gave win over what the machine
 * happens to offer, so `token` sits before the environment-detected kinds.
 */
function choose(o: AuthOptions, host: Host): Plan {
  const env = envOf(o);
  if (!(AUTH_KINDS as readonly string[]).includes(o.kind)) {
    throw new ConfigError(`Unknown auth kind "${o.kind}".`, {
      field: 'auth',
      fix: `Use one of: ${AUTH_KINDS.join(', ')}.`,
    });
  }
  const kind = o.kind as AuthKind;
  if (usesServiceConnection(o, host)) {
    if (!host.getServiceConnection) {
      throw new ConfigError('This host cannot read Azure DevOps service connections.', {
        field: 'connected-service-name',
        fix: 'Give tenant-id, client-id and a credential instead.',
      });
    }
    return { kind: 'service-connection', requested: kind };
  }
  if (kind === 'oidc') {
    if (host.kind === 'azure-devops') {
      throw new ConfigError('auth is oidc but no service connection is given.', {
        field: 'connected-service-name',
        fix: 'Set connectedServiceName to an Azure Resource Manager service connection that uses workload identity federation.',
      });
    }
    const reason = githubOidcUnavailable(host, env);
    if (reason) {
      throw new ConfigError(`auth is oidc, but OIDC is not available: ${reason}.`, {
        field: 'auth',
        fix:
          host.kind === 'github'
            ? 'Add `permissions: { id-token: write, contents: read }` to the job (or workflow).'
            : 'Use client-secret, certificate, managed-identity, azure-cli or token on this host.',
      });
    }
    return { kind: 'oidc' };
  }
  if (kind !== 'auto') return { kind } as Plan;

  if (host.kind === 'github' && !githubOidcUnavailable(host, env) && given(o.tenantId) && given(o.clientId)) {
    return { kind: 'oidc' };
  }
  if (given(o.clientSecret)) return { kind: 'client-secret' };
  if (given(o.certificate)) return { kind: 'certificate' };
  if (given(o.token)) return { kind: 'token' };
  if (given(env.IDENTITY_ENDPOINT) || given(env.MSI_ENDPOINT)) return { kind: 'managed-identity' };
  if (onPath('az', env)) return { kind: 'azure-cli' };
  throw new ConfigError('No credentials found for auth: auto.', {
    field: 'auth',
    fix:
      host.kind === 'github'
        ? 'Use OIDC: give tenant-id and client-id and add `permissions: id-token: write` to the job; or give client-secret, certificate or token.'
        : host.kind === 'azure-devops'
          ? 'Set connectedServiceName to an Azure Resource Manager service connection, or give tenant-id, client-id and client-secret.'
          : 'Run `az login`, or give tenant-id and client-id with client-secret or certificate, or a token.',
  });
}

function requireInputs(
  kind: string,
  o: AuthOptions,
  names: Array<['tenant-id' | 'client-id' | 'client-secret' | 'certificate' | 'token', string | undefined]>,
): void {
  const missing = names.filter(([, v]) => !given(v)).map(([n]) => n);
  if (missing.length) {
    throw new ConfigError(
      `auth ${kind} needs ${missing.join(', ')}${o.kind === 'auto' ? ' (chosen by auth: auto)' : ''}.`,
      {
        field: missing[0],
        fix: `Give ${missing.join(' and ')} (as inputs, or FABRIC_DEPLOY_${missing[0]!.toUpperCase().replace(/-/g, '_')} on the command line).`,
      },
    );
  }
}

function checkIds(o: AuthOptions): void {
  if (given(o.tenantId) && !TENANT.test(o.tenantId.trim())) {
    throw new ConfigError(`tenant-id "${o.tenantId}" is not a tenant id or domain.`, {
      field: 'tenant-id',
      fix: 'Use the Directory (tenant) ID GUID from the app registration overview.',
    });
  }
  if (given(o.clientId) && !isGuid(o.clientId.trim())) {
    throw new ConfigError(`client-id "${o.clientId}" is not a GUID.`, {
      field: 'client-id',
      fix: 'Use the Application (client) ID GUID, not the app name or object id.',
    });
  }
}

/**
 * Checks the auth inputs without any network call; throws ConfigError naming the input and the fix.
 * Reads a certificate file (local) to prove it is PEM or PFX and that the password opens it.
 */
export function validateAuthOptions(o: AuthOptions, host: Host): void {
  prepare(o, host);
}

interface Prepared {
  plan: Plan;
  /** The certificate, read once during validation and reused to build the credential. */
  cert?: LoadedCertificate;
}

function prepare(o: AuthOptions, host: Host): Prepared {
  const plan = choose(o, host);
  checkIds(o);
  let cert: LoadedCertificate | undefined;
  switch (plan.kind) {
    case 'client-secret':
      requireInputs(plan.kind, o, [
        ['tenant-id', o.tenantId],
        ['client-id', o.clientId],
        ['client-secret', o.clientSecret],
      ]);
      break;
    case 'certificate':
      requireInputs(plan.kind, o, [
        ['tenant-id', o.tenantId],
        ['client-id', o.clientId],
        ['certificate', o.certificate],
      ]);
      cert = loadCertificate(o.certificate!, o.certificatePassword || undefined, o.cwd);
      break;
    case 'oidc':
      requireInputs('oidc', o, [
        ['tenant-id', o.tenantId],
        ['client-id', o.clientId],
      ]);
      break;
    case 'token': {
      requireInputs(plan.kind, o, [['token', o.token]]);
      const left = secondsToExpiry(o.token!.trim());
      if (left !== undefined && left <= 0) {
        throw new ConfigError(`The token expired ${Math.round(-left / 60)} minute(s) ago.`, {
          field: 'token',
          fix: 'Get a new token (tokens live about an hour), or use a credential that can refresh itself.',
        });
      }
      break;
    }
    case 'azure-cli':
      if (!onPath('az', envOf(o))) {
        throw new ConfigError('auth is azure-cli but `az` is not on PATH.', {
          field: 'auth',
          fix: 'Install the Azure CLI and run `az login`, or choose another auth kind.',
        });
      }
      break;
    case 'managed-identity':
    case 'service-connection':
      break;
  }
  return { plan, cert };
}

// ---------------------------------------------------------------------------------------------

type Identity = typeof import('@azure/identity');

interface Built {
  kind: Exclude<AuthKind, 'auto'>;
  description: string;
  /** Builds a fresh credential (new MSAL cache); called again on a forced refresh. */
  make?: () => TokenCredential;
  staticToken?: string;
  assertion?: AssertionSource;
  /** Field to blame when the sign-in itself is refused. */
  field: string;
}

function orNone(id: string | undefined): string {
  return id ? id.trim() : '(none)';
}

function entraOptions(o: AuthOptions, net: NetworkOptions) {
  const authorityHost = o.cloud.authorityHost;
  return {
    authorityHost,
    // Instance discovery asks the public cloud about the authority; a custom host (the simulator,
    // a private endpoint) is unknown there and would be refused.
    disableInstanceDiscovery: !KNOWN_AUTHORITIES.has(authorityHost),
    ...azureClientOptions(net),
  };
}

/** The @azure/identity credentials we build, with the options every one of them shares. */
function credentials(id: Identity, o: AuthOptions, net: NetworkOptions) {
  const entra = () => entraOptions(o, net);
  const client = azureClientOptions(net);
  return {
    secret: (tenantId: string, clientId: string, secret: string) => () =>
      new id.ClientSecretCredential(tenantId, clientId, secret, entra()),
    certificate: (tenantId: string, clientId: string, cert: LoadedCertificate) => () =>
      new id.ClientCertificateCredential(tenantId, clientId, { certificate: cert.pem }, entra()),
    assertion: (tenantId: string, clientId: string, source: AssertionSource) => () =>
      new id.ClientAssertionCredential(tenantId, clientId, () => source.get(), entra()),
    managedIdentity: (clientId: string | undefined) => () =>
      clientId
        ? new id.ManagedIdentityCredential({ clientId, ...client })
        : new id.ManagedIdentityCredential(client),
    azureCli: (tenantId: string | undefined) => () => new id.AzureCliCredential(tenantId ? { tenantId } : {}),
  };
}

/** Masks the key material and warns about expiry before the certificate is used. */
function useCertificate(host: Host, cert: LoadedCertificate): LoadedCertificate {
  maskSecret(host, cert.pem);
  const days = (cert.notAfter.getTime() - Date.now()) / 86_400_000;
  const date = cert.notAfter.toISOString().slice(0, 10);
  if (days < 0) host.log.warn(`Certificate ${cert.thumbprint} expired on ${date}; Entra ID may refuse it.`);
  else if (days < 30)
    host.log.warn(`Certificate ${cert.thumbprint} expires in ${Math.floor(days)} day(s) (${date}).`);
  return cert;
}

async function buildFromInputs(
  { plan, cert: loaded }: Prepared,
  o: AuthOptions,
  host: Host,
  net: NetworkOptions,
): Promise<Built> {
  const tenantId = o.tenantId?.trim();
  const clientId = o.clientId?.trim();
  const who = `client ${orNone(clientId)} in tenant ${orNone(tenantId)}`;
  if (plan.kind === 'token') {
    return {
      kind: 'token',
      description: 'a bearer token given as input',
      staticToken: o.token!.trim(),
      field: 'token',
    };
  }
  const make = credentials(await import('@azure/identity'), o, net);
  switch (plan.kind) {
    case 'client-secret':
      return {
        kind: 'client-secret',
        description: `client secret as ${who}`,
        field: 'client-secret',
        make: make.secret(tenantId!, clientId!, o.clientSecret!.trim()),
      };
    case 'certificate': {
      const cert = useCertificate(host, loaded!);
      return {
        kind: 'certificate',
        description: `certificate ${cert.thumbprint} (${cert.subject}) as ${who}`,
        field: 'certificate',
        make: make.certificate(tenantId!, clientId!, cert),
      };
    }
    case 'oidc': {
      const audience = o.audience?.trim() || o.cloud.oidcAudience;
      const assertion = githubAssertion(host, audience);
      return {
        kind: 'oidc',
        description: `GitHub OIDC (audience ${audience}) as ${who}`,
        field: 'auth',
        assertion,
        make: make.assertion(tenantId!, clientId!, assertion),
      };
    }
    case 'managed-identity':
      return {
        kind: 'managed-identity',
        description: clientId
          ? `user-assigned managed identity ${clientId}`
          : 'system-assigned managed identity',
        field: 'auth',
        make: make.managedIdentity(clientId),
      };
    case 'azure-cli':
      return {
        kind: 'azure-cli',
        description: `Azure CLI login${tenantId ? ` (tenant ${tenantId})` : ''}`,
        field: 'auth',
        make: make.azureCli(tenantId),
      };
    case 'service-connection':
      throw new Error('unreachable: service connections are built by buildFromConnection');
  }
}

/** What each Azure Resource Manager connection scheme stands for. */
const SCHEMES: Record<string, 'oidc' | 'service-principal' | 'managed-identity'> = {
  workloadidentityfederation: 'oidc',
  serviceprincipal: 'service-principal',
  managedserviceidentity: 'managed-identity',
};

async function buildFromConnection(
  requested: AuthKind,
  o: AuthOptions,
  host: Host,
  net: NetworkOptions,
): Promise<Built> {
  const name = o.connectedServiceName!.trim();
  const conn: ServiceConnection | undefined = await host.getServiceConnection!(name);
  if (!conn) {
    throw new ConfigError(`Service connection "${name}" was not found or this pipeline may not use it.`, {
      field: 'connected-service-name',
      fix: 'Check the name and authorise the pipeline to use the connection (Project settings > Service connections > Security).',
    });
  }
  maskSecret(host, conn.clientSecret);
  maskSecret(host, conn.certificate);
  maskSecret(host, conn.idToken);
  const scheme = SCHEMES[conn.scheme.toLowerCase()];
  if (!scheme) {
    throw new ConfigError(
      `Service connection "${name}" uses the ${conn.scheme} scheme, which is not supported.`,
      {
        field: 'connected-service-name',
        fix: 'Use an Azure Resource Manager connection with workload identity federation, a service principal or a managed identity.',
      },
    );
  }
  const connCloud = cloudFromAdoEnvironment(conn.environment);
  if (connCloud && connCloud !== o.cloud.name) {
    host.log.warn(
      `Service connection "${name}" is for the ${conn.environment} environment but cloud is ${o.cloud.name}; set the cloud input to ${connCloud}.`,
    );
  }
  const tenantId = conn.tenantId?.trim();
  const clientId = conn.clientId?.trim();
  const needIds = () => {
    if (!tenantId || !clientId) {
      throw new ConfigError(
        `Service connection "${name}" has no ${!tenantId ? 'tenant id' : 'service principal (client) id'}.`,
        {
          field: 'connected-service-name',
          fix: 'Edit the service connection and complete its details, or recreate it.',
        },
      );
    }
  };
  const from = `service connection "${name}"`;
  const who = `client ${orNone(clientId)} in tenant ${orNone(tenantId)}`;
  const make = credentials(await import('@azure/identity'), o, net);
  let built: Built;
  if (scheme === 'oidc') {
    needIds();
    const assertion = azureDevOpsAssertion(host, conn, envOf(o), net);
    built = {
      kind: 'oidc',
      description: `workload identity federation (${from}) as ${who}`,
      field: 'connected-service-name',
      assertion,
      make: make.assertion(tenantId!, clientId!, assertion),
    };
  } else if (scheme === 'managed-identity') {
    built = {
      kind: 'managed-identity',
      description: `managed identity (${from})`,
      field: 'connected-service-name',
      make: make.managedIdentity(clientId),
    };
  } else if (given(conn.clientSecret)) {
    needIds();
    built = {
      kind: 'client-secret',
      description: `client secret (${from}) as ${who}`,
      field: 'connected-service-name',
      make: make.secret(tenantId!, clientId!, conn.clientSecret.trim()),
    };
  } else if (given(conn.certificate)) {
    needIds();
    let cert: LoadedCertificate;
    try {
      cert = useCertificate(host, loadCertificate(conn.certificate));
    } catch (err) {
      throw new ConfigError(`The certificate of ${from} cannot be used: ${(err as Error).message}`, {
        field: 'connected-service-name',
        fix: 'Upload a PEM with the private key and certificate to the service connection.',
      });
    }
    built = {
      kind: 'certificate',
      description: `certificate ${cert.thumbprint} (${from}) as ${who}`,
      field: 'connected-service-name',
      make: make.certificate(tenantId!, clientId!, cert),
    };
  } else {
    throw new ConfigError(`Service connection "${name}" has neither a client secret nor a certificate.`, {
      field: 'connected-service-name',
      fix: 'Edit the service connection, or switch it to workload identity federation.',
    });
  }
  if (requested !== 'auto' && requested !== built.kind) {
    throw new ConfigError(
      `auth is ${requested} but service connection "${name}" provides ${built.kind} (${conn.scheme}).`,
      {
        field: 'auth',
        fix: 'Set auth to auto (the service connection decides), or use a connection of the matching kind.',
      },
    );
  }
  return built;
}

/** Turns a failed sign-in into a UserError with the AADSTS fix and, for OIDC, the assertion's claims. */
function signInError(err: unknown, built: Built, scope: string): UserError {
  // Our own errors (e.g. from the assertion callback) may come back wrapped by MSAL / @azure/identity.
  const failure = built.assertion?.failure();
  if (failure instanceof UserError) return failure;
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof UserError) return e;
  const raw = err instanceof Error ? err.message : String(err);
  // MSAL messages run to many lines (trace ids, timestamps); the first meaningful one is enough.
  const firstLine =
    raw
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l) ?? raw;
  const hint = aadstsHint(raw);
  const lines = [
    `Sign-in failed (${built.description}) for ${scope}: ${hint ? `AADSTS${hint.code}: ${hint.meaning}` : firstLine}`,
  ];
  const claims = describeAssertion(built.assertion?.last());
  if (claims) lines.push(`  ${built.assertion!.label} token presented: ${claims}`);
  if (hint) lines.push(`  Entra ID said: ${firstLine}`);
  const field = hint?.field ?? built.field;
  let fix = hint?.fix;
  if (!fix) {
    if (built.kind === 'azure-cli') {
      fix = /could not be found|not installed|not recognized/i.test(raw)
        ? 'Install the Azure CLI (https://aka.ms/azure-cli) and run `az login`, or choose another auth kind.'
        : /az login/i.test(raw)
          ? 'Run `az login` (with --tenant if needed) and try again.'
          : 'Check that the Azure CLI is logged in (`az account show`).';
    } else if (built.kind === 'managed-identity')
      fix =
        'Run where a managed identity is assigned (Azure VM, App Service, Container Apps, self-hosted agent on Azure), or choose another auth kind.';
    else fix = 'Check network access to the authority host (proxy, firewall) and the cloud setting.';
  }
  return new UserError(lines.join('\n'), { field, fix, cause: err });
}

/**
 * Creates the token provider for the resolved auth kind. Validates first (no network; sign-in happens on
 * the first getToken), and masks every secret, assertion and token before it could be logged.
 */
export async function createTokenProvider(o: AuthOptions, host: Host): Promise<FabricTokenProvider> {
  const prepared = prepare(o, host);
  const { plan } = prepared;
  // A certificate given as a path stays readable in messages; given inline it is the key itself.
  const inlineCertificate = o.certificate && !prepared.cert?.fromFile ? o.certificate : undefined;
  for (const s of [o.clientSecret, inlineCertificate, o.certificatePassword, o.token]) maskSecret(host, s);
  const net: NetworkOptions = { ...o.network, proxyUrl: o.network?.proxyUrl ?? host.proxyUrl?.() };
  if (net.proxyUrl) maskSecret(host, new URL(net.proxyUrl).password || undefined);

  const built =
    plan.kind === 'service-connection'
      ? await buildFromConnection(plan.requested, o, host, net)
      : await buildFromInputs(prepared, o, host, net);
  if (o.kind === 'auto' && plan.kind === 'oidc' && (given(o.clientSecret) || given(o.certificate))) {
    host.log.warn(
      'auth auto uses OIDC because the job can request an ID token; the client-secret/certificate inputs are ignored (set auth to use them).',
    );
  }
  // Debug only: the caller prints `description` once it has signed in.
  host.log.debug(
    `Authenticating with ${built.description}${o.kind === 'auto' ? ` (auth auto chose ${built.kind})` : ''}.`,
  );
  return makeProvider(built, o.cloud, host);
}

function makeProvider(built: Built, cloud: CloudEndpoints, host: Host): FabricTokenProvider {
  if (built.staticToken !== undefined) {
    const token = built.staticToken;
    const tokenFor = async (scope: string) => {
      if (scope === cloud.fabricScope) return token;
      throw new UserError(`auth: token only carries a Fabric token; ${scope} needs a credential.`, {
        field: 'auth',
        fix: 'Use object ids instead of names/UPNs for principals and no Key Vault, or choose an auth kind that can sign in (oidc, client-secret, certificate, …).',
      });
    };
    return {
      kind: 'token',
      description: built.description,
      getToken: async () => token,
      identity: async () => identityFromToken(token),
      tokenFor,
    };
  }

  let credential = built.make!();
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
      credential = built.make!();
      cache.clear();
    }
    const p = (async () => {
      let t: AccessToken | null;
      try {
        t = await credential.getToken(scope, options);
      } catch (err) {
        throw signInError(err, built, scope);
      }
      if (!t?.token) throw signInError(new Error('no token was returned'), built, scope);
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
    kind: built.kind,
    description: built.description,
    credential: wrapped,
    tokenFor,
    getToken: async (forceRefresh?: boolean) =>
      (await fetchToken(cloud.fabricScope, undefined, !!forceRefresh)).token,
    identity: async (): Promise<TokenIdentity> =>
      identityFromToken((await fetchToken(cloud.fabricScope, undefined, false)).token),
  };
}
