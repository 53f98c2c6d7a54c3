/**
 * Renames by logical id (issue #14, item 1), through the committed bundle against the simulator: an
 * item whose folder and `.platform` displayName changed in the repository, but whose logicalId is the
 * one it was deployed with, is planned as a rename (and move) of the deployed item — never a create
 * beside an orphan delete — shown as such in the plan JSON, the plan markdown and the log, applied as
 * an update of its name and folder (same item id), journalled, and rolled back with the rest of a
 * failed deploy.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runBundle } from '../support/bundle';
import {
  addFault,
  clearFaults,
  config,
  lid,
  notebook,
  project,
  snapshot,
  writeItems,
} from '../support/deploy';
import { fileSimulator, tokenEnv } from '../support/sim';

const sim = fileSimulator();
afterEach(() => clearFaults(sim));

interface PlanJson {
  items: {
    name: string;
    type: string;
    action: string;
    id?: string;
    fromName?: string;
    fromFolder?: string;
    logicalId?: string;
  }[];
}

/** A workspace with notebook 'sales_old' (logical id 1) in folder /a, deployed; and a CLI bound to it. */
async function deployed(ws: string) {
  const dir = project(config(ws), [notebook('sales_old', 1, 'print("sales")', [], 'a')]);
  const cfg = path.join(dir, 'fabric-deploy.yml');
  const env = tokenEnv(sim);
  const cli = (args: string[]) => runBundle([...args, '--config', cfg, '--json'], env);
  expect((await cli(['deploy'])).code).toBe(0);
  const item = snapshot(sim, ws)!.items.find((i) => i.name === 'sales_old')!;
  return { dir, cli, id: item.id };
}

/** The repository renames the item and moves it to /b, keeping its .platform logicalId. */
function renameInRepository(dir: string, from: string, fromFolder: string, to: string) {
  rmSync(path.join(dir, 'items', fromFolder, `${from}.Notebook`), { recursive: true });
  writeItems(dir, [notebook(to, 1, 'print("sales")', [], 'b')]);
}

test('plan: a rename by logical id is planned as one rename and move of the deployed item, shown as such', async () => {
  const { dir, cli, id } = await deployed('rename-plan-ws');
  renameInRepository(dir, 'sales_old', 'a', 'sales_new');
  const r = await cli(['plan', '--delete-orphans']);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as Record<string, string> & { 'has-changes': boolean };
  expect(out['has-changes']).toBe(true);
  const plan = JSON.parse(readFileSync(out['plan-file']!, 'utf8')) as PlanJson;
  // One item: the deployed one, renamed and moved; no create, no delete.
  expect(plan.items).toEqual([
    expect.objectContaining({
      name: 'sales_new',
      type: 'Notebook',
      action: 'update',
      id,
      fromName: 'sales_old',
      fromFolder: '/a',
      logicalId: lid(1),
    }),
  ]);
  const md = readFileSync(out['plan-markdown']!, 'utf8');
  expect(md).toMatch(
    /\| b\/sales_new \| Notebook \| rename \| renamed from 'sales_old'; folder \/a → \/b \|/,
  );
  expect(md).not.toMatch(/\| Notebook \| (create|delete) \|/);
  expect(r.stderr).toContain(
    "Notebook 'sales_old' is 'sales_new' in the repository (same logical id " + lid(1) + ')',
  );
  expect(r.stderr).toContain("~ rename Notebook '/a/sales_old' → '/b/sales_new'\n");
});

test('a deployed item excluded from the deployment (items.exclude) is never taken as the old name of a rename', async () => {
  const { dir, id } = await deployed('rename-excluded-ws');
  renameInRepository(dir, 'sales_old', 'a', 'sales_new');
  writeFileSync(
    path.join(dir, 'fabric-deploy.yml'),
    config('rename-excluded-ws').replace('items:\n', () => "items:\n  exclude: ['^sales_old$']\n"),
  );
  const r = await runBundle(
    ['plan', '--delete-orphans', '--config', path.join(dir, 'fabric-deploy.yml'), '--json'],
    tokenEnv(sim),
  );
  expect({ code: r.code, stderr: r.stderr.slice(-800) }).toMatchObject({ code: 0 });
  const plan = JSON.parse(
    readFileSync((JSON.parse(r.stdout) as Record<string, string>)['plan-file']!, 'utf8'),
  ) as PlanJson;
  // The repository's item is new; the excluded deployed item is left alone (not renamed, not an orphan).
  expect(plan.items).toEqual([expect.objectContaining({ name: 'sales_new', action: 'create' })]);
  expect(plan.items.some((i) => i.id === id)).toBe(false);
  expect(r.stderr).not.toContain('planned as a rename');
});

test('a rename with a content change: one item, "update, rename", the diff of the changed line', async () => {
  const { dir, cli, id } = await deployed('rename-edit-ws');
  rmSync(path.join(dir, 'items', 'a', 'sales_old.Notebook'), { recursive: true });
  writeItems(dir, [notebook('sales_new', 1, 'print("sales v2")', [], 'a')]);
  const r = await cli(['plan']);
  const out = JSON.parse(r.stdout) as Record<string, string>;
  const plan = JSON.parse(readFileSync(out['plan-file']!, 'utf8')) as PlanJson;
  expect(plan.items).toEqual([
    expect.objectContaining({ name: 'sales_new', action: 'update', id, fromName: 'sales_old' }),
  ]);
  const md = readFileSync(out['plan-markdown']!, 'utf8');
  expect(md).toMatch(
    /\| a\/sales_new \| Notebook \| update, rename \| renamed from 'sales_old'; changed notebook-content\.py \(\+1 −1\) \|/,
  );
  expect(md).toContain('-print("sales")');
  expect(md).toContain('+print("sales v2")');
  expect((await cli(['deploy'])).code).toBe(0);
  expect(snapshot(sim, 'rename-edit-ws')!.items.map((i) => [i.id, i.name])).toEqual([[id, 'sales_new']]);
});

test.each(['graph', 'bulk'])(
  'deploy (strategy %s): applied as an update of name and folder (same id), journalled; a redeploy writes nothing',
  async (strategy) => {
    const { dir, cli, id } = await deployed(`rename-deploy-${strategy}-ws`);
    renameInRepository(dir, 'sales_old', 'a', 'sales_new');
    const r = await cli(['deploy', '--delete-orphans', '--strategy', strategy]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      result: string;
      items: { name: string; id: string; action: string }[];
      'journal-file': string;
    };
    expect(out.result).toBe('succeeded');
    expect(out.items).toEqual([expect.objectContaining({ name: 'sales_new', id, action: 'update' })]);
    const after = snapshot(sim, `rename-deploy-${strategy}-ws`)!;
    expect(after.items.map((i) => [i.id, i.name, i.folder])).toEqual([[id, 'sales_new', '/b']]);
    // Journalled with its undo: the update (the name, in .platform) and the move, both on the same item.
    const journal = readFileSync(out['journal-file'], 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action?: string; target?: { id?: string } });
    const steps = journal.filter((s) => s.target?.id === id).map((s) => s.action);
    expect(steps).toEqual(expect.arrayContaining(['item.update', 'item.move']));
    const again = await cli(['plan']);
    expect(JSON.parse(again.stdout)['has-changes']).toBe(false);
  },
);

test('a deploy that fails after the rename rolls the rename back: the old name, the old folder, the same id', async () => {
  const { dir, cli, id } = await deployed('rename-rollback-ws');
  renameInRepository(dir, 'sales_old', 'a', 'sales_new');
  // A new notebook that refers to the renamed one: deployed after it, and refused by Fabric.
  writeItems(dir, [notebook('uses_sales', 2, 'print("uses")', [1])]);
  await addFault(sim, {
    method: 'POST',
    path: '/v1/workspaces/*/items',
    times: 1,
    action: { status: 400, errorCode: 'InvalidDefinition' },
  });
  const r = await cli(['deploy']);
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout) as { result: string; error: { code: string; field?: string } };
  expect(out.result).toBe('rolled-back');
  expect(out.error).toMatchObject({ code: 'InvalidDefinition', field: 'uses_sales.Notebook' });
  const after = snapshot(sim, 'rename-rollback-ws')!;
  expect(after.items.map((i) => [i.id, i.name, i.folder])).toEqual([[id, 'sales_old', '/a']]);
});
