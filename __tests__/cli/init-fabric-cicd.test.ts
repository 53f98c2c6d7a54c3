/**
 * `fabric-deploy init --from-fabric-cicd config.yml` through the committed bundle: a fabric-cicd
 * configuration-deployment file (written here, after fabric-cicd's documented format) becomes a
 * fabric-deploy.yml that loads for each environment with the same workspaces, directory, types,
 * exclusions and orphan handling, and that plans against the simulator; what has no equivalent is
 * reported with its line; invalid values fail with exit 1, all at once, and nothing is written.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/settings/config';
import { DEFAULTS } from '../../src/simulator';
import { runBundle } from '../support/bundle';
import { ROOT } from '../support/paths';
import { fileSimulator } from '../support/sim';

const ITEMS = path.join(ROOT, 'examples', 'workspace');
const DEV = '8b6e2c7a-4c1f-4e3a-9b2e-7d8f2e1a6c3b';
const PROD = '7c3e1f8b-2d4a-4b9e-8f2c-1a6c3b7d8e2f';

const sim = fileSimulator();

function project(configYml: string): { dir: string; config: string; out: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'from-cicd-'));
  mkdirSync(path.join(dir, 'cicd'));
  mkdirSync(path.join(dir, 'out'));
  const config = path.join(dir, 'cicd', 'config.yml');
  writeFileSync(config, configYml);
  return { dir, config, out: path.join(dir, 'out') };
}

const CONFIG = `core:
  workspace:
    dev: "Sales Dev"
    prod: "Sales Prod"
  workspace_id:
    dev: "${DEV}"
    prod: "${PROD}"
  repository_directory: "${ITEMS}"
  item_types_in_scope:
    - Notebook
    - DataPipeline
    - Environment
    - Lakehouse
    - VariableLibrary
    - SemanticModel
    - Report
  parameter: "${path.join(ITEMS, 'parameter.yml')}"
  item_type_in_scope: [Notebook]
publish:
  exclude_regex: "^DONT_DEPLOY.*"
  shortcut_exclude_regex: "temp_"
  items_to_include:
    - "Load Sales.Notebook"
  skip:
    dev: false
    prod: true
unpublish:
  exclude_regex: "^DEBUG.*"
  skip:
    dev: false
    prod: true
features:
  - enable_shortcut_publish
  - continue_on_shortcut_failure
  - disable_workspace_folder_publish
  - enable_made_up_flag
constants:
  DEFAULT_API_ROOT_URL: "https://api.fabric.microsoft.com"
deploy_settings:
  retries: 3
`;

test('converts config.yml into a fabric-deploy.yml that loads per environment and plans', async () => {
  const p = project(CONFIG);
  const r = await runBundle(['init', '--from-fabric-cicd', p.config, '--directory', p.out], {});
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
  const file = path.join(p.out, 'fabric-deploy.yml');
  expect(r.stdout).toContain('environments: dev, prod');
  const line = (needle: string) => CONFIG.split('\n').findIndex((l) => l.includes(needle)) + 1;
  // Each thing not converted is reported with its line of config.yml.
  for (const [needle, text] of [
    ['item_type_in_scope', "unknown key 'core.item_type_in_scope'"],
    ['items_to_include', 'publish.items_to_include: no equivalent'],
    ['prod: true', 'publish.skip: true has no equivalent'],
    ['enable_shortcut_publish', "feature 'enable_shortcut_publish': converted to features.shortcuts: true"],
    ['enable_made_up_flag', "unknown feature flag 'enable_made_up_flag'"],
    ['DEFAULT_API_ROOT_URL', 'give the fabric-api-url input'],
    ['deploy_settings', "unknown section 'deploy_settings'"],
  ] as const) {
    expect(r.stderr).toContain(text);
    expect(readFileSync(file, 'utf8')).toContain(`#   config.yml:${line(needle)} `);
  }
  const dev = loadConfig(file, 'dev').config;
  expect(dev.workspace).toEqual({ id: DEV, name: 'Sales Dev' });
  const dir = path.resolve(p.out, dev.items!.directory!);
  expect(dir).toBe(ITEMS);
  expect(path.resolve(p.out, dev.items!.parameterFile!)).toBe(path.join(ITEMS, 'parameter.yml'));
  expect(dev.items).toMatchObject({
    types: [
      'Notebook',
      'DataPipeline',
      'Environment',
      'Lakehouse',
      'VariableLibrary',
      'SemanticModel',
      'Report',
    ],
    exclude: ['^DONT_DEPLOY.*', '^DEBUG.*'],
    deleteOrphans: true,
    folders: false,
  });
  expect(dev.features).toEqual({ shortcuts: true });
  expect(dev.items!.shortcutExclude).toBe('temp_');
  expect(dev.items!.optionalSteps).toEqual(['shortcut']);
  const prod = loadConfig(file, 'prod').config;
  expect(prod.workspace).toEqual({ id: PROD, name: 'Sales Prod' });
  expect(prod.items!.deleteOrphans).toBe(false);

  // The converted project plans against Fabric (the simulator) like any other.
  await fetch(`${sim.url}/_sim/state`, {
    method: 'POST',
    body: JSON.stringify({
      workspaces: [
        {
          id: DEV,
          displayName: 'Sales Dev',
          capacityId: DEFAULTS.capacities.dev,
          roles: [{ principal: { id: DEFAULTS.adminUser.id, type: 'User' }, role: 'Admin' }],
        },
      ],
    }),
  });
  const plan = await runBundle(
    [
      'plan',
      '--config',
      file,
      '--environment',
      'dev',
      '--auth',
      'token',
      '--token',
      sim.issueToken(),
      '--fabric-api-url',
      sim.fabricApiUrl,
    ],
    {},
  );
  expect(plan.stdout + plan.stderr).toMatch(/Sales Report/);
  expect(plan.code).toBe(0);

  // Never overwritten without --force.
  const again = await runBundle(['init', '--from-fabric-cicd', p.config, '--directory', p.out], {});
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/fabric-deploy.yml exists.*--force/);
});

test('invalid values fail at once with their lines; nothing is written', async () => {
  const p = project(`core:
  workspace_id:
    dev: "not-a-guid"
    prod: "${PROD}"
  repository_directory:
    dev: ./workspace
publish:
  exclude_regex: "(?P<name>x)"
`);
  const r = await runBundle(['init', '--from-fabric-cicd', p.config, '--directory', p.out], {});
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/3 problems in config.yml/);
  expect(r.stderr).toMatch(/config.yml:3.*core.workspace_id.dev is not a GUID: 'not-a-guid'/);
  expect(r.stderr).toMatch(/no repository_directory for environment 'prod'/);
  expect(r.stderr).toMatch(
    /config.yml:8.*'\(\?P<name>x\)' is not a regular expression JavaScript reads.*\(\?<name>/,
  );
  expect(existsSync(path.join(p.out, 'fabric-deploy.yml'))).toBe(false);
});
