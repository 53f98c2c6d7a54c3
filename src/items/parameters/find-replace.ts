/** find_replace: Python-flavoured regexes and plain text, applied to a file's text. */
import { ConfigError } from '../../errors';
import type { FindReplaceEntry } from './model';

/**
 * A find_value regex. Patterns are written for Python's `re`; the differences that matter in practice are
 * translated: named groups `(?P<n>…)`/`(?P=n)` and leading inline flags `(?i)`, `(?m)`, `(?s)`. No `u` flag, so
 * Python escapes like `\#` stay literal characters.
 */
export function compileFindRegex(pattern: string, ignoreCase: boolean): RegExp {
  let src = pattern;
  let flags = 'gd' + (ignoreCase ? 'i' : '');
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    if (inline[1]!.includes('x')) throw new Error('the verbose flag (?x) is not supported');
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
    src = src.slice(inline[0].length);
  }
  src = src
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
  const re = new RegExp(src, flags);
  const groups = new RegExp(`${src}|`, flags.replace('g', '')).exec('')!.length - 1;
  if (groups < 1)
    throw new Error(
      'it has no capturing group: put (…) around the part to replace (the value of group 1 is replaced)',
    );
  return re;
}

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
    for (const m of text.matchAll(entry.regex)) {
      const span = m.indices?.[1];
      const empty = !span || span[0] === span[1];
      // Like fabric-cicd, only the first match must capture something; later empty captures are skipped.
      if (empty && !first) continue;
      first = false;
      if (empty) {
        throw new ConfigError(
          `${entry.label}: the regex matched '${m[0].slice(0, 80)}' but captured an empty value`,
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
