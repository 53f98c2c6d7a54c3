/**
 * Guards against mass deletion by misconfiguration: a repository that selects no item (an empty or
 * wrong items directory, a type filter that excludes everything) and an orphan deletion that would
 * take more than `max-delete-ratio` of the workspace. Both are refused before the first write.
 */
import { ConfigError, type SourceLocation } from '../errors';
import type { Item } from '../fabric/types';
import { SERVICE_MADE_TYPES } from '../items/types';

export interface SelectionFacts {
  /** Items the repository selects (in scope of items.types / items.exclude). */
  selected: number;
  /** Items found but left out by items.types / items.exclude. */
  outOfScope: number;
  directory: string;
  types?: readonly string[];
  exclude?: readonly string[];
  deleteOrphans: boolean;
  allowEmpty: boolean;
  location?: SourceLocation;
}

/**
 * A repository that selects no item is refused: with delete-orphans it would delete every item of
 * the workspace, and without it "nothing to change" hides a wrong path. `allow-empty` accepts it,
 * but never together with delete-orphans (emptying a workspace is `destroy`'s job).
 */
export function checkSelection(f: SelectionFacts): void {
  if (f.selected > 0) return;
  const why =
    f.outOfScope > 0
      ? `all ${f.outOfScope} item${f.outOfScope === 1 ? '' : 's'} in '${f.directory}' are left out by ${filters(f)}`
      : `'${f.directory}' holds no item folder (<Name>.<Type> with a .platform file)`;
  if (f.deleteOrphans) {
    throw new ConfigError(
      `the repository selects no item (${why}), and delete-orphans would delete every item of the workspace`,
      {
        location: f.location,
        field: 'delete-orphans',
        fix: 'point items.directory (or items-directory) at your item folders and check items.types / items.exclude; to empty a workspace on purpose use command: destroy',
      },
    );
  }
  if (!f.allowEmpty) {
    throw new ConfigError(`the repository selects no item: ${why}`, {
      location: f.location,
      field: 'items.directory',
      fix: 'point items.directory (or items-directory) at your item folders and check items.types / items.exclude; set allow-empty: true if an empty repository is intended',
    });
  }
}

function filters(f: SelectionFacts): string {
  const parts: string[] = [];
  if (f.types) parts.push(`items.types [${f.types.join(', ')}]`);
  if (f.exclude?.length) parts.push(`items.exclude [${f.exclude.join(', ')}]`);
  return parts.join(' and ') || 'the filters';
}

/** The items a share is taken of: service-made ones (SQL endpoints…) come and go with their parent. */
export function countedItems(items: readonly Item[]): number {
  return items.filter((i) => !SERVICE_MADE_TYPES.has(i.type)).length;
}

/**
 * Orphan deletion may take at most `maxRatio` of the workspace's items in one run; more is far more
 * often a wrong directory, environment or type filter than an intended clean-up.
 */
export function checkDeleteShare(opts: {
  orphans: readonly Item[];
  workspaceItems: number;
  maxRatio: number;
  selected: number;
  location?: SourceLocation;
}): void {
  const n = opts.orphans.length;
  if (n === 0 || opts.workspaceItems === 0) return;
  const share = n / opts.workspaceItems;
  if (share <= opts.maxRatio) return;
  const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
  const listed = opts.orphans
    .slice(0, 10)
    .map((o) => `${o.type} '${o.displayName}'`)
    .join(', ');
  const more = n > 10 ? ` and ${n - 10} more` : '';
  const needed = Math.ceil(share * 100) / 100;
  throw new ConfigError(
    `delete-orphans would delete ${n} of the workspace's ${opts.workspaceItems} items (${pct(share)}), more than max-delete-ratio allows (${pct(opts.maxRatio)}); the repository selects ${opts.selected}. Would delete: ${listed}${more}. Nothing was changed`,
    {
      location: opts.location,
      field: 'max-delete-ratio',
      fix: `if these deletions are intended, run once with max-delete-ratio: ${needed} (or items.maxDeleteRatio in the config); otherwise check items.directory, items.types and the environment`,
    },
  );
}
