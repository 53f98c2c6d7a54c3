/**
 * Secrets never on disk in clear (issue #11, item 5), through the committed bundle against the simulator:
 * a value resolved from `${secret:NAME}` is in the workspace (its description) but in no file the run
 * writes — plan, journal, audit log, summary, anything in the temp dir — and a `rollback --journal`
 * replay resolves the references again and restores the workspace exactly.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { addFault, clearFaults, notebook, project, snapshot, writeItems } from '../support/deploy';
import { stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let base: Record<string, string>;
beforeAll(async () => {
  sim = await withSimulator();
  base = {
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: sim.issueToken(),
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
  };
});
afterAll(() => stopSimulator(sim));
afterEach(() => clearFaults(sim));

const SECRET = 'S3cr3t "owner" \\ value-7f2a';

/** Every file under `dir`, with its text. */
function files(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

const configText = (ws: string, version: string) =>
  `version: 1\nworkspace:\n  name: ${ws}\n  description: "${version} owned by \${secret:OWNER_NOTE}"\nitems:\n  directory: items\n`;

test('plan, journal, audit and summary hold the reference, never the value; a replay restores byte for byte', async () => {
  const ws = 'secrets-on-disk-ws';
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fd-secret-tmp-'));
  const env = { ...base, OWNER_NOTE: SECRET, TMPDIR: tmp };
  const dir = project(configText(ws, 'v1'), [notebook('nb_a', 1)]);
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runBundle([...args, '--json'], { ...env, ...extra });

  const first = await cli(['deploy', '--config', path.join(dir, 'fabric-deploy.yml')]);
  expect(first.code).toBe(0);
  const before = snapshot(sim, ws)!;
  expect(before.description).toBe(`v1 owned by ${SECRET}`);

  // v2: a new description (the update's undo holds the old value, with the secret) and an item whose
  // create fails; rollback off, so the journal is left for a replay.
  writeFileSync(path.join(dir, 'fabric-deploy.yml'), configText(ws, 'v2'));
  writeItems(dir, [notebook('nb_b', 2)]);
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    times: 1,
    action: { status: 400, errorCode: 'CorruptedPayload' },
  });
  const failed = await cli([
    'deploy',
    '--config',
    path.join(dir, 'fabric-deploy.yml'),
    '--features',
    '-rollback',
    '--summary-file',
    path.join(tmp, 'summary.md'),
  ]);
  expect(failed.code).toBe(1);
  const out = JSON.parse(failed.stdout) as Record<string, string>;
  expect(out.result).toBe('failed');
  expect(snapshot(sim, ws)!.description).toBe(`v2 owned by ${SECRET}`);

  const written = files(tmp);
  for (const key of ['plan-file', 'journal-file', 'audit-log', 'summary-file'])
    expect(written.map((w) => w.file)).toContain(out[key]);
  for (const w of written) {
    expect({ file: w.file, leaked: w.text.includes(SECRET) }).toEqual({ file: w.file, leaked: false });
    expect({ file: w.file, leaked: w.text.includes(JSON.stringify(SECRET).slice(1, -1)) }).toEqual({
      file: w.file,
      leaked: false,
    });
  }
  expect(failed.stdout + failed.stderr).not.toContain(SECRET);
  // The files say which secret stood there.
  expect(readFileSync(out['plan-file']!, 'utf8')).toContain('v2 owned by ${secret:OWNER_NOTE}');
  const journal = readFileSync(out['journal-file']!, 'utf8');
  expect(journal).toContain('v1 owned by ${secret:OWNER_NOTE}');
  expect(journal).toMatch(/"secrets":\{/);

  // The replay needs the secret: without it, a clear error and nothing undone.
  const missing = await runBundle(['rollback', '--journal', out['journal-file']!], { ...base, TMPDIR: tmp });
  expect(missing.code).toBe(1);
  expect(missing.stdout + missing.stderr).toMatch(
    /the journal holds \$\{secret:OWNER_NOTE\} in place of a secret value, and it cannot be resolved/,
  );
  expect(snapshot(sim, ws)!.description).toBe(`v2 owned by ${SECRET}`);

  const replay = await runBundle(['rollback', '--journal', out['journal-file']!], env);
  expect(replay.code).toBe(0);
  expect(snapshot(sim, ws)).toEqual(before);
  for (const w of files(tmp)) expect(w.text.includes(SECRET)).toBe(false);
});
