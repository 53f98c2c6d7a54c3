/**
 * The workspace's role assignments brought to what the plan says: adds, role changes and (when asked)
 * removals, each journalled with its undo.
 */
import type { Workspace } from '../../fabric/types';
import type { PlanState } from '../plan/build';
import type { ExecEnv } from './env';

export async function reconcilePrincipals(
  env: ExecEnv,
  state: PlanState,
  ws: Workspace,
  created: boolean,
): Promise<void> {
  if (state.principals.length === 0) return;
  const { tx, ops, log } = env;
  // A new workspace already has its creator as Admin: read what is really there before adding.
  const roles = created ? await ops.listRoleAssignments(ws.id) : state.roles;
  const have = new Map(roles.map((r) => [r.principal.id.toLowerCase(), r]));
  for (const p of state.principals) {
    const cur = have.get(p.id);
    const target = { type: 'Principal', name: p.label, id: p.id };
    if (!cur) {
      await tx.step(
        {
          action: 'role.add',
          target,
          undo: { kind: 'remove-role', workspaceId: ws.id, principalId: p.id, principal: p.label },
          after: { role: p.role, principalType: p.type },
        },
        () =>
          ops.addRoleAssignment(
            ws.id,
            {
              id: p.id,
              type: p.type,
              ...(p.type === 'ServicePrincipalProfile' && p.parentPrincipalId
                ? {
                    servicePrincipalProfileDetails: {
                      parentPrincipal: { id: p.parentPrincipalId, type: 'ServicePrincipal' },
                    },
                  }
                : {}),
            },
            p.role,
          ),
      );
      log.info(`added ${p.type} ${p.label} as ${p.role}`);
    } else if (cur.role !== p.role) {
      await tx.step(
        {
          action: 'role.update',
          target,
          undo: {
            kind: 'restore-role',
            workspaceId: ws.id,
            principalId: cur.id,
            principal: p.label,
            role: cur.role,
          },
          before: { role: cur.role },
          after: { role: p.role },
        },
        () => ops.updateRoleAssignment(ws.id, cur.id, p.role),
      );
      log.info(`changed ${p.type} ${p.label} from ${cur.role} to ${p.role}`);
    }
  }
}
