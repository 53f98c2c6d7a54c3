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
 * `fetch` honouring the CA and proxy. Plain global fetch when neither is set, so undici is only
 * loaded when needed (start-up time matters for the action).
 */
export async function networkFetch(net: NetworkOptions = {}): Promise<typeof fetch> {
  if (!net.ca && !net.proxyUrl) return fetch;
  const undici = await import('undici');
  const tls = net.ca ? { ca: net.ca } : undefined;
  const dispatcher = net.proxyUrl
    ? new undici.ProxyAgent({ uri: net.proxyUrl, requestTls: tls, proxyTls: tls })
    : new undici.Agent({ connect: tls });
  return ((input: string | URL | Request, init?: RequestInit) =>
    undici.fetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}
