import path from 'node:path';
import {
  compileFindRegex,
  connectionBinding,
  jsonPathError,
  loadParameterFile,
  parseDynamicVariable,
  type ResolvableRef,
} from '../../src/items/parameters';
import { buildItemPayload, validateParameters } from '../../src/items/payload';
import { scanRepository } from '../../src/items/repository';
import { caught, decode, makeRepo, platform } from '../support/items';

const NB_ID = '11111111-1111-4111-8111-111111111111';
const ENV_ID = '33333333-3333-4333-8333-333333333333';
const WS = 'aaaaaaaa-1111-2222-3333-444444444444';

async function build(
  files: Record<string, string>,
  yaml: string,
  environment = 'dev',
  resolve?: (r: ResolvableRef) => string | undefined,
) {
  const dir = makeRepo({ ...files, 'parameter.yml': yaml });
  const { items } = await scanRepository(dir);
  const params = loadParameterFile(path.join(dir, 'parameter.yml'), { environment, repositoryDir: dir });
  const out = new Map<string, Record<string, string>>();
  for (const item of items) {
    const p = await buildItemPayload(item, {
      logicalIds: new Map(),
      workspaceId: WS,
      workspaceName: 'Sales & Marketing (dev)',
      parameters: params,
      resolve,
      items,
    });
    out.set(
      item.displayName,
      Object.fromEntries((p.definition?.parts ?? []).map((x) => [x.path, decode(x.payload)])),
    );
  }
  return { dir, items, params, out };
}

const notebook = (name: string, id: string, content: string) => ({
  [`${name}.Notebook/.platform`]: platform('Notebook', name, id),
  [`${name}.Notebook/notebook-content.py`]: content,
});

describe('find_replace', () => {
  test('_ALL_ in any case applies to every environment; ignore_case; literal values with $-like text', async () => {
    const { out } = await build(
      notebook('A', NB_ID, 'Server=DEV-SQL;\nserver=dev-sql;\n'),
      'find_replace:\n  - find_value: dev-sql\n    replace_value: { _All_: "prod$&sql" }\n    ignore_case: "true"\n',
    );
    expect(out.get('A')!['notebook-content.py']).toBe('Server=prod$&sql;\nserver=prod$&sql;\n');
  });

  test('filters: item_name list, glob file_path, absolute file_path; other items untouched', async () => {
    const files = {
      ...notebook('A', NB_ID, 'x=1\n'),
      ...notebook('B', ENV_ID, 'x=1\n'),
      'sub/C.Notebook/.platform': platform('Notebook', 'C', '44444444-4444-4444-8444-444444444444'),
      'sub/C.Notebook/notebook-content.py': 'x=1\n',
    };
    const { out } = await build(
      files,
      `find_replace:
  - find_value: "x=1"
    replace_value: { dev: "x=2" }
    item_name: [A, C]
    file_path: "**/notebook-content.py"
`,
    );
    expect(out.get('A')!['notebook-content.py']).toBe('x=2\n');
    expect(out.get('B')!['notebook-content.py']).toBe('x=1\n');
    expect(out.get('C')!['notebook-content.py']).toBe('x=2\n');
  });

  test('an absolute file_path inside the items directory is accepted', async () => {
    const dir = makeRepo({ ...notebook('A', NB_ID, 'x=1\n'), 'parameter.yml': '' });
    const yaml = `find_replace:\n  - find_value: "x=1"\n    replace_value: { dev: "x=3" }\n    file_path: "${path.join(dir, 'A.Notebook', 'notebook-content.py')}"\n`;
    const params = loadParameterFile(path.join(makeRepo({ 'p.yml': yaml }), 'p.yml'), {
      environment: 'dev',
      repositoryDir: dir,
    });
    expect(params.findReplace[0]!.filters.filePath![0]!.rel).toBe('A.Notebook/notebook-content.py');
  });

  test('a Python regex with a named group and an inline flag; only group 1 is replaced', async () => {
    const { out } = await build(
      notebook('A', NB_ID, '# META "default_lakehouse": "F3B9C1E2-7D4A-4B3E-9F2A-1C6E8D9A7B3C",\n'),
      `find_replace:
  - find_value: (?i)\\#\\s*meta\\s+"default_lakehouse":\\s*"(?P<id>[0-9a-f-]{36})"
    replace_value: { dev: "$items.Lakehouse.LH.$id" }
    is_regex: "true"
`,
      'dev',
      (r) => (r.kind === 'item' ? 'deployed-lakehouse-id' : undefined),
    );
    expect(out.get('A')!['notebook-content.py']).toBe(
      '# META "default_lakehouse": "deployed-lakehouse-id",\n',
    );
  });

  test('$workspace variables: $id, $name, $name_encoded, and as a find_value', async () => {
    const { out } = await build(
      notebook('A', NB_ID, 'id=ID name=NAME enc=ENC ws=00000000-0000-0000-0000-000000000000\n'),
      `find_replace:
  - find_value: ID
    replace_value: { dev: $workspace.$id }
  - find_value: NAME
    replace_value: { dev: $workspace.$name }
  - find_value: ENC
    replace_value: { dev: $workspace.$name_encoded }
`,
    );
    expect(out.get('A')!['notebook-content.py']).toBe(
      `id=${WS} name=Sales & Marketing (dev) enc=Sales%20%26%20Marketing%20%28dev%29 ws=00000000-0000-0000-0000-000000000000\n`,
    );
  });

  test('an unresolvable $items variable is a ConfigError at the parameter line', async () => {
    const err = await caught(() =>
      build(
        notebook('A', NB_ID, 'LH\n'),
        'find_replace:\n  - find_value: LH\n    replace_value:\n      dev: $items.Lakehouse.Gone.$id\n',
        'dev',
        () => undefined,
      ),
    );
    expect(err.message).toBe("$items.Lakehouse.Gone.$id: no Lakehouse named 'Gone' in the target workspace");
    expect(err.location?.line).toBe(4);
  });

  test('an empty replace_value is skipped with a warning, as fabric-cicd does (`if replace_value:`)', async () => {
    const { out, params } = await build(
      notebook('A', NB_ID, 'x=1\n'),
      'find_replace:\n  - find_value: x=1\n    replace_value: { dev: "", prod: x=9 }\n',
    );
    expect(out.get('A')!['notebook-content.py']).toBe('x=1\n');
    expect(params.warnings).toEqual([
      expect.stringMatching(
        /parameter\.yml:3:\d+: find_replace\[0\] has an empty replace_value for environment 'dev'; it is skipped/,
      ),
    ]);
  });

  test('an empty capture: only the first match must capture a value (later empty captures are skipped)', async () => {
    const yaml = `find_replace:
  - find_value: 'id="([0-9]*)"'
    replace_value: { dev: "9" }
    is_regex: "true"
`;
    const { out } = await build(notebook('A', NB_ID, 'id="1" id="" id="2"\n'), yaml);
    expect(out.get('A')!['notebook-content.py']).toBe('id="9" id="" id="9"\n');
    const err = await caught(() => build(notebook('A', NB_ID, 'id="" id="1"\n'), yaml));
    expect(err.message).toBe(`find_replace[0]: the regex matched 'id=""' but captured an empty value`);
    expect(err.location?.line).toBe(2);
  });

  test('a missing environment means no replacement and a warning', async () => {
    const { out, params } = await build(
      notebook('A', NB_ID, 'x=1\n'),
      'find_replace:\n  - find_value: x=1\n    replace_value: { prod: x=9 }\n',
      'dev',
    );
    expect(out.get('A')!['notebook-content.py']).toBe('x=1\n');
    expect(params.warnings).toEqual([
      expect.stringMatching(
        /parameter\.yml:3:\d+: find_replace\[0\] has no value for environment 'dev' \(only prod\); it is not applied/,
      ),
    ]);
  });

  test('.platform is never parameterized', async () => {
    const { out } = await build(
      notebook('A', NB_ID, 'Notebook\n'),
      'find_replace:\n  - find_value: Notebook\n    replace_value: { dev: Book }\n',
    );
    expect(out.get('A')!['.platform']).toContain('"type": "Notebook"');
    expect(out.get('A')!['notebook-content.py']).toBe('Book\n');
  });
});

describe('key_value_replace', () => {
  const pipeline = {
    'P.DataPipeline/.platform': platform('DataPipeline', 'P', NB_ID),
    'P.DataPipeline/pipeline-content.json':
      '{\n    "properties": {\n        "parameters": { "retries": 1, "target": "dev" }\n    }\n}\n',
    'P.DataPipeline/settings.yml':
      '# schedule\nschedules:\n  - jobType: Execute # the only job\n    enabled: true\n',
  };

  test('JSON keeps its indentation, YAML keeps comments, values may be non-strings', async () => {
    const { out } = await build(
      pipeline,
      `key_value_replace:
  - find_key: $.properties.parameters.retries
    replace_value: { dev: 3 }
  - find_key: $.schedules[?(@.jobType=="Execute")].enabled
    replace_value: { dev: false }
`,
    );
    const p = out.get('P')!;
    expect(p['pipeline-content.json']).toBe(
      '{\n    "properties": {\n        "parameters": {\n            "retries": 3,\n            "target": "dev"\n        }\n    }\n}\n',
    );
    expect(p['settings.yml']).toBe(
      '# schedule\nschedules:\n  - jobType: Execute # the only job\n    enabled: false\n',
    );
  });

  test('a JSONPath that finds nothing is a warning, not an error', async () => {
    const dir = makeRepo({
      ...pipeline,
      'parameter.yml': 'key_value_replace:\n  - find_key: $.nothing.here\n    replace_value: { dev: 1 }\n',
    });
    const { items } = await scanRepository(dir);
    const params = loadParameterFile(path.join(dir, 'parameter.yml'), {
      environment: 'dev',
      repositoryDir: dir,
    });
    const check = validateParameters(params, items);
    expect(check.warnings).toEqual([
      expect.stringMatching(
        /key_value_replace\[0\] find_key '\$\.nothing\.here' is found in none of the 2 files it applies to/,
      ),
    ]);
  });
});

test('spark_pool: instance_pool_id of an Environment becomes the target pool id', async () => {
  const asked: ResolvableRef[] = [];
  const { out } = await build(
    {
      'World.Environment/.platform': platform('Environment', 'World', ENV_ID),
      'World.Environment/Setting/Sparkcompute.yml':
        'instance_pool_id: 72c68dbc-0775-4d59-909d-a47896f4573b\ndriver_cores: 8\n',
    },
    `spark_pool:
  - instance_pool_id: "72c68dbc-0775-4d59-909d-a47896f4573b"
    replace_value:
      dev: { type: Capacity, name: Large }
    item_name: World
`,
    'dev',
    (r) => {
      asked.push(r);
      return 'target-pool-id';
    },
  );
  expect(out.get('World')!['Setting/Sparkcompute.yml']).toBe(
    'instance_pool_id: target-pool-id\ndriver_cores: 8\n',
  );
  expect(asked).toEqual([{ kind: 'sparkPool', poolType: 'Capacity', name: 'Large' }]);
});

test('semantic_model_binding: model entry first, else the default', () => {
  const dir = makeRepo({
    'parameter.yml': `semantic_model_binding:
  default:
    connection_id: { dev: "76e05dfe-9855-4e3d-a410-1dda048dbe99" }
  models:
    - semantic_model_name: [Sales, Stock]
      connection_id:
        dev: ["f96870d5-5f86-49ad-bf41-5967fd7c1c6d"]
`,
  });
  const params = loadParameterFile(path.join(dir, 'parameter.yml'), { environment: 'dev' });
  expect(connectionBinding(params, 'Stock')?.connectionIds).toEqual(['f96870d5-5f86-49ad-bf41-5967fd7c1c6d']);
  expect(connectionBinding(params, 'Other')?.connectionIds).toEqual(['76e05dfe-9855-4e3d-a410-1dda048dbe99']);
  expect(connectionBinding(params, 'Other', 'prod')).toBeUndefined();
});

test('extend: nested templates merge in order; a loop is refused', async () => {
  const dir = makeRepo({
    'parameter.yml':
      'extend: [t/a.yml]\nfind_replace:\n  - find_value: one\n    replace_value: { _ALL_: "1" }\n',
    't/a.yml':
      'extend: ["../more/b.yml"]\nfind_replace:\n  - find_value: two\n    replace_value: { _ALL_: "2" }\n',
    'more/b.yml': 'find_replace:\n  - find_value: three\n    replace_value: { _ALL_: "3" }\n',
  });
  const params = loadParameterFile(path.join(dir, 'parameter.yml'));
  expect(params.findReplace.map((e) => e.find)).toEqual(['one', 'two', 'three']);
  const loop = makeRepo({ 'p.yml': 'extend: [q.yml]\n', 'q.yml': 'extend: [p.yml]\n' });
  const err = await caught(() => loadParameterFile(path.join(loop, 'p.yml')));
  expect(err.message).toBe('parameter files extend each other in a loop: p.yml → q.yml → p.yml');
  expect(err.location).toMatchObject({ file: path.join(loop, 'q.yml'), line: 1 });
});

describe('syntax helpers', () => {
  test('dynamic variables', () => {
    expect(parseDynamicVariable('$workspace.id')).toEqual({ kind: 'workspaceId' });
    expect(parseDynamicVariable('$items.Lakehouse.WithoutSchema.sqlendpoint')).toEqual({
      kind: 'item',
      type: 'Lakehouse',
      name: 'WithoutSchema',
      attribute: 'sqlendpoint',
    });
    expect(parseDynamicVariable('$items.Notebook.my.dotted.name.$id')).toEqual({
      kind: 'item',
      type: 'Notebook',
      name: 'my.dotted.name',
      attribute: 'id',
    });
    expect(parseDynamicVariable('$workspace.Shared Data.$id')).toEqual({
      kind: 'workspace',
      name: 'Shared Data',
    });
    expect(parseDynamicVariable('$workspace.Shared.$items.Lakehouse.Gold.$sqlendpointid')).toEqual({
      kind: 'item',
      type: 'Lakehouse',
      name: 'Gold',
      attribute: 'sqlendpointid',
      workspace: 'Shared',
    });
    expect(parseDynamicVariable('$items.notebook.A.$id')).toMatch(
      /unknown item type 'notebook'.*did you mean 'Notebook'/,
    );
    expect(parseDynamicVariable('$items.Lakehouse.A.$url')).toMatch(/unknown attribute 'url'/);
    expect(parseDynamicVariable('$secret')).toMatch(/is not a variable/);
  });

  test('regexes: Python syntax translated, a capturing group required', () => {
    const first = (p: string, text: string, ic = false) => {
      const m = [...compileFindRegex(p, ic).matches(text)][0];
      return m?.group ? text.slice(...m.group) : undefined;
    };
    expect(first('(?P<v>a+)b', 'xaab')).toBe('aa');
    expect(first('(?i)id="(?P<id>[0-9A-F-]+)"', 'ID="ab-12"')).toBe('ab-12');
    expect(first('(?s)start(.+)end', 'start\nmid\nend')).toBe('\nmid\n');
    expect(first('(?m)^key=(\\w+)$', 'a=1\nkey=v2\nb=3')).toBe('v2');
    expect(first('\\#\\s*META\\s+"lh":\\s*"([0-9a-f-]{36})"', '# META "lh": "' + 'a'.repeat(36) + '"')).toBe(
      'a'.repeat(36),
    );
    expect(first('\\A(\\w+)\\Z', 'word')).toBe('word');
    expect(first('\\u00e9(\\w)', 'éx')).toBe('x');
    expect(first('(?<=id=)(\\d+)', 'id=42')).toBe('42');
    expect(first('(ab)', 'AB', true)).toBe('AB');
    // Indices are JavaScript string indices, also after characters outside the BMP.
    expect(first('😀(x)', 'a😀x')).toBe('x');
    expect(() => compileFindRegex('abc', false)).toThrow(/no capturing group/);
    expect(() => compileFindRegex('(?x)(a)', false)).toThrow(/verbose/);
    expect(() => compileFindRegex('(?P<v>a+)(?P=v)', false)).toThrow(
      /a backreference, which needs a backtracking engine/,
    );
    expect(() => compileFindRegex('(a)\\1', false)).toThrow(/a backreference/);
    expect(() => compileFindRegex('(a)(?=b)', false)).toThrow(/a lookahead/);
    expect(() => compileFindRegex('(a', false)).toThrow(/missing closing \)/);
  });

  test('a catastrophic-backtracking regex is matched in linear time', () => {
    // (a+)+$ against 'aaaa…b' takes a backtracking engine 2^n steps; here it is one pass.
    const re = compileFindRegex('(a+)+$', false);
    expect([...re.matches('a'.repeat(100_000) + 'b')]).toHaveLength(0);
    expect([...re.matches('b' + 'a'.repeat(10))][0]!.group).toEqual([1, 11]);
  });

  test('JSONPath checks', () => {
    for (const ok of [
      '$',
      '$.a.b',
      '$..value',
      "$['a b'][0]",
      '$.a[*].b',
      '$.a[1:3]',
      '$.variables[?(@.name=="X")].value',
      '$.schedules[?(@.jobType=="Execute" && @.enabled)].enabled',
    ]) {
      expect(jsonPathError(ok)).toBeUndefined();
    }
    expect(jsonPathError('$.a[')).toMatch(/never closed/);
    expect(jsonPathError('$.[[')).toBeDefined();
    expect(jsonPathError('$.a[b]')).toMatch(/invalid selector/);
    expect(jsonPathError('$.a..')).toMatch(/property name is missing/);
  });
});
