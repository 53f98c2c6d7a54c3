import { ConfigError } from '../errors';

export type CloudName = 'public' | 'usgov' | 'china';

/** Every endpoint that depends on the Azure cloud. Sources are listed in docs/identity.md. */
export interface CloudEndpoints {
  name: CloudName;
  /** Entra ID authority host, e.g. https://login.microsoftonline.com (no tenant, no trailing slash). */
  authorityHost: string;
  /** Fabric REST base URL ending in /v1. */
  fabricApiUrl: string;
  /** Client-credentials scope for Fabric. */
  fabricScope: string;
  /** Default audience of the CI host's OIDC token (federated credential audience). */
  oidcAudience: string;
  /** Microsoft Graph base URL ending in /v1.0. */
  graphUrl: string;
  graphScope: string;
  keyVaultScope: string;
}

const CLOUDS: Record<CloudName, CloudEndpoints> = {
  public: {
    name: 'public',
    authorityHost: 'https://login.microsoftonline.com',
    fabricApiUrl: 'https://api.fabric.microsoft.com/v1',
    fabricScope: 'https://api.fabric.microsoft.com/.default',
    oidcAudience: 'api://AzureADTokenExchange',
    graphUrl: 'https://graph.microsoft.com/v1.0',
    graphScope: 'https://graph.microsoft.com/.default',
    keyVaultScope: 'https://vault.azure.net/.default',
  },
  usgov: {
    name: 'usgov',
    authorityHost: 'https://login.microsoftonline.us',
    fabricApiUrl: 'https://api.fabric.microsoft.us/v1',
    fabricScope: 'https://api.fabric.microsoft.us/.default',
    oidcAudience: 'api://AzureADTokenExchangeUSGov',
    graphUrl: 'https://graph.microsoft.us/v1.0',
    graphScope: 'https://graph.microsoft.us/.default',
    keyVaultScope: 'https://vault.usgovcloudapi.net/.default',
  },
  china: {
    name: 'china',
    authorityHost: 'https://login.chinacloudapi.cn',
    fabricApiUrl: 'https://api.fabric.microsoft.cn/v1',
    fabricScope: 'https://api.fabric.microsoft.cn/.default',
    oidcAudience: 'api://AzureADTokenExchangeChina',
    graphUrl: 'https://microsoftgraph.chinacloudapi.cn/v1.0',
    graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
    keyVaultScope: 'https://vault.azure.cn/.default',
  },
};

/** Azure DevOps service connections name clouds their own way. */
const ADO_ENVIRONMENTS: Record<string, CloudName> = {
  azurecloud: 'public',
  azureusgovernment: 'usgov',
  azurechinacloud: 'china',
};

export function cloudFromAdoEnvironment(environment: string | undefined): CloudName | undefined {
  return environment ? ADO_ENVIRONMENTS[environment.toLowerCase()] : undefined;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Parses an endpoint URL given by the user and refuses anything but https, except on loopback
 * (the simulator), so a typo can never send a bearer token or secret over plain http.
 */
export function requireSecureUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(`${field} is not a valid URL: ${value}`, {
      field,
      fix: `Give an absolute https:// URL.`,
    });
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new ConfigError(
    `${field} must use https (got ${url.protocol}//${url.host}); plain http is accepted only for loopback addresses.`,
    {
      field,
      fix: `Use the https:// endpoint.`,
    },
  );
}

function stripSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

/** Resolves the cloud and applies the `fabric-api-url` / `authority-host` overrides. Pure; throws ConfigError. */
export function resolveCloud(opts: {
  cloud?: string;
  fabricApiUrl?: string;
  authorityHost?: string;
  graphUrl?: string;
}): CloudEndpoints {
  const name = (opts.cloud?.trim() || 'public').toLowerCase();
  const base = CLOUDS[name as CloudName];
  if (!base) {
    throw new ConfigError(`Unknown cloud "${opts.cloud}".`, {
      field: 'cloud',
      fix: `Use one of: ${Object.keys(CLOUDS).join(', ')}.`,
    });
  }
  const cloud = { ...base };
  if (opts.fabricApiUrl?.trim()) {
    const url = requireSecureUrl(opts.fabricApiUrl, 'fabric-api-url');
    url.search = '';
    url.hash = '';
    // The client appends /workspaces etc.; accept the bare host as a convenience.
    cloud.fabricApiUrl = stripSlash(url.pathname === '/' ? url.origin + '/v1' : url.toString());
  }
  if (opts.authorityHost?.trim()) {
    const url = requireSecureUrl(opts.authorityHost, 'authority-host');
    url.search = '';
    url.hash = '';
    // A path is kept: the tenant is appended to it (simulators may mount Entra under a prefix).
    cloud.authorityHost = stripSlash(url.toString());
  }
  if (opts.graphUrl?.trim()) {
    // Graph calls carry a bearer token: the same https-or-loopback rule as the other endpoints.
    const url = requireSecureUrl(opts.graphUrl, 'graph-url');
    url.search = '';
    url.hash = '';
    cloud.graphUrl = stripSlash(url.toString());
  }
  return cloud;
}
