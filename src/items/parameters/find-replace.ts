/** find_replace: Python-flavoured regexes (matched in linear time, ./regex.ts) and plain text, applied to a file's text. */
import { ConfigError } from '../../errors';
import type { FindReplaceEntry } from './model';

export { compileFindRegex } from './regex';

/** Occurrences of the entry in `text` and the text with them replaced (when `replacement` is given). */
export function applyFindReplace(
  entry: FindReplaceEntry,
  text: string,
  replacement: string | undefined,
  find: string = entry.find,
): { text: string; count: number } {
  if (entry.regex) {
    let out = '';
    let last = 0;
    let count = 0;
    let first = true;
    for (const m of entry.regex.matches(text)) {
      const span = m.group;
      const empty = !span || span[0] === span[1];
      // Like fabric-cicd, only the first match must capture something; later empty captures are skipped.
      if (empty && !first) continue;
      first = false;
      if (empty) {
        throw new ConfigError(
          `${entry.label}: the regex matched '${m.text.slice(0, 80)}' but captured an empty value`,
          {
            location: entry.findAt,
            field: `${entry.label}.find_value`,
            fix: 'make capture group 1 match the value to replace (at least one character)',
          },
        );
      }
      count++;
      if (replacement !== undefined) {
        out += text.slice(last, span![0]) + replacement;
        last = span![1];
      }
    }
    return { text: replacement === undefined || count === 0 ? text : out + text.slice(last), count };
  }
  if (!find) return { text, count: 0 };
  if (entry.ignoreCase) {
    const re = new RegExp(find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    let count = 0;
    const replaced = text.replace(re, (m) => {
      count++;
      return replacement ?? m;
    });
    return { text: replaced, count };
  }
  const pieces = text.split(find);
  return { text: replacement === undefined ? text : pieces.join(replacement), count: pieces.length - 1 };
}
