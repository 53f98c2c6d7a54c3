import type { FabricClient } from '../fabric/client';
import type { Item } from '../fabric/types';
import type { Logger } from '../hosts/host';
import { buildDefinition } from '../items/definition';
import type { RepoItem } from '../items/repository';
import type { ItemOutcome } from '../report/model';
import { findWorkspace } from './workspace';

/** Types deployed before the types that usually reference them (walking-skeleton order). */
const TYPE_ORDER = ['VariableLibrary', 'Lakehouse', 'Warehouse', 'Environment', 'SemanticModel', 'Notebook', 'SparkJobDefinition', 'Report', 'DataPipeline'];

export interface DeployInput {
  client: FabricClient;
  log: Logger;
  workspace: { id?: string; name?: string; description?: string };
  items: RepoItem[];
}

export interface DeployOutput {
  workspaceId: string;
  workspaceName: string;
  created: boolean;
  items: ItemOutcome[];
}

export async function deployItems(input: DeployInput): Promise<DeployOutput> {
  const { client, log } = input;
  let ws = await findWorkspace(client, input.workspace);
  let created = false;
  if (!ws) {
    ws = await client.createWorkspace({ displayName: input.workspace.name!, description: input.workspace.description });
    created = true;
    log.info(`created workspace '${ws.displayName}' (${ws.id})`);
  }
  const existing = await client.listItems(ws.id);
  const byKey = new Map<string, Item>(existing.map((i) => [`${i.type}/${i.displayName.toLowerCase()}`, i]));
  const logicalIds = new Map<string, string>();
  for (const item of input.items) {
    const found = byKey.get(`${item.type}/${item.displayName.toLowerCase()}`);
    if (found) logicalIds.set(item.logicalId, found.id);
  }
  const order = (t: string) => {
    const i = TYPE_ORDER.indexOf(t);
    return i < 0 ? TYPE_ORDER.length : i;
  };
  const sorted = [...input.items].sort((a, b) => order(a.type) - order(b.type));
  const outcomes: ItemOutcome[] = [];
  for (const item of sorted) {
    const started = performance.now();
    const found = byKey.get(`${item.type}/${item.displayName.toLowerCase()}`);
    const definition = buildDefinition(item, { logicalIds, workspaceId: ws.id });
    let id: string;
    if (found) {
      await client.updateItemDefinition(ws.id, found, definition);
      id = found.id;
    } else {
      const made = await client.createItem(ws.id, {
        displayName: item.displayName,
        type: item.type,
        description: item.description,
        definition,
      });
      id = made.id;
      logicalIds.set(item.logicalId, id);
    }
    const outcome: ItemOutcome = {
      name: item.displayName,
      type: item.type,
      id,
      action: found ? 'update' : 'create',
      status: 'done',
      durationMs: performance.now() - started,
    };
    log.info(`${outcome.action === 'create' ? 'created' : 'updated'} ${item.type} '${item.displayName}' (${id})`);
    outcomes.push(outcome);
  }
  return { workspaceId: ws.id, workspaceName: ws.displayName, created, items: outcomes };
}
