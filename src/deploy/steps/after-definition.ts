/**
 * What follows an item's definition: its post-deploy steps (Environment publish, value-set activation,
 * connection bindings), refused ones failing the deploy unless listed in `items.optionalSteps`.
 */
import { errorMessage } from '../../errors';
import type { Connection, Workspace } from '../../fabric/types';
import type { BindingStep } from '../bindings';
import { type DesiredItem } from '../desired';
import { postDeploySteps } from '../../items/postdeploy';
import type { ExecEnv, OptionalStep } from './env';

/**
 * What fabric-cicd does after an item's definition is written: an Environment's staged libraries and
 * Spark settings take effect only once published; parameter.yml's semantic_model_binding binds models to
 * connections. A publish is journalled as irreversible (Fabric has no "unpublish").
 */
export async function afterDefinition(
  env: ExecEnv,
  ws: Workspace,
  d: DesiredItem,
  id: string,
  warnings: string[],
): Promise<void> {
  const steps = postDeploySteps(
    { type: d.type, displayName: d.displayName },
    env.parameters,
    env.environment,
  );
  if (steps.publishEnvironment) {
    try {
      await env.tx.step(
        {
          action: 'environment.publish',
          target: { type: d.type, name: d.displayName, id },
          undo: {
            kind: 'none',
            reason: 'a publish cannot be undone; the restored definition is staged until the next publish',
          },
        },
        () => env.ops.publishEnvironment(ws.id, id),
      );
      env.log.info(`published Environment '${d.displayName}'`);
    } catch (err) {
      refusedStep(
        env,
        'publish-environment',
        err,
        warnings,
        `Environment '${d.displayName}' not published`,
        '; its changes stay staged',
      );
    }
  }
}

/**
 * semantic_model_binding, after the model's definition is deployed: each data source not yet bound to
 * its connection is bound, journalled with the binding it had (rebound on rollback; unbound when it had
 * none; nothing for a model this run created, which the rollback deletes).
 */
export async function bindConnections(
  env: ExecEnv,
  ws: Workspace,
  d: DesiredItem,
  id: string,
  steps: readonly BindingStep[] | undefined,
  created: boolean,
): Promise<void> {
  for (const b of steps ?? []) {
    if (b.bound && !created) continue;
    const c = b.connection;
    const previous: Connection = b.previous ?? {
      connectivityType: 'None',
      connectionDetails: c.connectionDetails,
    };
    await env.tx.step(
      {
        action: 'semantic-model.bind-connection',
        target: { type: d.type, name: d.displayName, id },
        undo: created
          ? { kind: 'none', reason: 'undone with the item' }
          : {
              kind: 'restore-binding',
              workspaceId: ws.id,
              itemId: id,
              name: d.displayName,
              connection: previous,
            },
        before: { connectionId: b.previous?.id },
        after: { connectionId: c.id, type: c.connectionDetails.type, path: c.connectionDetails.path },
      },
      () => env.ops.bindConnection(ws.id, id, c),
    );
    env.log.info(`bound ${d.type} '${d.displayName}' to connection '${c.displayName ?? c.id}' (${c.id})`);
  }
}

/**
 * A VariableLibrary's active value set (fabric-cicd activates the environment's set after each
 * deploy). A setting, not content: when it cannot be written the deploy goes on with a warning.
 */
export async function activateValueSet(
  env: ExecEnv,
  ws: Workspace,
  d: DesiredItem,
  itemId: string,
  name: string | undefined,
  created: boolean,
  warnings: string[],
): Promise<void> {
  if (d.type !== 'VariableLibrary' || !name) return;
  try {
    let before: string | undefined;
    if (!created) {
      before = await env.ops.activeValueSet(ws.id, itemId);
      if (before === name) return;
    }
    await env.tx.step(
      {
        action: 'item.activate-value-set',
        target: { type: d.type, name: d.displayName, id: itemId },
        undo:
          created || before === undefined
            ? { kind: 'none', reason: created ? 'undone with the item' : 'the previous value set is unknown' }
            : { kind: 'restore-value-set', workspaceId: ws.id, itemId, valueSet: before },
        before: { activeValueSetName: before },
        after: { activeValueSetName: name },
      },
      () => env.ops.setActiveValueSet(ws.id, itemId, name, 'activate value set'),
    );
  } catch (err) {
    // The values of this environment inactive is a wrong deploy, not a detail: fail (and roll back).
    refusedStep(
      env,
      'activate-value-set',
      err,
      warnings,
      `VariableLibrary '${d.displayName}': value set '${name}' not activated`,
    );
  }
}

/** A refused post-definition step: rethrown (the deploy fails), or a warning when the config makes it optional. */
export function refusedStep(
  env: ExecEnv,
  step: OptionalStep,
  err: unknown,
  warnings: string[],
  what: string,
  after = '',
): void {
  if (!env.optionalSteps?.has(step)) throw err;
  const w = `${what}: ${errorMessage(err)} (items.optionalSteps has ${step}, so the deploy goes on${after})`;
  env.log.warn(w);
  warnings.push(w);
}
