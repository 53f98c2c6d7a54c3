import { ConfigError, formatLocation, type SourceLocation } from '../errors';
import type { RepoItem } from '../items/repo-item';
import { lineOf } from '../items/repo-text';
import { isKnownType } from '../items/types';

/** Naming rules from the config (`naming: { Notebook: "^nb_[a-z0-9_]+$" }`): item type → regex on displayName. */
export interface NamingOptions {
  /** Location of a config value, e.g. `LoadedConfig.locate` (for the rule's own line). */
  locate?: (path: readonly (string | number)[]) => SourceLocation;
}

/**
 * Refuses items whose display name breaks the rule of their type, before any write. The error points at the
 * first offender's `.platform` (displayName line) and lists the others. Returns warnings (rules for types that are
 * neither known nor present).
 */
export function checkNaming(
  items: readonly RepoItem[],
  rules: Record<string, string> | undefined,
  options: NamingOptions = {},
): string[] {
  const warnings: string[] = [];
  if (!rules) return warnings;
  const present = new Set(items.map((i) => i.type));
  const compiled = new Map<string, RegExp>();
  for (const [type, pattern] of Object.entries(rules)) {
    try {
      compiled.set(type, new RegExp(pattern));
    } catch (err) {
      throw new ConfigError(
        `naming rule for ${type} is not a valid regular expression: ${(err as Error).message}`,
        {
          location: options.locate?.(['naming', type]),
          field: `naming.${type}`,
          fix: 'fix the pattern (JavaScript regular expression syntax)',
        },
      );
    }
    if (!isKnownType(type) && !present.has(type)) {
      // At the rule's line in the config, when it can be found, so the host annotates it there.
      const at = options.locate?.(['naming', type]);
      warnings.push(
        `${at ? `${formatLocation(at)}: ` : ''}naming rule for unknown item type '${type}' matches no item`,
      );
    }
  }
  const bad = items.filter((i) => compiled.get(i.type) && !compiled.get(i.type)!.test(i.displayName));
  if (bad.length === 0) return warnings;
  const first = bad[0]!;
  const rule = options.locate?.(['naming', first.type]);
  const others = bad.slice(1, 11).map((i) => `${i.type} '${i.displayName}' (${i.relDir})`);
  const more = bad.length > 11 ? `, and ${bad.length - 11} more` : '';
  throw new ConfigError(
    `${first.type} '${first.displayName}' does not follow the naming rule ${rules[first.type]}` +
      (others.length ? `; nor do ${others.join(', ')}${more}` : ''),
    {
      location: { file: first.platformFile, line: lineOf(first.platformText, 'displayName') },
      field: `naming.${first.type}`,
      fix: `rename the item (metadata.displayName in its .platform) or change the rule${rule ? ` at ${formatLocation(rule)}` : ''}`,
    },
  );
}
