/**
 * The deploy engine against the simulator: fresh deploy in dependency order, unchanged re-deploy
 * writes nothing, plan writes nothing, exact rollback, rollback off, rollback from a journal,
 * orphans only after success, folders and moves.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { executeCommand } from '../../src/commands';
import { parseJournal } from '../../src/deploy/journal-file';
import { rollbackFromJournal } from '../../src/deploy/rollback';
import type { Plan } from '../../src/deploy/plan/model';
import { renderSummary } from '../../src/report/summary';
import { withSimulator } from '../support/sim';
import {
  addFault,
  clearFaults,
  config,
  isWrite,
  lid,
  makeContext,
  notebook,
  pipeline,
  project,
  requestCount,
  requests,
  snapshot,
  writeItems,
  writesSince,
  type ItemSpec,
} from '../support/deploy';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSimulator({ recordExchanges: true });
});
afterAll(() => sim.close());
afterEach(() => clearFaults(sim));

/** a ← b ← (c, d) ← p: a chain with a fan-in, plus an independent notebook. */
const base = (): ItemSpec[] => [
  notebook('nb_a', 1),
  notebook('nb_b', 2, 'print(2)', [1]),
  notebook('nb_c', 3, 'print(3)', [2]),
  notebook('nb_d', 4, 'print(4)', [2]),
  pipeline('pl_p', 5, [3, 4]),
  notebook('nb_free', 6),
];

async function deploy(dir: string, inputs: Record<string, string> = {}) {
  const t = makeContext(sim, dir, { command: 'deploy', ...inputs });
  const report = await executeCommand(t.ctx);
  return { ...t, report };
}

describe('fresh deploy and re-deploy', () => {
  test('creates the workspace and every item, each after what it references', async () => {
    const dir = project(config('dag-ws'), base());
    const from = sim.exchanges.length;
    const { report, rec } = await deploy(dir, { 'max-parallel': '4' });
    expect(report.result).toBe('succeeded');
    expect(report.workspace.created).toBe(true);
    expect(report.items.map((i) => [i.name, i.action, i.status])).toEqual(
      expect.arrayContaining([
        ['nb_a', 'create', 'done'],
        ['pl_p', 'create', 'done'],
      ]),
    );
    const snap = snapshot(sim, 'dag-ws')!;
    expect(snap.items.map((i) => i.name).sort()).toEqual(['nb_a', 'nb_b', 'nb_c', 'nb_d', 'nb_free', 'pl_p']);
    // Creates in request order: every reference is created (its create answered) before the item naming it.
    const creates = sim.exchanges
      .slice(from)
      .filter((x) => x.method === 'POST' && /\/items$/.test(x.path))
      .map((x) => (x.requestBody as { displayName: string }).displayName);
    const at = (n: string) => creates.indexOf(n);
    expect(at('nb_a')).toBeLessThan(at('nb_b'));
    expect(at('nb_b')).toBeLessThan(at('nb_c'));
    expect(at('nb_b')).toBeLessThan(at('nb_d'));
    expect(at('nb_c')).toBeLessThan(at('pl_p'));
    expect(at('nb_d')).toBeLessThan(at('pl_p'));
    // References were rewritten to deployed ids.
    const pl = snap.items.find((i) => i.name === 'pl_p')!;
    const content = Buffer.from(pl.parts[0]!.split(':')[1]!, 'base64').toString('utf8');
    const idOf = (n: string) => snap.items.find((i) => i.name === n)!.id;
    expect(content).toContain(idOf('nb_c'));
    expect(content).toContain(idOf('nb_d'));
    expect(content).not.toContain(lid(3));
    // Audit and telemetry saw each change.
    expect(rec.audit.filter((a) => a.action === 'item.create' && a.result === 'succeeded')).toHaveLength(6);
    expect(rec.audit.some((a) => a.action === 'workspace.create')).toBe(true);
    // The journal is committed and released the lock.
    const j = parseJournal(readFileSync(report.journalFile!, 'utf8'));
    expect(j.committed).toBe(true);
    expect(j.steps.find((s) => s.action === 'lock.acquire')?.status).toBe('undone');
  });

  test('re-deploying an unchanged repository writes nothing', async () => {
    const dir = project(config('same-ws'), base());
    expect((await deploy(dir)).report.result).toBe('succeeded');
    const from = await requestCount(sim);
    const { report, host } = await deploy(dir);
    expect(report.result).toBe('succeeded');
    expect(report.hasChanges).toBe(false);
    expect(report.items.every((i) => i.action === 'unchanged')).toBe(true);
    expect(await writesSince(sim, from)).toEqual([]);
    expect(report.journalFile).toBeUndefined();
    expect(host.allText()).toMatch(/nothing to change/);
  });

  test('a changed definition is an update; its dependents stay unchanged', async () => {
    const dir = project(config('upd-ws'), base());
    await deploy(dir);
    writeItems(dir, [notebook('nb_free', 6, 'print("changed")')]);
    const from = await requestCount(sim);
    const { report } = await deploy(dir);
    expect(report.items.filter((i) => i.action !== 'unchanged').map((i) => [i.name, i.action])).toEqual([
      ['nb_free', 'update'],
    ]);
    const writes = (await writesSince(sim, from)).map(
      (w) => `${w.method} ${w.path.replace(/[0-9a-f-]{36}/g, '*')}`,
    );
    expect(writes).toEqual([
      'POST /v1/workspaces/*/folders',
      'POST /v1/workspaces/*/items/*/updateDefinition',
      'DELETE /v1/workspaces/*/folders/*',
    ]);
  });
});

describe('plan', () => {
  test('writes nothing, sets has-changes, renders markdown and JSON', async () => {
    const dir = project(config('plan-ws'), base());
    await deploy(dir);
    writeItems(dir, [notebook('nb_c', 3, 'print("new c")', [2]), notebook('nb_new', 7)]);
    rmSync(path.join(dir, 'items', 'nb_free.Notebook'), { recursive: true });
    const from = await requestCount(sim);
    const t = makeContext(sim, dir, { command: 'plan' });
    const report = await executeCommand(t.ctx);
    const reqs = await requests(sim, from);
    expect(reqs.filter(isWrite)).toEqual([]);
    expect(
      reqs.every((r) => r.method === 'GET' || /\/(getDefinition|bulkExportDefinitions)$/.test(r.path)),
    ).toBe(true);
    expect(report.hasChanges).toBe(true);
    expect(report.items.every((i) => i.status === 'planned')).toBe(true);
    const byName = Object.fromEntries(report.items.map((i) => [i.name, i.action]));
    expect(byName).toMatchObject({ nb_c: 'update', nb_new: 'create', nb_a: 'unchanged', pl_p: 'unchanged' });
    // deleteOrphans is off: the removed notebook is listed, not deleted.
    expect(report.plan!.unmanaged.map((u) => u.name)).toEqual(['nb_free']);
    const md = renderSummary(report);
    expect(md).toMatch(/### Plan/);
    expect(md).toMatch(/\| nb_c \| Notebook \| update \| changed notebook-content\.py \(\+\d+ −\d+\) \|/);
    // The changed line itself, in the item's collapsed diff.
    expect(md).toMatch(/<details><summary>Notebook <b>nb_c<\/b> · update/);
    expect(md).toContain('+print("new c")');
    expect(md).not.toMatch(/\| Result \| succeeded/);
    const json = JSON.parse(readFileSync(report.planFile!, 'utf8')) as Plan;
    expect(json.items.find((i) => i.name === 'nb_new')?.action).toBe('create');
    expect(json.hasChanges).toBe(true);
  });

  test('an unchanged repository plans no changes', async () => {
    const dir = project(config('plan2-ws'), base());
    await deploy(dir);
    const report = await executeCommand(makeContext(sim, dir, { command: 'plan' }).ctx);
    expect(report.hasChanges).toBe(false);
    expect(report.plan!.counts).toEqual({ unchanged: 6 });
  });
});

describe('transaction and rollback', () => {
  /** Deployed v1, then v2 changes two definitions and adds items; the 4th create of v2 fails. */
  async function failingUpgrade(name: string, inputs: Record<string, string> = {}) {
    const dir = project(config(name), base());
    await deploy(dir);
    const before = snapshot(sim, name)!;
    writeItems(dir, [
      notebook('nb_a', 1, 'print("a v2")'),
      notebook('nb_free', 6, 'print("free v2")'),
      notebook('nb_n1', 11),
      notebook('nb_n2', 12),
      notebook('nb_n3', 13),
      notebook('nb_n4', 14),
      notebook('nb_n5', 15),
    ]);
    let creates = 0;
    sim.onRequest((e) => {
      if (e.method === 'POST' && /\/items$/.test(e.path) && ++creates === 3) {
        void addFault(sim, {
          method: 'POST',
          path: '/v1/workspaces/*/items',
          times: 1,
          action: { lroFail: { errorCode: 'InternalServerError', message: 'injected' } },
        });
      }
    });
    const from = await requestCount(sim);
    const result = await deploy(dir, { 'max-parallel': '1', ...inputs });
    sim.onRequest(() => {});
    return { dir, before, result, from };
  }

  test('a failed create rolls everything back: state equals the state before the run', async () => {
    const { before, result, from } = await failingUpgrade('rb-ws');
    const { report, rec } = result;
    expect(report.result).toBe('rolled-back');
    expect(report.error).toMatch(/injected/);
    expect(snapshot(sim, 'rb-ws')).toEqual(before);
    // Every applied step was undone, newest first; the failed create had nothing to undo.
    const undone = report.rollback!.filter((u) => u.result === 'undone').map((u) => u.action);
    expect(undone.filter((a) => a === 'delete-item')).toHaveLength(3);
    expect(undone.filter((a) => a === 'restore-definition')).toHaveLength(2);
    expect(report.items.filter((i) => i.status === 'rolled-back')).toHaveLength(5);
    expect(report.items.filter((i) => i.status === 'failed')).toHaveLength(1);
    expect(
      rec.audit.filter((a) => a.action.startsWith('rollback.') && a.result === 'succeeded').length,
    ).toBeGreaterThanOrEqual(5);
    // Deletes and restores came after the last forward write.
    const reqs = await requests(sim, from);
    const lastCreate = reqs.map((r) => r.method === 'POST' && /\/items$/.test(r.path)).lastIndexOf(true);
    const firstDelete = reqs.findIndex((r) => r.method === 'DELETE' && /\/items\//.test(r.path));
    expect(firstDelete).toBeGreaterThan(lastCreate);
    expect(renderSummary(report)).toMatch(/### Rollback/);
  });

  test('an undo that fails is reported (rollback-incomplete) and the rollback goes on; the journal finishes it later', async () => {
    const name = 'undofail-ws';
    const dir = project(config(name), base());
    await deploy(dir);
    const before = snapshot(sim, name)!;
    writeItems(dir, [notebook('nb_u1', 41), notebook('nb_u2', 42), notebook('nb_u3', 43)]);
    let creates = 0;
    sim.onRequest((e) => {
      if (e.method === 'POST' && /\/items$/.test(e.path) && ++creates === 2) {
        void addFault(sim, {
          method: 'POST',
          path: '/v1/workspaces/*/items',
          times: 1,
          action: { lroFail: { errorCode: 'InternalServerError' } },
        });
        // The first undo (newest first: nb_u2's delete) fails every attempt.
        void addFault(sim, {
          method: 'DELETE',
          path: '/v1/workspaces/*/items/*',
          times: 3,
          action: { status: 500, errorCode: 'InternalServerError' },
        });
      }
    });
    const { report } = await deploy(dir, { 'max-parallel': '1' });
    sim.onRequest(() => {});
    // Not "rolled-back" while an item is left: a result of its own, what is left, and how to finish.
    expect(report.result).toBe('rollback-incomplete');
    expect(report.error).toMatch(
      /rollback incomplete: 1 undo failed; once the cause is fixed, finish it with: fabric-deploy rollback --journal \S+\.jsonl?/,
    );
    expect(report.error).toContain(report.journalFile!);
    const md = renderSummary(report);
    expect(md).toMatch(/Fabric Deployment failed and could not be fully rolled back/);
    expect(md).toMatch(/### Rollback incomplete\n\n- item\.create Notebook 'nb_u2'/);
    const rows = report.rollback!.filter((u) => u.action === 'delete-item' && u.result !== 'skipped');
    expect(rows.map((u) => u.result)).toEqual(['failed', 'undone']);
    expect(report.warnings.join('\n')).toMatch(/not undone: item\.create Notebook/);
    expect(snapshot(sim, name)!.items).toHaveLength(before.items.length + 1);
    // Later, from the journal: only the failed undo is left to do.
    const again = await rollbackFromJournal(makeContext(sim, dir).ctx, report.journalFile!);
    expect(again.result).toBe('rolled-back');
    expect(again.rollback!.filter((u) => u.result === 'undone').map((u) => u.action)).toEqual([
      'delete-item',
    ]);
    expect(snapshot(sim, name)).toEqual(before);
  });

  test('with rollback off a failure leaves the changes in place and lists them; the journal undoes them later', async () => {
    const { before, result, dir } = await failingUpgrade('norb-ws', { features: '-rollback' });
    const { report } = result;
    expect(report.result).toBe('failed');
    // Five applied changes, plus the failed create whose outcome is unknown (its operation failed).
    expect(report.leftInPlace!.filter((l) => !/outcome unknown/.test(l))).toHaveLength(5);
    expect(report.leftInPlace!.join('\n')).toMatch(/item\.create Notebook 'nb_n1'/);
    expect(report.leftInPlace!.join('\n')).toMatch(/item\.update Notebook 'nb_a'/);
    expect(snapshot(sim, 'norb-ws')!.items.map((i) => i.name)).toEqual(
      expect.arrayContaining(['nb_n1', 'nb_n2', 'nb_n3']),
    );
    expect(renderSummary(report)).toMatch(/Left in place/);

    // `fabric-deploy rollback --journal FILE` restores the state before the run.
    const t = makeContext(sim, dir, { command: 'deploy' });
    const rb = await rollbackFromJournal(t.ctx, report.journalFile!);
    expect(rb.result).toBe('rolled-back');
    expect(snapshot(sim, 'norb-ws')).toEqual(before);
    // Running it again undoes nothing (a create it found absent is looked for again, and is still absent).
    const again = await rollbackFromJournal(t.ctx, report.journalFile!);
    expect((again.rollback ?? []).filter((u) => u.result !== 'skipped')).toEqual([]);
    expect(snapshot(sim, 'norb-ws')).toEqual(before);
  });

  test('rollback from the journal of a killed run, including a create whose answer never came', async () => {
    const name = 'killed-ws';
    const dir = project(config(name), base());
    await deploy(dir);
    const before = snapshot(sim, name)!;
    writeItems(dir, [notebook('nb_a', 1, 'print("a v3")'), notebook('nb_k1', 21), notebook('nb_k2', 22)]);
    const { report } = await deploy(dir, { features: '-rollback', 'max-parallel': '1' });
    expect(report.result).toBe('succeeded');
    // Make it look killed: no commit, no end, and the last create never marked applied.
    const lines = readFileSync(report.journalFile!, 'utf8').trim().split('\n');
    const recs = lines.map((l) => JSON.parse(l));
    const lastCreate = recs.filter((r) => r.rec === 'step' && r.action === 'item.create').pop();
    const lockSeq = recs.find((r) => r.rec === 'step' && r.action === 'lock.acquire').seq;
    const kept = recs.filter(
      (r) =>
        !['commit', 'end'].includes(r.rec) &&
        !(r.rec === 'applied' && r.seq === lastCreate.seq) &&
        !(r.rec === 'undone' && r.seq === lockSeq),
    );
    const file = path.join(path.dirname(report.journalFile!), 'killed.jsonl');
    writeFileSync(file, kept.map((r) => JSON.stringify(r)).join('\n') + '\n{"rec":"app');
    const rb = await rollbackFromJournal(makeContext(sim, dir).ctx, file);
    expect(rb.result).toBe('rolled-back');
    expect(snapshot(sim, name)).toEqual(before);
  });
});

describe('orphans', () => {
  test('are deleted only after everything else succeeded', async () => {
    const cfg = config('orph-ws').replace(
      'items:\n  directory: items\n',
      'items:\n  directory: items\n  deleteOrphans: true\n',
    );
    const dir = project(cfg, base());
    await deploy(dir);
    rmSync(path.join(dir, 'items', 'nb_free.Notebook'), { recursive: true });
    writeItems(dir, [notebook('nb_x', 30)]);
    // First attempt: the new item fails, so the orphan must survive.
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      times: 1,
      action: { status: 400, errorCode: 'CorruptedPayload' },
    });
    let from = await requestCount(sim);
    const failed = await deploy(dir);
    expect(failed.report.result).toBe('failed');
    expect(snapshot(sim, 'orph-ws')!.items.map((i) => i.name)).toContain('nb_free');
    expect(
      (await writesSince(sim, from)).some((w) => w.method === 'DELETE' && /\/items\//.test(w.path)),
    ).toBe(false);
    // Second attempt succeeds: the orphan goes, after the create.
    from = await requestCount(sim);
    const ok = await deploy(dir);
    expect(ok.report.result).toBe('succeeded');
    expect(ok.report.items.find((i) => i.name === 'nb_free')).toMatchObject({
      action: 'delete',
      status: 'done',
    });
    const names = snapshot(sim, 'orph-ws')!.items.map((i) => i.name);
    expect(names).toContain('nb_x');
    expect(names).not.toContain('nb_free');
    const w = await writesSince(sim, from);
    const del = w.findIndex((r) => r.method === 'DELETE' && /\/items\//.test(r.path));
    const create = w.findIndex((r) => r.method === 'POST' && /\/items$/.test(r.path));
    expect(del).toBeGreaterThan(create);
  });
});

describe('folders', () => {
  test('nested folders are created, items moved between folders, and both undone on failure', async () => {
    const dir = project(config('fold-ws'), [
      notebook('nb_root', 1),
      notebook('nb_sub', 2, 'x', [], 'sub'),
      notebook('nb_deep', 3, 'y', [], 'sub/deeper'),
    ]);
    const r1 = await deploy(dir);
    expect(r1.report.result).toBe('succeeded');
    let snap = snapshot(sim, 'fold-ws')!;
    expect(snap.folders).toEqual(['/sub', '/sub/deeper']);
    expect(snap.items.find((i) => i.name === 'nb_deep')!.folder).toBe('/sub/deeper');
    // Move nb_root into a new folder: a move, not an update.
    rmSync(path.join(dir, 'items', 'nb_root.Notebook'), { recursive: true });
    writeItems(dir, [notebook('nb_root', 1, "print('nb_root')", [], 'moved')]);
    const plan = await executeCommand(makeContext(sim, dir, { command: 'plan' }).ctx);
    expect(plan.items.find((i) => i.name === 'nb_root')?.action).toBe('move');
    const before = snapshot(sim, 'fold-ws');
    // With a failure after the move, the move and the new folder are undone.
    writeItems(dir, [notebook('nb_later', 9, 'z', [1])]);
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      times: 1,
      action: { lroFail: { errorCode: 'InternalServerError' } },
    });
    const r2 = await deploy(dir);
    expect(r2.report.result).toBe('rolled-back');
    expect(snapshot(sim, 'fold-ws')).toEqual(before);
    const r3 = await deploy(dir);
    expect(r3.report.result).toBe('succeeded');
    snap = snapshot(sim, 'fold-ws')!;
    expect(snap.items.find((i) => i.name === 'nb_root')!.folder).toBe('/moved');
  });
});

test('with items.folders: false, existing items stay in their folders and nothing moves', async () => {
  const dir = project(config('nofold-ws'), [notebook('nb_sub', 1, 'x', [], 'sub')]);
  expect((await deploy(dir)).report.result).toBe('succeeded');
  const flat = project(
    config('nofold-ws').replace('  directory: items\n', '  directory: items\n  folders: false\n'),
    [notebook('nb_sub', 1, 'x', [], 'sub'), notebook('nb_new', 2, 'y', [], 'other')],
  );
  const from = await requestCount(sim);
  const { report } = await deploy(flat);
  expect(report.plan!.items.map((i) => [i.name, i.action, i.folder])).toEqual(
    expect.arrayContaining([
      ['nb_sub', 'unchanged', '/sub'],
      ['nb_new', 'create', ''],
    ]),
  );
  expect(
    (await writesSince(sim, from)).filter((w) => /\/move$|\/folders$/.test(w.path) && w.method === 'POST')
      .length,
  ).toBe(1); // the lock only
  expect(snapshot(sim, 'nofold-ws')!.items.map((i) => [i.name, i.folder])).toEqual(
    expect.arrayContaining([
      ['nb_sub', '/sub'],
      ['nb_new', ''],
    ]),
  );
});

test('the journal is JSON lines, one record per step, written before each write', async () => {
  const dir = project(config('journal-ws'), [notebook('nb_a', 1)]);
  const { report } = await deploy(dir);
  expect(existsSync(report.journalFile!)).toBe(true);
  const recs = readFileSync(report.journalFile!, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(recs[0]).toMatchObject({ rec: 'begin', journal: 'fabric-deploy', command: 'deploy' });
  const create = recs.find((r) => r.rec === 'step' && r.action === 'item.create');
  expect(create.undo).toMatchObject({ kind: 'delete-item', type: 'Notebook', name: 'nb_a' });
  const applied = recs.find((r) => r.rec === 'applied' && r.seq === create.seq);
  expect(applied.undo.itemId).toMatch(/^[0-9a-f-]{36}$/);
  expect(recs.indexOf(applied)).toBeGreaterThan(recs.indexOf(create));
  expect(recs.map((r) => r.rec)).toContain('commit');
  expect(recs[recs.length - 1]).toMatchObject({ rec: 'end', result: 'succeeded' });
});
