/**
 * Turns an auth plan (settings/auth.ts, validated before any network call) into a token provider:
 * the @azure/identity credential each kind needs, imported only for the kinds that need it (not for
 * `auth: token`), and for Azure DevOps the service connection the host holds. Sign-in happens on the
 * first getToken (token-cache.ts); a refusal is explained by sign-in-error.ts.
 */
import type { Host, ServiceConnection } from '../hosts/host';
import { ConfigError } from '../errors';
import { planAuth, type AuthKind, type AuthOptions, type AuthPlan } from '../settings/auth';
import { loadCertificate, type LoadedCertificate } from './certificate';
import { cloudFromAdoEnvironment, type CloudEndpoints } from './clouds';
import { maskSecret } from './masking';
import { azureClientOptions, type NetworkOptions } from './network';
import { azureDevOpsAssertion, githubAssertion, type AssertionSource } from './oidc';
import type { FabricTokenProvider, SignInMethod } from './provider';
import { cachedTokenProvider } from './token-cache';

const KNOWN_AUTHORITIES = new Set([
  'https://login.microsoftonline.com',
  'https://login.microsoftonline.us',
  'https://login.chinacloudapi.cn',
]);

/** What signing in needs besides the plan: the cloud, and the machine's environment and network. */
export interface SignInOptions {
  cloud: CloudEndpoints;
  /** Environment for the Azure DevOps OIDC request (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Extra CA / proxy; the proxy defaults to host.proxyUrl(). */
  network?: NetworkOptions;
}

function given(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

type Identity = typeof import('@azure/identity');

function orNone(id: string | undefined): string {
  return id ? id.trim() : '(none)';
}

function entraOptions(cloud: CloudEndpoints, net: NetworkOptions) {
  const authorityHost = cloud.authorityHost;
  return {
    authorityHost,
    // Instance discovery asks the public cloud about the authority; a custom host (the simulator,
    // a private endpoint) is unknown there and would be refused.
    disableInstanceDiscovery: !KNOWN_AUTHORITIES.has(authorityHost),
    ...azureClientOptions(net),
  };
}

/** The @azure/identity credentials we build, with the options every one of them shares. */
function credentials(id: Identity, cloud: CloudEndpoints, net: NetworkOptions) {
  const entra = () => entraOptions(cloud, net);
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

/** The credential for a plan made from the inputs (every kind but a service connection). */
async function fromPlan(
  plan: Exclude<AuthPlan, { kind: 'service-connection' }>,
  o: SignInOptions,
  host: Host,
  net: NetworkOptions,
): Promise<SignInMethod> {
  if (plan.kind === 'token') {
    return {
      kind: 'token',
      description: 'a bearer token given as input',
      staticToken: plan.token,
      field: 'token',
    };
  }
  const make = credentials(await import('@azure/identity'), o.cloud, net);
  const discovery = (tenantId: string) =>
    `${o.cloud.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
  switch (plan.kind) {
    case 'client-secret':
      return {
        kind: 'client-secret',
        description: `client secret as ${who(plan)}`,
        field: 'client-secret',
        tenantDiscovery: discovery(plan.tenantId),
        make: make.secret(plan.tenantId, plan.clientId, plan.clientSecret),
      };
    case 'certificate': {
      const cert = useCertificate(host, plan.certificate);
      return {
        kind: 'certificate',
        description: `certificate ${cert.thumbprint} (${cert.subject}) as ${who(plan)}`,
        field: 'certificate',
        tenantDiscovery: discovery(plan.tenantId),
        make: make.certificate(plan.tenantId, plan.clientId, cert),
      };
    }
    case 'oidc': {
      const assertion = githubAssertion(host, plan.audience);
      return {
        kind: 'oidc',
        description: `GitHub OIDC (audience ${plan.audience}) as ${who(plan)}`,
        field: 'auth',
        assertion,
        tenantDiscovery: discovery(plan.tenantId),
        make: make.assertion(plan.tenantId, plan.clientId, assertion),
      };
    }
    case 'managed-identity':
      return {
        kind: 'managed-identity',
        description: plan.clientId
          ? `user-assigned managed identity ${plan.clientId}`
          : 'system-assigned managed identity',
        field: 'auth',
        make: make.managedIdentity(plan.clientId),
      };
    case 'azure-cli':
      return {
        kind: 'azure-cli',
        description: `Azure CLI login${plan.tenantId ? ` (tenant ${plan.tenantId})` : ''}`,
        field: 'auth',
        make: make.azureCli(plan.tenantId),
      };
  }
}

function who(ids: { tenantId?: string; clientId?: string }): string {
  return `client ${orNone(ids.clientId)} in tenant ${orNone(ids.tenantId)}`;
}

/** What each Azure Resource Manager connection scheme stands for. */
const SCHEMES: Record<string, 'oidc' | 'service-principal' | 'managed-identity'> = {
  workloadidentityfederation: 'oidc',
  serviceprincipal: 'service-principal',
  managedserviceidentity: 'managed-identity',
};

/** The service connection's scheme and credential, read from the host and checked against the plan. */
async function fromConnection(
  { requested, name }: { requested: AuthKind; name: string },
  o: SignInOptions,
  host: Host,
  net: NetworkOptions,
): Promise<SignInMethod> {
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
  const make = credentials(await import('@azure/identity'), o.cloud, net);
  let built: SignInMethod;
  if (scheme === 'oidc') {
    needIds();
    const assertion = azureDevOpsAssertion(host, conn, o.env ?? process.env, net);
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

/**
 * The token provider for an auth plan. No network call here: sign-in happens on the first getToken
 * (connect.ts asks for it at once, so "signed in" is only logged for a token actually issued).
 * Masks every secret, assertion and token before it could be logged.
 */
export async function signIn(plan: AuthPlan, o: SignInOptions, host: Host): Promise<FabricTokenProvider> {
  const net: NetworkOptions = { ...o.network, proxyUrl: o.network?.proxyUrl ?? host.proxyUrl?.() };
  if (net.proxyUrl) maskSecret(host, new URL(net.proxyUrl).password || undefined);
  const method =
    plan.kind === 'service-connection'
      ? await fromConnection(plan, o, host, net)
      : await fromPlan(plan, o, host, net);
  if (plan.kind === 'oidc' && plan.ignoresCredential) {
    host.log.warn(
      'auth auto uses OIDC because the job can request an ID token; the client-secret/certificate inputs are ignored (set auth to use them).',
    );
  }
  // Debug only: the caller prints `description` once it has signed in.
  host.log.debug(
    `Authenticating with ${method.description}${plan.requested === 'auto' ? ` (auth auto chose ${method.kind})` : ''}.`,
  );
  return cachedTokenProvider(method, o.cloud, host);
}

/** Plans (validates, no network) and signs in from the `auth` inputs in one step. */
export async function createTokenProvider(o: AuthOptions, host: Host): Promise<FabricTokenProvider> {
  return signIn(planAuth(o, host), o, host);
}
