/**
 * Everything checkable is checked before the first write, and reported together: item types against
 * the supported list, display names against Fabric's length and per-type rules, the workspace's
 * capacity (present in the tenant, Active), every `$items` target. A deploy that would stop at its tenth
 * write stops before the first, with every problem listed at its file and line.
 */
import { ConfigError, formatLocation, shownProblems, UserError } from '../errors';
import type { Capacity, Workspace } from '../fabric/types';
import { isKnownType } from '../items/types';
import type { DesiredItem } from './desired';

/** Fabric's limit on an item's display name (characters). */
export const MAX_DISPLAY_NAME = 256;
/** Lakehouse names: a letter, then letters, digits and underscores (Fabric refuses others at create). */
const LAKEHOUSE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Problems of the items themselves: type, name length, per-type naming rules. */
export function itemProblems(items: readonly DesiredItem[]): ConfigError[] {
  const out: ConfigError[] = [];
  for (const d of items) {
    const at = d.location;
    if (!isKnownType(d.type))
      out.push(
        new ConfigError(
          `${d.type} '${d.displayName}': '${d.type}' is not an item type Fabric Deploy can deploy`,
          {
            location: at,
            field: 'metadata.type',
            fix: 'use one of the types in docs/fabric-cicd-compatibility.md (case-sensitive), or exclude the item with items.exclude / items.types',
          },
        ),
      );
    const length = [...d.displayName].length;
    if (length > MAX_DISPLAY_NAME)
      out.push(
        new ConfigError(
          `${d.type} '${d.displayName.slice(0, 40)}…': the display name is ${length} characters, more than Fabric's ${MAX_DISPLAY_NAME}`,
          {
            location: at,
            field: 'metadata.displayName',
            fix: `shorten it to ${MAX_DISPLAY_NAME} characters at most`,
          },
        ),
      );
    if (d.type === 'Lakehouse' && !LAKEHOUSE_NAME.test(d.displayName))
      out.push(
        new ConfigError(
          `Lakehouse '${d.displayName}': a Lakehouse name must start with a letter and hold only letters, digits and underscores`,
          {
            location: at,
            field: 'metadata.displayName',
            fix: `rename it, e.g. '${suggestLakehouseName(d.displayName)}' (and its references)`,
          },
        ),
      );
  }
  return out;
}

function suggestLakehouseName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^[^A-Za-z]+/, '');
  return (s || 'lh_' + name.replace(/[^A-Za-z0-9_]+/g, '_')).slice(0, MAX_DISPLAY_NAME);
}

/**
 * The capacity the items will run on: the one the config assigns (checked by resolveCapacity), else the
 * workspace's own. An inactive one (paused, suspended) refuses every item operation.
 */
export function capacityProblems(
  ws: Workspace | undefined,
  configured: Capacity | undefined,
  capacities: readonly Capacity[],
): ConfigError[] {
  if (configured || !ws?.capacityId) return [];
  const cap = capacities.find((c) => c.id.toLowerCase() === ws.capacityId!.toLowerCase());
  if (!cap || cap.state === 'Active') return [];
  return [
    new ConfigError(
      `workspace '${ws.displayName}' is on capacity '${cap.displayName}', which is ${cap.state} (CapacityNotInActiveState): no item can be created or updated on it`,
      {
        field: 'workspace.capacity',
        fix: 'resume the capacity in the Azure portal, or assign an active one with workspace.capacity, and run again',
      },
    ),
  ];
}

/** One problem is thrown as it is; several as one error listing each at its place. */
export function throwProblems(all: readonly UserError[]): void {
  // The same reference can be refused by two checks (its $items look-up and the payload build): once.
  const seen = new Set<string>();
  const problems = all.filter((p) => {
    const key = `${p.location ? formatLocation(p.location) : ''} ${p.message.split(':')[0]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (problems.length === 0) return;
  if (problems.length === 1) throw problems[0];
  const { shown, more } = shownProblems(problems);
  throw new ConfigError(
    `${problems.length} problems found before any write; nothing was changed:\n${[
      ...shown.map((p) => `  - ${p.format().replace(/\n\s*/g, ' ')}`),
      ...(more ? [`  ${more}`] : []),
    ].join('\n')}`,
    { fix: 'fix each of them and run again' },
  );
}
