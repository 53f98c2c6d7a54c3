/** The Fabric client: LRO pacing and deadline, finders for Git calls, hard deletes. */
import { FabricOps } from '../../src/deploy/api';
import type { FabricClient } from '../../src/fabric/client';
import { DEFAULTS } from '../../src/simulator';
import { addFault, client, resetSim, start, type Sim } from '../support/fabric';

let sim: Sim;
let c: FabricClient;

beforeAll(async () => {
  sim = await start();
  ({ c } = client(sim));
});
afterAll(async () => {
  await c.close();
  await sim.close();
});
beforeEach(() => resetSim(sim));

describe('LRO polling', () => {
  it('polls once more at the deadline: an operation that finished is not reported failed', async () => {
    const slow = await start({ lroDelayMs: 150 });
    const { c: sc } = client(slow, { lro: { initialDelayMs: 20, minIntervalMs: 20, deadlineMs: 400 } });
    try {
      const ws = await sc.createWorkspace({ displayName: 'deadline-final-poll' });
      // The first poll is answered "Running", but only after the deadline has passed.
      await addFault(slow, {
        method: 'GET',
        path: '/v1/operations/*',
        times: 1,
        action: { delayMs: 600, after: true },
      });
      const item = await sc.createItem(ws.id, { displayName: 'nb', type: 'Notebook' });
      expect(item.displayName).toBe('nb');
    } finally {
      await sc.close();
      await slow.close();
    }
  });

  it('a paced first poll is no later than Retry-After (0 → the minimum interval)', async () => {
    // A client on the real-world cadence (1 s units): pacing alone would wait 0.8 s for a Notebook.
    const { c: rc } = client(sim, { lro: { initialDelayMs: 1000, minIntervalMs: 50, maxIntervalMs: 5000 } });
    try {
      const ops = new FabricOps(rc);
      const ws = await rc.createWorkspace({ displayName: 'paced' });
      const t0 = Date.now();
      await ops.createItem(ws.id, { displayName: 'nb', type: 'Notebook' });
      expect(Date.now() - t0).toBeLessThan(400);
    } finally {
      await rc.close();
    }
  });

  it('a paced first wait stops at the deadline and still finds a finished operation', async () => {
    const slow = await start({ lroDelayMs: 100, retryAfterSeconds: 30 });
    const { c: sc } = client(slow, {
      lro: { initialDelayMs: 1000, minIntervalMs: 50, maxIntervalMs: 5000, deadlineMs: 300 },
    });
    try {
      const ops = new FabricOps(sc);
      const ws = await sc.createWorkspace({ displayName: 'paced-deadline' });
      const t0 = Date.now();
      const item = await ops.createItem(ws.id, { displayName: 'nb', type: 'Notebook' });
      expect(item.displayName).toBe('nb');
      expect(Date.now() - t0).toBeLessThan(700);
    } finally {
      await sc.close();
      await slow.close();
    }
  });
});

describe('Git calls after a lost answer', () => {
  const connectReq = {
    gitProviderDetails: {
      gitProviderType: 'GitHub' as const,
      ownerName: 'contoso',
      repositoryName: 'sales',
      branchName: 'main',
      directoryName: 'ws',
    },
    myGitCredentials: {
      source: 'ConfiguredConnection' as const,
      connectionId: DEFAULTS.gitConnections.github,
    },
  };

  it('connect and initialize are recognised as done, not resent blindly', async () => {
    const ws = await c.createWorkspace({ displayName: 'git-lost', capacityId: DEFAULTS.capacities.dev });
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/git/connect',
      times: 1,
      action: { dropResponse: true },
    });
    await c.connectGit(ws.id, connectReq as never);
    expect((await c.getGitConnection(ws.id)).gitConnectionState).toBe('Connected');
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/git/initializeConnection',
      times: 1,
      action: { dropResponse: true },
    });
    const init = await c.initializeGitConnection(ws.id, { initializationStrategy: 'PreferWorkspace' });
    expect(init?.requiredAction).toBeDefined();
    expect((await c.getGitConnection(ws.id)).gitConnectionState).toBe('ConnectedAndInitialized');
  });

  it('a connection to another branch is not taken for the lost connect', async () => {
    const ws = await c.createWorkspace({ displayName: 'git-other', capacityId: DEFAULTS.capacities.dev });
    await c.connectGit(ws.id, {
      ...connectReq,
      gitProviderDetails: { ...connectReq.gitProviderDetails, branchName: 'other' },
    } as never);
    const err = await c.connectGit(ws.id, connectReq as never).catch((e: unknown) => e);
    expect(err).toMatchObject({ errorCode: 'WorkspaceAlreadyConnectedToGit' });
  });
});
