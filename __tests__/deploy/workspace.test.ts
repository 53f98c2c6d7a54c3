/**
 * Workspace provisioning as transaction steps (capacity, principals, Git) and the bad input that
 * must be refused with a ConfigError before any write.
 */
import type { RunningSimulator } from '../../src/simulator';
import { DEFAULTS } from '../../src/simulator';
import { executeCommand } from '../../src/commands';
import { ConfigError, UserError } from '../../src/errors';
import { withSimulator } from '../support/sim';
import {
  addFault,
  clearFaults,
  config,
  fakeDirectory,
  lid,
  makeContext,
  notebook,
  project,
  requestCount,
  snapshot,
  writeItems,
  writesSince,
} from '../support/deploy';
import type { PrincipalDirectory } from '../../src/deploy/workspace';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSimulator();
});
afterAll(() => sim.close());
afterEach(() => clearFaults(sim));

const directory = fakeDirectory({
  users: { [DEFAULTS.viewerUser.userPrincipalName]: DEFAULTS.viewerUser.id },
  groups: { [DEFAULTS.groups.engineers.displayName]: DEFAULTS.groups.engineers.id },
  apps: { [DEFAULTS.managedIdentity.clientId]: DEFAULTS.managedIdentity.principalId },
});

async function deploy(
  dir: string,
  inputs: Record<string, string> = {},
  dirOverride?: PrincipalDirectory | null,
) {
  const t = makeContext(
    sim,
    dir,
    { command: 'deploy', ...inputs },
    { directory: dirOverride === null ? undefined : (dirOverride ?? directory) },
  );
  const report = await executeCommand(t.ctx);
  return { ...t, report };
}

/** Runs and expects a ConfigError, with no write to Fabric. */
async function refused(
  dir: string,
  inputs: Record<string, string> = {},
  dirOverride?: PrincipalDirectory | null,
): Promise<UserError> {
  const from = await requestCount(sim);
  let err: unknown;
  try {
    await deploy(dir, inputs, dirOverride);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UserError);
  expect(await writesSince(sim, from)).toEqual([]);
  return err as UserError;
}

describe('capacity', () => {
  test('a new workspace is created on the capacity named in the config', async () => {
    const dir = project(config('cap-new', '  capacity:\n    name: F2 Dev\n'), [notebook('nb', 1)]);
    const { report } = await deploy(dir);
    expect(report.result).toBe('succeeded');
    expect(snapshot(sim, 'cap-new')!.capacityId).toBe(DEFAULTS.capacities.dev);
  });

  test('an existing workspace moves to another capacity, and back again on a rollback', async () => {
    const dir = project(config('cap-old', '  capacity:\n    name: F2 Dev\n'), [notebook('nb', 1)]);
    await deploy(dir);
    expect(snapshot(sim, 'cap-old')!.capacityId).toBe(DEFAULTS.capacities.dev);
    const dir2 = project(config('cap-old', `  capacity:\n    id: ${DEFAULTS.capacities.production}\n`), [
      notebook('nb', 1),
      notebook('nb2', 2),
    ]);
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      times: 1,
      action: { lroFail: { errorCode: 'InternalServerError' } },
    });
    const failed = await deploy(dir2);
    expect(failed.report.result).toBe('rolled-back');
    expect(failed.report.plan!.capacity).toMatchObject({
      action: 'assign',
      name: 'F64 Production',
      fromId: DEFAULTS.capacities.dev,
    });
    expect(snapshot(sim, 'cap-old')!.capacityId).toBe(DEFAULTS.capacities.dev);
    const ok = await deploy(dir2);
    expect(ok.report.result).toBe('succeeded');
    expect(snapshot(sim, 'cap-old')!.capacityId).toBe(DEFAULTS.capacities.production);
  });

  test('an inactive capacity is refused before any write', async () => {
    const dir = project(config('cap-paused', '  capacity:\n    name: F4 Paused\n'), [notebook('nb', 1)]);
    const err = await refused(dir);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/F4 Paused.*Inactive.*CapacityNotInActiveState/);
    expect(err.location?.line).toBe(5);
    expect(snapshot(sim, 'cap-paused')).toBeUndefined();
  });

  test('a capacity name that does not exist is refused with its config line', async () => {
    const dir = project(config('cap-missing', '  capacity:\n    name: F128 Nowhere\n'), [notebook('nb', 1)]);
    const err = await refused(dir);
    expect(err.message).toMatch(/capacity 'F128 Nowhere' was not found/);
    expect(err.location).toMatchObject({ line: 5 });
    expect(err.fix).toMatch(/F64 Production/);
  });
});

describe('principals', () => {
  const principals = `  principals:
    - { id: ${DEFAULTS.otherUser.id}, type: User, role: Member }
    - { upn: ${DEFAULTS.viewerUser.userPrincipalName}, role: Viewer }
    - { group: ${DEFAULTS.groups.engineers.displayName}, role: Contributor }
    - { appId: ${DEFAULTS.managedIdentity.clientId}, role: Contributor }
`;

  test('are added (UPNs, groups and appIds resolved), changed roles updated, and restored by a rollback', async () => {
    const dir = project(config('roles-ws', principals), [notebook('nb', 1)]);
    const { report, rec } = await deploy(dir);
    expect(report.result).toBe('succeeded');
    expect(snapshot(sim, 'roles-ws')!.roles).toEqual(
      [
        `${DEFAULTS.adminUser.id}:Admin`,
        `${DEFAULTS.otherUser.id}:Member`,
        `${DEFAULTS.viewerUser.id}:Viewer`,
        `${DEFAULTS.groups.engineers.id}:Contributor`,
        `${DEFAULTS.managedIdentity.principalId}:Contributor`,
      ].sort(),
    );
    expect(rec.audit.filter((a) => a.action === 'role.add')).toHaveLength(4);
    expect(report.plan!.principals.map((p) => p.action)).toEqual(['add', 'add', 'add', 'add']);

    // Unchanged: nothing to write.
    let from = await requestCount(sim);
    expect((await deploy(dir)).report.hasChanges).toBe(false);
    expect(await writesSince(sim, from)).toEqual([]);

    // A changed role and a new principal, then a failure: both undone.
    const before = snapshot(sim, 'roles-ws');
    const changed =
      principals.replace('role: Member', 'role: Admin') +
      `    - { id: ${DEFAULTS.managedIdentity.principalId.replace('5e1', '5e2')}, type: ServicePrincipal, role: Viewer }\n`;
    const dir2 = project(config('roles-ws', changed), [notebook('nb', 1), notebook('nb2', 2)]);
    await fetch(`${sim.url}/_sim/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        directory: {
          servicePrincipals: [
            {
              id: DEFAULTS.managedIdentity.principalId.replace('5e1', '5e2'),
              appId: '0000aaaa-0000-4000-8000-000000000001',
              displayName: 'other sp',
            },
          ],
        },
      }),
    });
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/items',
      times: 1,
      action: { lroFail: { errorCode: 'InternalServerError' } },
    });
    from = await requestCount(sim);
    const failed = await deploy(dir2);
    expect(failed.report.result).toBe('rolled-back');
    expect(
      failed.report
        .plan!.principals.filter((p) => p.action !== 'unchanged')
        .map((p) => [p.action, p.fromRole, p.role]),
    ).toEqual([
      ['update', 'Member', 'Admin'],
      ['add', undefined, 'Viewer'],
    ]);
    expect(snapshot(sim, 'roles-ws')).toEqual(before);
    expect(failed.rec.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['role.update', 'role.add', 'rollback.role.update', 'rollback.role.add']),
    );
  });

  test('the principals file is reconciled too (ids, UPNs, groups)', async () => {
    const file = [
      'principal_id,role,description,type',
      `${DEFAULTS.otherUser.id},Member,Carol,User`,
      `${DEFAULTS.viewerUser.userPrincipalName},Viewer,Bob by UPN,User`,
      `${DEFAULTS.groups.engineers.id},Contributor,"Engineers, all of them",Group`,
    ].join('\n');
    const dir = project(config('roles-file', '  principalsFile: principals.csv\n'), [notebook('nb', 1)], {
      'principals.csv': file,
    });
    const { report } = await deploy(dir);
    expect(report.result).toBe('succeeded');
    expect(report.plan!.principals.map((p) => [p.label, p.role, p.source])).toEqual([
      [`Carol (${DEFAULTS.otherUser.id})`, 'Member', 'file'],
      [DEFAULTS.viewerUser.userPrincipalName, 'Viewer', 'file'],
      [`Engineers, all of them (${DEFAULTS.groups.engineers.id})`, 'Contributor', 'file'],
    ]);
    expect(snapshot(sim, 'roles-file')!.roles).toEqual(
      [
        `${DEFAULTS.adminUser.id}:Admin`,
        `${DEFAULTS.otherUser.id}:Member`,
        `${DEFAULTS.viewerUser.id}:Viewer`,
        `${DEFAULTS.groups.engineers.id}:Contributor`,
      ].sort(),
    );
  });

  test('a principals file entry the directory does not know is refused at its line', async () => {
    const file = `principal_id,role,description,type\n${DEFAULTS.otherUser.id},Member,Carol,User\nghost@contoso.com,Viewer,nobody,User\n`;
    const dir = project(config('roles-file-bad', '  principalsFile: principals.csv\n'), [notebook('nb', 1)], {
      'principals.csv': file,
    });
    const err = await refused(dir);
    expect(err.message).toMatch(/ghost@contoso\.com/);
    expect(err.location).toMatchObject({ line: 3 });
    expect(err.location!.file).toMatch(/principals\.csv$/);
  });

  test('a principals file with a bad role is refused at its line', async () => {
    const file = `principal_id,role,description,type\n${DEFAULTS.otherUser.id},Owner,Carol,User\n`;
    const dir = project(
      config('roles-file-role', '  principalsFile: principals.csv\n'),
      [notebook('nb', 1)],
      { 'principals.csv': file },
    );
    const err = await refused(dir);
    expect(err.message).toMatch(/Owner/);
    expect(err.location).toMatchObject({ line: 2 });
  });

  test('an unknown principal (Graph look-up fails) is refused before any write', async () => {
    const dir = project(
      config('roles-bad', '  principals:\n    - { upn: nobody@contoso.com, role: Member }\n'),
      [notebook('nb', 1)],
    );
    const err = await refused(dir);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/nobody@contoso\.com/);
    expect(err.location?.line).toBe(5);
  });

  test('a UPN without a directory is refused with a clear fix', async () => {
    const dir = project(
      config(
        'roles-nodir',
        `  principals:\n    - { upn: ${DEFAULTS.viewerUser.userPrincipalName}, role: Member }\n`,
      ),
      [notebook('nb', 1)],
    );
    const err = await refused(dir, {}, null);
    expect(err.message).toMatch(/needs a Microsoft Graph look-up, but no directory is available/);
    expect(err.fix).toMatch(/object id/);
  });
});

describe('git', () => {
  const git = `  capacity:
    name: F2 Dev
  git:
    provider: GitHub
    owner: contoso
    repository: sales
    branch: main
    directory: /workspace
    connectionId: ${DEFAULTS.gitConnections.github}
    initialize: PreferWorkspace
`;

  test('connects and initializes; a failure later disconnects it again', async () => {
    const dir = project(config('git-ws', '  capacity:\n    name: F2 Dev\n'), [notebook('nb', 1)]);
    await deploy(dir);
    const before = snapshot(sim, 'git-ws');
    const dir2 = project(config('git-ws', git), [notebook('nb', 1), notebook('nb2', 2)]);
    // Git steps run after the items: fail the last write of the run, the initialization.
    await addFault(sim, {
      method: 'POST',
      path: '/v1/workspaces/*/git/initializeConnection',
      times: 3,
      action: { status: 500, errorCode: 'InternalServerError' },
    });
    const failed = await deploy(dir2);
    expect(failed.report.result).toBe('rolled-back');
    expect(failed.report.rollback!.map((u) => [u.action, u.result])).toEqual(
      expect.arrayContaining([['disconnect-git', 'undone']]),
    );
    expect(snapshot(sim, 'git-ws')).toEqual(before);
    await clearFaults(sim);
    const ok = await deploy(dir2);
    expect(ok.report.result).toBe('succeeded');
    expect(ok.report.plan!.git).toMatchObject({ action: 'connect', initialize: 'PreferWorkspace' });
    expect(snapshot(sim, 'git-ws')!.git).toBe('sales@main');
    // Connected to the same repository: unchanged.
    const again = await executeCommand(makeContext(sim, dir2, { command: 'plan' }, { directory }).ctx);
    expect(again.plan!.git?.action).toBe('unchanged');
    expect(again.hasChanges).toBe(false);
  });

  test('updates from Git when asked, and an up-to-date workspace re-deploys without a write', async () => {
    const cfg = git.replace(
      'initialize: PreferWorkspace',
      'initialize: PreferRemote\n    updateFromGit: true',
    );
    const dir = project(config('git-upd', cfg), [notebook('nb', 1)]);
    const first = await deploy(dir);
    expect(first.report.result).toBe('succeeded');
    expect(first.host.allText()).toMatch(/initialized the Git connection \(PreferRemote\)/);
    const from = await requestCount(sim);
    const again = await deploy(dir);
    expect(again.report.plan!.git).toMatchObject({ action: 'unchanged', updateFromGit: false });
    expect(again.report.hasChanges).toBe(false);
    expect(await writesSince(sim, from)).toEqual([]);
  });

  test('GitHub without a connection id is refused before any write', async () => {
    const dir = project(config('git-bad', git.replace(/ {4}connectionId: .*\n/, '')), [notebook('nb', 1)]);
    const err = await refused(dir);
    expect(err.message).toMatch(/GitHub connection needs a Fabric connection id/);
  });
});

describe('bad input is refused before any write', () => {
  test('cyclic references name every member of the cycle', async () => {
    const dir = project(config('cycle-ws'), [
      notebook('nb_x', 1, 'x', [3]),
      notebook('nb_y', 2, 'y', [1]),
      notebook('nb_z', 3, 'z', [2]),
      notebook('nb_ok', 4),
    ]);
    const err = await refused(dir);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/cycle/);
    for (const n of ['nb_x', 'nb_y', 'nb_z']) expect(err.message).toContain(`Notebook '${n}'`);
    expect(err.message).not.toContain('nb_ok');
    expect(snapshot(sim, 'cycle-ws')).toBeUndefined();
  });

  test('two items with the same type and name', async () => {
    const dir = project(config('dup-ws'), [notebook('twin', 1), notebook('twin', 2, 'other', [], 'sub')]);
    const err = await refused(dir);
    expect(err.message).toMatch(/twin/);
  });

  test('a name against the naming rules', async () => {
    const dir = project(
      config('naming-ws').replace('items:', 'naming:\n  Notebook: "^nb_[a-z_]+$"\nitems:'),
      [notebook('nb_ok', 1), notebook('Bad Name', 2)],
    );
    const err = await refused(dir);
    expect(err.message).toMatch(/Notebook 'Bad Name' does not follow the naming rule/);
  });

  test('a parameter that names an item neither in the repository nor in the workspace', async () => {
    const params =
      'find_replace:\n  - find_value: "REPLACE_ME"\n    replace_value:\n      _ALL_: "$items.Lakehouse.Nope.$id"\n';
    const dir = project(
      config('param-ws').replace(
        '  directory: items\n',
        '  directory: items\n  parameterFile: parameter.yml\n',
      ),
      [notebook('nb', 1, "print('REPLACE_ME')")],
      {
        'parameter.yml': params,
      },
    );
    const err = await refused(dir);
    expect(err.message).toMatch(/no Lakehouse named 'Nope'/);
    expect(err.location).toMatchObject({ line: 4 });
  });

  test('Git without a capacity', async () => {
    const dir = project(
      config(
        'git-nocap',
        '  git:\n    provider: GitHub\n    owner: contoso\n    repository: sales\n    branch: main\n    connectionId: ' +
          DEFAULTS.gitConnections.github +
          '\n',
      ),
      [notebook('nb', 1)],
    );
    const err = await refused(dir);
    expect(err.message).toMatch(/Git integration needs the workspace on a Fabric capacity/);
    expect(err.field).toBe('workspace.capacity');
  });

  test('a workspace already connected to another repository', async () => {
    const dir = project(
      config(
        'git-other',
        '  capacity:\n    name: F2 Dev\n  git:\n    provider: GitHub\n    owner: contoso\n    repository: sales\n    branch: main\n    connectionId: ' +
          DEFAULTS.gitConnections.github +
          '\n',
      ),
      [notebook('nb', 1)],
    );
    expect((await deploy(dir)).report.result).toBe('succeeded');
    writeItems(dir, [notebook('nb', 1, 'changed')]);
    const other = project(
      config(
        'git-other',
        '  capacity:\n    name: F2 Dev\n  git:\n    provider: GitHub\n    owner: contoso\n    repository: finance\n    branch: main\n    connectionId: ' +
          DEFAULTS.gitConnections.github +
          '\n',
      ),
      [notebook('nb', 1, 'changed')],
    );
    const err = await refused(other);
    expect(err.message).toMatch(/connected to GitHub contoso\/sales@main/);
    void lid;
  });
});
