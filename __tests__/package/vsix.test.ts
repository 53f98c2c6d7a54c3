/**
 * The Azure DevOps extension as the Marketplace and an organisation get it: `npm run package:vsix` (tfx-cli)
 * once, then the .vsix unpacked and read as the Marketplace reads it: the package manifest and its assets,
 * the content types, the contribution, the task's task.json against the official task schema (vendored
 * with its licence in __tests__/fixtures/azure-pipelines-task-lib) and the execution targets inside it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
import { DIST, FIXTURES, ROOT } from '../support/paths';
import { mustRun, runProcess } from '../support/run';

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
