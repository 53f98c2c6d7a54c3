import { ConfigError } from '../errors';
import type { FabricClient } from '../fabric/client';
import type { Workspace } from '../fabric/types';

/** Finds the target workspace by id or (case-insensitive) name; undefined when a named one does not exist. */
export async function findWorkspace(
  client: FabricClient,
  target: { id?: string; name?: string },
): Promise<Workspace | undefined> {
  if (target.id) return client.getWorkspace(target.id);
  const name = target.name!.toLowerCase();
  const all = await client.listWorkspaces();
  const matches = all.filter((w) => w.displayName.toLowerCase() === name);
  if (matches.length > 1) {
    throw new ConfigError(`more than one workspace is named '${target.name}'`, {
      field: 'workspace.name',
      fix: 'give the workspace id instead of its name',
    });
  }
  return matches[0];
}
