import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  actionYaml,
  EXTENSION_ID,
  extensionManifest,
  metadataFiles,
  PUBLISHER,
  REPOSITORY_URL,
  TASK_DIR,
  TASK_ID,
  taskJson,
} from '../../src/hosts/metadata';
import { VERSION } from '../../src/version';
import { adoName, INPUTS, OUTPUTS } from '../../src/settings/inputs';
import { ROOT } from '../support/paths';

const root = ROOT;
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

describe('action.yml, task.json and vss-extension.json follow the input catalog and VERSION', () => {
  it('every generated file on disk is what the generator makes (npm run metadata)', () => {
    expect(metadataFiles().map(([f]) => f)).toEqual([
      'action.yml',
      'tasks/FabricDeployV0/task.json',
      'vss-extension.json',
    ]);
    for (const [file, text] of metadataFiles()) expect([file, read(file)]).toEqual([file, text]);
    expect(read('action.yml')).toBe(actionYaml());
    expect(read(`${TASK_DIR}/task.json`)).toBe(taskJson());
    expect(read('vss-extension.json')).toBe(extensionManifest());
  });

  it('there is one task.json: none is left at the repository root', () => {
    expect(existsSync(path.join(root, 'task.json'))).toBe(false);
  });

  it('the task folder is named for the major version the task declares (FabricDeploy@0 is FabricDeployV0)', () => {
    const task = JSON.parse(read(`${TASK_DIR}/task.json`));
    expect(TASK_DIR).toBe(`tasks/FabricDeployV${task.version.Major}`);
    expect(`${task.version.Major}.${task.version.Minor}.${task.version.Patch}`).toBe(VERSION);
  });

  it('vss-extension.json carries VERSION, the one owner, a task contribution for the task folder and files that exist', () => {
    const m = JSON.parse(read('vss-extension.json'));
    expect(m).toMatchObject({
      manifestVersion: 1,
      id: EXTENSION_ID,
      publisher: PUBLISHER,
      version: VERSION,
      categories: ['Azure Pipelines'],
      targets: [{ id: 'Microsoft.VisualStudio.Services' }],
      files: [{ path: TASK_DIR }],
      repository: { type: 'git', uri: REPOSITORY_URL },
    });
    expect(m.contributions).toEqual([
      expect.objectContaining({
        type: 'ms.vss-distributed-task.task',
        targets: ['ms.vss-distributed-task.tasks'],
        properties: { name: TASK_DIR },
      }),
    ]);
    for (const p of [m.icons.default, m.content.details.path, m.content.license.path, `${TASK_DIR}/icon.png`])
      expect([p, existsSync(path.join(root, p))]).toEqual([p, true]);
    // What the Marketplace refuses at upload: an id or publisher outside [A-Za-z0-9-], a name or
    // description over 200 characters, a version that is not major.minor.patch.
    for (const id of [m.id, m.publisher]) expect(id).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9-]+$/);
    expect(m.name.length).toBeLessThanOrEqual(200);
    expect(m.description.length).toBeLessThanOrEqual(200);
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.tags.length).toBeGreaterThan(0);
    for (const [name, link] of Object.entries(m.links as Record<string, { uri: string }>))
      expect([name, link.uri]).toEqual([name, expect.stringMatching(new RegExp(`^${REPOSITORY_URL}(/|$)`))]);
  });

  it('action.yml runs the bundle on node24 and lists every GitHub input and output in kebab-case', () => {
    const action = parse(read('action.yml'));
    // The post step replays a cancelled or killed deploy's journal (host-recovery.test.ts runs it).
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post.js',
      'post-if': 'cancelled() || failure()',
    });
    expect(Object.keys(action.inputs).sort()).toEqual(
      INPUTS.filter((i) => i.only !== 'azure-devops')
        .map((i) => i.name)
        .sort(),
    );
    expect(Object.keys(action.outputs).sort()).toEqual(OUTPUTS.map((o) => o.name).sort());
    for (const name of Object.keys(action.inputs)) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('the Marketplace overview links only absolute https addresses (the Marketplace resolves no relative link)', () => {
    const links = [...read('extension/overview.md').matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^https:\/\//);
    // Links into this repository name files that exist (at main: the page is read long after a release).
    const prefix = `${REPOSITORY_URL}/blob/main/`;
    for (const link of links.filter((l) => l.startsWith(prefix))) {
      const file = link.slice(prefix.length).split('#')[0]!;
      expect([file, existsSync(path.join(root, file))]).toEqual([file, true]);
    }
  });

  it('task.json has Node24 and Node20_1 targets, camelCase inputs, the AzureRM connection and output variables', () => {
    const task = JSON.parse(read(`${TASK_DIR}/task.json`));
    expect(task.id).toBe(TASK_ID);
    expect(Object.keys(task.execution)).toEqual(['Node24', 'Node20_1']);
    expect(task.execution.Node24.target).toBe('dist/index.js');
    // The post-job handler (same Node handlers) replays the journal of a cancelled or killed deploy.
    expect(task.postjobexecution).toEqual({
      Node24: { target: 'dist/post.js' },
      Node20_1: { target: 'dist/post.js' },
    });
    expect(task.minimumAgentVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const names = task.inputs.map((i: { name: string }) => i.name);
    expect(names).toContain('connectedServiceName');
    expect(names).toContain('workspaceId');
    for (const n of names) expect(n).toMatch(/^[a-z]+([A-Z][a-z]*)*$/);
    const conn = task.inputs.find((i: { name: string }) => i.name === 'connectedServiceName');
    expect(conn.type).toBe('connectedService:AzureRM');
    expect(task.outputVariables.map((o: { name: string }) => o.name)).toEqual(
      OUTPUTS.map((o) => adoName(o.name)),
    );
    // Visibility rules and groups must name real things.
    const groups = task.groups.map((g: { name: string }) => g.name);
    for (const i of task.inputs) expect(groups).toContain(i.groupName);
  });

  it('the task editor shows only the inputs of the chosen auth kind; no credential is required', () => {
    const task = JSON.parse(read(`${TASK_DIR}/task.json`));
    const byName = (n: string) => task.inputs.find((i: { name: string }) => i.name === n);
    const auth = byName('auth');
    const shownFor = (n: string) =>
      (byName(n).visibleRule as string | undefined)
        ?.split(' || ')
        .map((c) => /^auth = ([a-z-]+)$/.exec(c)![1]);
    // Every kind a rule names is one the auth pick list offers.
    for (const i of task.inputs)
      for (const k of shownFor(i.name) ?? []) expect(Object.keys(auth.options)).toContain(k);
    expect(shownFor('connectedServiceName')).toEqual(['auto', 'oidc']);
    expect(shownFor('clientSecret')).toEqual(['client-secret']);
    expect(shownFor('certificate')).toEqual(['certificate']);
    expect(shownFor('certificatePassword')).toEqual(['certificate']);
    expect(shownFor('token')).toEqual(['token']);
    expect(shownFor('tenantId')).toEqual(['client-secret', 'certificate', 'azure-cli']);
    expect(shownFor('clientId')).toEqual(['client-secret', 'certificate', 'managed-identity']);
    // A credential is never a required input: the service connection carries it.
    for (const i of task.inputs) expect([i.name, i.required]).toEqual([i.name, false]);
    for (const spec of INPUTS.filter((i) => i.secret && i.group === 'auth' && i.only !== 'github'))
      expect([spec.name, shownFor(adoName(spec.name))]).toEqual([spec.name, expect.any(Array)]);
    expect(byName('connectedServiceName').label).toBe('Azure Resource Manager connection');
    expect(byName('fabricApiUrl').label).toBe('Fabric API URL');
  });

  it('the task names its step by command and environment and links docs that exist at their anchors', () => {
    const task = JSON.parse(read(`${TASK_DIR}/task.json`));
    expect(task.instanceNameFormat).toBe('Fabric Deploy: $(command) $(environment)');
    for (const [, ref] of (task.instanceNameFormat as string).matchAll(/\$\((\w+)\)/g))
      expect(task.inputs.map((i: { name: string }) => i.name)).toContain(ref);
    const prefix = `${REPOSITORY_URL}/blob/v${VERSION}/`;
    expect(task.helpUrl).toBe(`${prefix}README.md#azure-pipelines`);
    const texts = [task.helpMarkDown, ...task.inputs.map((i: { helpMarkDown: string }) => i.helpMarkDown)];
    const links = texts.flatMap((t: string) => [...t.matchAll(/\]\((https:[^)]+)\)/g)].map((m) => m[1]!));
    expect(links.length).toBeGreaterThan(10);
    for (const link of [task.helpUrl, ...links]) {
      expect(link.startsWith(prefix)).toBe(true);
      const [file, anchor] = link.slice(prefix.length).split('#') as [string, string | undefined];
      expect([file, existsSync(path.join(root, file))]).toEqual([file, true]);
      if (!anchor) continue;
      // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
      const slugs = read(file)
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) =>
          l
            .replace(/^#+ /, '')
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N} _-]/gu, '')
            .replace(/ /g, '-'),
        );
      expect([link, slugs]).toEqual([link, expect.arrayContaining([anchor])]);
    }
  });

  it('every pick list offers exactly the values the core accepts', () => {
    const task = JSON.parse(read(`${TASK_DIR}/task.json`));
    for (const spec of INPUTS.filter((i) => i.options)) {
      const input = task.inputs.find((i: { name: string }) => i.name === adoName(spec.name));
      expect(Object.keys(input.options)).toEqual([...spec.options!]);
    }
  });
});

describe('version', () => {
  it('src/version.ts matches package.json', async () => {
    const { VERSION } = await import('../../src/version');
    expect(VERSION).toBe(JSON.parse(read('package.json')).version);
  });
});
