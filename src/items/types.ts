/**
 * The item types a repository can hold and how each one is deployed: fabric-cicd 1.3's 29 (their order and
 * rules are its own) and the spec's other types with a definition API, 44 in all. The service's type enum is
 * open, so a type missing here is deployed like a plain definition type (with a warning from the repository
 * reader). The service-made types without a definition (SQLEndpoint, Dashboard, …) are never in a repository.
 */

/** Attributes `$items.<type>.<name>.$<attribute>` can ask for. */
export type ItemAttribute = 'id' | 'sqlendpoint' | 'sqlendpointid' | 'queryserviceuri';
export const ITEM_ATTRIBUTES: readonly ItemAttribute[] = [
  'id',
  'sqlendpoint',
  'sqlendpointid',
  'queryserviceuri',
];

export interface ItemTypeInfo {
  /**
   * Position in fabric-cicd's fixed publish order. Informative (we order by the dependency graph), a tie-break,
   * and, reversed, the order orphans are deleted in (reports before models, pipelines before notebooks).
   */
  order: number;
  /** Created and updated from metadata only (POST/PATCH without parts); the folder's files are never sent. */
  shell: boolean;
  /** Sub-folders of the item folder that are not parts of it (posix, with trailing slash). */
  excludes: readonly string[];
  /** `definition.format`, when the type needs one, from the item's part paths. */
  format?: (paths: readonly string[]) => string | undefined;
  /** Holds data (tables, files, databases): an orphan of this type is kept, as deleting it loses the data. */
  holdsData: boolean;
  /** false: only parameter.yml replacements apply (VariableLibrary); no logical-id or workspace-id rewrites. */
  rewriteIds: boolean;
  /** The type whose `.children/` folder holds items of this type (KQLDatabase lives in an Eventhouse). */
  parentType?: string;
  /**
   * `$items` attributes other than `id`, with the property of `GET /workspaces/{ws}/{collection}/{id}` that holds
   * the value (what a resolver reads).
   */
  attributes: Partial<Record<Exclude<ItemAttribute, 'id'>, string>>;
}

const def = (order: number, extra: Partial<ItemTypeInfo> = {}): ItemTypeInfo => ({
  order,
  shell: false,
  excludes: [],
  holdsData: false,
  rewriteIds: true,
  attributes: {},
  ...extra,
});

const SQL_ENDPOINT = {
  sqlendpoint: 'properties.sqlEndpointProperties.connectionString',
  sqlendpointid: 'properties.sqlEndpointProperties.id',
};

export const ITEM_TYPES: Readonly<Record<string, ItemTypeInfo>> = {
  VariableLibrary: def(1, { rewriteIds: false }),
  Warehouse: def(2, {
    shell: true,
    holdsData: true,
    attributes: { sqlendpoint: 'properties.connectionString' },
  }),
  MirroredDatabase: def(3, { holdsData: true, attributes: SQL_ENDPOINT }),
  Lakehouse: def(4, { shell: true, holdsData: true, attributes: SQL_ENDPOINT }),
  SQLDatabase: def(5, { shell: true, holdsData: true, attributes: { sqlendpoint: 'properties.serverFqdn' } }),
  Environment: def(6),
  UserDataFunction: def(7),
  Eventhouse: def(8, {
    excludes: ['.children/'],
    holdsData: true,
    attributes: { queryserviceuri: 'properties.queryServiceUri' },
  }),
  SparkJobDefinition: def(9, { format: () => 'SparkJobDefinitionV2' }),
  Notebook: def(10, {
    format: (paths) => (paths.some((p) => p.toLowerCase().endsWith('.ipynb')) ? 'ipynb' : undefined),
  }),
  SemanticModel: def(11, { excludes: ['.pbi/'] }),
  Report: def(12, { excludes: ['.pbi/'] }),
  PaginatedReport: def(13),
  CopyJob: def(14),
  DataBuildToolJob: def(15),
  // Not an $items attribute in fabric-cicd; used here to fill an empty KQL clusterUri.
  KQLDatabase: def(16, {
    parentType: 'Eventhouse',
    holdsData: true,
    attributes: { queryserviceuri: 'properties.queryServiceUri' },
  }),
  KQLQueryset: def(17),
  Dataflow: def(18),
  DataPipeline: def(19),
  Reflex: def(20),
  Eventstream: def(21),
  KQLDashboard: def(22),
  GraphQLApi: def(23),
  ApacheAirflowJob: def(24),
  MountedDataFactory: def(25),
  Ontology: def(26),
  DataAgent: def(27, { excludes: ['.pbi/'] }),
  MLExperiment: def(28, { shell: true }),
  Map: def(29),
  // The spec's other types with a definition API (fabric-cicd 1.3 has none of them). Deployed as plain
  // definition items; the ones that store data (databases, mirrors, storage) are kept as orphans.
  CosmosDBDatabase: def(30, { holdsData: true }),
  SnowflakeDatabase: def(31, { holdsData: true }),
  MirroredCatalog: def(32, { holdsData: true }),
  MirroredAzureDatabricksCatalog: def(33, { holdsData: true }),
  AzureDatabricksStorage: def(34, { holdsData: true }),
  DigitalTwinBuilder: def(35, { holdsData: true }),
  DigitalTwinBuilderFlow: def(36),
  EventSchemaSet: def(37),
  GraphModel: def(38),
  GraphQuerySet: def(39),
  AnomalyDetector: def(40),
  OperationsAgent: def(41),
  OrgApp: def(42),
  OrgAppAudience: def(43),
  Plan: def(44),
};

const UNKNOWN: ItemTypeInfo = def(1000);

/** Types the service makes next to another item (a lakehouse's SQL endpoint…): never in a repository, never orphans. */
export const SERVICE_MADE_TYPES: ReadonlySet<string> = new Set([
  'SQLEndpoint',
  'MirroredWarehouse',
  'Dashboard',
  'Datamart',
]);

export function isKnownType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(ITEM_TYPES, type);
}

/** Deploy rules of a type; an unknown type is a plain definition type. */
export function itemTypeInfo(type: string): ItemTypeInfo {
  return isKnownType(type) ? ITEM_TYPES[type]! : UNKNOWN;
}

/** The known type spelled like `type` apart from case (for "did you mean" hints). */
export function typeLike(type: string): string | undefined {
  const lower = type.toLowerCase();
  return Object.keys(ITEM_TYPES).find((t) => t.toLowerCase() === lower);
}
