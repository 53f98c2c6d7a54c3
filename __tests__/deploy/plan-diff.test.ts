/**
 * The plan's pure step: `diff(desired, actual)`, case by case, with no simulator and no client. What
 * the workspace holds is written out as data; so is the repository, its definitions already built.
 */
import { ConfigError } from '../../src/errors';
import type { Folder, Item, ItemDefinition, RoleAssignment, Workspace } from '../../src/fabric/types';
import { itemKey } from '../../src/deploy/desired';
import { diff, type DesiredItemFacts, type PlanDesired } from '../../src/deploy/plan/diff';
import type { ActualState } from '../../src/deploy/plan/model';
import type { DesiredGit, DesiredPrincipal } from '../../src/deploy/workspace';
import type { GitConnection } from '../../src/fabric/types';

const WS: Workspace = { id: 'ws-1', displayName: 'sales', description: 'd', capacityId: 'cap-1' };
const NOW = new Date('2025-01-02T03:04:05Z');

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const def = (files: Record<string, string>): ItemDefinition => ({
  parts: Object.entries(files).map(([path, text]) => ({
    path,
    payload: b64(text),
    payloadType: 'InlineBase64',
  })),
});
const nb = (code: string) => def({ 'notebook-content.py': code });

function want(type: string, name: string, extra: Partial<DesiredItemFacts> = {}): DesiredItemFacts {
  return {
    key: itemKey(type, name),
    type,
    displayName: name,
    logicalId: `lid-${name}`,
    folderPath: '',
    shell: false,
    dependsOn: [],
    ...extra,
  };
}

function have(type: string, name: string, extra: Partial<Item> = {}): Item {
  return { id: `id-${name}`, type, displayName: name, workspaceId: WS.id, ...extra };
}

function desired(extra: Partial<PlanDesired> = {}): PlanDesired {
  return {
    deploymentId: 'dep-1',
    workspaceTarget: { name: 'sales' },
    items: [],
    definitions: new Map(),
    principals: [],
    deleteOrphans: false,
    ...extra,
  };
}

function actual(extra: Partial<ActualState> = {}): ActualState {
  return {
    workspace: WS,
    items: [],
    folders: [],
    lockState: { locks: [], leftovers: [] },
    roles: [],
    definitions: new Map(),
    ...extra,
  };
}

const folder = (id: string, displayName: string, parentFolderId?: string): Folder => ({
  id,
  displayName,
  workspaceId: WS.id,
  parentFolderId,
});

describe('items', () => {
  test.each([
    {
      case: 'not deployed: create',
      repo: [want('Notebook', 'nb')],
      deployed: [],
      wanted: {},
      got: {},
      expected: [{ name: 'nb', action: 'create', id: undefined, reason: undefined }],
    },
    {
      case: 'another definition: update, with the changed part',
      repo: [want('Notebook', 'nb')],
      deployed: [have('Notebook', 'nb')],
      wanted: { [itemKey('Notebook', 'nb')]: nb('print(2)') },
      got: { [itemKey('Notebook', 'nb')]: nb('print(1)') },
      expected: [{ name: 'nb', action: 'update', id: 'id-nb', reason: 'changed notebook-content.py' }],
    },
    {
      case: 'the same after normalisation (CRLF, trailing blanks, JSON key order): unchanged',
      repo: [want('Notebook', 'nb')],
      deployed: [have('Notebook', 'nb')],
      wanted: { [itemKey('Notebook', 'nb')]: def({ 'a.py': 'x = 1\n', 'b.json': '{"a":1,"b":2}' }) },
      got: {
        [itemKey('Notebook', 'nb')]: def({ 'b.json': '{\n  "b": 2,\n  "a": 1\n}', 'a.py': 'x = 1\r\n\r\n' }),
      },
      expected: [{ name: 'nb', action: 'unchanged', id: 'id-nb', reason: undefined }],
    },
    {
      case: 'a description change: update (a shell item compares no definition)',
      repo: [want('Lakehouse', 'lh', { shell: true, description: 'new' })],
      deployed: [have('Lakehouse', 'lh', { description: 'old' })],
      wanted: {},
      got: {},
      expected: [{ name: 'lh', action: 'update', id: 'id-lh', reason: 'description' }],
    },
    {
      case: 'a name that differs in case only: the same item, renamed',
      repo: [want('Notebook', 'Sales NB')],
      deployed: [have('Notebook', 'sales nb')],
      wanted: { [itemKey('Notebook', 'Sales NB')]: nb('x') },
      got: { [itemKey('Notebook', 'Sales NB')]: nb('x') },
      expected: [
        { name: 'Sales NB', action: 'update', id: 'id-sales nb', reason: "renamed from 'sales nb'" },
      ],
    },
  ])('$case', ({ repo, deployed, wanted, got, expected }) => {
    const { plan } = diff(
      desired({ items: repo, definitions: new Map(Object.entries(wanted)) }),
      actual({ items: deployed, definitions: new Map(Object.entries(got)) }),
      NOW,
    );
    expect(plan.items.map((i) => ({ name: i.name, action: i.action, id: i.id, reason: i.reason }))).toEqual(
      expected,
    );
    expect(plan.hasChanges).toBe(expected.some((e) => e.action !== 'unchanged'));
    expect(plan.createdAt).toBe(NOW.toISOString());
  });

  test('a new name, and no deployed item with its logical id: a create and an orphan', () => {
    const { plan, orphans } = diff(
      desired({ items: [want('Notebook', 'new name', { logicalId: 'lid-1' })], deleteOrphans: true }),
      actual({ items: [have('Notebook', 'old name')] }),
      NOW,
    );
    expect(plan.items.map((i) => [i.name, i.action])).toEqual([
      ['new name', 'create'],
      ['old name', 'delete'],
    ]);
    expect(orphans.map((o) => o.id)).toEqual(['id-old name']);
  });

  test('a new name for a deployed logical id (actual.renames): a rename of that item, no create, no orphan', () => {
    const { plan, orphans, existing } = diff(
      desired({
        items: [want('Notebook', 'new name', { logicalId: 'lid-1', folderPath: '/b' })],
        deleteOrphans: true,
      }),
      actual({
        items: [have('Notebook', 'old name', { folderId: 'f-a' })],
        folders: [{ id: 'f-a', displayName: 'a', workspaceId: WS.id } as Folder],
        renames: new Map([[itemKey('Notebook', 'new name'), 'id-old name']]),
      }),
      NOW,
    );
    expect(plan.items).toEqual([
      expect.objectContaining({
        name: 'new name',
        action: 'update',
        id: 'id-old name',
        fromName: 'old name',
        fromFolder: '/a',
        folder: '/b',
        reason: "renamed from 'old name'; folder /a → /b",
      }),
    ]);
    expect(orphans).toEqual([]);
    expect(existing.get(itemKey('Notebook', 'new name'))?.id).toBe('id-old name');
  });

  test('a folder change alone is a move; with a definition change, an update that says both', () => {
    const folders = [folder('f-a', 'a'), folder('f-b', 'b'), folder('f-c', 'c', 'f-b')];
    const { plan, folderIds } = diff(
      desired({
        items: [
          want('Notebook', 'moved', { folderPath: '/b/c' }),
          want('Notebook', 'both', { folderPath: '' }),
        ],
        definitions: new Map([
          [itemKey('Notebook', 'moved'), nb('same')],
          [itemKey('Notebook', 'both'), nb('new')],
        ]),
      }),
      actual({
        items: [
          have('Notebook', 'moved', { folderId: 'f-a' }),
          have('Notebook', 'both', { folderId: 'f-a' }),
        ],
        folders,
        definitions: new Map([
          [itemKey('Notebook', 'moved'), nb('same')],
          [itemKey('Notebook', 'both'), nb('old')],
        ]),
      }),
      NOW,
    );
    expect(plan.items.map((i) => [i.name, i.action, i.fromFolder, i.reason])).toEqual([
      ['moved', 'move', '/a', 'folder /a → /b/c'],
      ['both', 'update', '/a', 'changed notebook-content.py; folder /a → /'],
    ]);
    expect(plan.folders).toEqual([
      { path: '/b', action: 'unchanged', id: 'f-b' },
      { path: '/b/c', action: 'unchanged', id: 'f-c' },
    ]);
    expect(folderIds.get('/b/c')).toBe('f-c');
  });

  test('folders not managed: an existing item stays in its folder; a missing folder is created', () => {
    const { plan } = diff(
      desired({
        items: [
          want('Notebook', 'kept', { folderPath: undefined }),
          want('Notebook', 'new', { folderPath: '/x/y' }),
        ],
      }),
      actual({ items: [have('Notebook', 'kept', { folderId: 'f-a' })], folders: [folder('f-a', 'a')] }),
      NOW,
    );
    expect(plan.items.map((i) => [i.name, i.action, i.folder])).toEqual([
      ['kept', 'unchanged', '/a'],
      ['new', 'create', '/x/y'],
    ]);
    expect(plan.folders.map((f) => [f.path, f.action])).toEqual([
      ['/x', 'create'],
      ['/x/y', 'create'],
    ]);
  });

  test('items come in dependency order; a change that refers to an item still to create says so', () => {
    const { plan } = diff(
      desired({
        items: [
          want('Notebook', 'uses', { dependsOn: [itemKey('Lakehouse', 'lh')] }),
          want('Lakehouse', 'lh', { shell: true }),
        ],
        definitions: new Map([[itemKey('Notebook', 'uses'), nb('new')]]),
      }),
      actual({
        items: [have('Notebook', 'uses')],
        definitions: new Map([[itemKey('Notebook', 'uses'), nb('old')]]),
      }),
      NOW,
    );
    expect(plan.items.map((i) => [i.name, i.action, i.reason])).toEqual([
      ['lh', 'create', undefined],
      ['uses', 'update', 'changed notebook-content.py (refers to items this run creates)'],
    ]);
    expect(plan.counts).toEqual({ create: 1, update: 1 });
  });
});

describe('orphans', () => {
  const deployed = [
    have('Notebook', 'gone'),
    have('Lakehouse', 'data'),
    have('SQLEndpoint', 'data'),
    have('Notebook', 'scratch 1'),
    have('Report', 'other type'),
  ];
  const scope = { exclude: ['^scratch '], types: ['Notebook', 'Lakehouse'] };

  test('deleteOrphans on: deleted, except data holders (kept), service-made, excluded and out-of-scope items', () => {
    const { plan, orphans } = diff(
      desired({ ...scope, deleteOrphans: true }),
      actual({ items: deployed }),
      NOW,
    );
    expect(plan.items.map((i) => [i.type, i.name, i.action, i.reason])).toEqual([
      ['Notebook', 'gone', 'delete', 'not in the repository'],
    ]);
    expect(orphans.map((o) => o.displayName)).toEqual(['gone']);
    expect(plan.unmanaged).toEqual([
      {
        type: 'Lakehouse',
        name: 'data',
        id: 'id-data',
        reason: 'kept: a Lakehouse holds data; delete it by hand if it is no longer needed',
      },
    ]);
  });

  test('deleteOrphans off: nothing is deleted, every orphan is listed as unmanaged', () => {
    const { plan, orphans } = diff(desired(scope), actual({ items: deployed }), NOW);
    expect(plan.items).toEqual([]);
    expect(orphans).toEqual([]);
    expect(plan.unmanaged.map((u) => [u.name, u.reason])).toEqual([
      ['gone', 'not in the repository (orphan deletion is off)'],
      ['data', 'not in the repository (orphan deletion is off)'],
    ]);
    expect(plan.hasChanges).toBe(false);
  });
});

describe('workspace and capacity', () => {
  const capacity = { id: 'CAP-2', displayName: 'F64', sku: 'F64', region: 'westeurope', state: 'Active' };

  test('no workspace yet: create it, on its capacity', () => {
    const { plan } = diff(
      desired({ workspaceTarget: { name: 'sales', description: 'x' }, capacity }),
      actual({ workspace: undefined }),
      NOW,
    );
    expect(plan.workspace).toEqual({ action: 'create', name: 'sales', description: 'x' });
    expect(plan.capacity).toEqual({ action: 'assign', id: 'CAP-2', name: 'F64', fromId: undefined });
    expect(plan.hasChanges).toBe(true);
  });

  test.each([
    {
      case: 'another description: update',
      description: 'new',
      capacityId: 'cap-2',
      ws: 'update',
      cap: 'unchanged',
    },
    {
      case: 'no description asked: unchanged',
      description: undefined,
      capacityId: 'cap-2',
      ws: 'unchanged',
      cap: 'unchanged',
    },
    {
      case: 'another capacity (ids compare without case): assign',
      description: 'd',
      capacityId: 'cap-1',
      ws: 'unchanged',
      cap: 'assign',
    },
  ])('$case', ({ description, capacityId, ws, cap }) => {
    const { plan } = diff(
      desired({ workspaceTarget: { name: 'sales', description }, capacity }),
      actual({ workspace: { ...WS, capacityId } }),
      NOW,
    );
    expect([plan.workspace.action, plan.capacity?.action]).toEqual([ws, cap]);
  });
});

describe('principals', () => {
  const p = (
    id: string,
    role: DesiredPrincipal['role'],
    extra: Partial<DesiredPrincipal> = {},
  ): DesiredPrincipal => ({
    id,
    type: 'User',
    role,
    label: `user ${id}`,
    source: 'config',
    ...extra,
  });
  const assigned = (id: string, role: RoleAssignment['role']): RoleAssignment => ({
    id,
    principal: { id: id.toUpperCase(), type: 'User' },
    role,
  });

  test('added, changed, unchanged (principal ids compare without case)', () => {
    const { plan } = diff(
      desired({ principals: [p('a', 'Member'), p('b', 'Admin'), p('c', 'Viewer')] }),
      actual({ roles: [assigned('b', 'Contributor'), assigned('c', 'Viewer')] }),
      NOW,
    );
    expect(plan.principals.map((x) => [x.id, x.action, x.fromRole])).toEqual([
      ['a', 'add', undefined],
      ['b', 'update', 'Contributor'],
      ['c', 'unchanged', undefined],
    ]);
  });

  test('a new workspace: its creator is Admin already', () => {
    const { plan } = diff(
      desired({ selfId: 'ME', principals: [p('me', 'Admin'), p('other', 'Viewer')] }),
      actual({ workspace: undefined }),
      NOW,
    );
    expect(plan.principals.map((x) => [x.id, x.action])).toEqual([
      ['me', 'unchanged'],
      ['other', 'add'],
    ]);
  });

  test('demoting the deploying identity while other role changes need its Admin role is refused', () => {
    expect(() =>
      diff(
        desired({ selfId: 'me', principals: [p('me', 'Member'), p('other', 'Viewer')] }),
        actual({ roles: [assigned('me', 'Admin')] }),
        NOW,
      ),
    ).toThrow(
      /would demote the deploying identity \(user me\) from Admin to Member .*the role change of user other/,
    );
  });
});

describe('git', () => {
  const want: DesiredGit = {
    config: {
      provider: 'GitHub',
      owner: 'contoso',
      repository: 'sales',
      branch: 'main',
      initialize: 'PreferRemote',
      updateFromGit: true,
    },
    connectBody: {
      gitProviderDetails: {
        gitProviderType: 'GitHub',
        ownerName: 'contoso',
        repositoryName: 'sales',
        branchName: 'main',
        directoryName: 'workspace',
      },
    },
    label: 'GitHub contoso/sales@main:/workspace',
  };
  const conn = (state: string, repositoryName = 'sales'): GitConnection => ({
    gitConnectionState: state,
    gitProviderDetails: { ...want.connectBody.gitProviderDetails, repositoryName },
  });

  test.each([
    {
      case: 'not connected: connect, initialize, update',
      git: undefined,
      status: undefined,
      expected: ['connect', 'PreferRemote', true],
    },
    {
      case: 'connected, not initialized: initialize and update',
      git: conn('Connected'),
      status: undefined,
      expected: ['unchanged', 'PreferRemote', true],
    },
    {
      case: 'initialized, head behind the remote: update only',
      git: conn('ConnectedAndInitialized'),
      status: { workspaceHead: 'a', remoteCommitHash: 'b', changes: [] },
      expected: ['unchanged', undefined, true],
    },
    {
      case: 'initialized, head at the remote: nothing to do',
      git: conn('ConnectedAndInitialized'),
      status: { workspaceHead: 'b', remoteCommitHash: 'b', changes: [] },
      expected: ['unchanged', undefined, false],
    },
  ])('$case', ({ git, status, expected }) => {
    const { plan } = diff(desired({ git: want }), actual({ git, gitStatus: status }), NOW);
    expect([plan.git?.action, plan.git?.initialize, plan.git?.updateFromGit]).toEqual(expected);
    expect(plan.hasChanges).toBe(
      expected[0] !== 'unchanged' || expected[1] !== undefined || expected[2] === true,
    );
  });

  test('connected to another repository: a ConfigError naming both', () => {
    const err = (() => {
      try {
        diff(desired({ git: want }), actual({ git: conn('ConnectedAndInitialized', 'other') }), NOW);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      'the workspace is connected to GitHub contoso/other@main:/workspace, not to GitHub contoso/sales@main:/workspace',
    );
  });

  test('no capacity anywhere: a ConfigError before any write', () => {
    expect(() =>
      diff(desired({ git: want }), actual({ workspace: { ...WS, capacityId: undefined } }), NOW),
    ).toThrow('Git integration needs the workspace on a Fabric capacity, and it has none');
  });
});

test("another deployment's lock: a warning and lockedBy in the plan", () => {
  const since = new Date('2025-01-01T00:00:00Z');
  const { plan } = diff(
    desired({ warnings: ['from the repository'] }),
    actual({
      lockState: { locks: [{ folderId: 'f', name: 'lock', deploymentId: 'other', since }], leftovers: [] },
    }),
    NOW,
  );
  expect(plan.lockedBy).toEqual({ deploymentId: 'other', since: since.toISOString() });
  expect(plan.warnings).toEqual([
    'from the repository',
    'deployment other holds the workspace lock (since 2025-01-01T00:00:00.000Z); a deploy now would wait or fail',
  ]);
});
