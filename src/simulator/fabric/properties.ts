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

export function onItemCreated(sim: Simulator, item: ItemRec): void {
  const st = sim.state;
  const now = Date.now();
  switch (item.type) {
    case 'Lakehouse': {
      // A lakehouse gets a SQL analytics endpoint of the same name, provisioned a little later.
      const ep: ItemRec = {
        id: uuid(),
        workspaceId: item.workspaceId,
        type: 'SQLEndpoint',
        displayName: item.displayName,
        description: '',
        folderId: item.folderId,
        logicalId: uuid(),
        parentItemId: item.id,
        createdTime: item.createdTime,
        lastUpdatedTime: item.createdTime,
      };
      st.items[ep.id] = ep;
      item.readyAt = now + sim.cfg.sqlEndpointProvisionMs;
      item.properties = { sqlEndpointId: ep.id, enableSchemas: item.creationPayload?.enableSchemas === true };
      break;
    }
    case 'Warehouse':
      item.properties = {
        collationType: (item.creationPayload?.collationType as string) ?? 'Latin1_General_100_BIN2_UTF8',
      };
      break;
    case 'Eventhouse': {
      const db: ItemRec = {
        id: uuid(),
        workspaceId: item.workspaceId,
        type: 'KQLDatabase',
        displayName: item.displayName,
        description: '',
        folderId: item.folderId,
        logicalId: uuid(),
        parentItemId: item.id,
        creationPayload: { databaseType: 'ReadWrite', parentEventhouseItemId: item.id },
        createdTime: item.createdTime,
        lastUpdatedTime: item.createdTime,
      };
      st.items[db.id] = db;
      break;
    }
    case 'KQLDatabase': {
      const parent = item.creationPayload?.parentEventhouseItemId as string | undefined;
      if (parent) item.parentItemId = parent;
      break;
    }
    case 'Environment':
      item.properties = { published: false };
      break;
  }
}

export function itemProperties(item: ItemRec): Record<string, unknown> | undefined {
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
              id: p.sqlEndpointId,
              connectionString: `${short(ws)}-${short(item.id)}.datawarehouse.fabric.microsoft.com`,
              provisioningStatus: 'Success',
            }
          : { provisioningStatus: 'InProgress' },
      };
      if (p.enableSchemas) out.defaultSchema = 'dbo';
      return out;
    }
    case 'Warehouse':
      return {
        connectionString: `${short(ws)}-${short(item.id)}.datawarehouse.fabric.microsoft.com`,
        createdDate: item.createdTime,
        lastUpdatedTime: item.lastUpdatedTime,
        collationType: p.collationType ?? 'Latin1_General_100_BIN2_UTF8',
      };
    case 'Eventhouse':
      return {
        queryServiceUri: `https://trd-${short(item.id)}.z0.kusto.fabric.microsoft.com`,
        ingestionServiceUri: `https://ingest-trd-${short(item.id)}.z0.kusto.fabric.microsoft.com`,
        databasesItemIds: [],
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
    case 'SQLDatabase':
      return {
        connectionString: `Data Source=${short(item.id)}.database.fabric.microsoft.com,1433;Initial Catalog=${item.displayName}-${item.id}`,
        databaseName: `${item.displayName}-${item.id}`,
        serverFqdn: `${short(item.id)}.database.fabric.microsoft.com,1433`,
      };
    case 'SQLEndpoint':
      return {
        connectionString: `${short(ws)}.datawarehouse.fabric.microsoft.com`,
        provisioningStatus: 'Success',
      };
    case 'VariableLibrary':
      return { activeValueSetName: (p.activeValueSetName as string) ?? DEFAULT_VALUE_SET };
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
