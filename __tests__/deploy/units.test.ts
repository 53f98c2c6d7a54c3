/** Pure parts of the engine: graph, scheduler, definition comparison, journal folding, lock names. */
import { assertAcyclic, longestChain, runGraph, topologicalOrder } from '../../src/deploy/graph';
import { parseJournal } from '../../src/deploy/journal-file';
import { lockName, lockStateOf, parseLock } from '../../src/deploy/lock';

const n = (key: string, ...dependsOn: string[]) => ({ key, dependsOn, label: key });

describe('graph', () => {
  test('finds a cycle and names its members in reference order', () => {
    const nodes = [n('a', 'b'), n('b', 'c'), n('c', 'a'), n('e', 'a')];
    expect(() => assertAcyclic(nodes)).toThrow(/a → b → c → a|b → c → a → b|c → a → b → c/);
    expect(() => assertAcyclic([n('d', 'd')])).toThrow(/d → d/);
    try {
      assertAcyclic([n('x', 'y'), n('y', 'x')]);
    } catch (e) {
      expect((e as Error).message).toMatch(/x → y → x|y → x → y/);
    }
  });

  test('topological order puts dependencies first; the longest chain is weighted', () => {
    const nodes = [
      { ...n('r', 'm'), weight: 1 },
      { ...n('m', 'l'), weight: 10 },
      { ...n('l'), weight: 5 },
      { ...n('s'), weight: 100 },
    ];
    const order = topologicalOrder(nodes);
    expect(order.indexOf('l')).toBeLessThan(order.indexOf('m'));
    expect(order.indexOf('m')).toBeLessThan(order.indexOf('r'));
    expect(longestChain(nodes)).toEqual({ weight: 100, path: ['s'] });
    expect(longestChain(nodes.slice(0, 3))).toEqual({ weight: 16, path: ['l', 'm', 'r'] });
  });

  test('a 20 000-node chain is handled without recursion', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => n(`k${i}`, ...(i ? [`k${i - 1}`] : [])));
    expect(() => assertAcyclic(nodes)).not.toThrow();
    expect(longestChain(nodes).path).toHaveLength(20_000);
  });

  test('runGraph starts each node once its dependencies are done, never above the limit', async () => {
    const nodes = [n('a'), n('b'), n('c', 'a'), n('d', 'a', 'b'), n('e'), n('f'), n('g', 'd')];
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    const res = await runGraph(
      nodes,
      async (k) => {
        for (const dep of nodes.find((x) => x.key === k)!.dependsOn) expect(done).toContain(dep);
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        done.push(k);
      },
      { maxParallel: 3 },
    );
    expect(res.done.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(peak).toBe(3);
  });

  test('after a failure nothing new starts, running nodes finish, the rest is skipped', async () => {
    const nodes = [n('a'), n('slow'), n('b', 'a'), n('c', 'b'), n('x')];
    const started: string[] = [];
    const res = await runGraph(
      nodes,
      async (k) => {
        started.push(k);
        if (k === 'a') throw new Error('boom');
        await new Promise((r) => setTimeout(r, k === 'slow' ? 20 : 1));
      },
      { maxParallel: 2 },
    );
    expect(res.failed.map((f) => f.key)).toEqual(['a']);
    expect(res.done).toEqual(['slow']);
    expect(res.skipped.sort()).toEqual(['b', 'c', 'x']);
    expect(started).not.toContain('b');
  });

  test('the critical path starts first', async () => {
    const nodes = [
      { ...n('short'), weight: 1 },
      { ...n('long1'), weight: 10 },
      { ...n('long2', 'long1'), weight: 10 },
    ];
    const order: string[] = [];
    await runGraph(nodes, async (k) => void order.push(k), { maxParallel: 1 });
    expect(order[0]).toBe('long1');
  });
});

describe('journal folding', () => {
  test('steps end in their last state; a torn last line is counted, not fatal', () => {
    const lines = [
      {
        rec: 'begin',
        journal: 'fabric-deploy',
        version: 1,
        deploymentId: 'd',
        command: 'deploy',
        workspace: {},
        startedAt: 't',
        pid: 1,
      },
      {
        rec: 'step',
        seq: 1,
        time: 't',
        action: 'item.create',
        target: { type: 'Notebook', name: 'a' },
        undo: { kind: 'delete-item', workspaceId: 'w', type: 'Notebook', name: 'a' },
      },
      {
        rec: 'applied',
        seq: 1,
        time: 't',
        target: { type: 'Notebook', name: 'a', id: 'i1' },
        undo: { kind: 'delete-item', workspaceId: 'w', itemId: 'i1', type: 'Notebook', name: 'a' },
      },
      {
        rec: 'step',
        seq: 2,
        time: 't',
        action: 'item.create',
        target: { type: 'Notebook', name: 'b' },
        undo: { kind: 'delete-item', workspaceId: 'w', type: 'Notebook', name: 'b' },
      },
      { rec: 'failed', seq: 2, time: 't', error: 'x', definite: true },
      {
        rec: 'step',
        seq: 3,
        time: 't',
        action: 'item.create',
        target: { type: 'Notebook', name: 'c' },
        undo: { kind: 'delete-item', workspaceId: 'w', type: 'Notebook', name: 'c' },
      },
    ];
    const j = parseJournal(lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"rec":"appl');
    expect(j.badLines).toBe(1);
    expect(j.committed).toBe(false);
    expect(j.steps.map((s) => [s.seq, s.status])).toEqual([
      [1, 'applied'],
      [2, 'failed'],
      [3, 'pending'],
    ]);
    expect(j.steps[0]!.undo).toMatchObject({ itemId: 'i1' });
  });
});

describe('lock names', () => {
  test('round-trip, and locks of others are told from old markers and from stale ones', () => {
    const at = new Date('2025-03-04T05:06:07.890Z');
    const name = lockName('0cca0000-0000-4000-8000-000000000001', at);
    expect(name).toBe('fabric-deploy-lock 2025-03-04T05-06-07Z 0cca0000-0000-4000-8000-000000000001');
    expect(name).not.toMatch(/[.:]/);
    expect(parseLock({ id: 'f', displayName: name, workspaceId: 'w' })).toMatchObject({
      deploymentId: '0cca0000-0000-4000-8000-000000000001',
      since: new Date('2025-03-04T05:06:07Z'),
    });
    const now = lockName('0ccb0000-0000-4000-8000-000000000002');
    const state = lockStateOf(
      [
        { id: '1', displayName: name, workspaceId: 'w' },
        { id: '2', displayName: now, workspaceId: 'w' },
        {
          id: '3',
          displayName: 'fabric-deploy-done 2025-03-04T05-06-07Z 0ccc0000-0000-4000-8000-000000000003',
          workspaceId: 'w',
        },
        { id: '4', displayName: 'etl', workspaceId: 'w' },
      ],
      'mine',
      { staleAfterMs: 3600_000 },
    );
    expect(state.locks.map((l) => l.folderId)).toEqual(['2']);
    // An earlier version's released marker is no lock: a leftover, deleted by the next lock holder.
    expect(state.leftovers.map((f) => f.id)).toEqual(['3']);
  });
});
