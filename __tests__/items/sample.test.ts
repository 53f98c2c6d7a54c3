import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadParameterFile, type ParameterFile, type ResolvableRef } from '../../src/items/parameters';
import { buildItemPayload, validateParameters, type ItemPayload } from '../../src/items/payload';
import { dependencyGraph, dependencyLevels, validateItemReferences } from '../../src/items/references';
import { scanRepository } from '../../src/items/repository';
import { type RepoItem, type RepositoryScan } from '../../src/items/repo-item';
import { ITEM_TYPES } from '../../src/items/types';
import { SAMPLE, decode } from '../support/items';
import { describeWithSharedSample } from '../support/paths';

describeWithSharedSample('the fabric-cicd sample (../shared), read and parameterised', () => {
  /** The fabric-cicd sample deployed (on paper) to environment PPE, with a fake workspace that answers look-ups. */

  const WS = 'aaaaaaaa-1111-2222-3333-444444444444';
  let scan: RepositoryScan;
  let deployedIds: Map<string, string>;
  const asked: ResolvableRef[] = [];

  function idOf(type: string, name: string): string {
    const item = scan.items.find((i) => i.type === type && i.displayName === name)!;
    return deployedIds.get(item.logicalId)!;
  }

  const resolve = (ref: ResolvableRef): string | undefined => {
    asked.push(ref);
    if (ref.kind === 'sparkPool') return `pool-${ref.name}`;
    if (ref.kind === 'workspace') return undefined;
    if (ref.attribute === 'id') return idOf(ref.type, ref.name);
    if (ref.attribute === 'sqlendpoint') return `${ref.name.toLowerCase()}.datawarehouse.fabric.test`;
    if (ref.attribute === 'queryserviceuri') return `https://${ref.name.toLowerCase()}.kusto.fabric.test`;
    return `${ref.name}-${ref.attribute}`;
  };

  async function payloads(params: ParameterFile, environment: string): Promise<Map<RepoItem, ItemPayload>> {
    const out = new Map<RepoItem, ItemPayload>();
    for (const item of scan.items) {
      out.set(
        item,
        await buildItemPayload(item, {
          logicalIds: deployedIds,
          workspaceId: WS,
          workspaceName: 'Sales PPE',
          environment,
          parameters: params,
          resolve,
          items: scan.items,
        }),
      );
    }
    return out;
  }

  function part(all: Map<RepoItem, ItemPayload>, type: string, name: string, file: string): string {
    const [, p] = [...all].find(([i]) => i.type === type && i.displayName === name)!;
    const found = p.definition!.parts.find((x) => x.path === file);
    if (!found) throw new Error(`${type} ${name} has no part ${file}`);
    return decode(found.payload);
  }

  beforeAll(async () => {
    scan = await scanRepository(SAMPLE);
    deployedIds = new Map(
      scan.items.map((i, n) => [i.logicalId, `d0000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`]),
    );
  });

  describe('repository layout of the sample', () => {
    test('40 items of 27 types, nested folders, KQL databases as items of their own', () => {
      expect(scan.items).toHaveLength(40);
      expect(new Set(scan.items.map((i) => i.type)).size).toBe(27);
      expect(scan.warnings).toEqual([]);
      expect(scan.folders).toEqual(['/subfolder', '/subfolder/subfolder']);
      const nb = scan.items.find((i) => i.displayName === 'Hello World SubfolderSubfolder')!;
      expect(nb.folderPath).toBe('/subfolder/subfolder');
      const taxi = scan.items.find((i) => i.displayName === 'TaxiDB')!;
      expect(taxi.type).toBe('KQLDatabase');
      expect(taxi.folderPath).toBe('');
      expect(taxi.parentLogicalId).toBe('959f24d2-d283-ad08-4897-52f5ff52f4d3');
      const eh = scan.items.find((i) => i.displayName === 'SampleEventhouse')!;
      expect(eh.files.map((f) => f.path)).toEqual(['EventhouseProperties.json']);
    });

    test('binary images are flagged and text files are not', () => {
      const report = scan.items.find((i) => i.type === 'Report' && i.displayName === 'ABC')!;
      const images = report.files.filter((f) => f.path.startsWith('StaticResources/RegisteredResources/'));
      expect(images).toHaveLength(5);
      expect(images.every((f) => f.binary)).toBe(true);
      expect(
        report.files
          .filter((f) => !f.path.startsWith('StaticResources/RegisteredResources/'))
          .every((f) => !f.binary),
      ).toBe(true);
      expect(report.datasetByPath?.model.displayName).toBe('ABC');
    });

    test('every type of the sample is a known type', () => {
      for (const item of scan.items) expect(ITEM_TYPES[item.type]).toBeDefined();
    });
  });

  describe('parameter.yml for PPE', () => {
    let params: ParameterFile;
    let all: Map<RepoItem, ItemPayload>;
    beforeAll(async () => {
      params = loadParameterFile(path.join(SAMPLE, 'parameter.yml'), {
        environment: 'PPE',
        repositoryDir: SAMPLE,
      });
      all = await payloads(params, 'PPE');
    });

    test('loads completely, with a warning for each PROD-only entry', () => {
      expect(params.findReplace).toHaveLength(9);
      expect(params.keyValueReplace).toHaveLength(5);
      expect(params.sparkPool).toHaveLength(2);
      expect(params.semanticModelBinding?.default?.byEnv.get('PPE')?.value).toEqual([
        '76e05dfe-9855-4e3d-a410-1dda048dbe99',
      ]);
      expect(params.warnings).toHaveLength(2);
      expect(params.warnings[0]).toMatch(
        /parameter\.yml:96:\d+: key_value_replace\[2\] has no value for environment 'PPE'/,
      );
      const check = validateParameters(params, scan.items);
      // The sample's first entry names a GUID its notebooks do not contain: said, not silent.
      expect(check.warnings.some((w) => /find_replace\[0\].*db52be81.*none of the 2 files/.test(w))).toBe(
        true,
      );
      expect(() => validateItemReferences(params, scan.items)).not.toThrow();
    });

    test('every item gets a payload: 30 definitions, 10 shell items', () => {
      expect(all.size).toBe(40);
      const shells = [...all].filter(([, p]) => !p.definition);
      expect(shells.map(([i]) => i.type).sort()).toEqual([
        'Lakehouse',
        'Lakehouse',
        'Lakehouse',
        'Lakehouse',
        'Lakehouse',
        'Lakehouse',
        'MLExperiment',
        'SQLDatabase',
        'Warehouse',
        'Warehouse',
      ]);
      expect([...all].filter(([, p]) => p.definition)).toHaveLength(30);
    });

    test('Example Notebook: default lakehouse from $items.Lakehouse.WithoutSchema.id, workspace, SQL endpoint, query URI', () => {
      const nb = part(all, 'Notebook', 'Example Notebook', 'notebook-content.py');
      expect(nb).toContain(`"default_lakehouse": "${idOf('Lakehouse', 'WithoutSchema')}"`);
      expect(nb).toContain(`"default_lakehouse_workspace_id": "${WS}"`);
      expect(nb).toContain('This its SQL analytics endpoint: withoutschema.datawarehouse.fabric.test');
      expect(nb).toContain('This its eventhouse query URI: https://sampleeventhouse.kusto.fabric.test');
      expect(nb).not.toContain(
        'f3b9c1e2-7d4a-4b3e-9f2a-1c6e8d9a7b3c",\n# META       "default_lakehouse_name"',
      );
      expect(asked).toContainEqual({
        kind: 'item',
        type: 'Lakehouse',
        name: 'WithoutSchema',
        attribute: 'sqlendpoint',
      });
    });

    test('Run Hello World: notebookId is Hello World’s deployed id, schedule disabled by key_value_replace', () => {
      const pipeline = JSON.parse(part(all, 'DataPipeline', 'Run Hello World', 'pipeline-content.json'));
      expect(pipeline.properties.activities[0].typeProperties).toEqual({
        notebookId: idOf('Notebook', 'Hello World'),
        workspaceId: WS,
      });
      const schedules = JSON.parse(part(all, 'DataPipeline', 'Run Hello World', '.schedules'));
      expect(schedules.schedules[0].enabled).toBe(false);
      expect(schedules.schedules[0].configuration.interval).toBe(15);
    });

    test('Hello World notebooks: environment by logical id and the zero workspace id rewritten', () => {
      for (const name of ['Hello World', 'Hello World Subfolder', 'Hello World SubfolderSubfolder']) {
        const nb = part(all, 'Notebook', name, 'notebook-content.py');
        expect(nb).toContain(`"environmentId": "${idOf('Environment', 'World')}"`);
        expect(nb).toContain(`"workspaceId": "${WS}"`);
      }
    });

    test('Reports: byPath becomes a byConnection to the deployed model; ByConnection parameterized', () => {
      const abc = JSON.parse(part(all, 'Report', 'ABC', 'definition.pbir'));
      expect(abc.datasetReference).toEqual({
        byConnection: {
          connectionString: null,
          pbiServiceModelId: null,
          pbiModelVirtualServerName: 'sobe_wowvirtualserver',
          pbiModelDatabaseName: idOf('SemanticModel', 'ABC'),
          name: 'EntityDataSource',
          connectionType: 'pbiServiceXmlaStyleLive',
        },
      });
      expect(abc.$schema).toMatch(/definitionProperties\/1\.0\.0/);
      const byConn = JSON.parse(part(all, 'Report', 'ByConnection', 'definition.pbir'));
      expect(byConn.datasetReference.byConnection.connectionString).toBe(
        `Data Source=powerbi://api.powerbi.com/v1.0/myorg/${WS};initial catalog=ABC;access mode=readonly;integrated security=ClaimsToken;semanticmodelid=${idOf('SemanticModel', 'ABC')}`,
      );
      const rdl = part(all, 'PaginatedReport', 'ABC Paginated', 'ABC Paginated.rdl');
      expect(rdl).not.toContain('4febdc09-e283-4a4f-9658-38bab81bab2d');
      expect(rdl).toContain(idOf('SemanticModel', 'ABC'));
    });

    test('binary parts are sent byte for byte', () => {
      const report = scan.items.find((i) => i.type === 'Report' && i.displayName === 'ABC')!;
      const p = all.get(report)!;
      for (const f of report.files.filter((x) => x.binary)) {
        expect(p.definition!.parts.find((x) => x.path === f.path)!.payload).toBe(
          readFileSync(f.absPath).toString('base64'),
        );
      }
    });

    test('PROD-only entries leave the PPE files untouched; VariableLibrary activates PPE', () => {
      const prod = JSON.parse(part(all, 'VariableLibrary', 'Vars', 'valueSets/PROD.json'));
      expect(prod.variableOverrides).toEqual([
        { name: 'Environment', value: 'Prod' },
        { name: 'SQL_Server', value: 'contoso-prod.database.windows.net' },
      ]);
      expect(part(all, 'VariableLibrary', 'Vars', 'valueSets/PROD.json')).toBe(
        readFileSync(path.join(SAMPLE, 'Vars.VariableLibrary/valueSets/PROD.json'), 'utf8'),
      );
      const vars = JSON.parse(part(all, 'VariableLibrary', 'Vars', 'variables.json'));
      expect(vars.variables.find((v: any) => v.name === 'SQL_Server').value).toBe(
        'contoso-ppe.database.windows.net',
      );
      const vars2 = scan.items.find((i) => i.type === 'VariableLibrary')!;
      expect(all.get(vars2)!.activeValueSetName).toBe('PPE');
    });

    test('KQL: queryset and dashboard get their database’s query URI and deployed id', () => {
      const qs = JSON.parse(part(all, 'KQLQueryset', 'SampleKQLQueryset', 'RealTimeQueryset.json'));
      expect(qs.queryset.dataSources[0]).toMatchObject({
        clusterUri: 'https://taxidb.kusto.fabric.test',
        databaseItemId: idOf('KQLDatabase', 'TaxiDB'),
      });
      const dash = JSON.parse(part(all, 'KQLDashboard', 'NewRTDashboard_1', 'RealTimeDashboard.json'));
      expect(dash.dataSources[0]).toMatchObject({
        clusterUri: 'https://telemetrydataeh.kusto.fabric.test',
        database: idOf('KQLDatabase', 'TelemetryDataEH'),
        workspace: WS,
      });
      const db = JSON.parse(part(all, 'KQLDatabase', 'TaxiDB', 'DatabaseProperties.json'));
      expect(JSON.stringify(db)).toContain(idOf('Eventhouse', 'SampleEventhouse'));
    });

    test('creation payloads, formats and part order', () => {
      const get = (type: string, name: string) =>
        [...all].find(([i]) => i.type === type && i.displayName === name)![1];
      expect(get('Lakehouse', 'WithSchema').creationPayload).toEqual({ enableSchemas: true });
      expect(get('Lakehouse', 'WithoutSchema').creationPayload).toBeUndefined();
      expect(get('Warehouse', 'DefaultCaseInsensitive').creationPayload).toEqual({
        defaultCollation: 'Latin1_General_100_CI_AS_KS_WS_SC_UTF8',
      });
      expect(get('Warehouse', 'Default').creationPayload).toBeUndefined();
      expect(get('SparkJobDefinition', 'SampleSparkJobDefinition').definition!.format).toBe(
        'SparkJobDefinitionV2',
      );
      expect(get('Notebook', 'Hello World').definition!.format).toBeUndefined();
      expect(get('Notebook', 'Hello World').definition!.parts.map((p) => p.path)).toEqual([
        '.platform',
        'notebook-content.py',
      ]);
      const sjd = JSON.parse(
        part(all, 'SparkJobDefinition', 'SampleSparkJobDefinition', 'SparkJobDefinitionV1.json'),
      );
      expect(JSON.stringify(sjd)).toContain(idOf('Lakehouse', 'WithSchema'));
      expect(JSON.stringify(sjd)).toContain(idOf('Environment', 'World'));
    });

    test('no logical id of another item and no zero workspace id is left in any text part', () => {
      const logical = scan.items.map((i) => i.logicalId);
      for (const [item, p] of all) {
        for (const x of p.definition?.parts ?? []) {
          if (x.path === '.platform' || item.files.find((f) => f.path === x.path)?.binary) continue;
          const text = decode(x.payload);
          for (const id of logical)
            if (id !== item.logicalId)
              expect(text.includes(id) ? `${item.displayName}/${x.path} still has ${id}` : '').toBe('');
          expect(
            /"(?:workspaceId|workspace|default_lakehouse_workspace_id)"\s*:\s*"0{8}-0{4}-0{4}-0{4}-0{12}"/.test(
              text,
            ),
          ).toBe(false);
        }
      }
    });

    test('PROD: the same repository gets PROD values', async () => {
      const prodParams = loadParameterFile(path.join(SAMPLE, 'parameter.yml'), {
        environment: 'PROD',
        repositoryDir: SAMPLE,
      });
      const prod = await payloads(prodParams, 'PROD');
      expect(
        JSON.parse(part(prod, 'DataPipeline', 'Run Hello World', '.schedules')).schedules[0].enabled,
      ).toBe(true);
      expect(
        JSON.parse(part(prod, 'VariableLibrary', 'Vars', 'valueSets/PROD.json')).variableOverrides,
      ).toEqual([
        { name: 'Environment', value: 'PROD_ENV' },
        { name: 'SQL_Server', value: 'contoso-production-override.database.windows.net' },
      ]);
    });
  });

  test('parameter template.yml with extend gives the Example Notebook the same values', async () => {
    const params = loadParameterFile(path.join(SAMPLE, 'parameter template.yml'), {
      environment: 'PPE',
      repositoryDir: SAMPLE,
    });
    expect(params.files.map((f) => path.basename(f))).toEqual([
      'parameter template.yml',
      'nb parameter template 1.yml',
      'nb parameter template 2.yml',
    ]);
    expect(params.findReplace).toHaveLength(5);
    expect(params.findReplace[3]!.findAt.file).toMatch(/nb parameter template 2\.yml$/);
    const item = scan.items.find((i) => i.displayName === 'Example Notebook')!;
    const p = await buildItemPayload(item, {
      logicalIds: deployedIds,
      workspaceId: WS,
      parameters: params,
      resolve,
      items: scan.items,
    });
    const nb = decode(p.definition!.parts.find((x) => x.path === 'notebook-content.py')!.payload);
    expect(nb).toContain(`"default_lakehouse": "${idOf('Lakehouse', 'WithoutSchema')}"`);
    expect(nb).toContain(`"default_lakehouse_workspace_id": "${WS}"`);
    expect(nb).toContain('withoutschema.datawarehouse.fabric.test');
  });

  test('dependency graph of the sample: references across types, no cycle', () => {
    const params = loadParameterFile(path.join(SAMPLE, 'parameter.yml'), {
      environment: 'PPE',
      repositoryDir: SAMPLE,
    });
    const graph = dependencyGraph(scan.items, params);
    const key = (type: string, name: string) =>
      scan.items.find((i) => i.type === type && i.displayName === name)!.key;
    const deps = (type: string, name: string) => graph.get(key(type, name))!;
    expect(deps('DataPipeline', 'Run Hello World')).toEqual(new Set([key('Notebook', 'Hello World')]));
    expect(deps('Notebook', 'Hello World')).toEqual(new Set([key('Environment', 'World')]));
    expect(deps('Report', 'ABC')).toEqual(new Set([key('SemanticModel', 'ABC')]));
    expect(deps('Report', 'ByConnection')).toEqual(new Set([key('SemanticModel', 'ABC')]));
    expect(deps('KQLDatabase', 'TaxiDB')).toEqual(new Set([key('Eventhouse', 'SampleEventhouse')]));
    expect(deps('KQLQueryset', 'SampleKQLQueryset')).toEqual(new Set([key('KQLDatabase', 'TaxiDB')]));
    expect(deps('Notebook', 'Example Notebook')).toEqual(
      new Set([key('Lakehouse', 'WithoutSchema'), key('Eventhouse', 'SampleEventhouse')]),
    );
    expect(deps('SparkJobDefinition', 'SampleSparkJobDefinition')).toEqual(
      new Set([key('Lakehouse', 'WithSchema'), key('Environment', 'World')]),
    );
    expect(deps('Lakehouse', 'WithSchema').size).toBe(0);
    const levels = dependencyLevels(graph);
    const level = (type: string, name: string) => levels.findIndex((l) => l.includes(key(type, name)));
    expect(level('DataPipeline', 'Run Hello World')).toBe(2);
    expect(level('Environment', 'World')).toBe(0);
    expect(levels.flat()).toHaveLength(40);
  });
});
