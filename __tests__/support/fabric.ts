/** Shared test helpers: a simulator, a token provider over it, fault and request-log access, a stub server. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '../../src/simulator';
import type { FaultRule, RequestLogEntry, RunningSimulator, SimulatorOptions } from '../../src/simulator';
import type { TokenProvider } from '../../src/identity/token';
import { FabricClient, type FabricClientOptions } from '../../src/fabric/client';
import type { ClientEvent } from '../../src/fabric/events';

export type Sim = RunningSimulator;

export function start(opts: SimulatorOptions = {}): Promise<Sim> {
  return startSimulator({ quiet: true, ...opts });
}

/** A token provider over the simulator that counts calls; `firstLifetimeSeconds` makes the first token short-lived. */
export function simTokens(
  sim: Sim,
  firstLifetimeSeconds?: number,
): TokenProvider & { calls: { get: number; forced: number } } {
  let cached: string | undefined;
  const calls = { get: 0, forced: 0 };
  return {
    calls,
    async getToken(force?: boolean) {
      calls.get++;
      if (force) calls.forced++;
      if (!cached || force) {
        const first = cached === undefined && firstLifetimeSeconds !== undefined;
        cached = sim.issueToken(first ? { expiresInSeconds: firstLifetimeSeconds } : {});
      }
      return cached;
    },
  };
}

/** Client options for tests: small delays so retries and polls are quick. */
export function fastOptions(
  sim: Sim,
  extra: Partial<FabricClientOptions> = {},
): FabricClientOptions & { events: ClientEvent[] } {
  const events: ClientEvent[] = [];
  return {
    baseUrl: sim.fabricApiUrl,
    tokens: simTokens(sim),
    correlationId: 'test-correlation',
    retry: { baseDelayMs: 20, retries: 3 },
    circuitBreaker: { resetTimeoutMs: 300 },
    lro: { initialDelayMs: 10, minIntervalMs: 10, maxIntervalMs: 200 },
    rateLimit: false,
    onEvent: (e) => events.push(e),
    events,
    ...extra,
  };
}

export function client(
  sim: Sim,
  extra: Partial<FabricClientOptions> = {},
): { c: FabricClient; events: ClientEvent[] } {
  const opts = fastOptions(sim, extra);
  return { c: new FabricClient(opts), events: opts.events };
}

async function control(sim: Sim, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export const addFault = (sim: Sim, rule: FaultRule) => control(sim, 'POST', '/_sim/faults', rule);
export const clearFaults = (sim: Sim) => control(sim, 'DELETE', '/_sim/faults');
export const clearLog = (sim: Sim) => control(sim, 'DELETE', '/_sim/requests');
export const resetSim = (sim: Sim) => control(sim, 'POST', '/_sim/reset');
/** The simulator's request log, without its own control calls. */
export async function requestLog(sim: Sim): Promise<RequestLogEntry[]> {
  const all: RequestLogEntry[] = (await control(sim, 'GET', '/_sim/requests')).value;
  return all.filter((e) => !e.path.startsWith('/_sim'));
}

/** A tiny scripted HTTP server for protocol edge cases the simulator does not produce. */
export interface StubServer {
  url: string;
  port: number;
  requests: Array<{
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: string;
    remotePort?: number;
  }>;
  close(): Promise<void>;
}

/** `destroy: true` drops the connection without an answer (after the handler has done its work). */
export type StubReply = {
  status: number;
  headers?: Record<string, string | undefined>;
  body?: unknown;
  destroy?: boolean;
};
export type StubHandler = (
  req: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string },
  stub: StubServer,
) => StubReply | Promise<StubReply>;

export async function stubServer(handler: StubHandler, host = '127.0.0.1'): Promise<StubServer> {
  const requests: StubServer['requests'] = [];
  const stub = { requests } as StubServer;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const r = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      remotePort: req.socket.remotePort,
    };
    requests.push(r);
    const out = await handler(r, stub);
    if (out.destroy) {
      req.socket.destroy();
      return;
    }
    const body =
      out.body === undefined ? '' : typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
    const headers: Record<string, string> =
      body && typeof out.body !== 'string' ? { 'content-type': 'application/json' } : {};
    for (const [k, v] of Object.entries(out.headers ?? {})) if (v !== undefined) headers[k] = v;
    res.writeHead(out.status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  stub.port = port;
  stub.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  stub.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

export const staticTokens = (token = 'test-token'): TokenProvider => ({ getToken: async () => token });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loopback forward proxy: CONNECT tunnels and absolute-form HTTP requests, recording what it saw. */
export interface TestProxy {
  url: string;
  connects: string[];
  forwards: string[];
  close(): Promise<void>;
}

/** `route` maps a CONNECT target (host:port) to where the proxy really connects (default: itself). */
export async function testProxy(route: (target: string) => string = (t) => t): Promise<TestProxy> {
  const net = await import('node:net');
  const connects: string[] = [];
  const forwards: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    forwards.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client, head) => {
    connects.push(req.url ?? '');
    const [host, port] = route(req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    forwards,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
