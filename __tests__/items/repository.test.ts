import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { buildDefinition, isText } from '../../src/items/definition';
import { definitionDiff, normaliseDefinition } from '../../src/items/normalise';
import { buildItemPayload, UnresolvedReferenceError } from '../../src/items/payload';
import { dependencyLevels, findCycle } from '../../src/items/references';
import { readRepository, scanRepository } from '../../src/items/repository';
import { parsePrincipals } from '../../src/settings/principals';
import { checkNaming } from '../../src/settings/naming';
import { fromRepoItems, type BuildContext } from '../../src/deploy/desired';
import { caught, decode, makeRepo, platform } from '../support/items';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('repository layout', () => {
  test('excluded parts (.pbi/) are not read; .ipynb notebooks get format ipynb; binary detection', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const dir = makeRepo({
      'M.SemanticModel/.platform': platform('SemanticModel', 'M', A),
      'M.SemanticModel/definition.pbism': '{}',
      'M.SemanticModel/.pbi/cache.abf': Buffer.alloc(4096, 1),
      'M.SemanticModel/.pbi/localSettings.json': '{}',
      'N.Notebook/.platform': platform('Notebook', 'N', B),
      'N.Notebook/notebook-content.ipynb': '{"cells": []}',
      'N.Notebook/logo.png': png,
    });
    const items = await readRepository(dir, { maxFileBytes: 1024 });
    const model = items.find((i) => i.type === 'SemanticModel')!;
    expect(model.files.map((f) => f.path)).toEqual(['definition.pbism']);
    const nb = items.find((i) => i.type === 'Notebook')!;
    expect(nb.files.find((f) => f.path === 'logo.png')!.binary).toBe(true);
    const def = buildDefinition(nb, { logicalIds: new Map(), workspaceId: 'ws' });
    expect(def.format).toBe('ipynb');
    expect(def.parts.map((p) => p.path)).toEqual(['.platform', 'notebook-content.ipynb', 'logo.png']);
    expect(Buffer.from(def.parts[2]!.payload, 'base64').equals(png)).toBe(true);
    expect(isText(png)).toBe(false);
  });

  test('scope: types and exclude regexes; unknown types are warnings, a type in the wrong case an error', async () => {
    const dir = makeRepo({
      'A.Notebook/.platform': platform('Notebook', 'A', A),
      'scratch_b.Notebook/.platform': platform('Notebook', 'scratch_b', B),
      'X.FutureThing/.platform': platform('FutureThing', 'X', C),
    });
    const scan = await scanRepository(dir, { exclude: ['^scratch_'] });
    expect(scan.items.map((i) => i.displayName)).toEqual(['A', 'X']);
    expect(scan.warnings).toEqual([
      expect.stringMatching(
        /^\/.*\/X\.FutureThing\/\.platform:\d+: item type 'FutureThing' is not one of the 44 known types/,
      ),
    ]);
    expect((await scanRepository(dir, { types: ['FutureThing'] })).items.map((i) => i.displayName)).toEqual([
      'X',
    ]);
    const wrong = makeRepo({ 'A.Notebook/.platform': platform('notebook', 'A', A) });
    const err = await caught(() => scanRepository(wrong));
    expect(err.message).toBe("unknown item type 'notebook'");
    expect(err.fix).toBe("spell it 'Notebook' (item types are case-sensitive)");
    const badExclude = await caught(() =>
      scanRepository(dir, { exclude: ['('], configLocation: { file: 'cfg.yml', line: 9 } }),
    );
    expect(badExclude.location).toEqual({ file: 'cfg.yml', line: 9 });
  });

  test('symbolic links inside the items directory are followed, loops are not', async () => {
    const dir = makeRepo({
      'shared/lib.py': 'print(1)\n',
      'A.Notebook/.platform': platform('Notebook', 'A', A),
      'A.Notebook/notebook-content.py': '',
    });
    symlinkSync(path.join(dir, 'shared/lib.py'), path.join(dir, 'A.Notebook/lib.py'));
    symlinkSync(path.join(dir, 'shared'), path.join(dir, 'A.Notebook/shared'));
    symlinkSync(dir, path.join(dir, 'A.Notebook/loop'));
    const scan = await scanRepository(dir);
    expect(scan.items[0]!.files.map((f) => [f.path, f.bytes.toString()])).toEqual([
      ['lib.py', 'print(1)\n'],
      ['notebook-content.py', ''],
      ['shared/lib.py', 'print(1)\n'],
    ]);
    expect(scan.warnings).toEqual(['A.Notebook/loop: a link to a folder above it, not followed']);
  });

  test('shell types: Lakehouse creation payload from its metadata, no definition', async () => {
    const dir = makeRepo({
      'L.Lakehouse/.platform': platform('Lakehouse', 'L', A),
      'L.Lakehouse/lakehouse.metadata.json': '{"defaultSchema":"dbo"}',
    });
    const [lh] = await readRepository(dir);
    const p = await buildItemPayload(lh!, { logicalIds: new Map(), workspaceId: 'ws' });
    expect(p).toEqual({ creationPayload: { enableSchemas: true }, warnings: [] });
  });
});

describe('logical ids', () => {
  test('exact tokens only, case-insensitive, one pass; a referenced repository item without an id is an error', async () => {
    const dir = makeRepo({
      'A.Notebook/.platform': platform('Notebook', 'A', A),
      'A.Notebook/notebook-content.py': `env=${C.toUpperCase()} longer=${C}0 self=${A}\n`,
      'E.Environment/.platform': platform('Environment', 'E', C),
    });
    const items = await readRepository(dir);
    const nb = items.find((i) => i.type === 'Notebook')!;
    const p = await buildItemPayload(nb, {
      logicalIds: new Map([[C, 'deployed-env']]),
      workspaceId: 'ws',
      items,
    });
    expect(decode(p.definition!.parts[1]!.payload)).toBe(`env=deployed-env longer=${C}0 self=${A}\n`);
    expect(p.warnings).toEqual([
      "Notebook 'A' refers to its own logical id; left as is until it has been deployed",
    ]);
    const err = await buildItemPayload(nb, { logicalIds: new Map(), workspaceId: 'ws', items }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(UnresolvedReferenceError);
    expect(err.message).toBe(
      `Notebook 'A' refers to Environment 'E' (logical id ${C}), which has no deployed id yet`,
    );
  });
});

describe('references to items outside the scope (items.types / items.exclude)', () => {
  const NB = 'aaaaaaaa-1111-4111-8111-000000000001';
  const ENV = 'aaaaaaaa-1111-4111-8111-000000000002';
  const DEPLOYED_ENV = 'dddddddd-0000-4000-8000-00000000e001';
  const content = `# META "dependencies": {\n# META   "environment": {\n# META     "environmentId": "${ENV}",\n# META     "workspaceId": "00000000-0000-0000-0000-000000000000"\n# META   }\n# META }\n`;
  const repo = () =>
    makeRepo({
      'Hello.Notebook/.platform': platform('Notebook', 'Hello', NB),
      'Hello.Notebook/notebook-content.py': content,
      'World.Environment/.platform': platform('Environment', 'World', ENV),
      'World.Environment/Setting/Sparkcompute.yml': 'enable_native_execution_engine: false\n',
    });

  test('scanRepository keeps them apart: items in scope and outOfScope', async () => {
    const scan = await scanRepository(repo(), { types: ['Notebook'] });
    expect(scan.items.map((i) => i.displayName)).toEqual(['Hello']);
    expect(scan.outOfScope.map((i) => i.displayName)).toEqual(['World']);
    const ex = await scanRepository(repo(), { exclude: ['^World$'] });
    expect(ex.outOfScope.map((i) => `${i.type}/${i.displayName}`)).toEqual(['Environment/World']);
  });

  test('types: [Notebook], Environment already deployed: environmentId is the deployed Environment id', async () => {
    const scan = await scanRepository(repo(), { types: ['Notebook'] });
    const asked: unknown[] = [];
    const p = await buildItemPayload(scan.items[0]!, {
      logicalIds: new Map(),
      workspaceId: 'ws-id',
      items: scan.items,
      outOfScope: scan.outOfScope,
      resolve: (ref) => {
        asked.push(ref);
        return ref.kind === 'item' && ref.type === 'Environment' && ref.name === 'World'
          ? DEPLOYED_ENV
          : undefined;
      },
    });
    const text = decode(p.definition!.parts[1]!.payload);
    expect(text).toContain(`"environmentId": "${DEPLOYED_ENV}"`);
    expect(text).toContain('"workspaceId": "ws-id"');
    expect(asked).toEqual([{ kind: 'item', type: 'Environment', name: 'World', attribute: 'id' }]);
  });

  test('the same through the deploy adapter: the id comes from the workspace listing by type and name', async () => {
    const scan = await scanRepository(repo(), { types: ['Notebook'] });
    const [nb] = fromRepoItems(scan.items, { folders: true, outOfScope: scan.outOfScope });
    const listed: string[] = [];
    const client = {
      listItems: async (_ws: string, type?: string) => {
        listed.push(type ?? '');
        return type === 'Environment' ? [{ id: DEPLOYED_ENV, type, displayName: 'world' }] : [];
      },
    } as unknown as BuildContext['client'];
    const ctx: BuildContext = {
      workspaceId: 'ws-id',
      workspaceName: 'ws',
      logicalIds: new Map(),
      idsByName: new Map(),
      client,
    };
    const p = await nb!.payload(ctx);
    expect(decode(p.definition!.parts[1]!.payload)).toContain(`"environmentId": "${DEPLOYED_ENV}"`);
    expect(listed).toEqual(['Environment']);
    expect(nb!.dependsOn).toEqual([]);
  });

  test('an out-of-scope item absent from the workspace is an UnresolvedReferenceError', async () => {
    const scan = await scanRepository(repo(), { types: ['Notebook'] });
    const err = await buildItemPayload(scan.items[0]!, {
      logicalIds: new Map(),
      workspaceId: 'ws-id',
      items: scan.items,
      outOfScope: scan.outOfScope,
      resolve: () => undefined,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(UnresolvedReferenceError);
    expect(err.logicalId).toBe(ENV);
    expect(err.message).toBe(
      `Notebook 'Hello' refers to Environment 'World' (logical id ${ENV}, outside the deploy's items.types / items.exclude), which is not in the target workspace: deploy it first or add it to the scope`,
    );
  });
});

describe('graph helpers', () => {
  test('findCycle finds a cycle in a long chain without recursion; levels', () => {
    const g = new Map<string, Set<string>>();
    for (let i = 0; i < 20000; i++) g.set(`n${i}`, new Set(i ? [`n${i - 1}`] : []));
    expect(findCycle(g)).toBeUndefined();
    expect(dependencyLevels(g)).toHaveLength(20000);
    g.get('n0')!.add('n19999');
    expect(findCycle(g)).toHaveLength(20000);
    expect(
      findCycle(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['c'])],
          ['c', new Set(['b'])],
        ]),
      ),
    ).toEqual(['b', 'c']);
  });
});

describe('normaliseDefinition', () => {
  const part = (p: string, text: string | Buffer) => ({
    path: p,
    payload: Buffer.from(text).toString('base64'),
    payloadType: 'InlineBase64' as const,
  });
  const plat = (extra: string) =>
    `{"$schema":"x/2.0.0","metadata":{"type":"Notebook","displayName":"A"${extra}},"config":{"version":"2.0","logicalId":"${A}"}}`;

  test('ignores order, line endings, JSON formatting and .platform fields the service rewrites', () => {
    const ours = {
      format: 'ipynb',
      parts: [
        part('.platform', plat(',"description":""')),
        part('a.json', '{\n  "b": 1,\n  "a": [1, 2]\n}\n'),
        part('nb.py', 'x = 1\nprint(x)\n'),
      ],
    };
    const theirs = {
      parts: [
        part('/nb.py', '\uFEFFx = 1\r\nprint(x)'),
        part('a.json', '{"a":[1,2],"b":1}'),
        part(
          '.platform',
          '{"$schema":"x/2.1.0","metadata":{"type":"Notebook","displayName":"A"},"config":{"version":"2.0","logicalId":"00000000-0000-0000-0000-000000000000"}}',
        ),
      ],
    };
    expect(normaliseDefinition(ours)).toBe(normaliseDefinition(theirs));
    expect(definitionDiff(ours, theirs)).toEqual([]);
  });

  test('sees real changes: text, JSON values, binary bytes, renamed item, missing parts', () => {
    const base = {
      parts: [
        part('.platform', plat('')),
        part('a.json', '{"a":1}'),
        part('img.png', Buffer.from([0, 1, 2])),
      ],
    };
    const changed = {
      parts: [
        part('.platform', plat(',"description":"new"')),
        part('a.json', '{"a":2}'),
        part('img.png', Buffer.from([0, 1, 3])),
        part('extra.py', ''),
      ],
    };
    expect(normaliseDefinition(base)).not.toBe(normaliseDefinition(changed));
    expect(definitionDiff(base, changed)).toEqual(['.platform', 'a.json', 'extra.py', 'img.png']);
    expect(definitionDiff(base, { parts: base.parts.slice(1) }, { platform: 'ignore' })).toEqual([]);
  });
});

describe('principals file and naming rules, accepted input', () => {
  test('parses ids, UPNs, roles and types in any case, quoted and bare descriptions with commas', () => {
    const text = [
      '# principals for sales',
      'principal_id,role,description,type',
      '',
      '9f0c2a4e-1b2c-4d5e-8f90-123456789abc,admin,"Data, platform admins",group',
      'ana@contoso.com,Member,Analyst, EMEA,User',
      'a1b2c3d4-0000-4000-8000-000000000001,Viewer,,ServicePrincipal',
    ].join('\n');
    expect(parsePrincipals(text, 'p.csv')).toEqual([
      {
        id: '9f0c2a4e-1b2c-4d5e-8f90-123456789abc',
        role: 'Admin',
        type: 'Group',
        description: 'Data, platform admins',
      },
      { upn: 'ana@contoso.com', role: 'Member', type: 'User', description: 'Analyst, EMEA' },
      { id: 'a1b2c3d4-0000-4000-8000-000000000001', role: 'Viewer', type: 'ServicePrincipal' },
    ]);
  });

  test('a duplicate principal names both lines', async () => {
    const err = await caught(() =>
      parsePrincipals(`${A},Admin,x,User\n${A.toUpperCase()},Viewer,y,User\n`, 'p.csv'),
    );
    expect(err.message).toBe(`principals line 2: '${A.toUpperCase()}' is already given on line 1`);
  });

  test('naming rules pass for conforming items and warn about rules for unknown types', async () => {
    const items = await readRepository(
      makeRepo({ 'nb_a.Notebook/.platform': platform('Notebook', 'nb_a', A) }),
    );
    expect(checkNaming(items, { Notebook: '^nb_', Widget: '^w_' })).toEqual([
      "naming rule for unknown item type 'Widget' matches no item",
    ]);
    expect(checkNaming(items, undefined)).toEqual([]);
  });
});
