/**
 * Which deployed items a deploy manages: of a type in scope (`items.types`; all when absent) and not
 * excluded by name (`items.exclude`). Others are never orphans and never the old name of a rename.
 */
import type { Item } from '../../fabric/types';

export interface ItemScope {
  /** Types in scope; all known types when absent. */
  types?: readonly string[];
  /** Regexes on names excluded from the deployment. */
  exclude?: readonly string[];
}

export function managedBy(scope: ItemScope): (item: Pick<Item, 'type' | 'displayName'>) => boolean {
  const types = scope.types ? new Set(scope.types) : undefined;
  const excludes = (scope.exclude ?? []).map((r) => new RegExp(r));
  return (item) => (!types || types.has(item.type)) && !excludes.some((r) => r.test(item.displayName));
}
