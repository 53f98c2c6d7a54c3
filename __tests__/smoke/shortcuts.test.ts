/**
 * Lakehouse shortcuts (`shortcuts.metadata.json`), deployed as fabric-cicd deploys them behind its
 * `enable_shortcut_publish` flag (here the feature `shortcuts`), through the bundle as GitHub runs it:
 * off by default; the target lakehouse's logical id and the zero workspace id rewritten to the deployed
 * ones; created after both lakehouses; planned (create, replace, delete), journalled and rolled back; a
 * re-deploy writes nothing; a target neither in the repository nor in the workspace stops the run before
 * any write.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSimulator } from '../../src/simulator';
import { parseGitHubOutputs, runBundle } from '../support/bundle';
import { requestCount, writesSince } from '../support/deploy';
import { stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
});
afterAll(() => stopSimulator(sim));

const ZERO = '00000000-0000-0000-0000-000000000000';
const SOURCE_LID = 'c0cec3c6-bff6-8a77-47b1-ab19d15a52cc';
const TARGET_LID = '9a0b3c1d-2e4f-4a5b-8c6d-7e8f9a0b1c2d';

interface Sc {
  name: string;
  path: string;
  to: string;
  item?: string;
}
const json = (list: Sc[]) =>
  JSON.stringify(
    list.map((s) => ({
      name: s.name,
      path: s.path,
      target: {
        type: 'OneLake',
        oneLake: { path: s.to, itemId: s.item ?? SOURCE_LID, workspaceId: ZERO, artifactType: 'Lakehouse' },
      },
    })),
    null,
    2,
  );

function lakehouse(dir: string, name: string, logicalId: string, shortcuts: Sc[]) {
  const at = path.join(dir, 'workspace', `${name}.Lakehouse`);
  mkdirSync(at, { recursive: true });
  writeFileSync(
    path.join(at, '.platform'),
    JSON.stringify({
      metadata: { type: 'Lakehouse', displayName: name },
      config: { version: '2.0', logicalId },
    }),
  );
  writeFileSync(path.join(at, 'lakehouse.metadata.json'), '{}');
  writeFileSync(path.join(at, 'shortcuts.metadata.json'), json(shortcuts));
}

function checkout(workspace: string, shortcuts: Sc[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-shortcuts-'));
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: ${workspace}\nitems:\n  directory: workspace\n`,
  );
  lakehouse(dir, 'Source', SOURCE_LID, []);
  lakehouse(dir, 'Target', TARGET_LID, shortcuts);
  return dir;
}

async function run(
  dir: string,
  command = 'deploy',
  features = 'shortcuts',
  strategy = 'graph',
  more: Record<string, string> = {},
) {
  const out = path.join(dir, 'out');
  writeFileSync(out, '');
  const r = await runBundle([], {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: out,
    RUNNER_TEMP: dir,
    INPUT_COMMAND: command,
    INPUT_CONFIG: path.join(dir, 'fabric-deploy.yml'),
    INPUT_FEATURES: features,
    INPUT_STRATEGY: strategy,
    INPUT_AUTH: 'token',
    INPUT_TOKEN: token,
    'INPUT_FABRIC-API-URL': sim.fabricApiUrl,
    ...more,
  });
  return { ...r, outputs: parseGitHubOutputs(out) };
}

const ws = (name: string) => Object.values(sim.state.workspaces).find((w) => w.displayName === name)!;
const item = (workspace: string, name: string) =>
  Object.values(sim.state.items).find((i) => i.workspaceId === ws(workspace).id && i.displayName === name)!;
/** The target lakehouse's shortcuts as the simulator holds them: `path/name → item:path`. */
const shortcutsOf = (workspace: string) =>
  (item(workspace, 'Target').shortcuts ?? [])
    .map((s) => {
      const o = s.target.oneLake as { itemId: string; workspaceId: string; path: string };
      const to =
        o.itemId === item(workspace, 'Source').id
          ? 'Source'
          : o.itemId === item(workspace, 'Target').id
            ? 'Target'
            : o.itemId;
      return `${s.path}/${s.name} → ${to}:${o.path}${o.workspaceId === ws(workspace).id ? '' : ` (workspace ${o.workspaceId})`}`;
    })
    .sort();
const seedData = async (workspace: string, paths: string[]) =>
  fetch(`${sim.url}/_sim/state`, {
    method: 'POST',
    body: JSON.stringify({ items: [{ id: item(workspace, 'Source').id, oneLakePaths: paths }] }),
  });

test('off by default; on, created after both lakehouses with the ids rewritten; a re-deploy writes nothing', async () => {
  const dir = checkout('sc-new', [
    { name: 'source_files', path: '/Files', to: 'Files' },
    { name: 'own', path: '/Files', to: 'Tables', item: ZERO },
  ]);
  const off = await run(dir, 'deploy', '');
  expect(off.code).toBe(0);
  expect(item('sc-new', 'Target').shortcuts ?? []).toEqual([]);
  expect(off.stdout).not.toMatch(/create shortcut|list shortcuts/);

  const before = await requestCount(sim);
  const on = await run(dir);
  expect(on.code).toBe(0);
  expect(on.stdout).toContain(
    "~ Lakehouse 'Target': create shortcut Files/source_files → Lakehouse 'Source' Files",
  );
  expect(on.stdout).toContain("~ Lakehouse 'Target': create shortcut Files/own → Lakehouse 'Target' Tables");
  expect(shortcutsOf('sc-new')).toEqual(['Files/own → Target:Tables', 'Files/source_files → Source:Files']);
  const writes = (await writesSince(sim, before)).map(
    (w) => `${w.method} ${w.path.replace(/[0-9a-f-]{36}/g, '{id}')}`,
  );
  expect(writes.filter((w) => w.includes('shortcuts'))).toEqual([
    'POST /v1/workspaces/{id}/items/{id}/shortcuts',
    'POST /v1/workspaces/{id}/items/{id}/shortcuts',
  ]);

  const quiet = await requestCount(sim);
  const again = await run(dir);
  expect(again.code).toBe(0);
  expect(again.outputs['has-changes']).toBe('false');
  expect(await writesSince(sim, quiet)).toEqual([]);
});

test('deploy --plan-file: a shortcut deleted in the workspace since the plan refuses the plan, nothing written', async () => {
  const dir = checkout('sc-reviewed', [{ name: 'source_files', path: '/Files', to: 'Files' }]);
  expect((await run(dir)).code).toBe(0);
  const plan = await run(dir, 'plan');
  expect(plan.code).toBe(0);
  const planFile = plan.outputs['plan-file']!;
  // Someone deletes the shortcut in the workspace after the plan was reviewed.
  const target = item('sc-reviewed', 'Target');
  const del = await fetch(
    `${sim.fabricApiUrl}/workspaces/${ws('sc-reviewed').id}/items/${target.id}/shortcuts/Files/source_files`,
    { method: 'DELETE', headers: { authorization: `Bearer ${token}` } },
  );
  expect(del.status).toBe(200);
  const before = await requestCount(sim);
  const r = await run(dir, 'deploy', 'shortcuts', 'graph', { 'INPUT_PLAN-FILE': planFile });
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/Lakehouse 'Target' changed in the workspace/);
  expect(r.stdout).toMatch(/run 'plan' again/);
  expect(await writesSince(sim, before)).toEqual([]);
  expect(shortcutsOf('sc-reviewed')).toEqual([]);
});

test('in a new workspace the shortcut waits for the lakehouse it points at (graph edge)', async () => {
  const dir = checkout('sc-fresh', [{ name: 'src', path: 'Files', to: 'Files' }]);
  const before = await requestCount(sim);
  const r = await run(dir);
  expect(r.code).toBe(0);
  const writes = (await writesSince(sim, before)).map(
    (w) => `${w.method} ${w.path.replace(/[0-9a-f-]{36}/g, '{id}')}`,
  );
  const shortcut = writes.indexOf('POST /v1/workspaces/{id}/items/{id}/shortcuts');
  const creates = writes.flatMap((w, i) => (w === 'POST /v1/workspaces/{id}/items' ? [i] : []));
  expect(creates).toHaveLength(2);
  expect(shortcut).toBeGreaterThan(Math.max(...creates));
  expect(shortcutsOf('sc-fresh')).toEqual(['Files/src → Source:Files']);
});

test('replace and delete are planned and applied; a failed shortcut rolls every shortcut change back', async () => {
  const dir = checkout('sc-change', [
    { name: 'raw', path: 'Files', to: 'Files/raw' },
    { name: 'sales', path: 'Tables', to: 'Tables/sales' },
  ]);
  expect((await run(dir, 'deploy', '')).code).toBe(0);
  await seedData('sc-change', ['Files/raw/2026', 'Tables/sales', 'Tables/orders']);
  expect((await run(dir)).code).toBe(0);
  expect(shortcutsOf('sc-change')).toEqual([
    'Files/raw → Source:Files/raw',
    'Tables/sales → Source:Tables/sales',
  ]);

  // raw now points at 2026 only; sales is no longer listed; orders is new.
  const target = path.join(dir, 'workspace', 'Target.Lakehouse', 'shortcuts.metadata.json');
  writeFileSync(
    target,
    json([
      { name: 'raw', path: 'Files', to: 'Files/raw/2026' },
      { name: 'orders', path: 'Tables', to: 'Tables/orders' },
    ]),
  );
  const plan = await run(dir, 'plan');
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain(
    "~ Lakehouse 'Target': replace shortcut Files/raw → Lakehouse 'Source' Files/raw/2026, was → Lakehouse 'Source' Files/raw",
  );
  expect(plan.stdout).toContain(
    "~ Lakehouse 'Target': create shortcut Tables/orders → Lakehouse 'Source' Tables/orders",
  );
  expect(plan.stdout).toContain(
    "~ Lakehouse 'Target': delete shortcut Tables/sales (not in shortcuts.metadata.json)",
  );
  expect(shortcutsOf('sc-change')).toEqual([
    'Files/raw → Source:Files/raw',
    'Tables/sales → Source:Tables/sales',
  ]);

  // The same change plus a shortcut whose target path holds no data: the service refuses it, all is undone.
  writeFileSync(
    target,
    json([
      { name: 'raw', path: 'Files', to: 'Files/raw/2026' },
      { name: 'orders', path: 'Tables', to: 'Tables/orders' },
      { name: 'holidays', path: 'Tables', to: 'Tables/publicholidays' },
    ]),
  );
  const failed = await run(dir);
  expect(failed.code).toBe(1);
  expect(failed.outputs.result).toBe('rolled-back');
  // Named at the shortcut's line, with the service's reason and what to do about it.
  expect(failed.stdout).toMatch(
    /::error file=workspace\/Target.Lakehouse\/shortcuts.metadata.json,line=29::deployment failed: .*Lakehouse 'Target': shortcut Tables\/holidays → Lakehouse 'Source' Tables\/publicholidays was refused: Target path doesn't exist/,
  );
  expect(failed.stdout).toContain('holds no data yet');
  expect(shortcutsOf('sc-change')).toEqual([
    'Files/raw → Source:Files/raw',
    'Tables/sales → Source:Tables/sales',
  ]);

  writeFileSync(
    target,
    json([
      { name: 'raw', path: 'Files', to: 'Files/raw/2026' },
      { name: 'orders', path: 'Tables', to: 'Tables/orders' },
    ]),
  );
  expect((await run(dir)).code).toBe(0);
  expect(shortcutsOf('sc-change')).toEqual([
    'Files/raw → Source:Files/raw/2026',
    'Tables/orders → Source:Tables/orders',
  ]);
});

test('a target lakehouse neither in the repository nor in the workspace: named at its line, exit 1, nothing written', async () => {
  const GONE = '7e57c0de-0000-4000-8000-00000000dead';
  const dir = checkout('sc-bad', [
    { name: 'ok', path: 'Files', to: 'Files' },
    { name: 'lost', path: 'Files', to: 'Files/raw', item: GONE },
  ]);
  const before = await requestCount(sim);
  const r = await run(dir);
  expect(r.code).toBe(1);
  // The annotation is at the file and the line of the shortcut's name (the second entry's name: line 16).
  expect(r.stdout).toMatch(
    new RegExp(
      `::error file=workspace/Target.Lakehouse/shortcuts.metadata.json,line=16::.*shortcut 'Files/lost' of Lakehouse 'Target' points at item '${GONE}' in the target workspace, which is neither a lakehouse of the repository nor an item of that workspace`,
    ),
  );
  expect(r.stdout + r.stderr).toContain('target.oneLake.itemId');
  expect(r.stdout + r.stderr).toContain('$items.Lakehouse.<name>.$id');
  expect(await writesSince(sim, before)).toEqual([]);
});

test('parameter.yml rewrites the shortcuts file as fabric-cicd does; strict-parameters counts those rules as applied', async () => {
  const DEV_LAKEHOUSE = '1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
  const DEV_WORKSPACE = '2e3f4051-6b7c-4d8e-9fa0-1b2c3d4e5f60';
  const dir = checkout('sc-params', [{ name: 'src', path: 'Files', to: 'Files', item: DEV_LAKEHOUSE }]);
  const file = path.join(dir, 'workspace', 'Target.Lakehouse', 'shortcuts.metadata.json');
  // As exported from the dev workspace: its own ids, which parameter.yml replaces per environment.
  writeFileSync(file, readFileSync(file, 'utf8').replace(ZERO, DEV_WORKSPACE));
  writeFileSync(
    path.join(dir, 'workspace', 'parameter.yml'),
    `find_replace:
  - find_value: "${DEV_LAKEHOUSE}"
    replace_value:
      _ALL_: "$items.Lakehouse.Source.$id"
    file_path: "Target.Lakehouse/shortcuts.metadata.json"
  - find_value: "${DEV_WORKSPACE}"
    replace_value:
      _ALL_: "$workspace.$id"
    item_type: Lakehouse
`,
  );
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: sc-params\nitems:\n  directory: workspace\n  parameterFile: workspace/parameter.yml\n  strictParameters: true\n`,
  );
  const r = await run(dir);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain('::warning');
  expect(shortcutsOf('sc-params')).toEqual(['Files/src → Source:Files']);
});

test('strategy bulk: the shortcuts follow the import and the graph', async () => {
  const dir = checkout('sc-bulk', [{ name: 'src', path: 'Files', to: 'Files' }]);
  const r = await run(dir, 'deploy', 'shortcuts', 'bulk');
  expect(r.code).toBe(0);
  expect(shortcutsOf('sc-bulk')).toEqual(['Files/src → Source:Files']);
  const quiet = await requestCount(sim);
  expect((await run(dir, 'deploy', 'shortcuts', 'bulk')).outputs['has-changes']).toBe('false');
  expect(await writesSince(sim, quiet)).toEqual([]);
});

test('items.shortcutExclude (fabric-cicd shortcut_exclude_regex): a matching shortcut is neither deployed nor deleted', async () => {
  const dir = checkout('sc-exclude', [
    { name: 'keep', path: 'Files', to: 'Files' },
    { name: 'temp_new', path: 'Files', to: 'Files' },
  ]);
  expect((await run(dir, 'deploy', '')).code).toBe(0);
  // Made in the workspace by hand: not listed, but excluded, so it stays.
  const t = item('sc-exclude', 'Target');
  const res = await fetch(`${sim.url}/v1/workspaces/${t.workspaceId}/items/${t.id}/shortcuts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'temp_manual',
      path: 'Files',
      target: {
        oneLake: { workspaceId: t.workspaceId, itemId: item('sc-exclude', 'Source').id, path: 'Files' },
      },
    }),
  });
  expect(res.status).toBe(201);
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: sc-exclude\nitems:\n  directory: workspace\n  shortcutExclude: "temp_"\n`,
  );
  const r = await run(dir);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain('temp_');
  expect(shortcutsOf('sc-exclude')).toEqual([
    'Files/keep → Source:Files',
    'Files/temp_manual → Source:Files',
  ]);
});

test('items.optionalSteps: [shortcut] (fabric-cicd continue_on_shortcut_failure): a refused shortcut warns, the rest is deployed', async () => {
  const dir = checkout('sc-optional', [
    { name: 'files', path: 'Files', to: 'Files' },
    { name: 'holidays', path: 'Tables', to: 'Tables/publicholidays' },
  ]);
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    `version: 1\nworkspace:\n  name: sc-optional\nitems:\n  directory: workspace\n  optionalSteps: [shortcut]\n`,
  );
  const r = await run(dir);
  expect(r.code).toBe(0);
  expect(r.outputs.result).toBe('succeeded');
  expect(r.stdout).toMatch(
    /::warning[^:]*::.*shortcut Tables\/holidays → Lakehouse 'Source' Tables\/publicholidays was refused: Target path doesn't exist.*items.optionalSteps has shortcut/,
  );
  expect(shortcutsOf('sc-optional')).toEqual(['Files/files → Source:Files']);
});
