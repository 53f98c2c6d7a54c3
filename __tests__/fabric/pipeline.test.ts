/** The pipeline with a scripted transport (no network): order of policies, auth refresh, retry decisions. */
import { HttpClient } from '../../src/fabric/http-client';
import { FabricApiError } from '../../src/fabric/errors';
import type { ClientEvent } from '../../src/fabric/events';
import type { PipelineRequest, PipelineResponse, SendRequest } from '../../src/fabric/pipeline';

function scripted(
  answers: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>,
): SendRequest & { seen: PipelineRequest[] } {
  const seen: PipelineRequest[] = [];
  const fn = (async (req: PipelineRequest): Promise<PipelineResponse> => {
    seen.push(req);
    const a = answers[Math.min(seen.length - 1, answers.length - 1)]!;
    return {
      status: a.status,
      headers: new Headers(a.headers),
      text: JSON.stringify(a.body ?? ''),
      body: a.body,
      request: req,
    };
  }) as SendRequest & { seen: PipelineRequest[] };
  fn.seen = seen;
  return fn;
}

const URL_ = 'https://api.fabric.microsoft.com/v1/workspaces';

describe('pipeline', () => {
  it('is made of small named policies in a fixed order', async () => {
    const h = new HttpClient({
      tokens: { getToken: async () => 't' },
      transport: scripted([{ status: 200 }]),
    });
    expect(h.pipeline.names).toEqual([
      'headers',
      'circuitBreaker',
      'retry',
      'auth',
      'rateLimit',
      'errors',
      'timeout',
      'logging',
    ]);
    const off = new HttpClient({
      tokens: { getToken: async () => 't' },
      transport: scripted([{ status: 200 }]),
      retry: false,
      circuitBreaker: false,
      rateLimit: false,
      maxConcurrency: false,
    });
    expect(off.pipeline.names).toEqual(['headers', 'auth', 'rateLimit', 'errors', 'timeout', 'logging']);
    await h.close();
    await off.close();
  });

  it('refreshes the token once on 401 TokenExpired', async () => {
    const t = scripted([
      { status: 401, headers: { 'x-ms-public-api-error-code': 'TokenExpired' } },
      { status: 200, body: { ok: 1 } },
    ]);
    const forced: boolean[] = [];
    const h = new HttpClient({
      tokens: { getToken: async (f?: boolean) => (forced.push(!!f), f ? 'fresh' : 'stale') },
      transport: t,
    });
    const res = await h.request('probe', 'GET', URL_);
    expect(res.body).toEqual({ ok: 1 });
    expect(t.seen.map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(forced).toEqual([false, true]);
    await h.close();
  });

  it('does not wait out an unreasonable Retry-After', async () => {
    const events: ClientEvent[] = [];
    const t = scripted([
      {
        status: 429,
        headers: { 'retry-after': '3600' },
        body: { errorCode: 'RequestBlocked', message: 'blocked' },
      },
    ]);
    const h = new HttpClient({
      tokens: { getToken: async () => 't' },
      transport: t,
      onEvent: (e) => events.push(e),
    });
    const started = Date.now();
    const err = await h.request('probe', 'GET', URL_).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FabricApiError);
    expect(err).toMatchObject({ status: 429, errorCode: 'RequestBlocked', retryAfterSeconds: 3600 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(t.seen).toHaveLength(1);
    expect(events.some((e) => e.type === 'throttled')).toBe(true);
    await h.close();
  });

  it('emits request and retry events, and a listener that throws cannot break a call', async () => {
    const events: ClientEvent[] = [];
    const t = scripted([{ status: 502 }, { status: 200 }]);
    const h = new HttpClient({
      tokens: { getToken: async () => 't' },
      transport: t,
      retry: { baseDelayMs: 1 },
      onEvent: (e) => {
        events.push(e);
        throw new Error('bad listener');
      },
    });
    await h.request('probe', 'GET', URL_);
    expect(events.map((e) => e.type)).toEqual(['request', 'retry', 'request']);
    expect(events[0]).toMatchObject({ status: 502, success: false, attempt: 1, group: 'workspaces' });
    expect(events[2]).toMatchObject({ status: 200, success: true, attempt: 2 });
    await h.close();
  });

  it('counts events for telemetry and writes log lines with levels', async () => {
    const lines: string[] = [];
    const t = scripted([{ status: 503 }, { status: 200 }]);
    const h = new HttpClient({
      tokens: { getToken: async () => 't' },
      transport: t,
      retry: { baseDelayMs: 1 },
      onLog: (level, message) => lines.push(`${level}: ${message}`),
    });
    await h.request('list workspaces', 'GET', URL_);
    expect(h.stats).toMatchObject({ requests: 2, failedRequests: 1, retries: 1 });
    expect(lines).toEqual([
      expect.stringMatching(/^debug: GET https:\/\/api.fabric.microsoft.com\/v1\/workspaces → 503/),
      expect.stringMatching(/^info: retrying list workspaces in 0.0 s \(attempt 2\): 503 ServiceUnavailable/),
      expect.stringMatching(/^debug: GET .* → 200 .*attempt 2/),
    ]);
    await h.close();
  });

  it('uses the Graph / Key Vault group given to the client', async () => {
    const t = scripted([{ status: 200 }]);
    const h = new HttpClient({ tokens: { getToken: async () => 't' }, transport: t, defaultGroup: 'graph' });
    await h.request('resolve user', 'GET', 'https://graph.microsoft.com/v1.0/users/a');
    expect(t.seen[0]!.group).toBe('graph');
    await h.close();
  });
});
