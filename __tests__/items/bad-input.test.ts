import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/errors';
import { loadParameterFile } from '../../src/items/parameters';
import { validateParameters } from '../../src/items/payload';
import { dependencyGraph, validateItemReferences } from '../../src/items/references';
import { scanRepository } from '../../src/items/repository';
import { checkNaming } from '../../src/settings/naming';
import { parsePrincipals, readPrincipalsFile } from '../../src/settings/principals';
import { caught, lineContaining, makeRepo, platform } from '../support/items';

/** Every bad input is a ConfigError with the file and line where it can be fixed, before anything is sent. */

const NB_ID = '11111111-1111-4111-8111-111111111111';
const LH_ID = '22222222-2222-4222-8222-222222222222';
const NB =
  '# Fabric notebook source\n# META "default_lakehouse": "aaaaaaaa-0000-0000-0000-000000000001"\nprint("hi")\n';

/** A small repository (a notebook and a lakehouse) with `parameter.yml` holding `yaml`. */
function withParams(yaml: string): { dir: string; file: string; text: string } {
  const dir = makeRepo({
    'Nb.Notebook/.platform': platform('Notebook', 'Nb', NB_ID),
    'Nb.Notebook/notebook-content.py': NB,
    'Lh.Lakehouse/.platform': platform('Lakehouse', 'Lh', LH_ID),
    'parameter.yml': yaml,
  });
  return { dir, file: path.join(dir, 'parameter.yml'), text: yaml };
}

function expectAt(err: ConfigError | Error, file: string, line: number | undefined): void {
  expect(err).toBeInstanceOf(ConfigError);
  const e = err as ConfigError;
  expect(e.location?.file).toBe(file);
  expect(e.location?.line).toBe(line);
  expect(e.fix).toBeTruthy();
}

describe('parameter.yml', () => {
  test('an invalid regex', async () => {
    const { dir, file, text } = withParams(`find_replace:
  - find_value: 'default_lakehouse": "([0-9a-f-]+"'
    replace_value: { PPE: x }
    is_regex: "true"
`);
    const err = await caught(() => loadParameterFile(file, { environment: 'PPE', repositoryDir: dir }));
    expect(err.message).toMatch(
      /find_replace\[0\]: invalid regex: .*(Unterminated group|missing (closing )?\))/i,
    );
    expectAt(err, file, lineContaining(text, 'find_value'));
  });

  test('a regex that matches nothing in the files it applies to is a warning at its line (fabric-cicd skips it)', async () => {
    const { dir, file, text } = withParams(`find_replace:
  - find_value: "# META \\"default_lakehouse\\": \\"([0-9]{3})\\""
    replace_value:
      _ALL_: "bbbbbbbb-0000-0000-0000-000000000002"
    is_regex: "true"
    item_type: Notebook
`);
    const params = loadParameterFile(file, { environment: 'PPE', repositoryDir: dir });
    const { items } = await scanRepository(dir);
    expect(validateParameters(params, items).warnings).toEqual([
      `${file}:${lineContaining(text, 'find_value')}:17: find_replace[0] regex matches nothing in the 1 file it applies to in the repository, so it is not applied (check the pattern against the file: escaping, spaces, quotes; or fix its filters, or remove the stale entry)`,
    ]);
  });

  test('a regex that matches only outside the scope, or not in every item it names, is a warning', async () => {
    const yaml = `find_replace:
  - find_value: 'default_lakehouse": "([0-9a-f-]{36})"'
    replace_value:
      _ALL_: "bbbbbbbb-0000-0000-0000-000000000002"
    is_regex: "true"
`;
    const dir = makeRepo({
      'Nb.Notebook/.platform': platform('Notebook', 'Nb', NB_ID),
      'Nb.Notebook/notebook-content.py': NB,
      'Other.Notebook/.platform': platform('Notebook', 'Other', '44444444-4444-4444-8444-444444444444'),
      'Other.Notebook/notebook-content.py': 'print("no lakehouse")\n',
      'parameter.yml': yaml,
    });
    const file = path.join(dir, 'parameter.yml');
    const params = loadParameterFile(file, { environment: 'PPE', repositoryDir: dir });
    // Deploying only 'Other': the regex matches only in 'Nb', which is excluded.
    const scoped = await scanRepository(dir, { exclude: ['^Nb$'] });
    const line = lineContaining(yaml, 'find_value');
    expect(validateParameters(params, scoped.items, 'PPE', scoped.outOfScope).warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `parameter\\.yml:${line}:\\d+: find_replace\\[0\\] regex matches nothing in the 1 file of the items in scope \\(only in items outside`,
        ),
      ),
    ]);
    // Without the rest of the repository to look at, the same entry can do nothing at all.
    expect(validateParameters(params, scoped.items, 'PPE').warnings).toEqual([
      expect.stringMatching(
        /matches nothing in the 1 file it applies to in the repository, so it is not applied/,
      ),
    ]);
    // Everything in scope, unfiltered: 'Other' without a match is normal (fabric-cicd skips it), no warning.
    const all = await scanRepository(dir);
    expect(validateParameters(params, all.items, 'PPE', all.outOfScope).warnings).toEqual([]);
    // Named by item_name but without a match: a warning naming the item.
    const named = loadParameterFile(file, { environment: 'PPE', repositoryDir: dir });
    named.findReplace[0]!.filters.itemName = ['Nb', 'Other'];
    expect(validateParameters(named, all.items, 'PPE', all.outOfScope).warnings).toEqual([
      expect.stringContaining(
        "find_replace[0] regex matches nothing in Notebook 'Other', which its filters select; that item is deployed without this replacement",
      ),
    ]);
  });

  test('an unknown item type in a filter', async () => {
    const { dir, file, text } = withParams(`find_replace:
  - find_value: print
    replace_value: { PPE: echo }
    item_type: [Notebook, Lakhouse]
`);
    const err = await caught(() => loadParameterFile(file, { environment: 'PPE', repositoryDir: dir }));
    expect(err.message).toBe("unknown item type 'Lakhouse' in find_replace[0].item_type");
    expectAt(err, file, lineContaining(text, 'item_type'));
  });

  test('a bad JSONPath', async () => {
    const { dir, file, text } = withParams(`key_value_replace:
  - find_key: $.variables[?(@.name=="X")].value
    replace_value: { PPE: a }
  - find_key: $.variables[?(@.name==)].value
    replace_value: { PPE: b }
`);
    const err = await caught(() => loadParameterFile(file, { environment: 'PPE', repositoryDir: dir }));
    expect(err.message).toMatch(
      /^key_value_replace\[1\]: bad JSONPath '\$\.variables\[\?\(@\.name==\)\]\.value': invalid expression/,
    );
    expectAt(err, file, 4);
    expect(text.split('\n')[3]).toContain('@.name==)');
  });

  test('a JSONPath that does not start at the root', async () => {
    const { dir, file } = withParams(`key_value_replace:
  - find_key: variables[0].value
    replace_value: { PPE: a }
`);
    const err = await caught(() => loadParameterFile(file, { environment: 'PPE', repositoryDir: dir }));
    expect(err.message).toMatch(/must start with '\$'/);
    expectAt(err, file, 2);
  });

  test('_ALL_ together with other environments', async () => {
    const { dir, file, text } = withParams(`find_replace:
  - find_value: print
    replace_value:
      PPE: echo
      _all_: say
`);
    const err = await caught(() => loadParameterFile(file, { environment: 'PPE', repositoryDir: dir }));
    expect(err.message).toBe(
      'find_replace[0].replace_value: _all_ must be the only environment (it applies to all of them), but PPE is also given',
    );
    expectAt(err, file, lineContaining(text, '_all_'));
  });

  test('a file_path that is not in the items directory', async () => {
    const { dir, file, text } = withParams(`find_replace:
  - find_value: print
    replace_value: { PPE: echo }
    file_path: ["/Nb.Notebook/notebook-content.py", "/Nb.Notebook/notebook.py"]
`);
    const err = await caught(() => loadParameterFile(file, { environment: 'PPE', repositoryDir: dir }));
    expect(err.message).toBe("file_path '/Nb.Notebook/notebook.py' is not a file of the items directory");
    expectAt(err, file, lineContaining(text, 'file_path'));
  });

  test('an unknown key (a typo of a filter)', async () => {
    const { dir, file, text } = withParams(`find_replace:
  - find_value: print
    replace_value: { PPE: echo }
    item_types: Notebook
`);
    const err = await caught(() => loadParameterFile(file, { environment: 'PPE', repositoryDir: dir }));
    expect(err.message).toBe("unknown key 'item_types' in find_replace[0]");
    expectAt(err, file, lineContaining(text, 'item_types'));
  });

  test('an $items variable with an attribute the type does not have', async () => {
    const { dir, file, text } = withParams(`find_replace:
  - find_value: print
    replace_value: { PPE: $items.Notebook.Nb.$sqlendpoint }
`);
    const err = await caught(() => loadParameterFile(file, { environment: 'PPE', repositoryDir: dir }));
    expect(err.message).toMatch(/a Notebook has no sqlendpoint/);
    expectAt(err, file, lineContaining(text, 'sqlendpoint'));
  });

  test('an $items variable naming an item that is neither in the repository nor in the workspace', async () => {
    const { dir, file, text } = withParams(`find_replace:
  - find_value: aaaaaaaa-0000-0000-0000-000000000001
    replace_value:
      PPE: $items.Lakehouse.lh.$id
`);
    const params = loadParameterFile(file, { environment: 'PPE', repositoryDir: dir });
    const { items } = await scanRepository(dir);
    const err = await caught(() =>
      validateItemReferences(params, items, [{ type: 'Lakehouse', displayName: 'Other' }]),
    );
    expect(err.message).toBe(
      "$items.Lakehouse.lh.$id: no Lakehouse named 'lh' in the repository or the target workspace",
    );
    expect(err.fix).toBe("write 'Lh' (names are case-sensitive)");
    expectAt(err, file, lineContaining(text, '$items'));
    expect(() =>
      validateItemReferences(params, items, [{ type: 'Lakehouse', displayName: 'lh' }]),
    ).not.toThrow();
  });

  test('extend naming a missing file', async () => {
    const { dir, file, text } = withParams(`extend:
  - ./templates/one.yml
`);
    const err = await caught(() => loadParameterFile(file, { repositoryDir: dir }));
    expect(err.message).toMatch(/extended parameter file '.*templates\/one\.yml' not found/);
    expectAt(err, file, lineContaining(text, 'one.yml'));
  });
});

describe('principals file', () => {
  const file = '/config/principals/sales.csv';
  const good =
    '# workspace principals\nprincipal_id,role,description,type\n9f0c2a4e-1b2c-4d5e-8f90-123456789abc,Admin,Data platform admins,Group\n';

  test('a bad GUID', async () => {
    const err = await caught(() => parsePrincipals(good + '\n1234-not-a-guid,Member,Analysts,Group\n', file));
    expect(err.message).toBe("principals line 5: principal_id '1234-not-a-guid' is not a GUID");
    expect(err.location).toEqual({ file, line: 5, col: 1 });
  });

  test('a bad role', async () => {
    const err = await caught(() =>
      parsePrincipals(good + 'a1b2c3d4-0000-4000-8000-000000000001,Owner,Boss,User\n', file),
    );
    expect(err.message).toBe("principals line 4: 'Owner' is not a workspace role");
    expect(err.location).toEqual({ file, line: 4, col: 38 });
    expect(err.fix).toBe('use one of: Admin, Member, Contributor, Viewer');
  });

  test('a bad type', async () => {
    const err = await caught(() =>
      parsePrincipals(good + 'a1b2c3d4-0000-4000-8000-000000000001,Viewer,Readers,Team\n', file),
    );
    expect(err.message).toBe("principals line 4: 'Team' is not a principal type");
    expect(err.location?.line).toBe(4);
    expect(err.fix).toBe('use one of: User, Group, ServicePrincipal, ServicePrincipalProfile');
  });

  test('a line with too few fields, and a missing file', async () => {
    const err = await caught(() =>
      parsePrincipals(good + 'a1b2c3d4-0000-4000-8000-000000000001,Viewer\n', file),
    );
    expect(err.message).toMatch(
      /^principals line 4 has 2 fields; expected principal_id,role,description,type/,
    );
    const missing = await caught(() =>
      readPrincipalsFile(path.join(os.tmpdir(), 'no-such-principals.csv'), {
        file: '/x/fabric-deploy.yml',
        line: 7,
      }),
    );
    expect(missing.location).toEqual({ file: '/x/fabric-deploy.yml', line: 7 });
  });
});

describe('repository', () => {
  test('two items with the same type and name', async () => {
    const dir = makeRepo({
      'A.Notebook/.platform': platform('Notebook', 'Report Prep', NB_ID),
      'a/B.Notebook/.platform': platform('Notebook', 'report prep', LH_ID),
    });
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toBe("two Notebook items are named 'report prep': 'A.Notebook' and 'a/B.Notebook'");
    const second = path.join(dir, 'a/B.Notebook/.platform');
    expectAt(err, second, lineContaining(readFileSync(second, 'utf8'), 'displayName'));
  });

  test('two items with the same logicalId', async () => {
    const dir = makeRepo({
      'A.Notebook/.platform': platform('Notebook', 'A', NB_ID),
      'B.Notebook/.platform': platform('Notebook', 'B', NB_ID),
    });
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toBe(`two items have the same logicalId ${NB_ID}: 'A.Notebook' and 'B.Notebook'`);
    const second = path.join(dir, 'B.Notebook/.platform');
    expectAt(err, second, lineContaining(readFileSync(second, 'utf8'), 'logicalId'));
  });

  test('a symbolic link leading outside the items directory', async () => {
    const outside = makeRepo({ 'secret.txt': 'not for Fabric' });
    const dir = makeRepo({
      'A.Notebook/.platform': platform('Notebook', 'A', NB_ID),
      'A.Notebook/notebook-content.py': NB,
    });
    const link = path.join(dir, 'A.Notebook', 'extra.py');
    symlinkSync(path.join(outside, 'secret.txt'), link);
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toMatch(
      /^'A\.Notebook\/extra\.py' is a symbolic link to '.*secret\.txt', outside the items directory$/,
    );
    expect(err.location).toEqual({ file: link });
  });

  test('a file over the size limit', async () => {
    const dir = makeRepo({
      'A.Notebook/.platform': platform('Notebook', 'A', NB_ID),
      'A.Notebook/notebook-content.py': 'x'.repeat(2048),
    });
    const err = await caught(() => scanRepository(dir, { maxFileBytes: 1024 }));
    expect(err.message).toBe(
      "'A.Notebook/notebook-content.py' is 2048 bytes, over the limit of 1024 bytes for one file",
    );
    expect(err.location).toEqual({ file: path.join(dir, 'A.Notebook/notebook-content.py') });
    expect(err.field).toBe('items.maxFileBytes');
  });

  test('an item folder without .platform', async () => {
    const dir = makeRepo({
      'A.Notebook/.platform': platform('Notebook', 'A', NB_ID),
      'sub/B.Notebook/notebook-content.py': NB,
    });
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toBe("item folder 'sub/B.Notebook' has no .platform file");
    expect(err.location).toEqual({ file: path.join(dir, 'sub/B.Notebook') });
  });

  test('.platform without metadata.type', async () => {
    const text = JSON.stringify(
      { metadata: { displayName: 'A' }, config: { version: '2.0', logicalId: NB_ID } },
      null,
      2,
    );
    const dir = makeRepo({ 'A.Notebook/.platform': text });
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toBe('.platform has no metadata.type');
    expectAt(err, path.join(dir, 'A.Notebook/.platform'), 2);
  });

  test('.platform without metadata.displayName', async () => {
    const text = JSON.stringify(
      { metadata: { type: 'Notebook' }, config: { version: '2.0', logicalId: NB_ID } },
      null,
      2,
    );
    const dir = makeRepo({ 'A.Notebook/.platform': text });
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toBe('.platform has no metadata.displayName');
    expect(err.location?.file).toBe(path.join(dir, 'A.Notebook/.platform'));
  });

  test('.platform with a logicalId that is not a GUID, and invalid JSON', async () => {
    const dir = makeRepo({ 'A.Notebook/.platform': platform('Notebook', 'A', 'nb-1') });
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toBe("config.logicalId 'nb-1' is not a GUID");
    expectAt(
      err,
      path.join(dir, 'A.Notebook/.platform'),
      lineContaining(platform('Notebook', 'A', 'nb-1'), 'logicalId'),
    );
    writeFileSync(
      path.join(dir, 'A.Notebook/.platform'),
      '{\n  "metadata": {\n    "type": "Notebook",\n  }\n}\n',
    );
    const bad = await caught(() => scanRepository(dir));
    expect(bad.message).toMatch(/^\.platform is not valid JSON/);
    expect(bad.location?.line).toBe(4);
  });

  test('a folder name Fabric refuses', async () => {
    const dir = makeRepo({ 'v1.0/A.Notebook/.platform': platform('Notebook', 'A', NB_ID) });
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toBe(
      "folder 'v1.0' cannot become a workspace folder: '.' is not allowed in folder names",
    );
    expect(err.location).toEqual({ file: path.join(dir, 'v1.0') });
  });

  test('a report whose byPath names no semantic model of the repository', async () => {
    const pbir =
      '{\n  "version": "4.0",\n  "datasetReference": {\n    "byPath": {\n      "path": "../Missing.SemanticModel"\n    }\n  }\n}\n';
    const dir = makeRepo({
      'R.Report/.platform': platform('Report', 'R', NB_ID),
      'R.Report/definition.pbir': pbir,
    });
    const err = await caught(() => scanRepository(dir));
    expect(err.message).toBe(
      "report 'R' refers to semantic model '../Missing.SemanticModel', which is not an item folder of the repository",
    );
    expectAt(err, path.join(dir, 'R.Report/definition.pbir'), 5);
  });
});

test('a cycle of references', async () => {
  const envId = '33333333-3333-4333-8333-333333333333';
  const dir = makeRepo({
    'A.Notebook/.platform': platform('Notebook', 'A', NB_ID),
    'A.Notebook/notebook-content.py': `# META "environmentId": "${envId}"\n`,
    'E.Environment/.platform': platform('Environment', 'E', envId),
    'E.Environment/Setting/Sparkcompute.yml': `# started from notebook ${NB_ID}\nruntime_version: 1.3\n`,
    'Lh.Lakehouse/.platform': platform('Lakehouse', 'Lh', LH_ID),
  });
  const { items } = await scanRepository(dir);
  const err = await caught(() => dependencyGraph(items));
  expect(err.message).toBe(
    'items depend on each other in a cycle:\n' +
      "  Notebook 'A' (A.Notebook) needs Environment 'E': its logical id in notebook-content.py\n" +
      "  Environment 'E' (E.Environment) needs Notebook 'A': its logical id in Setting/Sparkcompute.yml",
  );
  expect(err.location).toEqual({ file: path.join(dir, 'A.Notebook/.platform') });
});

test('a naming-rule violation', async () => {
  const dir = makeRepo({
    'nb_ok.Notebook/.platform': platform('Notebook', 'nb_ok', NB_ID),
    'Bad.Notebook/.platform': platform('Notebook', 'Bad Name', LH_ID),
  });
  const { items } = await scanRepository(dir);
  const config = '/repo/fabric-deploy.yml';
  const err = await caught(() =>
    checkNaming(
      items,
      { Notebook: '^nb_[a-z0-9_]+$' },
      { locate: () => ({ file: config, line: 12, col: 13 }) },
    ),
  );
  expect(err.message).toBe("Notebook 'Bad Name' does not follow the naming rule ^nb_[a-z0-9_]+$");
  expect(err.field).toBe('naming.Notebook');
  expect(err.fix).toBe(
    'rename the item (metadata.displayName in its .platform) or change the rule at /repo/fabric-deploy.yml:12:13',
  );
  const file = path.join(dir, 'Bad.Notebook/.platform');
  expectAt(err, file, lineContaining(readFileSync(file, 'utf8'), 'displayName'));
  const badRule = await caught(() =>
    checkNaming(items, { Notebook: '^nb_(' }, { locate: () => ({ file: config, line: 12 }) }),
  );
  expect(badRule.location).toEqual({ file: config, line: 12 });
});
