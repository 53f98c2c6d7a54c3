/**
 * Type-specific item properties returned by typed GETs (Lakehouse SQL endpoint
 * provisioning, Warehouse connection string, Eventhouse/KQL URIs, Environment
 * publish state) and the side effects of creating such items.
 */
import type { Simulator } from '../simulator';
import type { ItemRec } from '../types';
import { nowIso, uuid } from '../ids';
import { badRequest } from '../errors';

const short = (id: string) => id.replace(/-/g, '').slice(0, 20);

/** Types that bring a SQL analytics endpoint of the same name (the recorded real items list shows one for each). */
const WITH_SQL_ENDPOINT = new Set(['Lakehouse', 'SQLDatabase', 'MirroredDatabase']);

export function onItemCreated(sim: Simulator, item: ItemRec): void {
  const st = sim.state;
  const now = Date.now();
  if (WITH_SQL_ENDPOINT.has(item.type)) {
    const ep: ItemRec = {
      id: uuid(),
      workspaceId: item.workspaceId,
      type: 'SQLEndpoint',
      displayName: item.displayName,
      description: '',
      folderId: item.folderId,
      logicalId: uuid(),
      parentItemId: item.id,
      sensitivityLabelId: item.sensitivityLabelId,
      createdTime: item.createdTime,
      lastUpdatedTime: item.createdTime,
    };
    st.items[ep.id] = ep;
    item.properties = { ...(item.properties ?? {}), sqlEndpointId: ep.id };
  }
  switch (item.type) {
    case 'Lakehouse':
      // Its SQL analytics endpoint is provisioned a little later.
      item.readyAt = now + sim.cfg.sqlEndpointProvisionMs;
      item.properties = { ...item.properties, enableSchemas: item.creationPayload?.enableSchemas === true };
      break;
    case 'Warehouse':
      item.properties = {
        collationType:
          (item.creationPayload?.collationType as string) ??
          (item.creationPayload?.defaultCollation as string) ??
          'Latin1_General_100_BIN2_UTF8',
      };
      break;
    case 'Environment':
      item.properties = { published: false };
      break;
    // An Eventhouse created through the API has no KQL database: the recorded real Eventhouse lists
    // `databasesItemIds: []` and a same-named KQL database is then created as a separate item.
  }
}

export function itemProperties(sim: Simulator, item: ItemRec): Record<string, unknown> | undefined {
  const p = item.properties ?? {};
  const ws = item.workspaceId;
  switch (item.type) {
    case 'Lakehouse': {
      const ready = (item.readyAt ?? 0) <= Date.now();
      const out: Record<string, unknown> = {
        oneLakeTablesPath: `https://onelake.dfs.fabric.microsoft.com/${ws}/${item.id}/Tables`,
        oneLakeFilesPath: `https://onelake.dfs.fabric.microsoft.com/${ws}/${item.id}/Files`,
        sqlEndpointProperties: ready
          ? {
              connectionString: `${short(ws)}-${short(item.id)}.datawarehouse.fabric.microsoft.com`,
              id: p.sqlEndpointId,
              provisioningStatus: 'Success',
            }
          : { connectionString: null, id: null, provisioningStatus: 'InProgress' },
      };
      if (p.enableSchemas) out.defaultSchema = 'dbo';
      return out;
    }
    case 'MirroredDatabase':
      return {
        sqlEndpointProperties: {
          connectionString: `${short(ws)}-${short(item.id)}.datawarehouse.fabric.microsoft.com`,
          id: p.sqlEndpointId,
          provisioningStatus: 'Success',
        },
      };
    case 'Warehouse': {
      const host = `${short(ws)}-${short(item.id)}.datawarehouse.fabric.microsoft.com`;
      return {
        connectionInfo: host,
        connectionString: host,
        createdDate: item.createdTime,
        lastUpdatedTime: item.lastUpdatedTime,
        collationType: p.collationType ?? 'Latin1_General_100_BIN2_UTF8',
        creationMode: 'New',
      };
    }
    case 'Eventhouse':
      return {
        queryServiceUri: `https://trd-${short(item.id)}.z0.kusto.fabric.microsoft.com`,
        ingestionServiceUri: `https://ingest-trd-${short(item.id)}.z0.kusto.fabric.microsoft.com`,
        databasesItemIds: Object.values(sim.state.items)
          .filter((i) => i.type === 'KQLDatabase' && i.parentItemId === item.id)
          .map((i) => i.id),
        minimumConsumptionUnits: 0,
      };
    case 'KQLDatabase': {
      const parent =
        item.parentItemId ?? (item.creationPayload?.parentEventhouseItemId as string | undefined) ?? item.id;
      return {
        parentEventhouseItemId: parent,
        queryServiceUri: `https://trd-${short(parent)}.z0.kusto.fabric.microsoft.com`,
        ingestionServiceUri: `https://ingest-trd-${short(parent)}.z0.kusto.fabric.microsoft.com`,
        databaseType: (item.creationPayload?.databaseType as string) ?? 'ReadWrite',
      };
    }
    case 'SQLDatabase': {
      const server = `${short(ws)}-${short(item.id)}.database.fabric.microsoft.com,1433`;
      const db = `${item.displayName}-${item.id}`;
      const conn = `Data Source=${server};Initial Catalog="${db}";Multiple Active Result Sets=False;Connect Timeout=30;Encrypt=True;Trust Server Certificate=False`;
      return {
        connectionInfo: conn,
        connectionString: conn,
        databaseName: db,
        serverFqdn: server,
        backupRetentionDays: (item.creationPayload?.backupRetentionDays as number) ?? 7,
        collation: (item.creationPayload?.collation as string) ?? 'SQL_Latin1_General_CP1_CI_AS',
      };
    }
    case 'SQLEndpoint':
      return {
        connectionString: `${short(ws)}.datawarehouse.fabric.microsoft.com`,
        provisioningStatus: 'Success',
      };
    case 'VariableLibrary':
      // `$type` as the real service sends it (not in the spec).
      return {
        $type: 'VariableLibraryProperties',
        activeValueSetName: (p.activeValueSetName as string) ?? DEFAULT_VALUE_SET,
      };
    case 'Environment': {
      const running = item.readyAt !== undefined && item.readyAt > Date.now();
      const state = running ? 'Running' : p.published ? 'Success' : 'Success';
      const pd: Record<string, unknown> = {
        state,
        targetVersion: (p.publishVersion as string) ?? item.logicalId,
        componentPublishInfo: { sparkLibraries: { state }, sparkSettings: { state } },
      };
      if (p.publishStart) pd.startTime = p.publishStart;
      if (!running && p.publishEnd) pd.endTime = p.publishEnd;
      return { publishDetails: pd };
    }
    default:
      return undefined;
  }
}

export function markPublished(item: ItemRec): void {
  item.properties = { ...(item.properties ?? {}), published: true, publishEnd: nowIso() };
}

const DEFAULT_VALUE_SET = 'Default value set';

/** Value sets a variable library defines: the default one plus valueSets/<file>.json (its `name`, else the file name). */
function valueSetNames(item: ItemRec): string[] {
  const names = [DEFAULT_VALUE_SET];
  for (const part of item.definition?.parts ?? []) {
    const m = /^valueSets\/(.+)\.json$/i.exec(part.path);
    if (!m) continue;
    try {
      const j = JSON.parse(Buffer.from(part.payload, 'base64').toString('utf8'));
      names.push(typeof j?.name === 'string' ? j.name : m[1]!);
    } catch {
      names.push(m[1]!);
    }
  }
  return names;
}

/** PATCH `properties` (type-specific): VariableLibrary activeValueSetName. */
export function updateProperties(item: ItemRec, props: unknown): void {
  if (!props || typeof props !== 'object') throw badRequest('InvalidInput', 'properties must be an object.');
  const p = props as Record<string, unknown>;
  if (item.type === 'VariableLibrary' && p.activeValueSetName !== undefined) {
    const name = String(p.activeValueSetName);
    const known = valueSetNames(item);
    if (!known.some((n) => n.toLowerCase() === name.toLowerCase()))
      throw badRequest(
        'ValueSetNotFound',
        `Value set '${name}' is not defined; known value sets: ${known.join(', ')}.`,
      );
    item.properties = { ...(item.properties ?? {}), activeValueSetName: name };
  }
}
