/**
 * The client against the simulator's "applied, answer lost" faults and request log (rather than stub
 * servers): a create whose answer is dropped or delayed past the client's timeout leaves exactly one
 * item, and every call carries the client's User-Agent and correlation id. Every exchange is checked
 * against the Fabric contract after the file (useSimulator).
 */
import { FabricClient, type FabricClientOptions } from '../../src/fabric/client';
import type { ClientEvent } from '../../src/fabric/events';
import { CLIENT_VERSION, defaultUserAgent } from '../../src/fabric/http-client';
import { staticTokenProvider } from '../../src/identity/token';
import type { RunningSimulator } from '../../src/simulator';
import { useSimulator } from '../support/sim';
import { addFault, clearLog, requestLog, resetSim } from '../support/fabric';

const getSim = useSimulator();

const clients: FabricClient[] = [];
function newClient(
  sim: RunningSimulator,
  extra: Partial<FabricClientOptions> = {},
): { c: FabricClient; events: ClientEvent[] } {
  const events: ClientEvent[] = [];
  const c = new FabricClient({
    baseUrl: sim.fabricApiUrl,
    tokens: staticTokenProvider(sim.issueToken()),
    retry: { baseDelayMs: 50 },
    timeoutMs: 5000,
    correlationId: 'corr-123',
    lro: { initialDelayMs: 10, minIntervalMs: 10, maxIntervalMs: 100 },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  clients.push(c);
  return { c, events };
}

beforeEach(async () => {
  await resetSim(getSim());
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

/** Notebooks named `name` in the simulator's state for this workspace. */
const notebooks = (sim: RunningSimulator, workspaceId: string, name: string) =>
  Object.values(sim.state.items).filter(
    (i) => i.workspaceId === workspaceId && i.type === 'Notebook' && i.displayName === name,
  );

async function setSyncCreateTypes(sim: RunningSimulator, types: string[]): Promise<void> {
  const r = await fetch(`${sim.url}/_sim/config`, {
    method: 'PATCH',
    body: JSON.stringify({ syncCreateTypes: types }),
  });
  expect(r.status).toBe(200);
}

describe('a create whose answer is lost', () => {
  it.each([
    ['a 202 long-running operation', []],
    ['a synchronous 201', ['Notebook']],
  ])(
    'dropped after being applied (%s): exactly one item, and the client returns it',
    async (_, syncTypes) => {
      const sim = getSim();
      await setSyncCreateTypes(sim, syncTypes);
      try {
        const { c, events } = newClient(sim);
        const ws = await c.createWorkspace({ displayName: 'Dropped answers' });
        await addFault(sim, {
          method: 'POST',
          path: '/v1/workspaces/*/items',
          action: { dropResponse: true },
          times: 1,
        });
        await clearLog(sim);

        const item = await c.createItem(ws.id, { displayName: 'NB', type: 'Notebook' });

        const made = notebooks(sim, ws.id, 'NB');
        expect(made).toHaveLength(1);
        expect(item).toMatchObject({ id: made[0]!.id, displayName: 'NB', type: 'Notebook' });
        // One create sent: the retry listed by name, found it and did not send it again.
        const log = await requestLog(sim);
        const posts = log.filter((e) => e.method === 'POST');
        expect(posts).toHaveLength(1);
        expect(posts[0]).toMatchObject({
          status: 0,
          fault: `dropResponse:${syncTypes.length ? 201 : 202}`,
        });
        expect(log.some((e) => e.method === 'GET' && e.path === `/v1/workspaces/${ws.id}/items`)).toBe(true);
        expect(events.some((e) => e.type === 'duplicateAvoided')).toBe(true);
      } finally {
        await setSyncCreateTypes(sim, []);
      }
    },
  );

  it('delayed past the per-request timeout: the client gives up, yet exactly one item results', async () => {
    const sim = getSim();
    const { c, events } = newClient(sim, { timeoutMs: 1000 });
    const ws = await c.createWorkspace({ displayName: 'Late answers' });
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      action: { delayMs: 3000, after: true },
      times: 1,
    });
    await clearLog(sim);

    const item = await c.createItem(ws.id, { displayName: 'NB', type: 'Notebook' });

    const made = notebooks(sim, ws.id, 'NB');
    expect(made).toHaveLength(1);
    expect(item.id).toBe(made[0]!.id);
    expect(
      events.some(
        (e) => e.type === 'retry' && e.reason === 'ETIMEDOUT' && e.operation === "create Notebook 'NB'",
      ),
    ).toBe(true);
    // The simulator applied the first POST and ended its held-back answer (202) when the client went
    // away; wait for that so the log is complete: the first POST is the only one that created anything.
    let posts = (await requestLog(sim)).filter((e) => e.method === 'POST');
    const until = Date.now() + 10_000;
    while (!posts.some((e) => e.fault === 'delayMs:after') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 30));
      posts = (await requestLog(sim)).filter((e) => e.method === 'POST');
    }
    const delayed = posts.find((e) => e.fault === 'delayMs:after')!;
    expect(delayed).toMatchObject({ status: 202 });
    // Any resend met the name taken (still pending) or was not sent at all.
    for (const p of posts.filter((e) => e !== delayed))
      expect(p.errorCode).toBe('ItemDisplayNameAlreadyInUse');
    expect(notebooks(sim, ws.id, 'NB')).toHaveLength(1);
  });
});

describe('request headers in the simulator log', () => {
  it("carries the client's User-Agent and one x-ms-correlation-id on every call, never the token", async () => {
    const sim = getSim();
    const token = sim.issueToken();
    const { c } = newClient(sim, { tokens: staticTokenProvider(token) });
    await clearLog(sim);

    const ws = await c.createWorkspace({ displayName: 'Headers' });
    const nb = await c.createItem(ws.id, { displayName: 'NB', type: 'Notebook' });
    await c.getItemDefinition(ws.id, nb.id);
    await c.listItems(ws.id);
    await c.getWorkspace(ws.id);

    const log = await requestLog(sim);
    // Creates, LRO polls and results, lists, gets: all of them.
    expect(log.length).toBeGreaterThanOrEqual(6);
    expect(log.some((e) => e.path.startsWith('/v1/operations/'))).toBe(true);
    const ua = c.http.userAgent;
    expect(ua).toBe(defaultUserAgent());
    expect(ua).toMatch(
      new RegExp(
        `^fabric-deploy/${CLIENT_VERSION.replace(/\./g, '\\.')} \\((cli|github-actions|azure-devops)\\)$`,
      ),
    );
    expect(new Set(log.map((e) => e.userAgent))).toEqual(new Set([ua]));
    expect(new Set(log.map((e) => e.correlationId))).toEqual(new Set(['corr-123']));
    const text = JSON.stringify(log);
    expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain('authorization');

    // Another client, another correlation id: calls can be told apart.
    const { c: other } = newClient(sim, { correlationId: 'corr-456', hostName: 'azure-devops' });
    await clearLog(sim);
    await other.listWorkspaces();
    await c.listWorkspaces();
    expect((await requestLog(sim)).map((e) => [e.correlationId, e.userAgent])).toEqual([
      ['corr-456', `fabric-deploy/${CLIENT_VERSION} (azure-devops)`],
      ['corr-123', ua],
    ]);
  });
});
