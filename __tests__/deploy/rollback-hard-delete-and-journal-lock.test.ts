/**
 * Against the simulator: a rollback hard-deletes what its run created and
 * a later create waits out a reserved name; the journal rollback takes the workspace lock; a plan
 * that demotes the deploying identity below Admin before Admin-only steps is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { ConfigError } from '../../src/errors';
import { rollbackFromJournal } from '../../src/deploy/rollback';
import { lockName, WorkspaceLockedError } from '../../src/deploy/lock';
import { executeCommand } from '../../src/commands';
import { FabricOps } from '../../src/deploy/api';
import { FabricApiError } from '../../src/fabric/errors';
import { withSimulator } from '../support/sim';
import {
  addFault,
  allowEmpty,
  clearFaults,
  config,
  makeContext,
  notebook,
  project,
  snapshot,
  writeItems,
} from '../support/deploy';

interface JournalLine {
  rec: string;
  seq?: number;
  action?: string;
  deploymentId?: string;
  undo?: { kind: string; folderId?: string };
}

let sim: RunningSimulator;
beforeAll(async () => {
  // A name stays reserved for 800 ms after a delete, soft or hard (ItemDisplayNameNotAvailableYet).
  sim = await withSimulator({ nameReservationMs: 800 });
});
afterAll(() => sim.close());
afterEach(async () => {
  sim.onRequest(() => {});
  await clearFaults(sim);
});

async function deploy(dir: string, inputs: Record<string, string> = {}) {
  const t = makeContext(sim, dir, { command: 'deploy', ...inputs });
  const report = await executeCommand(t.ctx);
  return { ...t, report };
}

interface LoggedRequest {
  method: string;
  path: string;
  query?: string | Record<string, string>;
  status: number;
  errorCode?: string;
}

async function log(): Promise<LoggedRequest[]> {
  const res = await fetch(`${sim.url}/_sim/requests`);
  return ((await res.json()) as { value: LoggedRequest[] }).value.filter((r) => r.path.startsWith('/v1/'));
}

const queryText = (r: LoggedRequest) =>
  typeof r.query === 'string' ? r.query : r.query ? new URLSearchParams(r.query).toString() : '';

/** The second create of a run (nb_b, after nb_a it depends on) is refused: a definite failure. */
function failSecondCreate(): void {
  let creates = 0;
  sim.onRequest((e) => {
    if (e.method === 'POST' && /\/items$/.test(e.path) && ++creates === 1) {
      void addFault(sim, {
        method: 'POST',
        path: '/v1/workspaces/*/items',
        times: 1,
        action: { status: 400, errorCode: 'InvalidInput', message: 'injected' },
      });
    }
  });
}

const twoNotebooks = () => [notebook('nb_a', 1), notebook('nb_b', 2, "print('b')", [1])];

describe('rollback hard-deletes what the run created; a create waits out a reserved name', () => {
  test('rolled-back create, then a second deploy of the same repository creates it again', async () => {
    const ws = 'hard-delete-ws';
    const dir = project(config(ws), twoNotebooks());
    // The workspace exists before (else the rollback deletes it whole).
    const first = project(allowEmpty(config(ws)), []);
    expect((await deploy(first)).report.result).toBe('succeeded');

    const from = (await log()).length;
    failSecondCreate();
    const failed = await deploy(dir, { 'max-parallel': '1' });
    sim.onRequest(() => {});
    expect(failed.report.result).toBe('rolled-back');
    expect(snapshot(sim, ws)!.items).toEqual([]);
    const deletes = (await log())
      .slice(from)
      .filter((r) => r.method === 'DELETE' && /\/items\//.test(r.path));
    expect(deletes).toHaveLength(1);
    expect(queryText(deletes[0]!)).toMatch(/hardDelete=true/);
    expect(deletes[0]!.status).toBe(200);

    // The service may still say "in use" for a name freed a moment ago (fabric-cicd retries it): twice here,
    // on top of the simulator's own reservation (ItemDisplayNameNotAvailableYet).
    const from2 = (await log()).length;
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      times: 2,
      action: { status: 400, errorCode: 'ItemDisplayNameAlreadyInUse', message: 'injected' },
    });
    const again = await deploy(dir, { 'max-parallel': '1' });
    expect(again.report.error).toBeUndefined();
    expect(again.report.result).toBe('succeeded');
    expect(
      snapshot(sim, ws)!
        .items.map((i) => i.name)
        .sort(),
    ).toEqual(['nb_a', 'nb_b']);
    const posts = (await log()).slice(from2).filter((r) => r.method === 'POST' && /\/items$/.test(r.path));
    expect(posts.filter((r) => r.errorCode === 'ItemDisplayNameAlreadyInUse')).toHaveLength(2);
    expect(posts.filter((r) => r.status < 300)).toHaveLength(2);
  });

  test('hard delete refused (403: not Admin): soft delete with a warning', async () => {
    const ws = 'soft-fallback-ws';
    const dir = project(config(ws), twoNotebooks());
    expect((await deploy(project(allowEmpty(config(ws)), []))).report.result).toBe('succeeded');
    await addFault(sim, {
      method: 'DELETE',
      path: '/v1/workspaces/*/items/*',
      times: 1,
      action: { status: 403, errorCode: 'InsufficientWorkspaceRole', message: 'needs Admin' },
    });
    const from = (await log()).length;
    failSecondCreate();
    const { report, host } = await deploy(dir, { 'max-parallel': '1' });
    expect(report.result).toBe('rolled-back');
    expect(snapshot(sim, ws)!.items).toEqual([]);
    const deletes = (await log())
      .slice(from)
      .filter((r) => r.method === 'DELETE' && /\/items\//.test(r.path));
    expect(deletes.map((r) => [r.status, /hardDelete=true/.test(queryText(r))])).toEqual([
      [403, true],
      [200, false],
    ]);
    expect(
      host.lines.some((l) => l.level === 'warn' && /hard delete of Notebook 'nb_a' refused/.test(l.message)),
    ).toBe(true);
  });

  test('a name held by a listed item is a real clash: no wait, no second item', async () => {
    const ws = 'real-clash-ws';
    expect((await deploy(project(config(ws), [notebook('nb_a', 1)]))).report.result).toBe('succeeded');
    const wsId = snapshot(sim, ws)!.id;
    const t = makeContext(sim, project(allowEmpty(config(ws)), []));
    const ops = new FabricOps(t.ctx.client);
    const started = Date.now();
    const err = await ops
      .createItem(wsId, { displayName: 'NB_A', type: 'Notebook' })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FabricApiError);
    expect((err as FabricApiError).errorCode).toBe('ItemDisplayNameAlreadyInUse');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(snapshot(sim, ws)!.items).toHaveLength(1);
  });

  test('the wait for an "in use" name is bounded (nameInUseWaitMs)', async () => {
    const ws = 'in-use-bounded-ws';
    expect((await deploy(project(allowEmpty(config(ws)), []))).report.result).toBe('succeeded');
    const wsId = snapshot(sim, ws)!.id;
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      times: 1000,
      action: { status: 400, errorCode: 'ItemDisplayNameAlreadyInUse', message: 'injected' },
    });
    const ops = new FabricOps(makeContext(sim, project(allowEmpty(config(ws)), [])).ctx.client);
    ops.nameInUseWaitMs = 600;
    const started = Date.now();
    await expect(ops.createItem(wsId, { displayName: 'nb_z', type: 'Notebook' })).rejects.toThrow(
      FabricApiError,
    );
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(600);
    expect(took).toBeLessThan(5000);
    expect(snapshot(sim, ws)!.items).toHaveLength(0);
  });
});

describe('rollback --journal takes the workspace lock', () => {
  /** A journal of a run that applied two creates and was killed while holding its lock. */
  async function killedRun(ws: string) {
    const dir = project(allowEmpty(config(ws)), []);
    expect((await deploy(dir)).report.result).toBe('succeeded');
    const before = snapshot(sim, ws)!;
    writeItems(dir, twoNotebooks());
    const { report } = await deploy(dir, { features: '-rollback', 'max-parallel': '1' });
    expect(report.result).toBe('succeeded');
    const recs = readFileSync(report.journalFile!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as JournalLine);
    const header = recs.find((r) => r.rec === 'begin')!;
    const lockStep = recs.find((r) => r.rec === 'step' && r.action === 'lock.acquire')!;
    const lockApplied = recs.find((r) => r.rec === 'applied' && r.seq === lockStep.seq)!;
    const lockFolderId = (lockApplied.undo ?? lockStep.undo)!.folderId!;
    // Killed: no commit, no end, its lock not released. The run deleted its lock on release, so the
    // held lock is made again (as the killed run would have left it) and the journal points at it.
    const kept = recs.filter(
      (r) => !['commit', 'end'].includes(r.rec) && !(r.rec === 'undone' && r.seq === lockStep.seq),
    );
    const wsId = snapshot(sim, ws)!.id;
    const ops = new FabricOps(makeContext(sim, dir).ctx.client);
    const held = await ops.createFolder(wsId, lockName(header.deploymentId!));
    const file = path.join(path.dirname(report.journalFile!), `killed-${ws}.jsonl`);
    writeFileSync(
      file,
      kept.map((r) => JSON.stringify(r).split(lockFolderId).join(held.id)).join('\n') + '\n',
    );
    return { dir, before, file, wsId, ops, text: readFileSync(file, 'utf8') };
  }

  const lockFolders = (wsId: string) =>
    Object.values(sim.state.folders).filter(
      (f) => f.workspaceId === wsId && /^fabric-deploy-lock /.test(f.displayName),
    );

  test("another deployment's live lock: the rollback fails clearly and changes nothing", async () => {
    const { dir, file, wsId, ops, text } = await killedRun('rb-locked-ws');
    const afterRun = snapshot(sim, 'rb-locked-ws');
    const other = await ops.createFolder(wsId, lockName('a0a0a0a0-0000-4000-8000-000000000001'));
    const err = await rollbackFromJournal(makeContext(sim, dir).ctx, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspaceLockedError);
    expect((err as Error).message).toMatch(/locked by deployment a0a0a0a0-0000-4000-8000-000000000001/);
    expect(snapshot(sim, 'rb-locked-ws')).toEqual(afterRun);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // The other deployment's lock is untouched, and no lock of the rollback is left behind.
    expect(lockFolders(wsId).map((f) => f.id)).toEqual(expect.arrayContaining([other.id]));
    expect(lockFolders(wsId)).toHaveLength(2);
  });

  test('with lock-wait-seconds it waits for the other deployment, then undoes and releases', async () => {
    const { dir, before, file, wsId, ops } = await killedRun('rb-wait-ws');
    const other = await ops.createFolder(wsId, lockName('a0a0a0a0-0000-4000-8000-000000000002'));
    const t = makeContext(sim, dir, { 'lock-wait-seconds': '30' });
    setTimeout(() => void ops.deleteFolder(wsId, other.id), 400);
    const started = Date.now();
    const rb = await rollbackFromJournal(t.ctx, file, { lock: { pollMs: 100 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(rb.result).toBe('rolled-back');
    expect(t.host.lines.some((l) => /workspace is locked by deployment a0a0a0a0/.test(l.message))).toBe(true);
    expect(snapshot(sim, 'rb-wait-ws')).toEqual(before);
    expect(lockFolders(wsId)).toHaveLength(0);
  });

  test("the killed run's own lock does not block its rollback, and is released", async () => {
    const { dir, before, file, wsId } = await killedRun('rb-own-lock-ws');
    expect(lockFolders(wsId)).toHaveLength(1);
    const rb = await rollbackFromJournal(makeContext(sim, dir).ctx, file);
    expect(rb.result).toBe('rolled-back');
    expect(snapshot(sim, 'rb-own-lock-ws')).toEqual(before);
    expect(lockFolders(wsId)).toHaveLength(0);
  });
});

describe('a plan that demotes the deploying identity below Admin before Admin-only steps', () => {
  const admin = DEFAULTS.adminUser;
  const other = DEFAULTS.otherUser;
  const principals = (selfRole: string, more = '') =>
    `  principals:\n    - { id: ${admin.id}, type: User, role: ${selfRole} }\n${more}`;

  test('existing workspace, self → Member with another role change: ConfigError at the entry, nothing written', async () => {
    const ws = 'self-demote-ws';
    expect((await deploy(project(allowEmpty(config(ws)), []))).report.result).toBe('succeeded');
    const before = snapshot(sim, ws);
    const dir = project(
      config(ws, principals('Member', `    - { id: ${other.id}, type: User, role: Contributor }\n`)),
      [notebook('nb', 1)],
    );
    const from = (await log()).length;
    const t = makeContext(sim, dir, { command: 'deploy' });
    const err = await executeCommand(t.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.message).toMatch(/demote the deploying identity \(a11ce000-[^)]*\) from Admin to Member/);
    expect(e.message).toContain(`role change of ${other.id}`);
    expect(e.field).toBe('workspace.principals');
    expect(e.location?.file).toBe(path.join(dir, 'fabric-deploy.yml'));
    expect(e.location?.line).toBe(5);
    expect(e.fix).toMatch(/role Admin in workspace\.principals/);
    expect(
      (await log())
        .slice(from)
        .filter((r) => r.method !== 'GET' && !/\/(getDefinition|bulkExportDefinitions)$/.test(r.path)),
    ).toEqual([]);
    expect(snapshot(sim, ws)).toEqual(before);
    // `plan` says so too, before any deploy.
    const planned = await executeCommand(makeContext(sim, dir, { command: 'plan' }).ctx).catch(
      (x: unknown) => x,
    );
    expect(planned).toBeInstanceOf(ConfigError);
  });

  test('self demotion with nothing Admin-only after it, and self kept Admin, are planned as before', async () => {
    const ws = 'self-demote-ok-ws';
    expect((await deploy(project(allowEmpty(config(ws)), []))).report.result).toBe('succeeded');
    const keep = project(
      allowEmpty(config(ws, principals('Admin', `    - { id: ${other.id}, type: User, role: Admin }\n`))),
      [],
    );
    expect((await deploy(keep)).report.result).toBe('succeeded');
    // Only the demotion itself (the other Admin is unchanged now): allowed.
    const alone = project(
      allowEmpty(config(ws, principals('Member', `    - { id: ${other.id}, type: User, role: Admin }\n`))),
      [],
    );
    const { report } = await deploy(alone);
    expect(report.error).toBeUndefined();
    expect(report.result).toBe('succeeded');
    expect(snapshot(sim, ws)!.roles).toContain(`${admin.id}:Member`);
  });

  test('a new workspace keeps its own check (the creator is Admin; no refusal)', async () => {
    const ws = 'self-demote-new-ws';
    const dir = project(
      allowEmpty(
        config(ws, principals('Member', `    - { id: ${other.id}, type: User, role: Contributor }\n`)),
      ),
      [],
    );
    const report = await executeCommand(makeContext(sim, dir, { command: 'plan' }).ctx);
    expect(report.error).toBeUndefined();
  });
});
