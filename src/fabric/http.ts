import { isIP } from 'node:net';
import { Agent, EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { FabricClientError } from './errors';

/** Explicit proxy (e.g. the Azure DevOps agent proxy). Credentials may sit in the URL. */
export interface ProxyOptions {
  url: string;
  /** Hosts that bypass the proxy, `NO_PROXY` syntax (comma separated, `.suffix`, `host:port`). */
  noProxy?: string | string[];
}

export interface DispatcherOptions {
  /**
   * `undefined` (default): `HTTPS_PROXY`/`https_proxy`/`HTTP_PROXY`/`NO_PROXY` from the environment.
   * A URL string or `ProxyOptions`: that proxy. `false`: never a proxy.
   */
  proxy?: string | ProxyOptions | false;
  /** Extra CA certificates (PEM) to trust, e.g. a TLS-inspecting proxy's or a test server's. */
  caCertificates?: string | string[];
  /** Idle keep-alive socket lifetime (ms). */
  keepAliveTimeoutMs?: number;
}

/** One keep-alive connection pool for every call of a client, honouring the proxy settings. */
export function createDispatcher(opts: DispatcherOptions = {}): Dispatcher {
  const ca = opts.caCertificates === undefined ? undefined : ([] as string[]).concat(opts.caCertificates);
  const tls = ca ? { ca } : undefined;
  const agentOpts = {
    keepAliveTimeout: opts.keepAliveTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: 10 * 60_000,
    connect: tls,
    // ProxyAgent takes the target's TLS settings here when tunnelling.
    requestTls: tls,
  };
  if (opts.proxy === false) return new Agent(agentOpts);
  if (opts.proxy !== undefined) {
    const p = typeof opts.proxy === 'string' ? { url: opts.proxy } : opts.proxy;
    assertProxyUrl(p.url);
    const extra =
      p.noProxy === undefined ? [] : ([] as string[]).concat(p.noProxy).flatMap((s) => s.split(/[,\s]+/));
    const noProxy = extra.filter(Boolean).join(',');
    return new EnvHttpProxyAgent({ ...agentOpts, httpProxy: p.url, httpsProxy: p.url, noProxy });
  }
  const envProxy =
    process.env.https_proxy ?? process.env.HTTPS_PROXY ?? process.env.http_proxy ?? process.env.HTTP_PROXY;
  if (!envProxy) return new Agent(agentOpts);
  assertProxyUrl(envProxy);
  const envNoProxy = process.env.no_proxy ?? process.env.NO_PROXY ?? '';
  return new EnvHttpProxyAgent({ ...agentOpts, noProxy: envNoProxy });
}

/**
 * `fetch` through a pool made as `createDispatcher` makes it (the host's proxy, or HTTP(S)_PROXY and
 * NO_PROXY): Node 20's global fetch knows no proxy, so Graph look-ups made with it fail behind one.
 */
export function proxiedFetch(opts: DispatcherOptions = {}): typeof fetch {
  let dispatcher: Dispatcher | undefined;
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, {
      ...(init as object),
      dispatcher: (dispatcher ??= createDispatcher(opts)),
    })) as unknown as typeof fetch;
}

function assertProxyUrl(url: string): void {
  try {
    const u = new URL(url);
    if (!/^(https?|socks5?):$/.test(u.protocol)) throw new Error(u.protocol);
  } catch {
    throw new FabricClientError(
      'InvalidProxy',
      `invalid proxy URL '${redactUserInfo(url)}': expected http(s)://host:port`,
    );
  }
}

function redactUserInfo(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** Refuses anything but https, except on loopback (the simulator). A bearer token never travels in clear text. */
export function assertSafeUrl(url: string | URL, what = 'URL'): URL {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    throw new FabricClientError('InvalidUrl', `invalid ${what} '${String(url)}'`);
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return u;
  throw new FabricClientError(
    'InsecureUrl',
    `refusing ${what} '${u.origin}': only https is allowed (plain http only to loopback: 127.0.0.0/8, localhost, ::1)`,
  );
}

/**
 * Host suffixes the Fabric service hands out in `Location` / `continuationUri` (regional clusters,
 * private-link and sovereign-cloud endpoints). Our bearer token is only sent to these, the base URL's
 * host, loopback and any `trustedHosts` the caller adds.
 */
export const DEFAULT_TRUSTED_HOST_SUFFIXES = [
  'fabric.microsoft.com',
  'powerbi.com',
  'analysis.windows.net',
  'pbidedicated.windows.net',
  'fabric.microsoft.us',
  'powerbigov.us',
  'analysis.usgovcloudapi.net',
  'powerbi.cn',
  'analysis.chinacloudapi.cn',
  'graph.microsoft.com',
  'graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
  'vault.azure.net',
  'vault.usgovcloudapi.net',
  'vault.azure.cn',
];

export function isTrustedHost(hostname: string, trusted: readonly string[]): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (isLoopbackHost(h)) return true;
  return trusted.some((t) => {
    const s = t.toLowerCase().replace(/^\*?\./, '');
    return h === s || h.endsWith('.' + s);
  });
}

const SECRET_QUERY_KEY = /(sig|token|secret|key|code|password|assertion|credential)/i;

/** URL for logs: query values of sensitive-looking keys replaced by `***`, user info dropped. */
export function redactUrl(url: string | URL): string {
  try {
    const u = new URL(String(url));
    u.username = '';
    u.password = '';
    for (const k of [...u.searchParams.keys()]) {
      if (SECRET_QUERY_KEY.test(k)) u.searchParams.set(k, '***');
    }
    return u.toString().replace(/%2A%2A%2A/g, '***');
  } catch {
    return String(url).replace(/\?.*$/, '?…');
  }
}
