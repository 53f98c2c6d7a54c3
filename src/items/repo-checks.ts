/**
 * Checks over the whole scan: the workspace folders the item paths need (names Fabric accepts), and each
 * item's type and name (and logical id) used once.
 */
import path from 'node:path';
import { ConfigError } from '../errors';
import { ZERO_GUID } from '../guid';
import type { RepoItem } from './repo-item';
import { byCodePoint, lineOf } from './repo-text';

/** Characters Fabric refuses in a folder name (fabric-cicd INVALID_FOLDER_CHAR_REGEX). */
const INVALID_FOLDER_CHARS = /[~"#.%&*:<>?/\\{|}]/;

export function workspaceFolders(root: string, items: RepoItem[]): string[] {
  const folders = new Set<string>();
  for (const item of items) {
    if (!item.folderPath) continue;
    const segs = item.folderPath.slice(1).split('/');
    for (let i = 1; i <= segs.length; i++) {
      const folder = '/' + segs.slice(0, i).join('/');
      if (folders.has(folder)) continue;
      const name = segs[i - 1]!;
      const bad = INVALID_FOLDER_CHARS.exec(name);
      if (bad || name.trim() !== name) {
        throw new ConfigError(
          bad
            ? `folder '${folder.slice(1)}' cannot become a workspace folder: '${bad[0]}' is not allowed in folder names`
            : `folder '${folder.slice(1)}' cannot become a workspace folder: it starts or ends with a space`,
          {
            location: { file: path.join(root, ...segs.slice(0, i)) },
            fix: 'rename the folder without ~ " # . % & * : < > ? / \\ { | } and without leading or trailing spaces',
          },
        );
      }
      folders.add(folder);
    }
  }
  return [...folders].sort((a, b) => a.split('/').length - b.split('/').length || byCodePoint(a, b));
}

export function checkUnique(items: RepoItem[]): void {
  const byLogical = new Map<string, RepoItem>();
  const byName = new Map<string, RepoItem>();
  for (const item of items) {
    const id = item.logicalId.toLowerCase();
    const dup = byLogical.get(id);
    if (dup && id !== ZERO_GUID) {
      throw new ConfigError(
        `two items have the same logicalId ${item.logicalId}: '${dup.relDir}' and '${item.relDir}'`,
        {
          location: { file: item.platformFile, line: lineOf(item.platformText, 'logicalId') },
          field: 'config.logicalId',
          fix: 'give one of them a new GUID as config.logicalId (a copied item folder keeps the original id)',
        },
      );
    }
    byLogical.set(id, item);
    const key = `${item.type}/${item.displayName.toLowerCase()}`;
    const twin = byName.get(key);
    if (twin) {
      throw new ConfigError(
        `two ${item.type} items are named '${item.displayName}': '${twin.relDir}' and '${item.relDir}'`,
        {
          location: { file: item.platformFile, line: lineOf(item.platformText, 'displayName') },
          field: 'metadata.displayName',
          fix: 'rename one of them (Fabric keeps names unique per type in a workspace, whatever the folder)',
        },
      );
    }
    byName.set(key, item);
  }
}
