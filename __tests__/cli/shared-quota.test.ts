/**
 * Parallel matrix legs share one identity's Fabric quota: two bundle processes deploying 150 items
 * each under the same identity, with the simulator's per-identity quota on (120 calls per window,
 * the window scaled down so the test is short), both succeed — throttled calls waited out — and each
 * workspace holds each item exactly once.
 */
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { stopSimulator, withSimulator } from '../support/sim';
import { config, notebook, project } from '../support/deploy';

const ITEMS = 150;
let sim: RunningSimulator;
beforeAll(async () => {
  // 120 calls per identity per 3 s window (the real window 20 times faster, the quota lower than the
  // real 200 so that two processes exceed it together on a fast machine as on a slow one).
  sim = await withSimulator({ rateLimitPerMinute: 120, timeScale: 0.05 });
});
afterAll(() => stopSimulator(sim));

it('two concurrent deploys of 150 items under one identity: no failure, no duplicate', async () => {
  const token = sim.issueToken();
  const items = Array.from({ length: ITEMS }, (_, i) => notebook(`nb ${String(i).padStart(3, '0')}`, i + 1));
  // The client's own limit at the scaled quota: each process alone stays under it, the two together do not.
  const more = 'resilience:\n  rateLimitPerMinute: 4000\n';
  const dirs = ['quota-a', 'quota-b'].map((ws) => ({ ws, dir: project(config(ws, more), items) }));
  const runs = await Promise.all(
    dirs.map(({ dir }) =>
      runBundle(['deploy', '--config', path.join(dir, 'fabric-deploy.yml'), '--json'], {
        FABRIC_DEPLOY_AUTH: 'token',
        FABRIC_DEPLOY_TOKEN: token,
        FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
      }),
    ),
  );
  const auth = { authorization: `Bearer ${token}` };
  // Every page (the list answers page by 100).
  const listAll = async <T>(p: string): Promise<T[]> => {
    const out: T[] = [];
    let url: string | undefined = `${sim.fabricApiUrl}${p}`;
    while (url) {
      const page = (await (await fetch(url, { headers: auth })).json()) as {
        value: T[];
        continuationUri?: string;
      };
      out.push(...page.value);
      url = page.continuationUri ?? undefined;
    }
    return out;
  };
  const get = async <T>(p: string) =>
    (await (await fetch(`${sim.fabricApiUrl}${p}`, { headers: auth })).json()) as T;
  const log = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as { value: { status: number }[] };
  const throttled = log.value.filter((r) => r.status === 429).length;
  for (const [i, r] of runs.entries()) {
    if (r.code !== 0)
      throw new Error(
        `deploy ${dirs[i]!.ws} failed (${throttled} calls throttled):\n${r.stderr.slice(-3000)}`,
      );
    expect(JSON.parse(r.stdout).result).toBe('succeeded');
  }
  console.log(`shared quota: ${throttled} of ${log.value.length} calls answered 429 and waited out`);
  // The quota was really shared and hit.
  expect(throttled).toBeGreaterThan(0);
  const workspaces = (await get<{ value: { id: string; displayName: string }[] }>('/workspaces')).value;
  for (const { ws } of dirs) {
    const found = workspaces.filter((w) => w.displayName === ws);
    expect(found).toHaveLength(1);
    const deployed = (
      await listAll<{ displayName: string; type: string }>(`/workspaces/${found[0]!.id}/items`)
    ).filter((x) => x.type === 'Notebook');
    expect(deployed).toHaveLength(ITEMS);
    expect(new Set(deployed.map((d) => d.displayName)).size).toBe(ITEMS);
  }
}, 240_000);
