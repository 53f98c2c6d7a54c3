/** Git integration: connect → initialize → update/commit, status, heads, credentials, errors. */
import { DEFAULTS } from '../../src/simulator';
import { useSimulator } from '../support/sim';
import { b64, client } from '../support/sim-client';

const getSim = useSimulator();

const provider = {
  gitProviderType: 'GitHub',
  ownerName: 'contoso',
  repositoryName: 'fabric-project',
  branchName: 'main',
  directoryName: 'workspace',
};
const remoteKey = 'GitHub/contoso/fabric-project/main/workspace';
const creds = { source: 'ConfiguredConnection', connectionId: DEFAULTS.gitConnections.github };

async function setRemote(items: unknown[], head?: string) {
  const r = await fetch(`${getSim().url}/_sim/git/remotes/${encodeURIComponent(remoteKey)}`, {
    method: 'PUT',
    body: JSON.stringify({ items, head }),
  });
  return (await r.json()) as { head: string };
}

/** Run a git call that may answer 200 or 202 and return the final body (or result). */
async function run(c: ReturnType<typeof client>, method: string, path: string, body?: unknown) {
  const r = await c.call(method, path, body);
  if (r.status !== 202) return r;
  const done = await c.lro(r);
  if (done.state.status === 'Failed') return { status: 400, body: done.state.error, headers: r.headers };
  return { status: 200, body: done.result, headers: r.headers };
}

test('full flow', async () => {
  const c = client(getSim());
  const ws = (await c.call('POST', '/workspaces', { displayName: 'Git WS' })).body;
  const g = `/workspaces/${ws.id}/git`;
  expect((await c.call('GET', `${g}/connection`)).body).toEqual({ gitConnectionState: 'NotConnected' });
  expect((await c.call('GET', `${g}/status`)).body.errorCode).toBe('WorkspaceNotConnectedToGit');
  expect(
    (await c.call('POST', `${g}/connect`, { gitProviderDetails: provider, myGitCredentials: creds })).body
      .errorCode,
  ).toBe('WorkspaceHasNoCapacityAssigned');
  await c.call('POST', `/workspaces/${ws.id}/assignToCapacity`, {
    capacityId: DEFAULTS.capacities.production,
  });

  // GitHub without ownerName fails schema validation (discriminated subtype enforced).
  const noOwner = await c.call('POST', `${g}/connect`, {
    gitProviderDetails: { ...provider, ownerName: undefined },
    myGitCredentials: creds,
  });
  expect(noOwner.body.errorCode).toBe('InvalidInput');
  const badConn = await c.call('POST', `${g}/connect`, {
    gitProviderDetails: provider,
    myGitCredentials: {
      source: 'ConfiguredConnection',
      connectionId: '00000000-0000-4000-8000-000000000999',
    },
  });
  expect(badConn.body.errorCode).toBe('ConnectionNotFound');
  const remote = await setRemote([
    {
      logicalId: 'aaaaaaaa-0000-4000-8000-000000000001',
      type: 'Notebook',
      displayName: 'From Git',
      parts: [{ path: 'notebook-content.py', payload: b64('print(1)'), payloadType: 'InlineBase64' }],
    },
  ]);
  expect(
    (await c.call('POST', `${g}/connect`, { gitProviderDetails: provider, myGitCredentials: creds })).status,
  ).toBe(200);
  expect(
    (await c.call('POST', `${g}/connect`, { gitProviderDetails: provider, myGitCredentials: creds })).body
      .errorCode,
  ).toBe('WorkspaceAlreadyConnectedToGit');
  expect((await c.call('GET', `${g}/connection`)).body).toMatchObject({
    gitConnectionState: 'Connected',
    gitProviderDetails: provider,
  });
  expect((await c.call('GET', `${g}/status`)).body.errorCode).toBe('WorkspaceGitConnectionNotInitialized');
  expect((await c.call('GET', `${g}/myGitCredentials`)).body).toEqual(creds);

  const init = await run(c, 'POST', `${g}/initializeConnection`, { initializationStrategy: 'PreferRemote' });
  expect(init.body).toMatchObject({ requiredAction: 'UpdateFromGit', remoteCommitHash: remote.head });
  const status = await run(c, 'GET', `${g}/status`);
  expect(status.body.changes).toEqual([
    {
      itemMetadata: {
        itemIdentifier: { logicalId: 'aaaaaaaa-0000-4000-8000-000000000001' },
        itemType: 'Notebook',
        displayName: 'From Git',
      },
      remoteChange: 'Added',
      conflictType: 'None',
    },
  ]);
  const wrongHead = await c.call('POST', `${g}/updateFromGit`, { remoteCommitHash: 'f'.repeat(40) });
  expect(wrongHead.body.errorCode).toBe('RemoteCommitHashMismatch');
  const upd = await run(c, 'POST', `${g}/updateFromGit`, {
    remoteCommitHash: remote.head,
    workspaceHead: init.body.workspaceHead || undefined,
  });
  expect(upd.status).toBe(200);
  const items = (await c.call('GET', `/workspaces/${ws.id}/items`)).body.value;
  expect(items.map((i: any) => i.displayName)).toEqual(['From Git']);
  const conn = (await c.call('GET', `${g}/connection`)).body;
  expect(conn).toMatchObject({
    gitConnectionState: 'ConnectedAndInitialized',
    gitSyncDetails: { head: remote.head },
  });

  // Change the item in the workspace and commit.
  const nb = items[0];
  await c.lro(
    await c.call('POST', `/workspaces/${ws.id}/items/${nb.id}/updateDefinition`, {
      definition: {
        parts: [{ path: 'notebook-content.py', payload: b64('print(2)'), payloadType: 'InlineBase64' }],
      },
    }),
  );
  const st2 = await run(c, 'GET', `${g}/status`);
  expect(st2.body.changes[0]).toMatchObject({ workspaceChange: 'Modified', conflictType: 'None' });
  expect(st2.body.changes[0].itemMetadata.itemIdentifier.objectId).toBe(nb.id);
  const stale = await c.call('POST', `${g}/commitToGit`, { mode: 'All', workspaceHead: '0'.repeat(40) });
  expect(stale.body.errorCode).toBe('WorkspaceHeadMismatch');
  const commit = await run(c, 'POST', `${g}/commitToGit`, {
    mode: 'All',
    workspaceHead: st2.body.workspaceHead,
    comment: 'update',
  });
  expect(commit.status).toBe(200);
  const st3 = await run(c, 'GET', `${g}/status`);
  expect(st3.body.changes).toEqual([]);
  expect(st3.body.remoteCommitHash).not.toBe(remote.head);
  expect(st3.body.workspaceHead).toBe(st3.body.remoteCommitHash);
  expect(
    (await c.call('POST', `${g}/commitToGit`, { mode: 'All', workspaceHead: st3.body.workspaceHead })).body
      .errorCode,
  ).toBe('NoChangesToCommit');

  // Conflict: both sides change the item.
  const remoteNow = (await (
    await fetch(`${getSim().url}/_sim/git/remotes/${encodeURIComponent(remoteKey)}`)
  ).json()) as any;
  await setRemote([
    {
      ...remoteNow.items[0],
      parts: [{ path: 'notebook-content.py', payload: b64('print(3)'), payloadType: 'InlineBase64' }],
      hash: undefined,
    },
  ]);
  await c.lro(
    await c.call('POST', `/workspaces/${ws.id}/items/${nb.id}/updateDefinition`, {
      definition: {
        parts: [{ path: 'notebook-content.py', payload: b64('print(4)'), payloadType: 'InlineBase64' }],
      },
    }),
  );
  const st4 = await run(c, 'GET', `${g}/status`);
  expect(st4.body.changes[0]).toMatchObject({
    workspaceChange: 'Modified',
    remoteChange: 'Modified',
    conflictType: 'Conflict',
  });
  const noPolicy = await c.call('POST', `${g}/updateFromGit`, {
    remoteCommitHash: st4.body.remoteCommitHash,
    workspaceHead: st4.body.workspaceHead,
  });
  expect(noPolicy.body.errorCode).toBe('WorkspaceHasConflicts');
  const resolved = await run(c, 'POST', `${g}/updateFromGit`, {
    remoteCommitHash: st4.body.remoteCommitHash,
    workspaceHead: st4.body.workspaceHead,
    conflictResolution: { conflictResolutionType: 'Workspace', conflictResolutionPolicy: 'PreferRemote' },
    options: { allowOverrideItems: true },
  });
  expect(resolved.status).toBe(200);
  const def = await c.lro(await c.call('POST', `/workspaces/${ws.id}/items/${nb.id}/getDefinition`));
  const code = def.result.definition.parts.find((p: any) => p.path === 'notebook-content.py');
  expect(Buffer.from(code.payload, 'base64').toString()).toBe('print(3)');

  // Credentials and disconnect.
  expect((await c.call('PATCH', `${g}/myGitCredentials`, { source: 'None' })).body).toEqual({
    source: 'None',
  });
  expect((await c.call('GET', `${g}/status`)).body.errorCode).toBe('GitCredentialsNotConfigured');
  expect((await c.call('POST', `${g}/disconnect`)).status).toBe(200);
  expect((await c.call('POST', `${g}/disconnect`)).body.errorCode).toBe('WorkspaceNotConnectedToGit');
});

test('initialize needs a strategy when both sides have content; service principals cannot use Automatic', async () => {
  const sim = getSim();
  const c = client(sim);
  const ws = (
    await c.call('POST', '/workspaces', {
      displayName: 'Git WS 2',
      capacityId: DEFAULTS.capacities.production,
    })
  ).body;
  await c.lro(await c.call('POST', `/workspaces/${ws.id}/items`, { displayName: 'Local', type: 'Notebook' }));
  await setRemote([
    { logicalId: 'aaaaaaaa-0000-4000-8000-000000000002', type: 'Notebook', displayName: 'Remote' },
  ]);
  const g = `/workspaces/${ws.id}/git`;
  const adoProvider = {
    gitProviderType: 'AzureDevOps',
    organizationName: 'contoso',
    projectName: 'fabric',
    repositoryName: 'repo',
    branchName: 'main',
    directoryName: '/',
  };
  await c.call('POST', `/workspaces/${ws.id}/roleAssignments`, {
    principal: { id: DEFAULTS.deployApp.servicePrincipalId, type: 'ServicePrincipal' },
    role: 'Admin',
  });
  const spc = client(sim, sim.issueToken({ appid: DEFAULTS.deployApp.clientId }));
  const spAuto = await spc.call('POST', `${g}/connect`, { gitProviderDetails: adoProvider });
  expect(spAuto.body.errorCode).toBe('PrincipalTypeNotSupported');
  const mismatch = await c.call('POST', `${g}/connect`, {
    gitProviderDetails: adoProvider,
    myGitCredentials: creds,
  });
  expect(mismatch.body.errorCode).toBe('ConnectionMismatch');
  expect(
    (
      await c.call('POST', `${g}/connect`, {
        gitProviderDetails: { ...provider, branchName: 'other' },
        myGitCredentials: creds,
      })
    ).status,
  ).toBe(200);
  await fetch(
    `${sim.url}/_sim/git/remotes/${encodeURIComponent('GitHub/contoso/fabric-project/other/workspace')}`,
    {
      method: 'PUT',
      body: JSON.stringify({ items: [{ type: 'Notebook', displayName: 'Remote' }] }),
    },
  );
  const init = await c.call('POST', `${g}/initializeConnection`, {});
  expect(init.body.errorCode).toBe('MissingInitializationPolicy');
  const ok = await run(c, 'POST', `${g}/initializeConnection`, { initializationStrategy: 'PreferWorkspace' });
  expect(ok.body.requiredAction).toBe('CommitToGit');
});
