/**
 * Apply what was reviewed, and drift (issue #14, item 5), through the committed bundle against the
 * simulator: `deploy --plan-file` applies the plan a `plan` run wrote and refuses, before any write,
 * when the workspace or the repository moved since (naming what, with "run plan again"); bad plan
 * files are refused one by one; the plan file holds no secret value. `drift` (and `plan
 * --fail-on-drift`) exits 2 naming the items changed in the workspace, 0 when nothing is, and fails
 * the Action's step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { FabricOps } from '../../src/deploy/api';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { makeContext, notebook, project, snapshot, toolFolders, writeItems } from '../support/deploy';
import { fabricWrites, stopSimulator, tokenEnv, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
const SECRET = 'owner-secret-5d1e';
beforeAll(async () => {
  sim = await withSimulator();
  env = { ...tokenEnv(sim), OWNER_NOTE: SECRET };
});
afterAll(() => stopSimulator(sim));

const configText = (ws: string) =>
  `version: 1\nworkspace:\n  name: ${ws}\n  description: "owned by \${secret:OWNER_NOTE}"\nitems:\n  directory: items\n`;

/** A deployed workspace with two notebooks, its config file, and a CLI bound to it. */
async function deployed(ws: string) {
  const dir = project(configText(ws), [
    notebook('nb_a', 1, 'print("a v1")'),
    notebook('nb_b', 2, 'print("b v1")'),
  ]);
  const config = path.join(dir, 'fabric-deploy.yml');
  const cli = (args: string[]) => runBundle([...args, '--config', config, '--json'], env);
  expect((await cli(['deploy'])).code).toBe(0);
  return { dir, cli };
}

/** Someone edits a notebook in the workspace (the portal, another tool). */
async function editInWorkspace(dir: string, wsName: string, item: string, text: string) {
  const ws = snapshot(sim, wsName)!;
  const ops = new FabricOps(makeContext(sim, dir).ctx.client);
  const it = (await ops.listItems(ws.id)).find((i) => i.displayName === item)!;
  const def = await ops.getItemDefinition(ws.id, it);
  const parts = def.parts.map((p) =>
    p.path.endsWith('notebook-content.py')
      ? { ...p, payload: Buffer.from(`# Fabric notebook source\n${text}\n`).toString('base64') }
      : p,
  );
  await ops.updateItemDefinition(ws.id, it, { ...def, parts });
}

const content = (wsName: string, item: string) =>
  Buffer.from(
    snapshot(sim, wsName)!
      .items.find((i) => i.name === item)!
      .parts.find((p) => p.startsWith('notebook-content.py'))!
      .split(':')[1]!,
    'base64',
  ).toString('utf8');

async function writesDuring<T>(run: () => Promise<T>): Promise<{ result: T; writes: number }> {
  const before = (await fabricWrites(sim)).length;
  const result = await run();
  return { result, writes: (await fabricWrites(sim)).length - before };
}

test('deploy --plan-file applies exactly the reviewed plan; the plan file holds no secret value', async () => {
  const { dir, cli } = await deployed('pf-apply-ws');
  writeItems(dir, [notebook('nb_a', 1, `print("a v2")  # ${SECRET}`), notebook('nb_c', 3)]);
  const plan = await cli(['plan']);
  expect(plan.code).toBe(0);
  const planFile = (JSON.parse(plan.stdout) as Record<string, string>)['plan-file']!;
  const text = readFileSync(planFile, 'utf8');
  expect(text).not.toContain(SECRET);
  expect(text).toContain('${secret:OWNER_NOTE}');
  const reviewed = JSON.parse(text) as { items: { name: string; action: string }[]; fingerprint: object };
  expect(reviewed.fingerprint).toMatchObject({
    workspace: expect.any(String),
    repository: expect.any(String),
  });

  const run = await cli(['deploy', '--plan-file', planFile]);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain(
    `the plan in ${planFile} still matches the workspace and the repository: applying it`,
  );
  const out = JSON.parse(run.stdout) as { result: string; items: { name: string; action: string }[] };
  expect(out.result).toBe('succeeded');
  // The actions applied are the ones reviewed, item for item.
  const actions = (items: { name: string; action: string }[]) => items.map((i) => [i.name, i.action]).sort();
  expect(actions(out.items)).toEqual(actions(reviewed.items));
  expect(content('pf-apply-ws', 'nb_a')).toContain('a v2');
  expect(toolFolders(sim, 'pf-apply-ws')).toEqual([]);
});

test('a workspace changed since the plan: refused before any write, naming the item, "run plan again"', async () => {
  const { dir, cli } = await deployed('pf-ws-moved-ws');
  writeItems(dir, [notebook('nb_a', 1, 'print("a v2")')]);
  const planFile = (JSON.parse((await cli(['plan'])).stdout) as Record<string, string>)['plan-file']!;
  await editInWorkspace(dir, 'pf-ws-moved-ws', 'nb_b', 'print("edited in the portal")');
  const before = snapshot(sim, 'pf-ws-moved-ws');
  const { result: run, writes } = await writesDuring(() => cli(['deploy', '--plan-file', planFile]));
  expect(run.code).toBe(1);
  expect(writes).toBe(0);
  expect(snapshot(sim, 'pf-ws-moved-ws')).toEqual(before);
  const out = JSON.parse(run.stdout) as { result: string; error: { message: string; field?: string } };
  expect(out.result).toBe('failed');
  expect(out.error.message).toMatch(/no longer matches what it was made against/);
  expect(out.error.message).toContain("Notebook 'nb_b' changed in the workspace");
  expect(out.error.message).not.toContain('nb_a');
  expect(out.error).toMatchObject({ code: 'PlanOutdated', field: 'plan-file' });
  expect(run.stderr).toMatch(/run 'plan' again, review the new plan/);
});

test('a workspace changed after the first check, while the lock is taken: refused under the lock, no item written', async () => {
  const { dir, cli } = await deployed('pf-under-lock-ws');
  writeItems(dir, [notebook('nb_a', 1, 'print("a v2")')]);
  const planFile = (JSON.parse((await cli(['plan'])).stdout) as Record<string, string>)['plan-file']!;
  const ws = snapshot(sim, 'pf-under-lock-ws')!;
  // The moment the deploy creates its lock folder (after its first check passed), someone edits nb_b:
  // the simulator applies it before it answers anything else, so only the check under the lock sees it.
  let edited = false;
  sim.onRequest((e) => {
    if (edited || e.method !== 'POST' || e.path !== `/v1/workspaces/${ws.id}/folders`) return;
    edited = true;
    const nb = Object.values(sim.state.items).find(
      (i) => i.workspaceId === ws.id && i.displayName === 'nb_b',
    )!;
    for (const p of nb.definition!.parts)
      if (p.path === 'notebook-content.py')
        p.payload = Buffer.from('# Fabric notebook source\nprint("edited while locking")\n').toString(
          'base64',
        );
  });
  const before = (await fabricWrites(sim)).length;
  const run = await cli(['deploy', '--plan-file', planFile]).finally(() => sim.onRequest(() => {}));
  expect(edited).toBe(true);
  expect(run.code).toBe(1);
  // The first check passed (it ran before the lock); the second, under the lock, refused.
  expect(run.stderr).toContain(`the plan in ${planFile} still matches the workspace and the repository`);
  const out = JSON.parse(run.stdout) as { result: string; error: { code: string; message: string } };
  expect(out.error.code).toBe('PlanOutdated');
  expect(out.error.message).toContain("Notebook 'nb_b' changed in the workspace");
  // Only the lock was written (its folder made and removed): no item was touched, nothing is left.
  const writes = (await fabricWrites(sim)).slice(before);
  expect(writes.length).toBeGreaterThan(0);
  expect(writes.every((w) => /\/folders(\/[^/]+)?$/.test(w.path))).toBe(true);
  expect(content('pf-under-lock-ws', 'nb_a')).toContain('a v1');
  expect(toolFolders(sim, 'pf-under-lock-ws')).toEqual([]);
});

test('a repository changed since the plan: refused naming the item; a new plan is then applied', async () => {
  const { dir, cli } = await deployed('pf-repo-moved-ws');
  writeItems(dir, [notebook('nb_a', 1, 'print("a v2")')]);
  const planFile = (JSON.parse((await cli(['plan'])).stdout) as Record<string, string>)['plan-file']!;
  writeItems(dir, [notebook('nb_a', 1, 'print("a v3, not reviewed")')]);
  const { result: run, writes } = await writesDuring(() => cli(['deploy', '--plan-file', planFile]));
  expect(run.code).toBe(1);
  expect(writes).toBe(0);
  expect(run.stderr).toContain("Notebook 'nb_a' changed in the repository");
  expect(content('pf-repo-moved-ws', 'nb_a')).toContain('a v1');
  const again = (JSON.parse((await cli(['plan'])).stdout) as Record<string, string>)['plan-file']!;
  expect((await cli(['deploy', '--plan-file', again])).code).toBe(0);
  expect(content('pf-repo-moved-ws', 'nb_a')).toContain('a v3');
});

test('bad plan files: each refused with the file and what is wrong, exit 1, nothing written', async () => {
  const { dir, cli } = await deployed('pf-bad-ws');
  writeItems(dir, [notebook('nb_a', 1, 'print("a v2")')]);
  const good = (JSON.parse((await cli(['plan'])).stdout) as Record<string, string>)['plan-file']!;
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const withoutFingerprint = JSON.parse(readFileSync(good, 'utf8')) as Record<string, unknown>;
  delete withoutFingerprint.fingerprint;
  const cases: [string, string[], RegExp][] = [
    [
      'missing',
      ['deploy', '--plan-file', path.join(dir, 'nope.json')],
      /cannot read the plan file '.*nope\.json': no such file/,
    ],
    [
      'not JSON',
      ['deploy', '--plan-file', file('broken.json', '{\n  "version": 1,\n  oops\n}')],
      /broken\.json is not valid JSON/,
    ],
    [
      'not a plan',
      ['deploy', '--plan-file', file('other.json', '{"name": "x"}')],
      /other\.json' is not a fabric-deploy plan/,
    ],
    [
      'no fingerprint',
      ['deploy', '--plan-file', file('old.json', JSON.stringify(withoutFingerprint))],
      /has no fingerprint \(made by an earlier version/,
    ],
    [
      'given to plan',
      ['plan', '--plan-file', good],
      /input 'plan-file' is given to command 'plan': only deploy applies a plan file/,
    ],
  ];
  for (const [label, args, message] of cases) {
    const { result: run, writes } = await writesDuring(() => cli(args));
    expect({ label, code: run.code, writes }).toEqual({ label, code: 1, writes: 0 });
    expect({ label, message: message.test(run.stderr) }).toEqual({ label, message: true });
    expect({ label, trace: /\n\s+at .+:\d+:\d+\)?\n/.test(run.stderr) }).toEqual({ label, trace: false });
  }
  expect(content('pf-bad-ws', 'nb_a')).toContain('a v1');
});

test('drift: exit 0 when the workspace matches, 2 naming what was changed in the workspace; plan --fail-on-drift too', async () => {
  const { dir, cli } = await deployed('pf-drift-ws');
  const clean = await cli(['drift']);
  expect(clean.code).toBe(0);
  expect(JSON.parse(clean.stdout)).toMatchObject({ result: 'succeeded', drift: '[]' });
  expect(clean.stderr).toMatch(/no drift: workspace 'pf-drift-ws' matches the repository/);

  await editInWorkspace(dir, 'pf-drift-ws', 'nb_b', 'print("hotfix in the portal")');
  const { result: drift, writes } = await writesDuring(() => cli(['drift']));
  expect(drift.code).toBe(2);
  expect(writes).toBe(0);
  const out = JSON.parse(drift.stdout) as { result: string; drift: string; error: { message: string } };
  expect(out.result).toBe('failed');
  expect(JSON.parse(out.drift)).toEqual([
    { type: 'Notebook', name: 'nb_b', what: 'differs: changed notebook-content.py' },
  ]);
  expect(out.error.message).toContain(
    "drift: 1 difference between workspace 'pf-drift-ws' and the repository: Notebook 'nb_b'",
  );
  expect((out.error as { code?: string }).code).toBe('DriftDetected');
  expect((await cli(['plan', '--fail-on-drift'])).code).toBe(2);
  // Without the flag a plan only reports (has-changes).
  expect((await cli(['plan'])).code).toBe(0);
});

test('drift on the Action: the step fails with an error naming the item, and the summary lists it', async () => {
  const { dir } = await deployed('pf-drift-gh-ws');
  await editInWorkspace(dir, 'pf-drift-gh-ws', 'nb_a', 'print("changed by hand")');
  const outFile = path.join(dir, 'out');
  const summary = path.join(dir, 'summary.md');
  writeFileSync(outFile, '');
  writeFileSync(summary, '');
  const run = await runBundle([], {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: outFile,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: dir,
    INPUT_COMMAND: 'drift',
    INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
    INPUT_AUTH: 'token',
    INPUT_TOKEN: sim.issueToken(),
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    OWNER_NOTE: SECRET,
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(
    /::error::drift: 1 difference between workspace 'pf-drift-gh-ws' and the repository: Notebook 'nb_a'.*— fix: deploy the repository/,
  );
  const outputs = parseGitHubOutputs(outFile);
  expect(outputs.result).toBe('failed');
  expect(JSON.parse(outputs.drift!)).toEqual([
    { type: 'Notebook', name: 'nb_a', what: 'differs: changed notebook-content.py' },
  ]);
  const md = readFileSync(summary, 'utf8');
  expect(md).toMatch(/Fabric Drift check found 1 difference/);
  expect(md).toMatch(/### Drift[\s\S]*\| Notebook \| nb_a \| differs: changed notebook-content\.py \|/);
});
