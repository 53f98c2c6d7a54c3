/**
 * Rollback edge cases in the deploy engine, each against the simulator: a change whose outcome is unknown is
 * restored on rollback, a held lock is not mistaken for "no changes", and the rest listed per test.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { rollbackFromJournal } from '../../src/deploy/rollback';
import { executeCommand } from '../../src/commands';
import { FabricApiError, isDefiniteFailure } from '../../src/fabric/errors';
import { lockName, WorkspaceLockedError } from '../../src/deploy/lock';
import { withSimulator } from '../support/sim';
import {
  addFault,
  clearFaults,
  config,
  makeContext,
  notebook,
  project,
  snapshot,
  writeItems,
} from '../support/deploy';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSimulator({});
});
afterAll(() => sim.close());
afterEach(() => clearFaults(sim));

async function deploy(dir: string, inputs: Record<string, string> = {}) {
  const t = makeContext(sim, dir, { command: 'deploy', ...inputs });
  const report = await executeCommand(t.ctx);
  return { ...t, report };
}

const payloadOf = (name: string, ws: string) =>
  snapshot(sim, ws)!
    .items.find((i) => i.name === name)!
    .parts.join('\n');

describe('a change whose outcome is unknown is restored', () => {
  test('every updateDefinition answer lost: the rollback restores the definition', async () => {
    const ws = 'unknown-outcome-ws';
    const dir = project(config(ws), [notebook('nb_a', 1)]);
    await deploy(dir);
    const before = snapshot(sim, ws)!;
    writeItems(dir, [notebook('nb_a', 1, 'print("a v2")')]);
    // makeContext retries twice: all three attempts are applied and their answers lost.
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items/*/updateDefinition',
      times: 3,
      action: { dropResponse: true },
    });
    const { report } = await deploy(dir);
    expect(report.result).toBe('rolled-back');
    expect(report.rollback!.find((u) => u.action === 'restore-definition')?.result).toBe('undone');
    expect(snapshot(sim, ws)).toEqual(before);
  });

  test('a 4xx to the resend after a lost answer is not "nothing happened"', async () => {
    const ws = 'resend-4xx-ws';
    const dir = project(config(ws), [notebook('nb_a', 1)]);
    await deploy(dir);
    const before = snapshot(sim, ws)!;
    writeItems(dir, [notebook('nb_a', 1, 'print("a v2")')]);
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items/*/updateDefinition',
      times: 1,
      action: { dropResponse: true },
    });
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items/*/updateDefinition',
      times: 1,
      action: { status: 400, errorCode: 'InvalidInput' },
    });
    const { report } = await deploy(dir);
    expect(report.result).toBe('rolled-back');
    expect(payloadOf('nb_a', ws)).toEqual(before.items[0]!.parts.join('\n'));
  });

  test('with rollback off a possibly-applied change is listed as left in place', async () => {
    const ws = 'unknown-norb-ws';
    const dir = project(config(ws), [notebook('nb_a', 1)]);
    await deploy(dir);
    writeItems(dir, [notebook('nb_a', 1, 'print("a v2")')]);
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items/*/updateDefinition',
      times: 3,
      action: { dropResponse: true },
    });
    const { report } = await deploy(dir, { features: '-rollback' });
    expect(report.result).toBe('failed');
    expect(report.leftInPlace!.join('\n')).toMatch(/item\.update Notebook 'nb_a'.*outcome unknown/);
  });

  test('408 is not a definite failure', () => {
    const e = (status: number) =>
      new FabricApiError({ operation: 'x', status, body: { errorCode: 'E', message: 'm' } });
    expect(isDefiniteFailure(e(408))).toBe(false);
    expect(isDefiniteFailure(e(400))).toBe(true);
    expect(isDefiniteFailure(e(503))).toBe(false);
  });
});

describe('"no changes" while another deployment holds the lock', () => {
  const OTHER = '0cca0000-0000-4000-8000-0000000000f2';
  const api = (method: string, p: string, body?: unknown) =>
    fetch(`${sim.fabricApiUrl}${p}`, {
      method,
      headers: { authorization: `Bearer ${sim.issueToken()}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const foreignLock = async (wsId: string) =>
    (
      (await (await api('POST', `/workspaces/${wsId}/folders`, { displayName: lockName(OTHER) })).json()) as {
        id: string;
      }
    ).id;

  test('an unchanged repository does not report success past a live lock', async () => {
    const ws = 'nochange-locked-ws';
    const dir = project(config(ws), [notebook('nb', 1)]);
    await deploy(dir);
    await foreignLock(snapshot(sim, ws)!.id);
    const err = await deploy(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspaceLockedError);
  });

  test('with lock-wait-seconds it waits, plans again and puts back what the other run changed', async () => {
    const ws = 'nochange-wait-ws';
    const dir = project(config(ws), [{ ...notebook('nb', 1), description: 'from the repository' }]);
    await deploy(dir);
    const before = snapshot(sim, ws)!;
    const folder = await foreignLock(before.id);
    // The other deployment changes the item while holding the lock, then releases it.
    setTimeout(() => {
      void (async () => {
        await api('PATCH', `/workspaces/${before.id}/items/${before.items[0]!.id}`, {
          description: 'changed by the other run',
        });
        await api('DELETE', `/workspaces/${before.id}/folders/${folder}`);
      })();
    }, 300);
    const t = makeContext(sim, dir, { command: 'deploy', 'lock-wait-seconds': '10' });
    const report = await executeCommand(t.ctx, { lock: { pollMs: 100 } });
    expect(report.result).toBe('succeeded');
    expect(t.host.allText()).toMatch(/planning again under the lock/);
    expect(snapshot(sim, ws)!.items).toEqual(before.items);
  });
});

describe('rollback after the circuit breaker opened', () => {
  test('undos wait for the half-open time instead of failing "circuit is open"', async () => {
    const ws = 'breaker-rb-ws';
    const olds = [1, 2, 3, 4, 5, 6].map((n) => notebook(`nb_${n}`, 50 + n));
    const dir = project(config(ws), olds);
    await deploy(dir);
    const before = snapshot(sim, ws)!;
    // Two new notebooks; the six old ones now reference the first, so they are updated after the creates.
    writeItems(dir, [
      notebook('nb_new1', 61),
      notebook('nb_new2', 62),
      ...[1, 2, 3, 4, 5, 6].map((n) => notebook(`nb_${n}`, 50 + n, `print(${n})`, [61])),
    ]);
    // All six updates (three attempts each) answer 503: the items circuit opens; then the fault stops.
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items/*/updateDefinition',
      times: 18,
      action: { status: 503 },
    });
    const t = makeContext(
      sim,
      dir,
      { command: 'deploy', 'max-parallel': '8' },
      { client: { circuitBreaker: { resetTimeoutMs: 1000 } } },
    );
    const report = await executeCommand(t.ctx);
    expect(report.result).toBe('rolled-back');
    expect(report.error).toMatch(/503|ServiceUnavailable|circuit/);
    const deletes = report.rollback!.filter((u) => u.action === 'delete-item');
    expect(deletes.map((u) => u.result)).toEqual(['undone', 'undone']);
    expect(report.rollback!.filter((u) => u.result === 'failed')).toEqual([]);
    expect(snapshot(sim, ws)).toEqual(before);
  });
});

describe('a shell item rename is undone', () => {
  test('the rollback puts the old display name back', async () => {
    const ws = 'shell-rename-ws';
    const dir = project(config(ws), [{ type: 'Lakehouse', name: 'lh_a', n: 71 }]);
    await deploy(dir);
    const before = snapshot(sim, ws)!;
    rmSync(path.join(dir, 'items', 'lh_a.Lakehouse'), { recursive: true });
    // A rename (names match case-insensitively, so a change of case is a rename), then a notebook that references the lakehouse (so it comes after) and fails.
    writeItems(dir, [{ type: 'Lakehouse', name: 'LH_A', n: 71 }, notebook('nb_after', 72, 'x', [71])]);
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      times: 1,
      action: { lroFail: { errorCode: 'InternalServerError', message: 'injected' } },
    });
    const { report } = await deploy(dir);
    expect(report.result).toBe('rolled-back');
    expect(report.rollback!.find((u) => u.action === 'restore-item-metadata')?.result).toBe('undone');
    expect(snapshot(sim, ws)).toEqual(before);
  });
});

describe('a workspace create whose answer never came', () => {
  test('rollback --journal of a run killed during POST /workspaces removes the workspace', async () => {
    const ws = 'killed-create-ws';
    const dir = project(config(ws), [notebook('nb', 1)]);
    const { report } = await deploy(dir, { features: '-rollback' });
    expect(report.result).toBe('succeeded');
    // Keep only what was on disk while the create was in flight: the header and its intent.
    const recs = readFileSync(report.journalFile!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { rec: string; seq?: number; action?: string });
    const seq = recs.find((r) => r.rec === 'step' && r.action === 'workspace.create')!.seq;
    const kept = recs.filter((r) => r.rec === 'begin' || (r.rec === 'step' && r.seq! <= seq!));
    const file = path.join(path.dirname(report.journalFile!), 'killed-create.jsonl');
    writeFileSync(file, kept.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const rb = await rollbackFromJournal(makeContext(sim, dir).ctx, file);
    expect(rb.result).toBe('rolled-back');
    expect(snapshot(sim, ws)).toBeUndefined();
    // Again: nothing left, nothing fails.
    const again = await rollbackFromJournal(makeContext(sim, dir).ctx, file);
    expect(again.result).toBe('rolled-back');
  });
});

describe('prepare() with two bad inputs', () => {
  test('a bad principals file and an unknown capacity: a clean refusal, no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const dir = project(
        config('two-bad-ws', '  capacity:\n    name: No Such Capacity\n  principalsFile: principals.csv\n'),
        [notebook('nb', 1)],
        { 'principals.csv': 'principal_id,role,description,type\n1234-not-a-guid,Member,Carol,User\n' },
      );
      const err = await deploy(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/1234-not-a-guid|principal/i);
      // Give a capacity look-up started in the background time to fail.
      await new Promise((r) => setTimeout(r, 300));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
