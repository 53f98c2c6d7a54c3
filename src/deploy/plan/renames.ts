/**
 * Renames and moves by logical id. An item renamed in the repository (its folder `Old.Notebook` now
 * `New.Notebook`, `.platform` displayName changed) keeps its `.platform` `config.logicalId`, and Fabric
 * keeps the logical id of what was deployed with it (getDefinition and the bulk export return `.platform`
 * with it). So a repository item that no deployed item matches by name, and a deployed item of the same
 * type that no repository item matches by name, are the same item when their logical ids agree: it is
 * planned as an update of its displayName (and folder), never as a create beside an orphan delete, which
 * would lose the item's id, its data and everything that points at it.
 * Only reads, and only when there is something to match: a create with a logical id and an unmatched
 * deployed item of its type.
 */
import type { Item } from '../../fabric/types';
import { platformLogicalId } from '../../items/normalise';
import type { Logger } from '../../hosts/host';
import { ZERO_GUID } from '../../guid';
import { SERVICE_MADE_TYPES } from '../../items/types';
import type { FabricOps } from '../api';
import { readDefinitions } from './read-definitions';

export interface RenameCandidate {
  key: string;
  type: string;
  displayName: string;
  logicalId: string;
}

/**
 * Desired key → the deployed item it was deployed as under another name. `matched` holds the name
 * matches already made (desired key → item); neither side of one is a candidate.
 */
export async function findRenames(
  ops: FabricOps,
  workspaceId: string,
  desired: readonly RenameCandidate[],
  deployed: readonly Item[],
  matched: ReadonlyMap<string, Item>,
  opts: { maxParallel: number; log?: Logger },
): Promise<Map<string, Item>> {
  const out = new Map<string, Item>();
  const byLogicalId = new Map<string, RenameCandidate[]>();
  for (const d of desired) {
    if (matched.has(d.key) || !d.logicalId || d.logicalId === ZERO_GUID) continue;
    const k = d.logicalId.toLowerCase();
    byLogicalId.set(k, [...(byLogicalId.get(k) ?? []), d]);
  }
  if (!byLogicalId.size) return out;
  const types = new Set([...byLogicalId.values()].flat().map((d) => d.type));
  const claimed = new Set([...matched.values()].map((i) => i.id));
  const candidates = deployed.filter(
    (i) => !claimed.has(i.id) && types.has(i.type) && !SERVICE_MADE_TYPES.has(i.type),
  );
  if (!candidates.length) return out;
  const { definitions } = await readDefinitions(
    ops,
    workspaceId,
    candidates.map((item) => ({ key: item.id, item })),
    { maxParallel: opts.maxParallel },
  );
  const deployedByLogicalId = new Map<string, Item[]>();
  for (const item of candidates) {
    const lid = platformLogicalId(definitions.get(item.id))?.toLowerCase();
    if (!lid || lid === ZERO_GUID) continue;
    deployedByLogicalId.set(lid, [...(deployedByLogicalId.get(lid) ?? []), item]);
  }
  for (const [lid, ds] of byLogicalId) {
    const found = deployedByLogicalId.get(lid);
    // One on each side, of one type: anything else is not one item renamed, and is left as it was.
    if (ds.length !== 1 || found?.length !== 1 || found[0]!.type !== ds[0]!.type) continue;
    out.set(ds[0]!.key, found[0]!);
    opts.log?.info(
      `${ds[0]!.type} '${found[0]!.displayName}' is '${ds[0]!.displayName}' in the repository (same logical id ${lid}): planned as a rename, not a new item`,
    );
  }
  return out;
}
