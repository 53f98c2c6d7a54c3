import type { ItemDefinition } from '../fabric/types';
import { isBinary } from './repo-text';
import { type RepoItem } from './repo-item';
import { transformItem } from './transform';

export interface DefinitionContext {
  /** logicalId → deployed item id, for items already deployed in this run or found in the workspace. */
  logicalIds: ReadonlyMap<string, string>;
  workspaceId: string;
}

/**
 * The definition of `item` without parameter.yml: `.platform` plus every part, logical ids of other items
 * replaced by their deployed ids, the zero workspace GUID by the target workspace, Report byPath → byConnection.
 * Shell types get their files as a definition too; `buildItemPayload` (payload.ts) is the complete version.
 */
export function buildDefinition(item: RepoItem, ctx: DefinitionContext): ItemDefinition {
  const r = transformItem(
    item,
    { ...ctx, definitionForShell: true },
    { dry: false, resolved: () => undefined },
  );
  return r.definition!;
}

/** Text files are UTF-8 without NUL bytes; everything else is sent unchanged. */
export function isText(bytes: Buffer): boolean {
  return !isBinary('', bytes);
}

export { isBinary };
