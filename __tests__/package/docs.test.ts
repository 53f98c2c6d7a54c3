/**
 * The reference docs are made from the sources the product reads (npm run docs), every relative link in
 * the docs resolves, and the published JSON Schema of fabric-deploy.yml is the one the product validates
 * with and accepts the configs the project shows users.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { fields, sectionExample } from '../../src/docs/config-page';
import { referenceFiles } from '../../src/docs/index';
import { anchorsOf } from '../../src/docs/markdown';
import { publishedSchema } from '../../src/docs/published-schema';
import { validate as productValidate } from '../../src/settings/configValidator.generated';
import { adoName, INPUTS, OUTPUTS } from '../../src/settings/inputs';
import { validationSchema } from '../../src/settings/schema';
import { CONFIG_SCHEMA_COMMENT, CONFIG_SCHEMA_URL } from '../../src/version';
import { runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { mustRun } from '../support/run';

const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');

/** Files below `dir` (relative to `from`, the repository by default) that `keep` accepts, as relative paths. */
function walk(dir: string, keep: (f: string) => boolean, from = ROOT): string[] {
  const abs = path.join(from, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(rel, keep, from);
    return keep(rel) ? [rel] : [];
  });
}

describe('npm run docs', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), 'docs-test-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('regenerated into a temp dir, every generated file equals the committed one', async () => {
    await mustRun(process.execPath, [path.join(ROOT, 'scripts', 'docs.mjs'), '--out', out], { cwd: ROOT });
    const made = walk('.', () => true, out);
    expect(made.sort()).toEqual(
      referenceFiles()
        .map(([f]) => f)
        .sort(),
    );
    for (const [file] of referenceFiles()) {
      const fresh = readFileSync(path.join(out, file), 'utf8');
      const committed = existsSync(path.join(ROOT, file)) ? read(file) : '(missing)';
      if (committed !== fresh) throw new Error(`${file} is out of date: run \`npm run docs\` and commit it`);
    }
  });

  it("the README's table of inputs and outputs names every one of the catalog", () => {
    const readme = read('README.md');
    const section = readme.slice(
      readme.indexOf('## Inputs and outputs'),
      readme.indexOf('\n## ', readme.indexOf('## Inputs and outputs') + 3),
    );
    const missing = [...INPUTS, ...OUTPUTS]
      .map((i) => i.name)
      .filter((n) => !section.includes(`\`${n}\``) && !section.includes(`\`${adoName(n)}\``));
    expect(missing).toEqual([]);
    expect(section).toContain('(docs/reference/inputs.md)');
  });

  it("every input of the task links its entry of the reference from its help (the classic editor's “Reference”)", () => {
    const task = JSON.parse(read('tasks/FabricDeployV0/task.json')) as {
      inputs: { name: string; helpMarkDown: string }[];
    };
    const anchors = anchorsOf(read('docs/reference/inputs.md'));
    for (const spec of INPUTS.filter((i) => i.only !== 'github')) {
      const input = task.inputs.find((i) => i.name === adoName(spec.name))!;
      const link = /\[Reference\]\(https:[^)]*\/docs\/reference\/inputs\.md#([^)]+)\)/.exec(
        input.helpMarkDown,
      );
      expect([spec.name, link?.[1]]).toEqual([spec.name, spec.name]);
      expect([spec.name, anchors.has(spec.name)]).toEqual([spec.name, true]);
    }
  });

  it('the inputs page names every input and output on each host', () => {
    const page = read('docs/reference/inputs.md');
    for (const name of [
      'workspace-name',
      'workspaceName',
      '--workspace-name',
      'FABRIC_DEPLOY_WORKSPACE_NAME',
    ])
      expect(page).toContain(`\`${name}\``);
    expect(page).toContain('`connectedServiceName` (alias `azureSubscription`)');
    expect(page).toMatch(/\| `journal-file` \| `journalFile` \| `journal-file` \|/);
  });
});

// ------------------------------------------------------------------------------------------- links

const DOCS = [
  ...['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md'].filter((f) =>
    existsSync(path.join(ROOT, f)),
  ),
  ...walk('docs', (f) => f.endsWith('.md')),
  ...walk('examples', (f) => f.endsWith('.md')),
];

/** Every link target of a markdown page outside code: `[text](target)`, `[ref]: target`, `<a href>`. */
function linksOf(markdown: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((raw, i) => {
    const f = /^\s*(```+|~~~+)/.exec(raw);
    if (f) {
      if (!fence) fence = f[1]![0];
      else if (f[1]![0] === fence) fence = undefined;
      return;
    }
    if (fence) return;
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      out.push({ target: m[1]!, line: i + 1 });
    const ref = /^\s*\[[^\]]+\]:\s*(\S+)/.exec(line);
    if (ref) out.push({ target: ref[1]!, line: i + 1 });
    for (const m of line.matchAll(/<a\s[^>]*href="([^"]+)"/g)) out.push({ target: m[1]!, line: i + 1 });
  });
  return out;
}

describe('every relative link in the docs resolves', () => {
  it.each(DOCS)('%s', (file) => {
    const broken: string[] = [];
    for (const { target, line } of linksOf(read(file))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [p, anchor] = target.split('#') as [string, string | undefined];
      const dest = p ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(p))) : file;
      if (dest.startsWith('..') || !existsSync(path.join(ROOT, dest))) {
        broken.push(`${file}:${line}: ${target} → ${dest} does not exist`);
        continue;
      }
      if (anchor === undefined || !dest.endsWith('.md') || statSync(path.join(ROOT, dest)).isDirectory())
        continue;
      if (!anchorsOf(read(dest)).has(decodeURIComponent(anchor).toLowerCase()))
        broken.push(`${file}:${line}: ${target} → ${dest} has no heading for #${anchor}`);
    }
    expect(broken).toEqual([]);
  });

  it('the link checker sees broken links and anchors', () => {
    expect(linksOf('[a](docs/x.md#y) `[b](not-a-link.md)`\n```\n[c](in-code.md)\n```\n[r]: ../r.md')).toEqual(
      [
        { target: 'docs/x.md#y', line: 1 },
        { target: '../r.md', line: 5 },
      ],
    );
    const anchors = anchorsOf(
      '# Title\n## `command: rollback` and more\n## Title\n```\n# not a heading\n```',
    );
    expect([...anchors]).toEqual(['title', 'command-rollback-and-more', 'title-1']);
  });
});

// ------------------------------------------------------------------------------------------ schema

describe('the published JSON Schema of fabric-deploy.yml', () => {
  const published = JSON.parse(read('docs/fabric-deploy.schema.json')) as Record<string, unknown>;
  // Strict: a misspelt keyword in the schema would be an error, not a silently ignored key.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  const validate = ajv.compile(published);
  const base = { version: 1, workspace: { name: 'sales' } };
  const check = (label: string, config: unknown) => {
    const ok = validate(config);
    expect([label, ok ? [] : validate.errors]).toEqual([label, []]);
    // The product's own (generated) validator agrees.
    expect([label, productValidate(config)]).toEqual([label, true]);
  };

  it('is the schema the product validates with, with annotations only added', () => {
    const { $schema, $id, title, ...rest } = published;
    expect($schema).toBe('http://json-schema.org/draft-07/schema#');
    expect($id).toBe(CONFIG_SCHEMA_URL);
    expect(title).toEqual(expect.any(String));
    expect(validationSchema(rest)).toEqual(validationSchema());
    expect(published).toEqual(publishedSchema());
  });

  it('lives on the one owner of package.json, at the major tag the pinned Action runs', () => {
    const pkg = JSON.parse(read('package.json')) as { repository: { url: string }; version: string };
    const slug = /github\.com\/([^/]+\/[^/.]+)/.exec(pkg.repository.url)![1];
    expect(CONFIG_SCHEMA_URL).toBe(
      `https://raw.githubusercontent.com/${slug}/v${pkg.version.split('.')[0]}/docs/fabric-deploy.schema.json`,
    );
    expect(CONFIG_SCHEMA_COMMENT).toBe(`# yaml-language-server: $schema=${CONFIG_SCHEMA_URL}`);
  });

  it('describes every field (the configuration reference has nothing blank)', () => {
    const blank = fields()
      .filter((f) => !f.node.description)
      .map((f) => f.path);
    expect(blank).toEqual([]);
  });

  it('accepts every fabric-deploy.yml of examples/ and the fixtures, each starting with the schema comment', () => {
    const files = [
      ...walk('examples', (f) => /fabric-deploy\.ya?ml$/.test(f)),
      ...walk('__tests__/fixtures', (f) => /(^|\/)fabric-deploy\.ya?ml$/.test(f)),
    ];
    expect(files).toContain('examples/fabric-deploy.yml');
    for (const f of files) {
      expect([f, read(f).split('\n')[0]]).toEqual([f, CONFIG_SCHEMA_COMMENT]);
      check(f, parse(read(f)));
    }
  });

  it('accepts the config shown in the README and every example of the configuration reference', () => {
    const readme = [...read('README.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((y) => /^version: 1$/m.test(y));
    expect(readme).toHaveLength(1);
    expect(readme[0]!.split('\n')[0]).toBe(CONFIG_SCHEMA_COMMENT);
    check('README.md', parse(readme[0]!));
    for (const key of Object.keys((published.properties ?? {}) as object)) {
      const example = sectionExample(key);
      if (example) check(`configuration.md ${key}`, { ...base, ...example });
    }
  });

  it('accepts every fabric-deploy.yml fragment the docs show (a YAML block of its top-level keys only)', () => {
    const keys = new Set(Object.keys(published.properties as object));
    const shown: string[] = [];
    for (const file of DOCS) {
      for (const m of read(file).matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
        let block: unknown;
        try {
          block = parse(m[1]!);
        } catch {
          continue; // not YAML as written (an elided example): not a config
        }
        if (!block || typeof block !== 'object' || Array.isArray(block)) continue;
        if (!Object.keys(block).every((k) => keys.has(k))) continue; // a workflow, a pipeline, parameter.yml
        const line = read(file).slice(0, m.index).split('\n').length;
        shown.push(`${file}:${line}`);
        check(`${file}:${line}`, { ...base, ...(block as object) });
      }
    }
    // The README, workspaces.md (branches, targets) and every section of the configuration reference.
    expect(shown.length).toBeGreaterThanOrEqual(10);
  });

  it('refuses what the product refuses', () => {
    const bad: unknown[] = [
      { version: 2, workspace: { name: 'x' } },
      { version: 1 },
      { version: 1, workspace: { name: 'x' }, item: {} },
      { version: 1, workspace: { id: 'not-a-guid' } },
      { version: 1, workspace: { name: 'x', principals: [{ upn: 'a@b.c', role: 'Owner' }] } },
      { version: 1, workspace: { name: 'x' }, environments: { prod: { version: 1 } } },
      { version: 1, workspace: { name: 'x' }, resilience: { maxParallel: 65 } },
    ];
    for (const config of bad) {
      expect([config, validate(config)]).toEqual([config, false]);
      expect([config, productValidate(config)]).toEqual([config, false]);
    }
  });

  it('accepts the fabric-deploy.yml that `fabric-deploy init` writes (through the bundle), schema comment first', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'docs-init-'));
    try {
      const r = await runBundle(['init', '--directory', dir, '--yes', '--environments', 'dev,prod'], {});
      expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
      const text = readFileSync(path.join(dir, 'fabric-deploy.yml'), 'utf8');
      expect(text.split('\n')[0]).toBe(CONFIG_SCHEMA_COMMENT);
      check('init', parse(text));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
