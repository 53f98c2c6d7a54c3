/**
 * Protocol edge cases the simulator does not produce (scripted stub servers) and the HTTP layer:
 * headers, LRO Location on another host, operation-id fallback, continuationToken paging,
 * creates applied before their answer was lost, https-only rule, trusted hosts, proxies.
 */
import { FabricClient, type FabricClientOptions } from '../../src/fabric/client';
import { FabricApiError, FabricClientError } from '../../src/fabric/errors';
import type { ClientEvent } from '../../src/fabric/events';
import {
  client,
  staticTokens,
  start,
  stubServer,
  testProxy,
  type StubHandler,
  type StubServer,
} from '../support/fabric';

const stubs: StubServer[] = [];
async function stub(handler: StubHandler, host?: string): Promise<StubServer> {
  const s = await stubServer(handler, host);
  stubs.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

function stubClient(
  s: StubServer,
  extra: Partial<FabricClientOptions> = {},
): { c: FabricClient; events: ClientEvent[] } {
  const events: ClientEvent[] = [];
  const c = new FabricClient({
    baseUrl: `${s.url}/v1`,
    tokens: staticTokens(),
    correlationId: 'corr-1',
    version: '9.9.9',
    hostName: 'cli',
    retry: { baseDelayMs: 10 },
    rateLimit: false,
    lro: { initialDelayMs: 5, minIntervalMs: 5 },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { c, events };
}

const item = { id: 'i1', displayName: 'nb', type: 'Notebook', workspaceId: 'w' };

describe('headers', () => {
  it('sends bearer token, user agent, correlation id and JSON content type', async () => {
    const s = await stub(() => ({ status: 201, body: { id: 'w', displayName: 'x', description: '' } }));
    const { c } = stubClient(s);
    await c.createWorkspace({ displayName: 'x' });
    const h = s.requests[0]!.headers;
    expect(h.authorization).toBe('Bearer test-token');
    expect(h['user-agent']).toBe('fabric-deploy/9.9.9 (cli)');
    expect(h['x-ms-correlation-id']).toBe('corr-1');
    expect(h['content-type']).toBe('application/json');
    expect(JSON.parse(s.requests[0]!.body)).toEqual({ displayName: 'x' });
    await c.close();
  });

  it('reuses one keep-alive connection across calls', async () => {
    const s = await stub(() => ({ status: 200, body: { value: [] } }));
    const { c } = stubClient(s);
    for (let i = 0; i < 10; i++) await c.listCapacities();
    // undici may open a second socket while the first is being released; never one per call.
    expect(new Set(s.requests.map((r) => r.remotePort)).size).toBeLessThanOrEqual(2);
    await c.close();
  });

  it('does not refresh on a 401 other than TokenExpired', async () => {
    const s = await stub(() => ({
      status: 401,
      headers: { 'x-ms-public-api-error-code': 'Unauthorized' },
      body: { errorCode: 'Unauthorized', message: 'no' },
    }));
    const calls: boolean[] = [];
    const { c } = stubClient(s, { tokens: { getToken: async (f?: boolean) => (calls.push(!!f), 't') } });
    await expect(c.listCapacities()).rejects.toMatchObject({ status: 401, errorCode: 'Unauthorized' });
    expect(calls).toEqual([false]);
    expect(s.requests).toHaveLength(1);
    await c.close();
  });

  it('logs each attempt with the URL redacted', async () => {
    const s = await stub(() => ({ status: 200, body: { value: [] } }));
    const { c, events } = stubClient(s);
    await c.send('probe', 'GET', '/things?sig=secret&type=a');
    const req = events.find((e) => e.type === 'request')!;
    expect(req).toMatchObject({ operation: 'probe', method: 'GET', status: 200, success: true, attempt: 1 });
    expect((req as { url: string }).url).toMatch(/sig=\*\*\*&type=a$/);
    await c.close();
  });
});

describe('LRO protocol', () => {
  it('follows an absolute Location on another host and fetches /result only when pointed to it', async () => {
    let polls = 0;
    const ops = await stub((r) => {
      if (r.url === '/v1/operations/op1') {
        polls++;
        if (polls < 3)
          return {
            status: 200,
            headers: { 'retry-after': '20', location: `${ops.url}/v1/operations/op1` },
            body: { status: 'Running', percentComplete: 50 },
          };
        return {
          status: 200,
          headers: { location: `${ops.url}/v1/operations/op1/result` },
          body: { status: 'Succeeded' },
        };
      }
      if (r.url === '/v1/operations/op1/result') return { status: 200, body: item };
      return { status: 404 };
    }, 'localhost');
    const api = await stub(() => ({
      status: 202,
      headers: { location: `${ops.url}/v1/operations/op1`, 'x-ms-operation-id': 'op1', 'retry-after': '20' },
    }));
    const { c, events } = stubClient(api);
    await expect(c.createItem('w', { displayName: 'nb', type: 'Notebook' })).resolves.toEqual(item);
    expect(ops.requests.map((r) => r.url)).toEqual([
      '/v1/operations/op1',
      '/v1/operations/op1',
      '/v1/operations/op1',
      '/v1/operations/op1/result',
    ]);
    expect(ops.requests[0]!.headers.authorization).toBe('Bearer test-token');
    expect(events.filter((e) => e.type === 'lro').map((e) => (e as { status: string }).status)).toEqual([
      'Running',
      'Running',
      'Succeeded',
    ]);
    await c.close();
  });

  it('builds /operations/{id} from x-ms-operation-id when a 202 has no Location; no Location on success means no result', async () => {
    const s = await stub((r) => {
      if (r.method === 'POST') return { status: 202, headers: { 'x-ms-operation-id': 'op2' } };
      if (r.url === '/v1/operations/op2') return { status: 200, body: { status: 'Succeeded' } };
      return { status: 500 };
    });
    const { c } = stubClient(s);
    await c.updateItemDefinition('w', item, { parts: [] });
    expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/workspaces/w/items/i1/updateDefinition?updateMetadata=true',
      'GET /v1/operations/op2',
    ]);
    await c.close();
  });

  it('surfaces errorCode, message and moreDetails of a Failed operation', async () => {
    const s = await stub((r) => {
      if (r.method === 'POST')
        return {
          status: 202,
          headers: { location: `${s.url}/v1/operations/op3`, 'x-ms-operation-id': 'op3' },
        };
      return {
        status: 200,
        body: {
          status: 'Failed',
          error: {
            errorCode: 'InvalidDefinitionParts',
            message: 'bad parts',
            moreDetails: [{ errorCode: 'MissingPart', message: 'report.json' }],
          },
        },
      };
    });
    const { c } = stubClient(s);
    const err = (await c
      .updateItemDefinition('w', item, { parts: [] })
      .catch((e: unknown) => e)) as FabricApiError;
    expect(err).toBeInstanceOf(FabricApiError);
    expect(err).toMatchObject({
      errorCode: 'InvalidDefinitionParts',
      serviceMessage: 'bad parts',
      operationId: 'op3',
    });
    expect(err.moreDetails).toEqual([{ errorCode: 'MissingPart', message: 'report.json' }]);
    expect(err.describe()).toMatch(/detail: MissingPart: report.json/);
    await c.close();
  });

  it('refuses to send the token to a Location on an untrusted or plain-http host', async () => {
    const s = await stub(() => ({
      status: 202,
      headers: { location: 'https://collector.example.com/v1/operations/x' },
    }));
    const { c } = stubClient(s);
    const err = await c.createItem('w', { displayName: 'nb', type: 'Notebook' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FabricClientError);
    expect((err as FabricClientError).code).toBe('UntrustedHost');
    await c.close();
    const s2 = await stub(() => ({
      status: 202,
      headers: { location: 'http://api.fabric.microsoft.com/v1/operations/x' },
    }));
    const { c: c2 } = stubClient(s2);
    await expect(c2.createItem('w', { displayName: 'nb', type: 'Notebook' })).rejects.toMatchObject({
      code: 'InsecureUrl',
    });
    await c2.close();
  });
});

describe('paging', () => {
  it('falls back to continuationToken on the same request when there is no continuationUri', async () => {
    const s = await stub((r) => {
      const u = new URL(r.url, 'http://x');
      const t = u.searchParams.get('continuationToken');
      if (!t) return { status: 200, body: { value: [1, 2], continuationToken: 'p2%3D' } };
      if (t === 'p2=') return { status: 200, body: { value: [3, 4], continuationToken: 'p3' } };
      if (t === 'p3') return { status: 200, body: { value: [5] } };
      return { status: 400, body: { errorCode: 'InvalidContinuationToken', message: t } };
    });
    const { c } = stubClient(s);
    expect(await c.listAll('list', '/workspaces/w/items?type=Notebook')).toEqual([1, 2, 3, 4, 5]);
    expect(s.requests.map((r) => r.url)).toEqual([
      '/v1/workspaces/w/items?type=Notebook',
      '/v1/workspaces/w/items?type=Notebook&continuationToken=p2%3D',
      '/v1/workspaces/w/items?type=Notebook&continuationToken=p3',
    ]);
    await c.close();
  });

  it('stops on a page link that repeats', async () => {
    const s = await stub(() => ({ status: 200, body: { value: [1], continuationUri: `${s.url}/v1/loop` } }));
    const { c } = stubClient(s);
    await expect(c.listAll('list', '/loop')).rejects.toMatchObject({ code: 'PaginationLoop' });
    await c.close();
  });
});

describe('no duplicates when an answer is lost', () => {
  it('finds a create that was applied before the connection dropped and does not send it again', async () => {
    const created: (typeof item)[] = [];
    const s = await stub((r) => {
      if (r.method === 'POST') {
        created.push(item);
        return { status: 201, destroy: true };
      }
      return { status: 200, body: { value: created } };
    });
    const { c, events } = stubClient(s);
    await expect(c.createItem('w', { displayName: 'NB', type: 'Notebook' })).resolves.toEqual(item);
    expect(s.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/workspaces/w/items',
      'GET /v1/workspaces/w/items?type=Notebook',
    ]);
    expect(events.some((e) => e.type === 'duplicateAvoided')).toBe(true);
    await c.close();
  });

  it('waits for a create still in flight when the resend meets "name already in use"', async () => {
    let lists = 0;
    const s = await stub((r) => {
      if (r.method === 'POST' && s.requests.filter((x) => x.method === 'POST').length === 1)
        return { status: 202, destroy: true };
      if (r.method === 'POST')
        return { status: 400, body: { errorCode: 'ItemDisplayNameAlreadyInUse', message: 'in use' } };
      lists++;
      return { status: 200, body: { value: lists >= 3 ? [item] : [] } };
    });
    const { c } = stubClient(s);
    await expect(c.createItem('w', { displayName: 'nb', type: 'Notebook' })).resolves.toEqual(item);
    expect(s.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    await c.close();
  });

  it('a genuine name clash (no ambiguity) fails with the hint', async () => {
    const s = await stub(() => ({
      status: 400,
      headers: { 'x-ms-public-api-error-code': 'ItemDisplayNameAlreadyInUse', requestid: 'req-9' },
      body: { errorCode: 'ItemDisplayNameAlreadyInUse', message: "Requested 'nb' is already in use" },
    }));
    const { c } = stubClient(s);
    const err = (await c
      .createItem('w', { displayName: 'nb', type: 'Notebook' })
      .catch((e: unknown) => e)) as FabricApiError;
    expect(err.message).toMatch(
      /create Notebook 'nb' failed: ItemDisplayNameAlreadyInUse \(HTTP 400\).*requestId req-9.*Hint: an item of this name already exists/,
    );
    expect(s.requests).toHaveLength(1);
    await c.close();
  });

  it('a resent DELETE that finds nothing counts as done', async () => {
    const s = await stub(() =>
      s.requests.length === 1
        ? { status: 200, destroy: true }
        : { status: 404, body: { errorCode: 'ItemNotFound', message: 'gone' } },
    );
    const { c } = stubClient(s);
    await expect(c.deleteItem('w', 'i1')).resolves.toBeUndefined();
    expect(s.requests).toHaveLength(2);
    await c.close();
  });
});

describe('https only', () => {
  it('refuses a non-https base URL unless it is loopback', async () => {
    for (const baseUrl of [
      'http://api.fabric.microsoft.com/v1',
      'http://192.168.1.10/v1',
      'ftp://127.0.0.1/v1',
    ]) {
      expect(() => new FabricClient({ baseUrl, tokens: staticTokens() })).toThrow(FabricClientError);
    }
    expect(
      () => new FabricClient({ baseUrl: 'http://api.fabric.microsoft.com/v1', tokens: staticTokens() }),
    ).toThrow(/only https/);
    for (const baseUrl of [
      'https://api.fabric.microsoft.com/v1',
      'http://127.0.0.1:5000/v1',
      'http://localhost/v1',
      'http://[::1]:8/v1',
    ]) {
      const c = new FabricClient({ baseUrl, tokens: staticTokens() });
      await c.close();
    }
  });
});

describe('proxy', () => {
  it('goes through an explicit proxy (Azure DevOps agent proxy) to the simulator', async () => {
    const sim = await start();
    const proxy = await testProxy();
    try {
      const { c } = client(sim, { proxy: proxy.url });
      await expect(c.listCapacities()).resolves.toHaveLength(3);
      expect(proxy.connects.length + proxy.forwards.length).toBeGreaterThan(0);
      await c.close();

      // https through a CONNECT tunnel, trusting the simulator's CA.
      const { c: tls } = client(sim, {
        baseUrl: `${sim.tlsUrl}/v1`,
        proxy: { url: proxy.url },
        caCertificates: sim.caCertPem,
      });
      await expect(tls.listCapacities()).resolves.toHaveLength(3);
      expect(proxy.connects).toContain(new URL(sim.tlsUrl).host);
      await tls.close();

      // noProxy bypasses it.
      const before = proxy.connects.length + proxy.forwards.length;
      const { c: direct } = client(sim, { proxy: { url: proxy.url, noProxy: '127.0.0.1' } });
      await direct.listCapacities();
      expect(proxy.connects.length + proxy.forwards.length).toBe(before);
      await direct.close();
    } finally {
      await proxy.close();
      await sim.close();
    }
  });

  it('honours HTTPS_PROXY and NO_PROXY from the environment', async () => {
    const sim = await start();
    const proxy = await testProxy();
    const saved = { ...process.env };
    try {
      for (const k of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'])
        delete process.env[k];
      process.env.HTTPS_PROXY = proxy.url;
      const { c } = client(sim, { baseUrl: `${sim.tlsUrl}/v1`, caCertificates: sim.caCertPem });
      await expect(c.listCapacities()).resolves.toHaveLength(3);
      expect(proxy.connects).toContain(new URL(sim.tlsUrl).host);
      await c.close();

      process.env.NO_PROXY = 'localhost,127.0.0.1';
      const n = proxy.connects.length;
      const { c: bypass } = client(sim, { baseUrl: `${sim.tlsUrl}/v1`, caCertificates: sim.caCertPem });
      await bypass.listCapacities();
      expect(proxy.connects.length).toBe(n);
      await bypass.close();
    } finally {
      process.env = saved;
      await proxy.close();
      await sim.close();
    }
  });

  it('rejects a malformed proxy URL', () => {
    expect(
      () =>
        new FabricClient({
          baseUrl: 'https://api.fabric.microsoft.com/v1',
          tokens: staticTokens(),
          proxy: 'not a url',
        }),
    ).toThrow(/invalid proxy URL/);
  });
});
