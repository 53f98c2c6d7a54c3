/**
 * `fabric-deploy init` through the committed bundle: a new project from flags (no terminal: nothing
 * asked) that plans cleanly, never overwriting without --force; and `init --from-workspace` — run as a
 * CLI, a GitHub Actions step and an Azure Pipelines step — exporting a deployed workspace with its
 * folders so that deploying the export back writes nothing. A workspace the identity cannot read: exit
 * 1, nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { fabricWrites, stopSimulator, withSimulator } from '../support/sim';

let sim: RunningSimulator;
let token: string;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await withSimulator();
  token = sim.issueToken();
  env = {
    FABRIC_DEPLOY_AUTH: 'token',
    FABRIC_DEPLOY_TOKEN: token,
    FABRIC_DEPLOY_FABRIC_API_URL: sim.fabricApiUrl,
  };
});
afterAll(() => stopSimulator(sim));

async function api<T>(method: string, p: string, body?: unknown, as = token): Promise<T> {
  const res = await fetch(`${sim.fabricApiUrl}${p}`, {
    method,
    headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

describe('init: a new project', () => {
  it('writes the five files from flags, plans cleanly, and never overwrites without --force', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'init-new-'));
    const r = await runBundle(
      ['init', '--directory', dir, '--name', 'sales', '--capacity', 'F2 Dev', '--environments', 'dev,prod'],
      { GITHUB_ACTIONS: 'true' },
    );
    expect(r.code).toBe(0);
    for (const f of [
      'fabric-deploy.yml',
      'principals.csv',
      'workspace/parameter.yml',
      '.github/workflows/fabric-deploy.yml',
      'azure-pipelines.yml',
    ])
      expect(existsSync(path.join(dir, f))).toBe(true);
    const cfg = readFileSync(path.join(dir, 'fabric-deploy.yml'), 'utf8');
    expect(cfg).toContain('name: "sales-{{ environment }}"');
    expect(cfg).toContain('capacity: { name: "F2 Dev" }');
    expect(cfg).toMatch(/^ {2}prod:\n {4}profile: production/m);
    const plan = await runBundle(
      ['plan', '--config', path.join(dir, 'fabric-deploy.yml'), '--environment', 'dev', '--json'],
      env,
    );
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).result).toBe('succeeded');

    const before = readFileSync(path.join(dir, 'fabric-deploy.yml'), 'utf8');
    const again = await runBundle(['init', '--directory', dir, '--name', 'other'], {});
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /init would overwrite 5 existing files: fabric-deploy\.yml, principals\.csv/,
    );
    expect(readFileSync(path.join(dir, 'fabric-deploy.yml'), 'utf8')).toBe(before);
    expect((await runBundle(['init', '--directory', dir, '--name', 'other', '--force'], {})).code).toBe(0);
    expect(readFileSync(path.join(dir, 'fabric-deploy.yml'), 'utf8')).toContain('"other-{{ environment }}"');
  });

  it('refuses a bad environment name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'init-bad-'));
    const r = await runBundle(['init', '--directory', dir, '--environments', 'dev,pr od!'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/'od!' is not an environment name/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('init --from-workspace', () => {
  const source = 'export-source';
  let wsId: string;
  beforeAll(async () => {
    const r = await runBundle(
      [
        'deploy',
        '--config',
        path.join(ROOT, 'examples', 'fabric-deploy.yml'),
        '--environment',
        'test',
        '--workspace-name',
        source,
      ],
      env,
    );
    expect(r.code).toBe(0);
    wsId = (await api<{ value: { id: string; displayName: string }[] }>('GET', '/workspaces')).value.find(
      (w) => w.displayName === source,
    )!.id;
    // A folder tree with an item in it, made in Fabric (not by the deploy).
    const etl = await api<{ id: string }>('POST', `/workspaces/${wsId}/folders`, { displayName: 'etl' });
    const raw = await api<{ id: string }>('POST', `/workspaces/${wsId}/folders`, {
      displayName: 'raw',
      parentFolderId: etl.id,
    });
    const nb = Buffer.from(
      `# Fabric notebook source\n# META {"dependencies": {"lakehouse": {"default_lakehouse_workspace_id": "${wsId}"}}}\n# runs in ${wsId}\nprint('ingest')\n`,
    ).toString('base64');
    await api('POST', `/workspaces/${wsId}/items`, {
      displayName: 'Ingest',
      type: 'Notebook',
      folderId: raw.id,
      definition: {
        format: 'fabricGitSource',
        parts: [{ path: 'notebook-content.py', payload: nb, payloadType: 'InlineBase64' }],
      },
    });
  });

  const HOSTS = [
    { name: 'cli', env: {} },
    { name: 'github', env: { GITHUB_ACTIONS: 'true' } },
    { name: 'azure-devops', env: { TF_BUILD: 'True' } },
  ];

  it.each(HOSTS)('on $name: exports folders and definitions; deploying it back writes nothing', async (h) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `init-export-${h.name}-`));
    const r = await runBundle(['init', '--directory', dir, '--from-workspace', source, '--json'], {
      ...env,
      ...h.env,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ items: 9, folders: 2, workspace: { id: wsId, name: source } });
    const nbDir = path.join(dir, 'workspace', 'etl', 'raw', 'Ingest.Notebook');
    const platform = JSON.parse(readFileSync(path.join(nbDir, '.platform'), 'utf8'));
    expect(platform.metadata).toEqual({ type: 'Notebook', displayName: 'Ingest' });
    // The workspace's own id becomes "this workspace".
    const content = readFileSync(path.join(nbDir, 'notebook-content.py'), 'utf8');
    expect(content).toContain('"default_lakehouse_workspace_id": "00000000-0000-0000-0000-000000000000"');
    expect(content).toContain(`# runs in ${wsId}`); // not a reference a deploy rewrites: kept
    expect(readFileSync(path.join(dir, 'principals.csv'), 'utf8')).toContain(
      `${DEFAULTS.adminUser.id},Admin,`,
    );

    const before = (await fabricWrites(sim)).length;
    const back = await runBundle(['deploy', '--config', path.join(dir, 'fabric-deploy.yml'), '--json'], env);
    expect(back.code).toBe(0);
    const result = JSON.parse(back.stdout);
    expect(result.result).toBe('succeeded');
    expect(result['has-changes']).toBe(false);
    expect(result['workspace-id']).toBe(wsId);
    expect((await fabricWrites(sim)).length).toBe(before);
  });

  it('a workspace the identity cannot read: exit 1, the fix, nothing written', async () => {
    const bob = sim.issueToken({ oid: DEFAULTS.viewerUser.id, upn: DEFAULTS.viewerUser.userPrincipalName });
    const asBob = { ...env, FABRIC_DEPLOY_TOKEN: bob };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'init-denied-'));
    const hidden = await runBundle(['init', '--directory', dir, '--from-workspace', wsId], asBob);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toMatch(
      new RegExp(`workspace ${wsId} was not found, or this identity has no role in it`),
    );
    // A Viewer sees the workspace but may not read definitions.
    await api('POST', `/workspaces/${wsId}/roleAssignments`, {
      principal: { id: DEFAULTS.viewerUser.id, type: 'User' },
      role: 'Viewer',
    });
    const viewer = await runBundle(['init', '--directory', dir, '--from-workspace', source], asBob);
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toMatch(
      /this identity cannot read the definition of .* of workspace 'export-source'/,
    );
    expect(viewer.stderr).toMatch(/Contributor role/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
