/**
 * What the simulator knows about each item type: the ItemType enum of the spec
 * snapshot, typed collection names, definition support and required parts.
 */

export const ITEM_TYPES = [
  'Dashboard',
  'Report',
  'SemanticModel',
  'PaginatedReport',
  'Datamart',
  'Lakehouse',
  'Eventhouse',
  'Environment',
  'KQLDatabase',
  'KQLQueryset',
  'KQLDashboard',
  'DataPipeline',
  'Notebook',
  'SparkJobDefinition',
  'MLExperiment',
  'MLModel',
  'Warehouse',
  'Eventstream',
  'SQLEndpoint',
  'MirroredWarehouse',
  'MirroredDatabase',
  'Reflex',
  'GraphQLApi',
  'MountedDataFactory',
  'SQLDatabase',
  'CopyJob',
  'VariableLibrary',
  'Dataflow',
  'ApacheAirflowJob',
  'WarehouseSnapshot',
  'DigitalTwinBuilder',
  'DigitalTwinBuilderFlow',
  'MirroredAzureDatabricksCatalog',
  'Map',
  'AnomalyDetector',
  'UserDataFunction',
  'GraphModel',
  'GraphQuerySet',
  'SnowflakeDatabase',
  'OperationsAgent',
  'CosmosDBDatabase',
  'Ontology',
  'EventSchemaSet',
  'DataAgent',
  'MirroredCatalog',
  'AppBackend',
  'OrgApp',
  'OrgAppAudience',
  'DataBuildToolJob',
  'AzureDatabricksStorage',
  'Plan',
] as const;

const BY_LOWER = new Map(ITEM_TYPES.map((t) => [t.toLowerCase(), t as string]));

/** Canonical spelling of a type name (the service treats `type=notebook` like `Notebook`). */
export function canonicalType(t: string): string | undefined {
  return BY_LOWER.get(t.toLowerCase());
}

/** Power BI items live without a Fabric capacity and keep a workspace unassignable. */
export const POWER_BI_TYPES = new Set([
  'Report',
  'SemanticModel',
  'Dashboard',
  'PaginatedReport',
  'Datamart',
]);

/** Created only as a side effect of another item (a lakehouse's SQL endpoint, …). */
export const SYSTEM_TYPES = new Set(['SQLEndpoint', 'MirroredWarehouse', 'Dashboard', 'Datamart']);

/** Types that have no item definition (getDefinition → OperationNotSupportedForItem). */
export const NO_DEFINITION_TYPES = new Set([
  'Warehouse',
  'SQLEndpoint',
  'Dashboard',
  'Datamart',
  'MirroredWarehouse',
  'WarehouseSnapshot',
  'MLExperiment',
  'MLModel',
]);

/** Types accepting a creationPayload. */
export const CREATION_PAYLOAD_TYPES = new Set([
  'Lakehouse',
  'Warehouse',
  'KQLDatabase',
  'Eventhouse',
  'SQLDatabase',
  'WarehouseSnapshot',
  'MirroredAzureDatabricksCatalog',
]);

/** Types that cannot be created without a definition. */
export const DEFINITION_REQUIRED_TYPES = new Set([
  'SemanticModel',
  'Report',
  'MirroredDatabase',
  'PaginatedReport',
]);

/** The typed collections with their own swagger in the spec snapshot. */
export const TYPED_COLLECTIONS: Record<string, string> = {
  lakehouses: 'Lakehouse',
  notebooks: 'Notebook',
  semanticModels: 'SemanticModel',
  reports: 'Report',
  dataPipelines: 'DataPipeline',
  environments: 'Environment',
  warehouses: 'Warehouse',
};

/** `/{camelCaseType}s` for any type: KQLDatabase → kqlDatabases, SQLEndpoint → sqlEndpoints. */
export function collectionName(type: string): string {
  const m = /^([A-Z]+)([A-Z][a-z].*)$/.exec(type);
  const camel = m ? m[1]!.toLowerCase() + m[2] : type[0]!.toLowerCase() + type.slice(1);
  // English plurals as the service spells them: variableLibraries, ontologies, reflexes.
  if (/[^aeiou]y$/.test(camel)) return `${camel.slice(0, -1)}ies`;
  if (/(x|s|ch|sh)$/.test(camel)) return `${camel}es`;
  return `${camel}s`;
}

const COLLECTIONS = new Map<string, string>([
  ...ITEM_TYPES.map((t) => [collectionName(t).toLowerCase(), t] as [string, string]),
  ...Object.entries(TYPED_COLLECTIONS).map(([k, v]) => [k.toLowerCase(), v] as [string, string]),
]);

export function typeOfCollection(collection: string): string | undefined {
  return COLLECTIONS.get(collection.toLowerCase());
}

export interface PartRule {
  /** At least one part path must match each entry. */
  required: { description: string; test: (paths: string[]) => boolean }[];
}

const has = (re: RegExp) => (paths: string[]) => paths.some((p) => re.test(p));

/** Required definition parts per type (the deploy-relevant ones; others only need well-formed parts). */
export const REQUIRED_PARTS: Record<string, PartRule> = {
  Notebook: {
    required: [
      {
        description: 'notebook-content.(py|ipynb|scala|r|sql)',
        test: has(/^notebook-content\.(py|ipynb|scala|r|sql)$/i),
      },
    ],
  },
  SemanticModel: {
    required: [
      { description: 'definition.pbism', test: has(/^definition\.pbism$/i) },
      { description: 'model.bim or definition/*.tmdl', test: has(/^(model\.bim|definition\/.+\.tmdl)$/i) },
    ],
  },
  Report: {
    required: [
      { description: 'definition.pbir', test: has(/^definition\.pbir$/i) },
      {
        description: 'report.json or definition/report.json',
        test: has(/^(report\.json|definition\/report\.json)$/i),
      },
    ],
  },
  DataPipeline: {
    required: [{ description: 'pipeline-content.json', test: has(/^pipeline-content\.json$/i) }],
  },
};

/** Definition formats the service accepts per type (absent = any). */
export const FORMATS: Record<string, string[]> = {
  Notebook: ['ipynb', 'fabricGitSource'],
  SemanticModel: ['TMDL', 'TMSL'],
  Lakehouse: ['LakehouseDefinitionV1'],
  Report: ['PBIR', 'PBIR-Legacy'],
};
