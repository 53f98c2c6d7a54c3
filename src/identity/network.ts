import { Agent, ProxyAgent, fetch as undiciFetch } from 'undici';

/**
 * Network settings shared by everything identity talks to (Entra ID, Key Vault, Graph, the Azure
 * DevOps OIDC endpoint): an extra trusted CA (the simulator's, since NODE_EXTRA_CA_CERTS is only read
 * at process start) and the proxy the CI host asks for.
 */
export interface NetworkOptions {
  /** PEM of additional CA certificates to trust. */
  ca?: string;
  /** http(s)://[user:pass@]host:port */
  proxyUrl?: string;
}

/** Options understood by every Azure SDK client (@azure/core-rest-pipeline PipelineOptions). */
export interface AzureClientNetworkOptions {
  tlsOptions?: { ca?: string };
  proxyOptions?: { host: string; port: number; username?: string; password?: string };
}

export function azureClientOptions(net: NetworkOptions = {}): AzureClientNetworkOptions {
  const out: AzureClientNetworkOptions = {};
  if (net.ca) out.tlsOptions = { ca: net.ca };
  if (net.proxyUrl) {
    const u = new URL(net.proxyUrl);
    out.proxyOptions = {
      host: `${u.protocol}//${u.hostname}`,
      port: Number(u.port) || (u.protocol === 'https:' ? 443 : 80),
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
    };
  }
  return out;
}

/**
 * `fetch` honouring the CA and proxy; plain global fetch when neither is set. (undici is loaded anyway:
 * the Fabric client's transport.)
 */
export async function networkFetch(net: NetworkOptions = {}): Promise<typeof fetch> {
  if (!net.ca && !net.proxyUrl) return fetch;
  const tls = net.ca ? { ca: net.ca } : undefined;
  const dispatcher = net.proxyUrl
    ? new ProxyAgent({ uri: net.proxyUrl, requestTls: tls, proxyTls: tls })
    : new Agent({ connect: tls });
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}
