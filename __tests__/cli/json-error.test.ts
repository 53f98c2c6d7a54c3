/**
 * `--json` on a failed run carries the error that ended it as data: a stable `code` (ours for what the
 * tool refuses, Fabric's errorCode for what Fabric refused), the message, where (file, line, col), the
 * field at fault and the fix; a bad GUID is named by the value written, never by the schema's pattern.
 * One test per way a run fails, through the bundle (codes: docs/observability.md#error-codes).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FabricOps } from '../../src/deploy/api';
import { lockName } from '../../src/deploy/lock';
import { runBundle } from '../support/bundle';
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
import { clientSecretEnv, fileSimulator, tokenEnv } from '../support/sim';

const sim = fileSimulator();
afterEach(() => clearFaults(sim));

type JsonError = {
  code: string;
  message: string;
  file?: string;
  line?: number;
  field?: string;
  fix?: string;
};
const parse = (stdout: string) => JSON.parse(stdout) as { result: string; error: JsonError };

/** A deployed workspace with one notebook, and a CLI bound to its config. */
async function deployed(ws: string) {
  const dir = project(config(ws), [notebook('nb_a', 1, 'print("a v1")')]);
  const cfg = path.join(dir, 'fabric-deploy.yml');
  const env = tokenEnv(sim);
  const cli = (args: string[], e = env) => runBundle([...args, '--config', cfg, '--json'], e);
  expect((await cli(['deploy'])).code).toBe(0);
  return { dir, cfg, cli };
}

test('plan --json with a workspace id that is not a GUID: error {code, message, file, line, col, field, fix}, exit 1', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-json-error-'));
  mkdirSync(path.join(dir, 'items'));
  const config = path.join(dir, 'fabric-deploy.yml');
  writeFileSync(config, 'version: 1\nworkspace:\n  id: not-a-guid\nitems:\n  directory: items\n');
  const r = await runBundle(['plan', '--config', config, '--json', '--auth', 'token', '--token', 'x'], {});
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout) as { result: string; error: Record<string, unknown> };
  expect(out.result).toBe('failed');
  expect(out.error).toEqual({
    code: 'ConfigError',
    message:
      "workspace.id 'not-a-guid' is not a GUID [workspace.id] — fix: use a GUID like 00000000-0000-0000-0000-000000000000",
    file: config,
    line: 3,
    col: 7,
    field: 'workspace.id',
    fix: 'use a GUID like 00000000-0000-0000-0000-000000000000',
  });
  expect(r.stderr).not.toContain('must match pattern');
});

test('a refused sign-in: code SignInFailed, the field Entra named and its fix; the secret nowhere', async () => {
  const dir = project(config('json-signin-ws'), [notebook('nb_a', 1)]);
  const wrong = 'wrong-secret-json-7d1f';
  const r = await runBundle(
    ['plan', '--config', path.join(dir, 'fabric-deploy.yml'), '--json'],
    clientSecretEnv(sim, { FABRIC_DEPLOY_CLIENT_SECRET: wrong }),
  );
  expect(r.code).toBe(1);
  const out = parse(r.stdout);
  expect(out.result).toBe('failed');
  expect(out.error).toMatchObject({ code: 'SignInFailed', field: 'client-secret' });
  expect(out.error.message).toMatch(/AADSTS7000215/);
  expect(out.error.fix).toMatch(/secret's Value/);
  expect(r.stdout + r.stderr).not.toContain(wrong);
});

test("a rolled-back deploy: Fabric's errorCode, the failed item as field and its .platform as file", async () => {
  const { dir, cli } = await deployed('json-rollback-ws');
  writeItems(dir, [notebook('nb_a', 1, 'print("a v2")'), notebook('nb_b', 2)]);
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    times: 1,
    action: { status: 400, errorCode: 'InvalidDefinition', message: 'The notebook content is not valid.' },
  });
  // One at a time: nb_a's update is applied (so there is something to roll back) before nb_b fails.
  const r = await cli(['deploy', '--max-parallel', '1']);
  expect(r.code).toBe(1);
  const out = parse(r.stdout);
  expect(out.result).toBe('rolled-back');
  expect(out.error).toMatchObject({
    code: 'InvalidDefinition',
    field: 'nb_b.Notebook',
    file: path.join(dir, 'items', 'nb_b.Notebook', '.platform'),
  });
  expect(out.error.message).toMatch(/InvalidDefinition/);
  // Rolled back: nb_a as it was, no nb_b.
  expect(snapshot(sim, 'json-rollback-ws')!.items.map((i) => i.name)).toEqual(['nb_a']);
});

test('another deployment holds the lock: code WorkspaceLocked, field workspace, the fix', async () => {
  const { dir, cli } = await deployed('json-locked-ws');
  const ws = snapshot(sim, 'json-locked-ws')!;
  await new FabricOps(makeContext(sim, dir).ctx.client).createFolder(
    ws.id,
    lockName('0badc0de-0000-4000-8000-000000000001'),
  );
  writeItems(dir, [notebook('nb_a', 1, 'print("a v2")')]);
  const r = await cli(['deploy', '--lock-wait-seconds', '0']);
  expect(r.code).toBe(1);
  const out = parse(r.stdout);
  expect(out.result).toBe('failed');
  expect(out.error).toMatchObject({ code: 'WorkspaceLocked', field: 'workspace' });
  expect(out.error.message).toMatch(/locked by deployment 0badc0de-0000-4000-8000-000000000001/);
  expect(out.error.fix).toMatch(/concurrency group/);
});

test('orphans that could not be deleted after a committed deploy: code OrphansNotDeleted', async () => {
  const { dir, cli } = await deployed('json-orphans-ws');
  writeItems(dir, [notebook('nb_c', 3)]);
  // nb_a is no longer in the repository: with orphan deletion on it goes last, and Fabric refuses.
  rmSync(path.join(dir, 'items', 'nb_a.Notebook'), { recursive: true });
  await addFault(sim, {
    method: 'DELETE',
    path: '/v1/workspaces/*/items/*',
    action: { status: 403, errorCode: 'InsufficientPrivileges' },
  });
  const r = await cli(['deploy', '--delete-orphans', '--max-delete-ratio', '1']);
  expect(r.code).toBe(1);
  const out = parse(r.stdout);
  expect(out.result).toBe('failed');
  expect(out.error.code).toBe('OrphansNotDeleted');
  expect(out.error.message).toMatch(/orphan could not be deleted: Notebook 'nb_a'/);
});

test('Fabric unreachable: the network code (ECONNREFUSED) and the message naming the call', async () => {
  // Short backoffs: every retry fails by design.
  const dir = project(config('json-unreachable-ws', 'resilience:\n  baseDelayMs: 10\n'), [
    notebook('nb_a', 1),
  ]);
  const r = await runBundle(['plan', '--config', path.join(dir, 'fabric-deploy.yml'), '--json'], {
    ...tokenEnv(sim),
    // A port nothing listens on (the discard port is closed on loopback).
    FABRIC_DEPLOY_FABRIC_API_URL: 'http://127.0.0.1:9/v1',
  });
  expect(r.code).toBe(1);
  const out = parse(r.stdout);
  expect(out.result).toBe('failed');
  expect(out.error.code).toBe('ECONNREFUSED');
  expect(out.error.message).toMatch(/127\.0\.0\.1:9/);
});
