/** Workspace folders as paths ('/a/b'): the plan compares and the destroy empties them by path. */
import type { Folder } from '../../fabric/types';

/** Folder path of a folder id, from the flat list the API returns. */
export function folderPaths(folders: readonly Folder[]): Map<string, string> {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const cache = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const hit = cache.get(id);
    if (hit !== undefined) return hit;
    const f = byId.get(id);
    if (!f || depth > 64) return '';
    const p = (f.parentFolderId ? pathOf(f.parentFolderId, depth + 1) : '') + '/' + f.displayName;
    cache.set(id, p);
    return p;
  };
  const out = new Map<string, string>();
  for (const f of folders) out.set(f.id, pathOf(f.id));
  return out;
}

/** Every folder the desired items need, parents before children. */
export function neededFolders(items: readonly { folderPath?: string }[]): string[] {
  const set = new Set<string>();
  for (const i of items) {
    if (!i.folderPath) continue;
    const segs = i.folderPath.split('/').filter(Boolean);
    for (let n = 1; n <= segs.length; n++) set.add('/' + segs.slice(0, n).join('/'));
  }
  return [...set].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}
