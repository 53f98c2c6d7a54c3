/**
 * `fabric-deploy serve-health`: for long-running agents. `/health` is liveness (the process answers);
 * `/readiness` runs the checks, cached for `cacheMs` so probes cannot hammer Fabric, and answers 200
 * when healthy, 503 when not. Concurrent probes share one run of the checks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { VERSION } from '../version';
import type { HealthReport } from './model';

export interface HealthServerOptions {
  port: number;
  /** Runs the checks (e.g. `() => runHealthChecks(ctx)`). */
  checks: () => Promise<HealthReport>;
  /** How long a readiness result is reused (default 30 s). */
  cacheMs?: number;
  /** Interface to listen on (default 127.0.0.1; `0.0.0.0` for probes from outside, e.g. Kubernetes). */
  host?: string;
}

export interface HealthServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_READINESS_CACHE_MS = 30_000;

export async function serveHealth(opts: HealthServerOptions): Promise<HealthServer> {
  const cacheMs = opts.cacheMs ?? DEFAULT_READINESS_CACHE_MS;
  const startedAt = Date.now();
  let cached: { at: number; report: HealthReport } | undefined;
  let inFlight: Promise<HealthReport> | undefined;

  const readiness = (): Promise<HealthReport> => {
    if (cached && Date.now() - cached.at < cacheMs) return Promise.resolve(cached.report);
    inFlight ??= opts
      .checks()
      .then((report) => {
        cached = { at: Date.now(), report };
        return report;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'content-length': Buffer.byteLength(text),
      });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(405, { error: 'method not allowed' });
    }
    if (path === '/health' || path === '/healthz' || path === '/livez') {
      return send(200, {
        status: 'ok',
        version: VERSION,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      });
    }
    if (path === '/readiness' || path === '/ready' || path === '/readyz') {
      readiness().then(
        (report) => send(report.ok ? 200 : 503, report),
        (err: unknown) =>
          send(503, {
            ok: false,
            status: 'unhealthy',
            error: err instanceof Error ? err.message : String(err),
          }),
      );
      return;
    }
    send(404, { error: 'not found', endpoints: ['/health', '/readiness'] });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
