/**
 * The workspace folders the items need, created parent first, each journalled with its undo.
 */
import type { Workspace } from '../../fabric/types';
import type { PlanState } from '../plan/build';
import type { ExecEnv } from './env';

export async function ensureFolders(env: ExecEnv, state: PlanState, ws: Workspace): Promise<void> {
  for (const f of state.plan.folders) {
    if (state.folderIds.has(f.path)) continue;
    const segs = f.path.split('/').filter(Boolean);
    const name = segs[segs.length - 1]!;
    const parentPath = segs.length > 1 ? '/' + segs.slice(0, -1).join('/') : '';
    const parentFolderId = parentPath ? state.folderIds.get(parentPath) : undefined;
    const made = await env.tx.step(
      {
        action: 'folder.create',
        target: { type: 'Folder', name: f.path },
        undo: { kind: 'delete-folder', workspaceId: ws.id, name, parentFolderId },
      },
      () => env.ops.createFolder(ws.id, name, parentFolderId),
      (folder) => ({
        target: { id: folder.id },
        undo: { kind: 'delete-folder', workspaceId: ws.id, folderId: folder.id, name, parentFolderId },
      }),
    );
    state.folderIds.set(f.path, made.id);
    env.log.info(`created folder ${f.path}`);
  }
}
