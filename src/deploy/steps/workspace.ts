/**
 * The workspace steps: create it (or update its description) and assign the capacity, each journalled
 * with its undo.
 */
import type { Workspace } from '../../fabric/types';
import type { PlanState } from '../plan/build';
import type { ExecEnv, ExecResult } from './env';

export async function ensureWorkspace(
  env: ExecEnv,
  state: PlanState,
  result: ExecResult,
): Promise<Workspace> {
  const { tx, ops, log } = env;
  const w = state.plan.workspace;
  if (state.workspace) {
    const ws = state.workspace;
    if (w.action === 'update') {
      await tx.step(
        {
          action: 'workspace.update',
          target: { type: 'Workspace', name: ws.displayName, id: ws.id },
          undo: { kind: 'restore-workspace', workspaceId: ws.id, description: ws.description ?? '' },
          before: { description: ws.description },
          after: { description: w.description },
        },
        () => ops.updateWorkspace(ws.id, { description: w.description }),
      );
      log.info(`updated the description of workspace '${ws.displayName}'`);
    }
    return ws;
  }
  const ws = await tx.step(
    {
      action: 'workspace.create',
      target: { type: 'Workspace', name: w.name },
      // Until the answer arrives the id is unknown; a killed run is undone by name (unique in the
      // tenant, and the plan saw no workspace of that name).
      undo: { kind: 'delete-workspace-by-name', name: w.name },
      after: { capacityId: state.capacity?.id },
    },
    () =>
      ops.createWorkspace({
        displayName: w.name,
        description: w.description,
        capacityId: state.capacity?.id,
      }),
    (made) => ({
      target: { id: made.id },
      undo: { kind: 'delete-workspace', workspaceId: made.id, name: made.displayName },
    }),
  );
  result.workspace = ws;
  result.created = true;
  log.info(
    `created workspace '${ws.displayName}' (${ws.id})${state.capacity ? ` on capacity '${state.capacity.displayName}'` : ''}`,
  );
  await env.onWorkspaceCreated?.(ws);
  return ws;
}

export async function reconcileCapacity(env: ExecEnv, state: PlanState, ws: Workspace): Promise<void> {
  const c = state.plan.capacity;
  if (!c || c.action !== 'assign' || !state.workspace) return; // a new workspace was created on it
  await env.tx.step(
    {
      action: 'capacity.assign',
      target: { type: 'Workspace', name: ws.displayName, id: ws.id },
      undo: { kind: 'restore-capacity', workspaceId: ws.id, capacityId: c.fromId },
      before: { capacityId: c.fromId },
      after: { capacityId: c.id },
    },
    () => env.ops.assignCapacity(ws.id, c.id),
  );
  env.log.info(`assigned workspace '${ws.displayName}' to capacity '${c.name}'`);
}
