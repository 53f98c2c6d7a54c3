/**
 * parameter.yml `semantic_model_binding`, planned and applied as fabric-cicd applies it: each connection a
 * model is bound to must be one `GET /v1/connections` lists (else an error at the parameter's line before
 * any write); a model whose data source is already bound to it is left alone (`GET …/items/{id}/connections`);
 * the others are bound after the model's definition is deployed (`POST …/semanticModels/{id}/bindConnection`,
 * with the connection's own type and path, as fabric-cicd sends them).
 */
import { ConfigError, UserError, type SourceLocation } from '../errors';
import type { Connection, Workspace } from '../fabric/types';
import type { ParameterFile } from '../items/parameters';
import { postDeploySteps } from '../items/postdeploy';
import type { FabricOps } from './api';
import type { DesiredItem } from './desired';
import type { Item } from '../fabric/types';
import type { PlannedItem } from './plan/model';

/** One connection to bind a model to, with what the model's data source is bound to now. */
export interface BindingStep {
  connection: Connection & { id: string };
  /** The connection the same data source (type + path) is bound to before the run (the undo rebinds it). */
  previous?: Connection;
  /** Already bound to it: nothing to do. */
  bound: boolean;
  at: SourceLocation;
}

export interface BindingsPlan {
  /** Desired key → its bindings. */
  steps: Map<string, BindingStep[]>;
  problems: UserError[];
}

const sameSource = (a: Connection, b: Connection) =>
  a.connectionDetails.type.toLowerCase() === b.connectionDetails.type.toLowerCase() &&
  a.connectionDetails.path.toLowerCase() === b.connectionDetails.path.toLowerCase();

/** Reads the connections and the deployed models' bindings; writes nothing. */
export async function planBindings(
  ops: FabricOps,
  ws: Workspace | undefined,
  items: readonly DesiredItem[],
  existing: ReadonlyMap<string, Item>,
  parameters: ParameterFile | undefined,
  environment: string | undefined,
): Promise<BindingsPlan> {
  const out: BindingsPlan = { steps: new Map(), problems: [] };
  if (!parameters?.semanticModelBinding) return out;
  const wanted = items.flatMap((d) => {
    const b = postDeploySteps({ type: d.type, displayName: d.displayName }, parameters, environment);
    return b.bindConnections?.length ? [{ d, binds: b.bindConnections }] : [];
  });
  if (!wanted.length) return out;
  const connections = new Map(
    (await ops.listConnections()).flatMap((c) => (c.id ? [[c.id.toLowerCase(), c] as const] : [])),
  );
  for (const { d, binds } of wanted) {
    const it = ws ? existing.get(d.key) : undefined;
    const current = it ? await ops.listItemConnections(ws!.id, it.id) : [];
    const steps: BindingStep[] = [];
    for (const b of binds) {
      const c = connections.get(b.connectionId.toLowerCase());
      if (!c) {
        out.problems.push(
          new ConfigError(
            `semantic_model_binding: connection '${b.connectionId}' for SemanticModel '${d.displayName}' does not exist, or the deploying identity cannot use it (GET /v1/connections lists ${connections.size} connection${connections.size === 1 ? '' : 's'})`,
            {
              location: b.at,
              field: 'semantic_model_binding.connection_id',
              fix: `use the id of a connection in Fabric (Settings → Manage connections and gateways), or give the deploying identity access to connection '${b.connectionId}'`,
            },
          ),
        );
        continue;
      }
      const connection = { ...c, id: c.id! };
      steps.push({
        connection,
        previous: current.find((x) => sameSource(x, c)),
        bound: current.some((x) => x.id?.toLowerCase() === connection.id.toLowerCase()),
        at: b.at,
      });
    }
    if (steps.length) out.steps.set(d.key, steps);
  }
  return out;
}

/** The bindings in the plan's words: each planned item gets its steps; an unchanged model with one to bind is a change. */
export function addBindingsToPlan(items: PlannedItem[], steps: ReadonlyMap<string, BindingStep[]>): boolean {
  let changes = false;
  for (const p of items) {
    const s = steps.get(p.key);
    if (!s) continue;
    p.steps = [
      ...(p.steps ?? []),
      ...s.map((b) => ({
        kind: 'bind-connection' as const,
        action: b.bound ? ('unchanged' as const) : ('apply' as const),
        detail: `bind to connection '${b.connection.displayName ?? b.connection.id}' (${b.connection.id}; ${b.connection.connectionDetails.type} ${b.connection.connectionDetails.path})${b.previous && !b.bound ? `, was '${b.previous.displayName ?? b.previous.id}'` : ''}`,
      })),
    ];
    if (s.some((b) => !b.bound)) changes = true;
  }
  return changes;
}
