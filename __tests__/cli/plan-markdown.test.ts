/**
 * A plan a reviewer can approve (issue #14, item 1), through the committed bundle against the simulator:
 * the changed notebook line is in the plan-markdown file and the summary, in a collapsed diff; the
 * plan-only summary does not claim a result nor show the temp paths; a value resolved from
 * `${secret:NAME}` appears in neither, only its reference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { notebook, project, writeItems } from '../support/deploy';
import { stopSimulator, tokenEnv, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
const SECRET = 'wsname-secret-91c3';
beforeAll(async () => {
  sim = await withSimulator();
  env = { ...tokenEnv(sim), OWNER_NOTE: SECRET };
});
afterAll(() => stopSimulator(sim));

test('plan-markdown and the summary show the changed notebook line; no secret, no temp path, no "Result: succeeded"', async () => {
  const dir = project(
    'version: 1\nworkspace:\n  name: plan-md-ws\n  description: "owned by ${secret:OWNER_NOTE}"\nitems:\n  directory: items\n',
    [notebook('nb_a', 1, 'print("old line")'), notebook('nb_b', 2)],
  );
  const config = path.join(dir, 'fabric-deploy.yml');
  expect((await runBundle(['deploy', '--config', config, '--json'], env)).code).toBe(0);
  writeItems(dir, [notebook('nb_a', 1, `print("new line")  # ${SECRET}`), notebook('nb_c', 3)]);
  const summaryFile = path.join(dir, 'summary.md');
  const run = await runBundle(['plan', '--config', config, '--json', '--summary-file', summaryFile], env);
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as Record<string, string>;
  const md = readFileSync(out['plan-markdown']!, 'utf8');
  const summary = readFileSync(summaryFile, 'utf8');
  for (const text of [md, summary]) {
    expect(text).toMatch(/^## 📋 Fabric Plan has changes/);
    expect(text).toMatch(/\| nb_a \| Notebook \| update \| changed notebook-content\.py \(\+1 −1\) \|/);
    expect(text).toMatch(/\| nb_c \| Notebook \| create \| 2 parts, \d+ lines \|/);
    expect(text).toContain('<details><summary>Notebook <b>nb_a</b> · update');
    expect(text).toContain('-print("old line")');
    expect(text).toContain('+print("new line")  # ${secret:OWNER_NOTE}');
    expect(text).toMatch(/1 item unchanged/);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/\| Result \|/);
    expect(text).not.toContain(path.dirname(out['plan-file']!));
  }
  expect(run.stdout + run.stderr).not.toContain(SECRET);
});
