/** The client's one poller: pacing as an option of its schedule, and a resource read until done. */
import { ConditionPoller, LroPoller, pacedSchedule } from '../../src/fabric/lro';
import type { PipelineResponse } from '../../src/fabric/pipeline';

describe('pacing', () => {
  it('polls a 30 s operation first at 24 s, then every 3 s growing to 9 s (1 s cadence)', () => {
    expect(pacedSchedule({ initialDelayMs: 1000, minIntervalMs: 500, expectedMs: 30_000 })).toMatchObject({
      firstPollDelayMs: 24_000,
      initialDelayMs: 3000,
      maxIntervalMs: 9000,
      minIntervalMs: 500,
    });
  });

  it('scales with a time-scaled cadence and never goes under its floor', () => {
    // A cadence of 10 ms instead of 1 s: a hundredth of the durations.
    expect(pacedSchedule({ initialDelayMs: 10, minIntervalMs: 5, expectedMs: 30_000 })).toMatchObject({
      firstPollDelayMs: 240,
      initialDelayMs: 30,
    });
    expect(pacedSchedule({ initialDelayMs: 1000, minIntervalMs: 500, expectedMs: 1000 })).toMatchObject({
      firstPollDelayMs: 800,
      initialDelayMs: 500,
      maxIntervalMs: 1500,
    });
  });

  it('leaves the schedule alone without an expected duration', () => {
    const o = { initialDelayMs: 1000, maxIntervalMs: 30_000 };
    expect(pacedSchedule(o)).toBe(o);
  });

  it('is what an LRO poller waits before its first poll (Retry-After still caps it)', () => {
    const accepted = (retryAfter?: string) =>
      ({
        status: 202,
        headers: new Headers({
          location: 'https://api.example/v1/operations/1',
          ...(retryAfter ? { 'retry-after': retryAfter } : {}),
        }),
        body: undefined,
        request: { url: 'https://api.example/v1/workspaces/w/items' },
      }) as unknown as PipelineResponse;
    const host = {
      baseUrl: 'https://api.example/v1',
      emit: () => {},
      get: () => Promise.reject(new Error('no')),
    };
    const opts = { initialDelayMs: 1000, minIntervalMs: 500, expectedMs: 30_000 };
    expect(new LroPoller(host, 'op', accepted(), opts).nextDelayMs()).toBe(24_000);
    expect(new LroPoller(host, 'op', accepted('5'), opts).nextDelayMs()).toBe(5000);
  });
});

describe('ConditionPoller', () => {
  it('reads at once, then until done, and returns the last value', async () => {
    const seen: number[] = [];
    let n = 0;
    const v = await new ConditionPoller(
      'three reads',
      async () => {
        seen.push(++n);
        return n;
      },
      (x) => x === 3,
      { initialDelayMs: 1, minIntervalMs: 0 },
    ).start();
    expect(v).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('ends in the error `done` throws', async () => {
    await expect(
      new ConditionPoller(
        'a failing state',
        async () => 'Failed',
        (s) => {
          if (s === 'Failed') throw new Error('provisioning failed');
          return false;
        },
        { initialDelayMs: 1 },
      ).start(),
    ).rejects.toThrow('provisioning failed');
  });

  it('gives up at its deadline with OperationDeadlineExceeded, after one last look at it', async () => {
    const started = Date.now();
    const readAt: number[] = [];
    const err = await new ConditionPoller(
      'never',
      async () => readAt.push(Date.now() - started),
      () => false,
      { initialDelayMs: 20, minIntervalMs: 0, deadlineMs: 50 },
    )
      .start()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errorCode: 'OperationDeadlineExceeded', operation: 'wait for never' });
    expect(readAt[0]).toBeLessThan(20);
    expect(readAt[readAt.length - 1]).toBeGreaterThanOrEqual(49);
  });
});
