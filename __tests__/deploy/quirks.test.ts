/**
 * Quirks of real fabric-cicd repositories (fixtures written here): parameter.yml one folder above the items
 * directory, a stray Readme.md beside the item folders, a pipeline's `.schedules`, the older Warehouse layout
 * (`xmla.json`, `DefaultSemanticModel.txt`), a T-SQL notebook (`-- META`), names with spaces, `%` and non-ASCII
 * letters, and a parameter.yml `extend` chain. Each deploys, and re-deploys with nothing written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { executeCommand } from '../../src/commands';
import { lid, makeContext, notebook, pipeline, project, requestCount, writesSince } from '../support/deploy';
import { fileSimulator } from '../support/sim';

const sim = fileSimulator();

const TSQL = `-- Fabric notebook source

-- METADATA ********************

-- META {
-- META   "kernel_info": {
-- META     "name": "sqldatawarehouse"
-- META   }
-- META }

-- CELL ********************

SELECT TOP 10 * FROM dbo.orders -- server: dev-sql

-- METADATA ********************

-- META {
-- META   "language": "sql",
-- META   "language_group": "sqldatawarehouse"
-- META }
`;

const SCHEDULES = `{
  "schedules": [
    { "enabled": true, "jobType": "Pipeline", "configuration": { "type": "Cron", "startDateTime": "2024-01-01T00:00:00", "endDateTime": "2030-01-01T00:00:00", "localTimeZoneId": "UTC", "interval": 60 } }
  ]
}
`;

test('a repository with the quirks of real ones deploys, and re-deploys with nothing written', async () => {
  const dir = project(
    // parameter.yml sits in the repository root, one folder above the items directory.
    `version: 1\nworkspace:\n  name: quirks\nitems:\n  directory: items\n  parameterFile: parameter.yml\nenvironments:\n  dev: {}\n`,
    [
      notebook('Ventes 100% Été', 1, 'print("dev-sql")'),
      { type: 'Notebook', name: 'Orders T-SQL', n: 2, files: { 'notebook-content.sql': TSQL } },
      {
        ...pipeline('Nightly Load', 3, [1]),
        files: { ...pipeline('Nightly Load', 3, [1]).files, '.schedules': SCHEDULES },
      },
      {
        type: 'Warehouse',
        name: 'Sales WH',
        n: 4,
        files: {
          'xmla.json': '{"name": "Sales WH"}\n',
          'DefaultSemanticModel.txt': 'Has default semantic model\n',
        },
      },
    ],
    {
      'items/Readme.md': '# Workspace items\n\nExported from Fabric.\n',
      'parameter.yml': `extend:\n  - params/base.yml\nkey_value_replace:\n  - find_key: $.schedules[*].enabled\n    replace_value:\n      dev: false\n    item_type: "DataPipeline"\n`,
      'params/base.yml': `extend:\n  - more/sql.yml\n`,
      'params/more/sql.yml': `find_replace:\n  - find_value: "dev-sql"\n    replace_value:\n      dev: "dev-sql-01"\n`,
    },
  );
  mkdirSync(path.join(dir, 'items', 'docs'), { recursive: true });
  writeFileSync(path.join(dir, 'items', 'docs', 'notes.txt'), 'not an item\n');

  const report = await executeCommand(makeContext(sim, dir, { environment: 'dev' }).ctx);
  expect(report.error).toBeUndefined();
  expect(report.result).toBe('succeeded');
  const ws = Object.values(sim.state.workspaces).find((w) => w.displayName === 'quirks')!;
  const items = Object.values(sim.state.items).filter(
    (i) => i.workspaceId === ws.id && i.type !== 'SQLEndpoint',
  );
  expect(items.map((i) => `${i.type}:${i.displayName}`).sort()).toEqual([
    'DataPipeline:Nightly Load',
    'Notebook:Orders T-SQL',
    'Notebook:Ventes 100% Été',
    'Warehouse:Sales WH',
  ]);
  const text = (name: string, part: string) =>
    Buffer.from(
      items.find((i) => i.displayName === name)!.definition!.parts.find((p) => p.path === part)!.payload,
      'base64',
    ).toString('utf8');
  // The extend chain's rule, in both notebooks; the root parameter.yml's rule in the schedules.
  expect(text('Ventes 100% Été', 'notebook-content.py')).toContain('dev-sql-01');
  expect(text('Orders T-SQL', 'notebook-content.sql')).toContain('-- server: dev-sql-01');
  expect(JSON.parse(text('Nightly Load', '.schedules')).schedules[0].enabled).toBe(false);
  expect(text('Nightly Load', 'pipeline-content.json')).toContain(
    items.find((i) => i.displayName === 'Ventes 100% Été')!.id,
  );
  expect(text('Nightly Load', 'pipeline-content.json')).not.toContain(lid(1));

  const from = await requestCount(sim);
  const again = await executeCommand(makeContext(sim, dir, { environment: 'dev' }).ctx);
  expect(again.result).toBe('succeeded');
  expect(again.hasChanges).toBe(false);
  expect(await writesSince(sim, from)).toEqual([]);
});
