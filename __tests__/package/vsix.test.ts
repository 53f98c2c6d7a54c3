/**
 * The Azure DevOps extension as the Marketplace and an organisation get it: `npm run package:vsix` (tfx-cli)
 * once, then the .vsix unpacked and read as the Marketplace reads it: the package manifest and its assets,
 * the content types, the contribution, the task's task.json against the official task schema (vendored
 * with its licence in __tests__/fixtures/azure-pipelines-task-lib) and the execution targets inside it.
 * Then the task folder from the package runs as an agent runs it (support/agent.ts), with each of its
 * handlers on the Node the agent has for it, deploying examples/ into the simulator through a service
 * connection.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import {
  EXTENSION_ID,
  PUBLISHER,
  REPOSITORY_URL,
  TASK_DIR,
  TASK_ID,
  taskJson,
} from '../../src/hosts/metadata';
import { VERSION } from '../../src/version';
import { DEFAULTS, type RunningSimulator } from '../../src/simulator';
import { jobDirectories, runTaskAsAgent, type AgentConnection, type AgentJob } from '../support/agent';
import { adoSummary, requireNode24 } from '../support/bundle';
import { DIST, FIXTURES, NODE24, ROOT } from '../support/paths';
import { mustRun, runProcess } from '../support/run';
import { stopSimulator, withSimulator } from '../support/sim';

// ajv-draft-04 is CommonJS with a `default` export; normalise for ESM.
const AjvDraft04: any = (AjvDraft04Module as any).default ?? AjvDraft04Module;

interface Packed {
  path: string;
  extensionId: string;
  publisher: string;
  version: string;
  bytes: number;
}

let tmp: string;
let packed: Packed;
let zip: JSZip;
/** Every file in the package (no directory entries). */
let entries: string[];
const text = (name: string) => zip.file(name)!.async('string');
const bytes = (name: string) => zip.file(name)!.async('nodebuffer');
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (n) => n === 'Asset',
});

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
function pngSize(b: Buffer): [number, number] | undefined {
  if (!b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return undefined;
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vsix-'));
  // HOME in the temp dir: tfx keeps a settings cache in ~/.tfx.
  const r = await mustRun(
    process.execPath,
    [path.join(ROOT, 'scripts', 'package-vsix.mjs'), '--output-path', `${tmp}/`, '--json'],
    { cwd: ROOT, env: { HOME: tmp } },
  );
  packed = JSON.parse(r.stdout) as Packed;
  zip = await JSZip.loadAsync(readFileSync(packed.path));
  entries = Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name)
    .sort();
});

test('npm run package:vsix writes publisher.id-version.vsix where it is told and says so', () => {
  expect(packed).toEqual({
    path: path.join(tmp, `${PUBLISHER}.${EXTENSION_ID}-${VERSION}.vsix`),
    extensionId: EXTENSION_ID,
    publisher: PUBLISHER,
    version: VERSION,
    bytes: expect.any(Number),
  });
  console.log(
    `${path.basename(packed.path)}: ${(packed.bytes / 1024).toFixed(0)} KiB, ${entries.length} files`,
  );
  // What every agent downloads before the first run of the task.
  expect(packed.bytes).toBeLessThan(2 * 1024 * 1024);
});

test('extension.vsixmanifest: identity, name, category, installation target, and every asset in the package', async () => {
  const manifest = xml.parse(await text('extension.vsixmanifest')).PackageManifest;
  const meta = manifest.Metadata;
  expect(meta.Identity).toMatchObject({ '@Id': EXTENSION_ID, '@Publisher': PUBLISHER, '@Version': VERSION });
  expect(meta.DisplayName).toBe('Fabric Deploy');
  expect(meta.Description['#text']).toMatch(/Microsoft Fabric/);
  expect(meta.Categories).toBe('Azure Pipelines');
  // 0.x is shown as a preview; public so that any organisation can install it.
  expect(meta.GalleryFlags.split(' ').sort()).toEqual(['Preview', 'Public']);
  const props = Object.fromEntries(
    (meta.Properties.Property as { '@Id': string; '@Value': string }[]).map((p) => [p['@Id'], p['@Value']]),
  );
  for (const link of ['Home', 'Getstarted', 'Support', 'Issues', 'License'])
    expect(props[`Microsoft.VisualStudio.Services.Links.${link}`]).toMatch(new RegExp(`^${REPOSITORY_URL}`));
  expect(manifest.Installation.InstallationTarget['@Id']).toBe('Microsoft.VisualStudio.Services');
  const assets = Object.fromEntries(
    (manifest.Assets.Asset as { '@Type': string; '@Path': string }[]).map((a) => [a['@Type'], a['@Path']]),
  );
  expect(Object.keys(assets).sort()).toEqual([
    'Microsoft.VisualStudio.Services.Content.Details',
    'Microsoft.VisualStudio.Services.Content.License',
    'Microsoft.VisualStudio.Services.Icons.Default',
    'Microsoft.VisualStudio.Services.Manifest',
  ]);
  for (const p of Object.values(assets)) expect(entries).toContain(p);
  expect(await text(assets['Microsoft.VisualStudio.Services.Content.Details']!)).toBe(
    readFileSync(path.join(ROOT, 'extension', 'overview.md'), 'utf8'),
  );
  expect(await text(assets['Microsoft.VisualStudio.Services.Content.License']!)).toMatch(/^MIT License/);
  // The Marketplace shows the extension icon at 128 px.
  expect(pngSize(await bytes(assets['Microsoft.VisualStudio.Services.Icons.Default']!))).toEqual([128, 128]);
});

test('[Content_Types].xml gives a content type to every file extension in the package', async () => {
  const types = xml.parse(await text('[Content_Types].xml')).Types;
  const defaults = new Set(
    [types.Default].flat().map((d: { '@Extension': string }) => d['@Extension'].toLowerCase()),
  );
  const overrides = new Set(
    [types.Override ?? []].flat().map((o: { '@PartName': string }) => o['@PartName']),
  );
  for (const name of entries.filter((n) => n !== '[Content_Types].xml')) {
    const ext = path.extname(name).toLowerCase();
    const covered = overrides.has(`/${name}`) || (ext !== '' && defaults.has(ext));
    expect([name, covered]).toEqual([name, true]);
  }
});

test('extension.vsomanifest contributes the task folder as an Azure Pipelines task', async () => {
  const vso = JSON.parse(await text('extension.vsomanifest'));
  expect(vso.contributions).toEqual([
    expect.objectContaining({
      type: 'ms.vss-distributed-task.task',
      targets: ['ms.vss-distributed-task.tasks'],
      properties: { name: TASK_DIR },
    }),
  ]);
  expect(entries).toContain(`${TASK_DIR}/task.json`);
});

describe(`${TASK_DIR}/task.json in the package`, () => {
  let task: any;
  beforeAll(async () => {
    task = JSON.parse((await text(`${TASK_DIR}/task.json`)).replace(/^\uFEFF/, ''));
  });

  test('is valid against the official task schema (azure-pipelines-task-lib tasks.schema.json)', () => {
    const schema = JSON.parse(
      readFileSync(path.join(FIXTURES, 'azure-pipelines-task-lib', 'tasks.schema.json'), 'utf8'),
    );
    // unicodeRegExp off: the schema's patterns escape `:` (`^connectedService\\:.+$`), which only non-unicode
    // regular expressions accept, as the JSON Schema tooling it was written for.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const valid = validate(task);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema does refuse: an unknown key, an input without a type and a bad id are each named.
    const broken = { ...task, colour: 'green', id: 'not-a-guid', inputs: [{ name: 'x', label: 'X' }] };
    expect(validate(broken)).toBe(false);
    const where = validate.errors!.map(
      (e: { instancePath: string; keyword: string }) => `${e.instancePath} ${e.keyword}`,
    );
    expect(where).toEqual(
      expect.arrayContaining([' additionalProperties', '/id pattern', '/inputs/0 required']),
    );
  });

  test('is the generated one, with the fixed id, VERSION and what the schema only describes', async () => {
    expect(await text(`${TASK_DIR}/task.json`)).toBe(taskJson());
    expect(task.id).toBe(TASK_ID);
    expect(`${task.version.Major}.${task.version.Minor}.${task.version.Patch}`).toBe(VERSION);
    // The schema says "Must be <= 40 chars" without enforcing it; the service refuses longer names.
    expect(task.friendlyName.length).toBeLessThanOrEqual(40);
    expect(task.instanceNameFormat).toBeTruthy();
    expect(pngSize(await bytes(`${TASK_DIR}/icon.png`))).toEqual([32, 32]);
  });

  test('every execution target is a file in the package, and the task carries the whole bundle but the simulator', () => {
    const handlers = ['prejobexecution', 'execution', 'postjobexecution'].flatMap((k) =>
      Object.values((task[k] ?? {}) as Record<string, { target: string }>),
    );
    expect(handlers.length).toBeGreaterThan(0);
    for (const h of handlers) expect(entries).toContain(path.posix.join(TASK_DIR, h.target));
    const bundle = readdirSync(DIST, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(DIST, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .filter((f) => !f.startsWith('simulator.js'))
      .sort();
    const shipped = entries
      .filter((e) => e.startsWith(`${TASK_DIR}/dist/`))
      .map((e) => e.slice(`${TASK_DIR}/dist/`.length));
    expect(shipped).toEqual(bundle);
    expect(bundle).toEqual(expect.arrayContaining(['index.js', 'package.json', 'licenses.txt']));
  });

  test('nothing else is in the package: no sources, tests, node_modules or simulator', () => {
    for (const e of entries)
      expect(e).toMatch(
        new RegExp(
          `^(extension\\.vsixmanifest|extension\\.vsomanifest|\\[Content_Types\\]\\.xml|LICENSE|extension/(icon\\.png|overview\\.md)|${TASK_DIR}/(task\\.json|icon\\.png|dist/.+))$`,
        ),
      );
    expect(entries.filter((e) => /node_modules|simulator|\.ts$/.test(e))).toEqual([]);
  });
});

describe('npm run package:vsix refuses to pack what would not work', () => {
  /** A copy of the project without dist/ (node_modules linked), to break what the script checks. */
  let copy: string;
  const packCopy = (out: string) =>
    runProcess(
      process.execPath,
      [path.join(copy, 'scripts', 'package-vsix.mjs'), '--output-path', `${out}/`],
      {
        cwd: copy,
        env: { HOME: tmp },
      },
    );
  beforeAll(() => {
    copy = path.join(tmp, 'project');
    const skip = new Set(['node_modules', 'dist', '.git', '.tmp', '__tests__', 'bench', 'coverage']);
    cpSync(ROOT, copy, {
      recursive: true,
      filter: (src) => !skip.has(path.relative(ROOT, src).split(path.sep)[0]!) && !src.endsWith('.vsix'),
    });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  });

  test('without a built bundle: exit 1, run npm run bundle, nothing written', async () => {
    const out = mkdtempSync(path.join(tmp, 'no-dist-'));
    const r = await packCopy(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('package:vsix: dist/index.js is missing: run `npm run bundle` first');
    expect(readdirSync(out)).toEqual([]);
  });

  test('with a stale vss-extension.json: exit 1 naming the file and npm run metadata, nothing written', async () => {
    symlinkSync(DIST, path.join(copy, 'dist'), 'dir');
    const manifest = path.join(copy, 'vss-extension.json');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace(`"version": "${VERSION}"`, '"version": "9.9.9"'),
    );
    const out = mkdtempSync(path.join(tmp, 'stale-'));
    const r = await packCopy(out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('package:vsix: the generated manifests are not current:');
    expect(r.stderr).toContain('vss-extension.json is out of date: run npm run metadata');
    expect(readdirSync(out)).toEqual([]);
  });

  test('an unknown argument: exit 1 with the usage, nothing written', async () => {
    const out = mkdtempSync(path.join(tmp, 'bad-'));
    const r = await runProcess(
      process.execPath,
      [path.join(ROOT, 'scripts', 'package-vsix.mjs'), '--output', out],
      { cwd: ROOT, env: { HOME: tmp } },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('package:vsix: unknown argument --output');
    expect(r.stderr).toContain('usage: npm run package:vsix -- [--output-path FILE.vsix|DIR] [--json]');
    expect(readdirSync(out)).toEqual([]);
  });
});

/** Every file under `dir`, relative, sorted, with its bytes: to show that a run changed nothing there. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) {
      const f = path.join(e.parentPath, e.name);
      out[path.relative(dir, f)] = readFileSync(f).toString('base64');
    }
  return out;
}

describe('the packaged task, run as the agent runs it', () => {
  let sim: RunningSimulator;
  let work: string;
  let taskDir: string;
  const connection = (data: Record<string, string>): AgentConnection => ({
    name: 'fabric-prod',
    id: '3f2a9c4e-7b1d-4e8a-9c2f-5d6e7f8a9b0c',
    url: 'https://management.azure.com/',
    scheme: 'ServicePrincipal',
    parameters: {
      tenantid: sim.tenantId,
      serviceprincipalid: DEFAULTS.deployApp.clientId,
      authenticationType: 'spnKey',
      serviceprincipalkey: DEFAULTS.deployApp.secret,
    },
    data,
  });
  const job = (
    handler: string,
    node: string,
    inputs: Record<string, string>,
    data = { environment: 'AzureCloud' },
  ): AgentJob => ({
    workFolder: work,
    taskDir,
    handler,
    node,
    inputs: {
      azureSubscription: 'fabric-prod', // the alias pipelines use for connectedServiceName
      authorityHost: sim.authorityHost,
      fabricApiUrl: sim.fabricApiUrl,
      ...inputs,
    },
    connections: [
      connection({
        subscriptionId: '00000000-0000-4000-8000-00000000beef',
        scopeLevel: 'Subscription',
        ...data,
      }),
    ],
    accessToken: 'job-access-token-0123456789abcdef',
    env: { NODE_EXTRA_CA_CERTS: sim.caCertPath },
  });

  beforeAll(async () => {
    requireNode24();
    sim = await withSimulator();
    // The agent downloads the task and extracts it to _work/_tasks/<name>_<id>/<version>.
    work = path.join(tmp, 'agent', '_work');
    taskDir = path.join(work, '_tasks', `FabricDeploy_${TASK_ID}`, VERSION);
    for (const name of entries.filter((e) => e.startsWith(`${TASK_DIR}/`))) {
      const to = path.join(taskDir, name.slice(TASK_DIR.length + 1));
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, await bytes(name));
    }
    const dirs = jobDirectories(work);
    // The checkout: the examples repository, fabric-deploy.yml at its root (the config input's default).
    cpSync(path.join(ROOT, 'examples'), dirs.sources, { recursive: true });
    for (const d of [dirs.temp, dirs.artifacts, dirs.binaries]) mkdirSync(d, { recursive: true });
  });
  afterAll(() => stopSimulator(sim));

  const exampleItems = readdirSync(path.join(ROOT, 'examples', 'workspace'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && /\.[A-Za-z]+$/.test(d.name))
    .map((d) => d.name);

  describe.each([
    { handler: 'Node24', node: () => NODE24, major: '24' },
    { handler: 'Node20_1', node: () => process.execPath, major: process.versions.node.split('.')[0]! },
  ])('$handler', ({ handler, node, major }) => {
    test('deploys through the service connection: result, output variables, summary, Fabric state; nothing leaks', async () => {
      const wsName = `vsix-agent-${handler.toLowerCase()}`;
      const before = { task: snapshot(taskDir), sources: snapshot(jobDirectories(work).sources) };
      const r = await runTaskAsAgent(job(handler, node(), { environment: 'dev', workspaceName: wsName }));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.result).toBe('Succeeded');
      // Every input reached the task, with its default when the step did not set it.
      expect(r.inputEnv.INPUT_COMMAND).toBe('deploy');
      expect(r.inputEnv.INPUT_CONFIG).toBe(path.join(jobDirectories(work).sources, 'fabric-deploy.yml'));
      expect(r.inputEnv.INPUT_CONNECTEDSERVICENAME).toBe('3f2a9c4e-7b1d-4e8a-9c2f-5d6e7f8a9b0c');
      // The first line of our own output names the release and the Node the agent used for this handler.
      const ours = r.stdout.split('\n').filter((l) => !l.startsWith('##'));
      expect(ours[0]).toMatch(
        new RegExp(`^Fabric Deploy ${VERSION.replace(/\./g, '\\.')} \\(azure-devops; node ${major}\\.`),
      );
      expect(r.outputs.result).toBe('succeeded');
      expect(r.outputs.hasChanges).toBe('true');
      expect(r.outputs.workspaceId).toMatch(/^[0-9a-f-]{36}$/);
      const items = JSON.parse(r.outputs.items!) as { name: string; type: string; action: string }[];
      expect(items.map((i) => `${i.name}.${i.type}`).sort()).toEqual([...exampleItems].sort());
      // Only output variables the task declares (what the pipeline editor and $(step.var) know).
      const declared = (
        JSON.parse(readFileSync(path.join(taskDir, 'task.json'), 'utf8')).outputVariables as {
          name: string;
        }[]
      ).map((o) => o.name);
      for (const name of Object.keys(r.outputs)) expect(declared).toContain(name);
      const upload = adoSummary(r.commands);
      expect(path.dirname(upload!.file)).toBe(jobDirectories(work).temp);
      expect(readFileSync(upload!.file, 'utf8')).toMatch(/Fabric Deployment succeeded/);
      // Fabric holds what the outputs say.
      const auth = { authorization: `Bearer ${sim.issueToken({ appid: DEFAULTS.deployApp.clientId })}` };
      const live = (await (
        await fetch(`${sim.fabricApiUrl}/workspaces/${r.outputs.workspaceId}/items`, { headers: auth })
      ).json()) as {
        value: { displayName: string; type: string }[];
      };
      for (const i of items)
        expect(live.value).toContainEqual(expect.objectContaining({ displayName: i.name, type: i.type }));
      // The connection's key and the job token were handed to the agent to mask, and never printed.
      for (const s of [DEFAULTS.deployApp.secret, 'job-access-token-0123456789abcdef'])
        expect(r.commands.some((c) => c.command === 'task.setsecret' && c.message === s)).toBe(true);
      const visible =
        r.stdout.replace(/^##vso\[task\.setsecret\].*$/gm, '') + readFileSync(upload!.file, 'utf8');
      expect(visible).not.toContain(DEFAULTS.deployApp.secret);
      expect(visible).not.toContain('job-access-token-0123456789abcdef');
      // The task folder is shared by every job on the agent, the checkout is the user's: neither changed.
      expect(snapshot(taskDir)).toEqual(before.task);
      expect(snapshot(jobDirectories(work).sources)).toEqual(before.sources);
    });
  });

  test('a broken config fails the step: exit 1, result Failed, the error on its file and line in the checkout, nothing written', async () => {
    const dir = path.join(jobDirectories(work).sources, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'fabric-deploy.yml'),
      'version: 1\nworkspace:\n  name: vsix-agent-broken\ncolour: green\n',
    );
    const r = await runTaskAsAgent(job('Node24', NODE24, { config: 'broken/fabric-deploy.yml' }));
    expect(r.code).toBe(1);
    expect(r.result).toBe('Failed');
    const errors = r.commands.filter((c) => c.command === 'task.logissue' && c.props.type === 'error');
    // The path is the checkout-relative one the run's Issues tab links to the file with.
    expect(errors).toContainEqual(
      expect.objectContaining({
        props: expect.objectContaining({ sourcepath: 'broken/fabric-deploy.yml', linenumber: '4' }),
        message: expect.stringContaining("unknown key 'colour'"),
      }),
    );
    expect(r.outputs.result).toBe('failed');
    const auth = { authorization: `Bearer ${sim.issueToken({ appid: DEFAULTS.deployApp.clientId })}` };
    const list = (await (await fetch(`${sim.fabricApiUrl}/workspaces`, { headers: auth })).json()) as {
      value: { displayName: string }[];
    };
    expect(list.value.map((w) => w.displayName)).not.toContain('vsix-agent-broken');
  });

  test('an emptied config input (the agent passes the checkout folder) reads fabric-deploy.yml at the checkout root', async () => {
    const r = await runTaskAsAgent(
      job('Node24', NODE24, {
        command: 'plan',
        config: '',
        environment: 'dev',
        workspaceName: 'vsix-agent-noconfig',
      }),
    );
    expect(r.inputEnv.INPUT_CONFIG).toBe(jobDirectories(work).sources);
    expect(r.code).toBe(0);
    expect(r.result).toBe('Succeeded');
    expect(r.outputs.hasChanges).toBe('true');
  });

  test('a connection for another cloud than the cloud input is reported (ENDPOINT_DATA under the lower-case id)', async () => {
    const r = await runTaskAsAgent(
      job(
        'Node24',
        NODE24,
        { command: 'plan', environment: 'dev', workspaceName: 'vsix-agent-plan' },
        { environment: 'AzureUSGovernment' },
      ),
    );
    expect(r.code).toBe(0);
    const warnings = r.commands
      // task-lib's warning(): `##vso[task.issue type=warning]`, a yellow line and a warning on the run.
      .filter((c) => c.command === 'task.issue' && c.props.type === 'warning')
      .map((c) => c.message);
    expect(warnings).toContainEqual(
      expect.stringContaining(
        'is for the AzureUSGovernment environment but cloud is public; set the cloud input to usgov',
      ),
    );
  });
});
