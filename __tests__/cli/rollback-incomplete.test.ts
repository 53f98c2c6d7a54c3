/**
 * When the rollback itself cannot finish (every undo delete keeps failing), the run never says
 * "rolled-back": it ends `rollback-incomplete` with exit 1, names what is left, and prints the exact
 * command that finishes it; that command, run as printed once the service recovers, restores the
 * workspace. Through the bundle (CLI).
 */
import path from 'node:path';
import { runBundle } from '../support/bundle';
import { addFault, clearFaults, config, notebook, project, snapshot, writeItems } from '../support/deploy';
import { fileSimulator, tokenEnv } from '../support/sim';

const sim = fileSimulator();

test('persistent 500 on every undo: rollback-incomplete, what is left, and the command that finishes it', async () => {
  const name = 'rbi-ws';
  // Short backoffs: the undo's retries all fail by design, so their waits are only test time.
  const dir = project(config(name, 'resilience:\n  baseDelayMs: 10\n'), [notebook('base', 1)]);
  const env = tokenEnv(sim);
  const cfg = path.join(dir, 'fabric-deploy.yml');
  expect((await runBundle(['deploy', '--config', cfg], env)).code).toBe(0);
  const before = snapshot(sim, name)!;

  writeItems(dir, [notebook('new 1', 2), notebook('new 2', 3), notebook('new 3', 4)]);
  let creates = 0;
  sim.onRequest((e) => {
    if (e.method === 'POST' && /\/items$/.test(e.path) && ++creates === 2) {
      void addFault(sim, {
        method: 'POST',
        path: '/v1/workspaces/*/items',
        times: 1,
        action: { lroFail: { errorCode: 'InternalServerError' } },
      });
      // From now on every item delete fails, retries included.
      void addFault(sim, {
        method: 'DELETE',
        path: '/v1/workspaces/*/items/*',
        action: { status: 500, errorCode: 'InternalServerError' },
      });
    }
  });
  const r = await runBundle(['deploy', '--config', cfg, '--max-parallel', '1', '--json'], env);
  sim.onRequest(() => {});
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout) as { result: string; error: { message: string }; 'journal-file': string };
  expect(out.result).toBe('rollback-incomplete');
  // The cause's code (the failed create's operation), the item that failed, and how to finish.
  expect(out.error).toMatchObject({ code: 'InternalServerError', field: 'new 3.Notebook' });
  expect((out.error as { fix?: string }).fix).toMatch(
    /^finish the rollback: fabric-deploy rollback --journal /,
  );
  // --json carries the error that ended the run; the log says the same.
  const command = /finish it with: (fabric-deploy rollback --journal \S+)/.exec(out.error.message)?.[1];
  expect(command).toBe(`fabric-deploy rollback --journal ${out['journal-file']}`);
  expect(r.stderr).toContain(`rollback incomplete: 2 changes left; finish it with: ${command}`);
  expect(
    snapshot(sim, name)!
      .items.map((i) => i.name)
      .sort(),
  ).toEqual(['base', 'new 1', 'new 2']);

  // The service recovers; the printed command, as printed, finishes the rollback.
  await clearFaults(sim);
  const finish = await runBundle(command!.split(' ').slice(1), env);
  expect(finish.code).toBe(0);
  expect(snapshot(sim, name)).toEqual(before);
  // A replay of the replay is harmless.
  expect((await runBundle(command!.split(' ').slice(1), env)).code).toBe(0);
  expect(snapshot(sim, name)).toEqual(before);
});
