/**
 * The workspace's Git connection (connect, initialise, update from Git) as the plan says, journalled.
 */
import type { Workspace } from '../../fabric/types';
import type { PlanState } from '../plan/build';
import type { ExecEnv } from './env';

export async function reconcileGit(env: ExecEnv, state: PlanState, ws: Workspace): Promise<void> {
  const g = state.plan.git;
  const want = state.desiredGit;
  if (!g || !want) return;
  const { tx, ops, log } = env;
  const target = { type: 'Git', name: g.label, id: ws.id };
  let connectedNow = false;
  if (g.action === 'connect') {
    await tx.step(
      {
        action: 'git.connect',
        target,
        undo: { kind: 'disconnect-git', workspaceId: ws.id },
        after: { label: g.label },
      },
      () => ops.connectGit(ws.id, want.connectBody),
    );
    connectedNow = true;
    log.info(`connected the workspace to ${g.label}`);
  }
  let heads:
    { workspaceHead?: string | null; remoteCommitHash?: string; requiredAction?: string } | undefined;
  if (g.initialize) {
    // Disconnecting (the undo of connect) also drops the initialisation; on an older connection it stays.
    heads = await tx.step(
      {
        action: 'git.initialize',
        target,
        undo: {
          kind: 'none',
          reason: connectedNow ? 'undone by the disconnect' : 'the connection existed before this run',
        },
        after: { strategy: g.initialize },
      },
      async () => (await ops.initializeGit(ws.id, g.initialize)) ?? {},
    );
    log.info(
      `initialized the Git connection (${g.initialize}); required action: ${heads?.requiredAction ?? 'None'}`,
    );
  }
  if (g.updateFromGit) {
    if (heads?.requiredAction === 'None' || heads?.requiredAction === 'CommitToGit') {
      log.info(`the workspace is already up to date with Git (${heads.requiredAction})`);
      return;
    }
    const st = heads?.remoteCommitHash ? heads : await ops.gitStatus(ws.id);
    const remoteCommitHash = st?.remoteCommitHash;
    if (!st || !remoteCommitHash) return;
    if (st.workspaceHead && st.workspaceHead === st.remoteCommitHash) return;
    await tx.step(
      {
        action: 'git.update',
        target,
        undo: {
          kind: 'none',
          reason: 'items updated from Git are not restored; disconnecting does not revert them',
        },
        after: { remoteCommitHash: st.remoteCommitHash },
      },
      () =>
        ops.updateFromGit(ws.id, {
          remoteCommitHash,
          workspaceHead: st.workspaceHead ?? undefined,
          conflictResolution: {
            conflictResolutionType: 'Workspace',
            conflictResolutionPolicy: 'PreferRemote',
          },
          options: { allowOverrideItems: true },
        }),
    );
    log.info(`updated the workspace from Git (${st.remoteCommitHash})`);
  }
}
