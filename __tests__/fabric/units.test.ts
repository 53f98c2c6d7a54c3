/** Pure pieces of the pipeline: backoff, Retry-After, token bucket, breaker counting, URL rules, paging links, errors. */
import { jest } from '@jest/globals';
import { computeRetryDelay, RETRY_DEFAULTS } from '../../src/fabric/retry';
import { parseRetryAfter } from '../../src/fabric/policies';
import {
  bucketFor,
  ConcurrencyLimiter,
  RateLimiter,
  TokenBucket,
  type Clock,
} from '../../src/fabric/rate-limit';
import { CircuitBreakers, countsAsFailure, endpointGroup } from '../../src/fabric/breaker';
import {
  assertSafeUrl,
  isLoopbackHost,
  isTrustedHost,
  redactUrl,
  DEFAULT_TRUSTED_HOST_SUFFIXES,
} from '../../src/fabric/http';
import { nextPageUrl } from '../../src/fabric/paging';
import { pollDelay } from '../../src/fabric/lro';
import {
  CircuitOpenError,
  FabricApiError,
  FabricClientError,
  FabricNetworkError,
  isAmbiguousFailure,
  requiredRoleFor,
} from '../../src/fabric/errors';
import { defaultUserAgent, detectHostName, isOperationsUrl } from '../../src/fabric/http-client';
import type { ClientEvent } from '../../src/fabric/events';
import type { PipelineResponse } from '../../src/fabric/pipeline';

/** A manual clock: sleep() advances time instantly. */
function fakeClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

describe('retry backoff', () => {
  const none = { jitter: 'none' } as const;
  it('caps at 2 s, 4 s, 8 s with 3 retries', () => {
    expect(RETRY_DEFAULTS.retries).toBe(3);
    expect([1, 2, 3].map((n) => computeRetryDelay(n, none))).toEqual([2000, 4000, 8000]);
  });
  it('is configurable and capped', () => {
    expect(
      [1, 2, 3, 4].map((n) =>
        computeRetryDelay(n, { ...none, baseDelayMs: 100, factor: 3, maxDelayMs: 1000 }),
      ),
    ).toEqual([100, 300, 900, 1000]);
  });
  it('is never shorter than Retry-After, even past the cap', () => {
    expect(computeRetryDelay(1, none, 30_000)).toBe(30_000);
    expect(computeRetryDelay(3, none, 1000)).toBe(8000);
    expect(computeRetryDelay(1, { ...none, baseDelayMs: 10, maxDelayMs: 50 }, 120_000)).toBe(120_000);
  });
  it('full jitter by default: a random wait from 0 to the exponential value', () => {
    expect(computeRetryDelay(2, {}, undefined, () => 0)).toBe(0);
    expect(computeRetryDelay(2, {}, undefined, () => 0.5)).toBe(2000);
    expect(computeRetryDelay(2, {}, undefined, () => 0.999)).toBe(3996);
    // 16 callers retrying the same failure spread over the whole window instead of one instant.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const waits = Array.from({ length: 16 }, () => computeRetryDelay(3, {}, undefined, random));
    expect(new Set(waits).size).toBe(16);
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(4000);
  });
  it('waits out Retry-After in full, plus a spread of up to 10 % (at most 5 s)', () => {
    expect(computeRetryDelay(1, {}, 20_000, () => 0)).toBe(20_000);
    expect(computeRetryDelay(1, {}, 20_000, () => 0.999)).toBe(21_998);
    expect(computeRetryDelay(1, {}, 120_000, () => 0.999)).toBe(124_995);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10);
  });
});

describe('token bucket', () => {
  it('lets a burst through, then paces at the refill rate', async () => {
    const clock = fakeClock();
    const b = new TokenBucket({ capacity: 3, refillPerMs: 1 / 100, clock });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) waits.push(await b.take());
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits.slice(3)).toEqual([100, 100, 100]);
    expect(clock.t).toBe(300);
  });
  it('refills up to capacity only', () => {
    const clock = fakeClock();
    const b = new TokenBucket({ capacity: 2, refillPerMs: 1, clock });
    b.tryTake();
    b.tryTake();
    clock.t += 1000;
    expect(b.available()).toBe(2);
  });
  it('keeps any window at or below 90 % of the quota (burst + refill × window)', () => {
    for (const quota of [10, 60, 200, 1000]) {
      const { capacity, refillPerMs } = bucketFor(quota, 60_000, 0.9);
      expect(capacity + refillPerMs * 60_000).toBeLessThanOrEqual(quota * 0.9 + 1e-9);
      expect(capacity).toBeGreaterThanOrEqual(1);
    }
    // 200/min: a burst of 10, then 170/min.
    const d = bucketFor(200, 60_000, 0.9);
    expect(d.capacity).toBe(10);
    expect(Math.round(d.refillPerMs * 60_000)).toBe(170);
  });
  it('sends at most utilisation × quota in any simulated window', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ quota: 200, windowMs: 60_000, clock });
    const times: number[] = [];
    for (let i = 0; i < 600; i++) {
      await limiter.take('platform');
      times.push(clock.t);
    }
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 60_000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(180);
  });
  it('has a separate bucket for LRO polls', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ quota: 20, lroQuota: 20, windowMs: 1000, burst: 1, clock });
    await limiter.take('platform');
    expect(await limiter.take('lro')).toBe(0);
  });
});

describe('concurrency limiter', () => {
  it('never runs more than the limit and hands slots over in order', async () => {
    const lim = new ConcurrencyLimiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const release = await lim.acquire();
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        active--;
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toHaveLength(6);
    expect(lim.inFlight).toBe(0);
  });
});

describe('LRO poll cadence', () => {
  it('polls early and doubles, with Retry-After as the upper bound', () => {
    const o = { initialDelayMs: 1000, minIntervalMs: 500, maxIntervalMs: 30_000 };
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => pollDelay(n, o, 20_000))).toEqual([
      1000, 2000, 4000, 8000, 16000, 20000, 20000,
    ]);
    expect(pollDelay(0, o, 0)).toBe(500);
    expect(pollDelay(10, o)).toBe(30_000);
    expect(pollDelay(0, o, 120_000)).toBe(1000);
  });
});

describe('circuit breaker counting', () => {
  const ok = (): Promise<PipelineResponse> => Promise.resolve({ status: 200 } as PipelineResponse);
  const down = (): Promise<PipelineResponse> =>
    Promise.reject(new FabricApiError({ operation: 'x', status: 503 }));
  const notFound = (): Promise<PipelineResponse> =>
    Promise.reject(new FabricApiError({ operation: 'x', status: 404 }));

  it('opens after exactly 5 consecutive failures, fails fast, half-opens and closes', async () => {
    const events: ClientEvent[] = [];
    const b = new CircuitBreakers({ resetTimeoutMs: 100 }, (e) => events.push(e));
    for (let i = 0; i < 4; i++)
      await expect(b.run('items', 'op', down)).rejects.toBeInstanceOf(FabricApiError);
    expect(b.state('items')).toBe('closed');
    await expect(b.run('items', 'op', down)).rejects.toBeInstanceOf(FabricApiError);
    expect(b.state('items')).toBe('open');
    const action = jest.fn(ok);
    const err = await b.run('items', 'list items', action).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CircuitOpenError);
    expect(action).not.toHaveBeenCalled();
    expect((err as Error).message).toMatch(/'items' circuit is open after 5 consecutive failures/);
    expect((err as Error).message).toMatch(/will let a trial call through at/);
    // Other groups are unaffected.
    await expect(b.run('git', 'op', ok)).resolves.toBeDefined();
    await new Promise((r) => setTimeout(r, 130));
    expect(b.state('items')).toBe('halfOpen');
    await b.run('items', 'op', ok);
    expect(b.state('items')).toBe('closed');
    expect(events.filter((e) => e.type === 'circuit').map((e) => (e as { state: string }).state)).toEqual([
      'open',
      'halfOpen',
      'closed',
    ]);
    b.shutdown();
  });

  it('a success or a 4xx answer resets the count', async () => {
    const b = new CircuitBreakers({}, () => undefined);
    for (let i = 0; i < 4; i++) await b.run('w', 'op', down).catch(() => undefined);
    await b.run('w', 'op', notFound).catch(() => undefined);
    for (let i = 0; i < 4; i++) await b.run('w', 'op', down).catch(() => undefined);
    expect(b.state('w')).toBe('closed');
    await b.run('w', 'op', ok);
    for (let i = 0; i < 4; i++) await b.run('w', 'op', down).catch(() => undefined);
    expect(b.state('w')).toBe('closed');
    b.shutdown();
  });

  it('a failed trial call re-opens the circuit', async () => {
    const b = new CircuitBreakers({ failureThreshold: 2, resetTimeoutMs: 50 }, () => undefined);
    for (let i = 0; i < 2; i++) await b.run('g', 'op', down).catch(() => undefined);
    expect(b.state('g')).toBe('open');
    await new Promise((r) => setTimeout(r, 70));
    await b.run('g', 'op', down).catch(() => undefined);
    expect(b.state('g')).toBe('open');
    b.shutdown();
  });

  it('counts network errors and 5xx, not 4xx or throttling', () => {
    expect(countsAsFailure(new FabricNetworkError({ operation: 'x', code: 'ECONNRESET' }))).toBe(true);
    expect(countsAsFailure(new FabricApiError({ operation: 'x', status: 500 }))).toBe(true);
    expect(countsAsFailure(new FabricApiError({ operation: 'x', status: 429 }))).toBe(false);
    expect(countsAsFailure(new FabricApiError({ operation: 'x', status: 400 }))).toBe(false);
  });
});

describe('endpoint groups', () => {
  it.each([
    ['https://api.fabric.microsoft.com/v1/workspaces', 'workspaces'],
    ['https://api.fabric.microsoft.com/v1/workspaces/w1', 'workspaces'],
    ['https://api.fabric.microsoft.com/v1/workspaces/w1/assignToCapacity', 'workspaces'],
    ['https://api.fabric.microsoft.com/v1/workspaces/w1/items?type=Notebook', 'items'],
    ['https://api.fabric.microsoft.com/v1/workspaces/w1/lakehouses/l1', 'items'],
    ['https://api.fabric.microsoft.com/v1/workspaces/w1/git/status', 'git'],
    ['https://api.fabric.microsoft.com/v1/workspaces/w1/roleAssignments', 'roles'],
    ['https://api.fabric.microsoft.com/v1/workspaces/w1/folders', 'folders'],
    ['https://api.fabric.microsoft.com/v1/capacities', 'capacities'],
    ['https://wabi-west.analysis.windows.net/v1/operations/o1/result', 'operations'],
    ['https://graph.microsoft.com/v1.0/users/x', 'graph'],
    ['https://contoso.vault.azure.net/secrets/s', 'keyvault'],
    ['https://login.microsoftonline.com/t/oauth2/v2.0/token', 'identity'],
  ])('%s → %s', (url, group) => expect(endpointGroup(url)).toBe(group));

  it('sends operation polls to the LRO bucket', () => {
    expect(isOperationsUrl('https://x.analysis.windows.net/v1/operations/abc')).toBe(true);
    expect(isOperationsUrl('https://x/v1/operations/abc/result')).toBe(true);
    expect(isOperationsUrl('https://x/v1/workspaces')).toBe(false);
  });
});

describe('URL rules', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(() => assertSafeUrl('https://api.fabric.microsoft.com/v1')).not.toThrow();
    for (const u of [
      'http://127.0.0.1:8080/v1',
      'http://127.9.9.9/',
      'http://localhost:1/',
      'http://[::1]:3000/v1',
    ]) {
      expect(() => assertSafeUrl(u)).not.toThrow();
    }
    for (const u of [
      'http://api.fabric.microsoft.com/v1',
      'http://10.0.0.1/',
      'http://128.0.0.1/',
      'ftp://127.0.0.1/',
      'http://localhost.evil.com/',
    ]) {
      expect(() => assertSafeUrl(u)).toThrow(FabricClientError);
    }
  });
  it('knows loopback', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('10.1.1.1')).toBe(false);
  });
  it('trusts Fabric hosts (including regional clusters) and nothing else', () => {
    expect(
      isTrustedHost('wabi-west-europe-redirect.analysis.windows.net', DEFAULT_TRUSTED_HOST_SUFFIXES),
    ).toBe(true);
    expect(isTrustedHost('api.fabric.microsoft.com', DEFAULT_TRUSTED_HOST_SUFFIXES)).toBe(true);
    expect(isTrustedHost('abc.z12.w.api.fabric.microsoft.com', DEFAULT_TRUSTED_HOST_SUFFIXES)).toBe(true);
    expect(isTrustedHost('fabric.microsoft.com.evil.io', DEFAULT_TRUSTED_HOST_SUFFIXES)).toBe(false);
    expect(isTrustedHost('evilfabric.microsoft.com', ['api.fabric.microsoft.com'])).toBe(false);
  });
  it('redacts secrets in query strings and user info for logs', () => {
    expect(redactUrl('https://u:p@x.vault.azure.net/s?api-version=7.4&sig=abc')).toBe(
      'https://x.vault.azure.net/s?api-version=7.4&sig=***',
    );
    expect(redactUrl('https://x/v1/items?continuationToken=abc&type=Notebook')).toBe(
      'https://x/v1/items?continuationToken=***&type=Notebook',
    );
  });
});

describe('paging links', () => {
  const first = 'https://api.fabric.microsoft.com/v1/workspaces/w/items?type=Notebook';
  it('prefers continuationUri, exactly as given', () => {
    expect(
      nextPageUrl(first, first, {
        continuationUri: 'https://other.host/v1/x?continuationToken=T%3D',
        continuationToken: 'T%3D',
      }),
    ).toBe('https://other.host/v1/x?continuationToken=T%3D');
  });
  it('falls back to continuationToken on the same request, encoding the token once', () => {
    expect(nextPageUrl(first, first, { continuationToken: 'LDEsMTAwMDAwLDA%3D' })).toBe(
      'https://api.fabric.microsoft.com/v1/workspaces/w/items?type=Notebook&continuationToken=LDEsMTAwMDAwLDA%3D',
    );
    expect(nextPageUrl(first, first, { continuationToken: 'abc=' })).toContain('continuationToken=abc%3D');
  });
  it('stops on the last page', () => {
    expect(nextPageUrl(first, first, { value: [] })).toBeUndefined();
    expect(nextPageUrl(first, first, undefined)).toBeUndefined();
  });
});

describe('errors', () => {
  it('carries status, errorCode, requestId, moreDetails, retriability and a hint', () => {
    const e = new FabricApiError({
      operation: "create Notebook 'nb1'",
      status: 403,
      body: {
        errorCode: 'InsufficientPrivileges',
        message: 'The caller does not have sufficient permissions',
        requestId: 'r-1',
        moreDetails: [{ errorCode: 'Detail', message: 'more' }],
      },
      requiredRole: requiredRoleFor('POST', '/v1/workspaces/w/items'),
    });
    expect(e.status).toBe(403);
    expect(e.errorCode).toBe('InsufficientPrivileges');
    expect(e.requestId).toBe('r-1');
    expect(e.retriable).toBe(false);
    expect(e.message).toMatch(/create Notebook 'nb1' failed: InsufficientPrivileges \(HTTP 403\)/);
    expect(e.message).toMatch(/requestId r-1/);
    expect(e.message).toMatch(/Contributor/);
    expect(e.describe()).toMatch(/detail: Detail: more/);
  });
  it.each([
    ['CapacityNotInActiveState', /resume/i],
    ['TokenExpired', /credential/i],
    ['ItemDisplayNameAlreadyInUse', /already exists/i],
    ['WorkspaceNameAlreadyExists', /unique across the tenant/i],
    ['PrincipalAlreadyHasWorkspaceRolePermissions', /already has a role/i],
  ])('hint for %s', (code, re) => {
    expect(
      new FabricApiError({ operation: 'op', status: 400, body: { errorCode: code, message: 'm' } }).hint,
    ).toMatch(re);
  });
  it('names the role each call needs', () => {
    expect(requiredRoleFor('DELETE', '/v1/workspaces/w/items/i?hardDelete=true')).toMatch(/Admin/);
    expect(requiredRoleFor('POST', '/v1/workspaces/w/git/connect')).toMatch(/Admin/);
    expect(requiredRoleFor('POST', '/v1/workspaces/w/roleAssignments')).toMatch(/Member/);
    expect(requiredRoleFor('POST', '/v1/workspaces/w/assignToCapacity')).toMatch(/capacity/);
  });
  it('reads the Graph / Key Vault error shape', () => {
    const e = new FabricApiError({
      operation: 'resolve user',
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound', message: 'nope' } } as never,
    });
    expect(e.errorCode).toBe('Request_ResourceNotFound');
  });
  it('falls back to the x-ms-public-api-error-code header', () => {
    expect(
      new FabricApiError({ operation: 'op', status: 401, headerErrorCode: 'TokenExpired' }).errorCode,
    ).toBe('TokenExpired');
  });
  it('retries the documented statuses and codes only', () => {
    for (const s of [408, 429, 500, 502, 503, 504])
      expect(new FabricApiError({ operation: 'o', status: s }).retriable).toBe(true);
    for (const s of [400, 401, 403, 404, 409])
      expect(new FabricApiError({ operation: 'o', status: s }).retriable).toBe(false);
    expect(
      new FabricApiError({
        operation: 'o',
        status: 400,
        body: { errorCode: 'ItemDisplayNameNotAvailableYet', message: '' },
      }).retriable,
    ).toBe(true);
  });
  it('treats lost answers as ambiguous, refused connections and 4xx as not', () => {
    expect(isAmbiguousFailure(new FabricNetworkError({ operation: 'o', code: 'ECONNRESET' }))).toBe(true);
    expect(isAmbiguousFailure(new FabricNetworkError({ operation: 'o', code: 'ECONNREFUSED' }))).toBe(false);
    expect(isAmbiguousFailure(new FabricApiError({ operation: 'o', status: 502 }))).toBe(true);
    expect(isAmbiguousFailure(new FabricApiError({ operation: 'o', status: 429 }))).toBe(false);
  });
});

describe('user agent', () => {
  it('is fabric-deploy/<version> (<host>)', () => {
    expect(defaultUserAgent('1.2.3', 'github-actions')).toBe('fabric-deploy/1.2.3 (github-actions)');
    expect(detectHostName({ GITHUB_ACTIONS: 'true' })).toBe('github-actions');
    expect(detectHostName({ TF_BUILD: 'True' })).toBe('azure-devops');
    expect(detectHostName({})).toBe('cli');
  });
});

describe('adaptive rate limit', () => {
  it('sends slower after a 429 and recovers a quarter per quiet window, never above the configured rate', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ quota: 200, windowMs: 60_000, clock });
    const bucket = limiter.bucket('platform');
    const configured = bucket.refillPerMs;
    limiter.throttled('platform');
    expect(bucket.refillPerMs).toBeCloseTo(configured * 0.75);
    for (let i = 0; i < 20; i++) limiter.throttled('platform');
    expect(bucket.refillPerMs).toBeCloseTo(configured * 0.1);
    expect(limiter.bucket('lro').refillPerMs).toBeGreaterThan(bucket.refillPerMs);
    // Within the window nothing changes; after each quiet window a quarter more.
    clock.t += 30_000;
    void limiter.take('platform');
    expect(bucket.refillPerMs).toBeCloseTo(configured * 0.1);
    clock.t += 30_000;
    void limiter.take('platform');
    expect(bucket.refillPerMs).toBeCloseTo(configured * 0.125);
    for (let i = 0; i < 30; i++) {
      clock.t += 60_000;
      void limiter.take('platform');
    }
    expect(bucket.refillPerMs).toBe(configured);
  });
});
