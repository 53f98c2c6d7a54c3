/**
 * `fabric-deploy workspaces …` through the committed bundle, as a user runs it from a terminal-less CLI,
 * a GitHub Actions step and an Azure Pipelines script step: tables and --json on stdout, the changes in
 * the simulator, every write in the audit log, and `delete` refused without --yes where no one can be
 * asked (nothing deleted).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { fabricWrites, stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let env: Record<string, string>;
let token: string;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ws-cli-'));

beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
  env = {
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: token,
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
    TMPDIR: tmp,
  };
});
afterAll(() => stopSimulator(sim));

const HOSTS: { name: string; env: Record<string, string> }[] = [
  { name: 'cli', env: {} },
  { name: 'github', env: { GITHUB_ACTIONS: 'true', CI: 'true' } },
  { name: 'azure-devops', env: { TF_BUILD: 'True' } },
];
const ws = (args: string[], extra: Record<string, string> = {}) =>
  runBundle(['workspaces', ...args], { ...env, ...extra });

async function api<T>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.fabricApiUrl}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
const workspaces = async () =>
  (await api<{ value: { id: string; displayName: string; capacityId?: string }[] }>('GET', '/workspaces'))
    .value;

describe.each(HOSTS)('workspaces on $name', ({ name, env: hostEnv }) => {
  const wsName = `managed-${name}`;
  let id: string;

  it('create on a capacity, then list (table, --json, filters) and show', async () => {
    const r = await ws(['create', wsName, '--capacity', 'F2 Dev', '--description', 'team space'], hostEnv);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`created workspace '${wsName}'`));
    const made = (await workspaces()).find((w) => w.displayName === wsName)!;
    expect(made.capacityId).toBe(DEFAULTS.capacities.dev);
    id = made.id;

    const table = await ws(['list', '--name', wsName], hostEnv);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+ID\s+CAPACITY\s+DESCRIPTION$/m);
    expect(table.stdout).toMatch(new RegExp(`^${wsName}\\s+${id}\\s+F2 Dev\\s+team space$`, 'm'));
    expect(table.stdout).toMatch(/^1 workspace$/m);

    const json = JSON.parse((await ws(['list', '--capacity', 'F2 Dev', '--json'], hostEnv)).stdout);
    expect(json).toContainEqual(expect.objectContaining({ id, name: wsName, capacity: 'F2 Dev' }));
    const viewerOnly = JSON.parse((await ws(['list', '--role', 'Viewer', '--json'], hostEnv)).stdout);
    expect(viewerOnly.map((w: { id: string }) => w.id)).not.toContain(id);

    const show = JSON.parse((await ws(['show', id, '--json'], hostEnv)).stdout);
    expect(show).toMatchObject({ id, name: wsName, capacity: 'F2 Dev', itemCount: 0 });
    expect(show.principals).toContainEqual(
      expect.objectContaining({ id: DEFAULTS.adminUser.id, role: 'Admin', type: 'User' }),
    );
  });

  it('principals add, change, list and remove', async () => {
    const bob = ['--id', DEFAULTS.viewerUser.id, '--type', 'User'];
    expect((await ws(['principals', 'add', wsName, ...bob, '--role', 'Viewer'], hostEnv)).code).toBe(0);
    const change = await ws(['principals', 'add', wsName, ...bob, '--role', 'Contributor'], hostEnv);
    expect(change.stdout).toMatch(/changed from Viewer to the Contributor role/);
    const list = await ws(['principals', 'list', wsName], hostEnv);
    expect(list.stdout).toMatch(new RegExp(`User\\s+Contributor\\s+${DEFAULTS.viewerUser.id}`));
    const roles = await api<{ value: { principal: { id: string }; role: string }[] }>(
      'GET',
      `/workspaces/${id}/roleAssignments`,
    );
    expect(roles.value).toContainEqual(
      expect.objectContaining({ principal: expect.objectContaining({ id: DEFAULTS.viewerUser.id }) }),
    );
    expect((await ws(['principals', 'remove', wsName, ...bob], hostEnv)).code).toBe(0);
    const again = await ws(['principals', 'remove', wsName, ...bob], hostEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/has no role in workspace/);
  });

  it('assign-capacity and items (type and folder filters)', async () => {
    expect((await ws(['assign-capacity', wsName, 'F64 Production'], hostEnv)).code).toBe(0);
    expect((await workspaces()).find((w) => w.id === id)?.capacityId).toBe(DEFAULTS.capacities.production);
    const folder = await api<{ id: string }>('POST', `/workspaces/${id}/folders`, { displayName: 'etl' });
    await api('POST', `/workspaces/${id}/items`, {
      displayName: 'Load',
      type: 'Notebook',
      folderId: folder.id,
    });
    await api('POST', `/workspaces/${id}/items`, { displayName: 'Top', type: 'Notebook' });
    const ir = await ws(['items', wsName, '--folder', 'etl', '--json'], hostEnv);
    if (ir.code !== 0) throw new Error(ir.stderr);
    const items = JSON.parse(ir.stdout);
    expect(items).toEqual([expect.objectContaining({ name: 'Load', type: 'Notebook', folder: 'etl' })]);
    const top = await ws(['items', wsName, '--folder', '/', '--type', 'Notebook'], hostEnv);
    expect(top.stdout).toMatch(/^Top\s+Notebook\s+\/\s+/m);
    expect(top.stdout).not.toMatch(/Load/);
  });

  it('delete is refused without --yes where no one can be asked; nothing deleted', async () => {
    const before = (await fabricWrites(sim)).length;
    const r = await ws(['delete', wsName], hostEnv);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`refusing to delete workspace '${wsName}' without --yes`));
    expect((await fabricWrites(sim)).length).toBe(before);
    expect((await workspaces()).some((w) => w.id === id)).toBe(true);
  });

  it('delete --yes deletes it and the audit log holds every write', async () => {
    const r = await ws(['delete', wsName, '--yes', '--json'], hostEnv);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id, deleted: true, itemCount: 2 });
    expect((await workspaces()).some((w) => w.id === id)).toBe(false);
    const records = readdirSync(tmp)
      .filter((f) => f.startsWith('fabric-deploy-audit-'))
      .flatMap((f) => readFileSync(path.join(tmp, f), 'utf8').split('\n').filter(Boolean))
      .map(
        (l) =>
          JSON.parse(l) as {
            action: string;
            target: { id?: string; name?: string };
            after?: { workspaceId?: string };
            before?: { workspaceId?: string };
          },
      );
    const mine = records.filter(
      (x) =>
        x.target.id === id ||
        x.target.name === wsName ||
        x.after?.workspaceId === id ||
        x.before?.workspaceId === id,
    );
    for (const action of ['workspace.create', 'role.add', 'role.update', 'role.remove', 'workspace.delete'])
      expect(mine.map((m) => m.action)).toContain(action);
    expect(records.map((x) => JSON.stringify(x)).join('\n')).not.toContain(token);
  });
});

describe('bad input', () => {
  it('an unknown workspace, capacity or role: exit 1, the fix, nothing written', async () => {
    const before = (await fabricWrites(sim)).length;
    const missing = await ws(['show', 'no-such-workspace']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no workspace named 'no-such-workspace' is visible/);
    const cap = await ws(['create', 'x-bad-cap', '--capacity', 'F999']);
    expect(cap.code).toBe(1);
    expect(cap.stderr).toMatch(/capacity 'F999' was not found.*use one of: 'F64 Production'/);
    const role = await ws(['list', '--role', 'Owner']);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/unknown workspace role 'Owner'/);
    expect((await fabricWrites(sim)).length).toBe(before);
  });
});
