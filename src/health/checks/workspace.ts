/** Does the workspace exist, and is the identity's role on it enough for this configuration? */
import type { Workspace, WorkspaceInfo } from '../../fabric/types';
import {
  requiredRole,
  ROLE_RANK,
  whoText,
  type HealthContext,
  type HealthIdentity,
  type Outcome,
} from '../model';

export async function checkWorkspace(
  ctx: HealthContext,
  signal: AbortSignal,
  timeoutMs: number,
  identity: HealthIdentity | undefined,
): Promise<Outcome & { workspace?: WorkspaceInfo | Workspace }> {
  const client = ctx.client!;
  const target = ctx.settings.workspace;
  const required = requiredRole(ctx.settings);
  let ws: WorkspaceInfo | Workspace | undefined;
  if (target.id) {
    try {
      ws = await client.getWorkspace(target.id, { operation: 'health: get workspace', signal, timeoutMs });
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404)
        return {
          status: 'fail',
          message: `workspace ${target.id} does not exist (or is not visible to this identity)`,
          details: { workspaceId: target.id },
        };
      if (status === 403 || status === 401) {
        return {
          status: 'fail',
          message: `no access to workspace ${target.id}: ${whoText(identity)} has no role on it (needs ${required} or higher)`,
          details: { workspaceId: target.id, requiredRole: required },
        };
      }
      throw err;
    }
  } else if (target.name) {
    const want = target.name.toLowerCase();
    const all = await client.listWorkspaces({ operation: 'health: find workspace', signal, timeoutMs });
    ws = all.find((w) => w.displayName.toLowerCase() === want);
    if (!ws) {
      return {
        status: 'skip',
        message: `workspace '${target.name}' does not exist yet (or this identity has no role on it); a deploy creates it, which needs the tenant setting that lets this identity create workspaces`,
        details: { workspaceName: target.name, requiredRole: required },
      };
    }
  } else {
    return { status: 'skip', message: 'no workspace configured' };
  }
  // The caller's effective role (groups included): the highest role filter the workspace appears under.
  const roles = ['Admin', 'Member', 'Contributor'] as const;
  const lists = await Promise.all(
    roles.map((r) =>
      client
        .listWorkspaces({ roles: [r], operation: `health: workspaces as ${r}`, signal, timeoutMs })
        .catch(() => [] as Workspace[]),
    ),
  );
  const id = ws.id.toLowerCase();
  const role = roles.find((_, i) => lists[i]!.some((w) => w.id.toLowerCase() === id)) ?? 'Viewer';
  const details = {
    workspaceId: ws.id,
    workspaceName: ws.displayName,
    role,
    requiredRole: required,
    capacityId: ws.capacityId,
  };
  if (ROLE_RANK[role]! < ROLE_RANK[required]!) {
    return {
      status: 'fail',
      message: `${whoText(identity)} is ${role} on workspace '${ws.displayName}'; this configuration needs ${required}`,
      details,
      workspace: ws,
    };
  }
  return {
    status: 'pass',
    message: `${role} on workspace '${ws.displayName}' (${ws.id}); needs ${required}`,
    details,
    workspace: ws,
  };
}
