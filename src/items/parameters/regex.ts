/**
 * find_value regexes, matched in linear time. parameter.yml comes from the repository, and a pattern
 * such as `(a+)+$` makes a backtracking engine (JavaScript's, Python's) run for hours on one line; RE2
 * (`re2js`, pure JavaScript) cannot backtrack, so no pattern can hang a run. Patterns are written for
 * Python's `re` (fabric-cicd): the syntax RE2 shares with it needs no change, the few spellings that
 * differ are translated, and what needs backtracking (backreferences, lookahead) is refused with why.
 */
import { RE2JS } from 're2js';

/** One match: the whole text matched and the span of capture group 1 (undefined when it did not take part). */
export interface FindMatch {
  text: string;
  group?: [start: number, end: number];
}

export interface FindRegex {
  /** The pattern as written in parameter.yml. */
  readonly source: string;
  /** Every non-overlapping match, left to right (indices in UTF-16 code units, as JavaScript strings). */
  matches(text: string): Iterable<FindMatch>;
}

/**
 * Compiles a find_value regex; throws an Error whose message says what is wrong (the caller adds the
 * rule's file and line). Capture group 1 is what gets replaced, so there must be one.
 */
export function compileFindRegex(pattern: string, ignoreCase: boolean): FindRegex {
  let flags = RE2JS.LOOKBEHINDS | (ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  let src = pattern;
  // Python allows global flags only at the start, and some RE2 does not know: a (Unicode, default),
  // L (locale) and u are no-ops for these patterns; x (verbose) would change every space's meaning.
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    if (inline[1]!.includes('x')) throw new Error('the verbose flag (?x) is not supported');
    for (const f of inline[1]!) {
      if (f === 'i') flags |= RE2JS.CASE_INSENSITIVE;
      if (f === 'm') flags |= RE2JS.MULTILINE;
      if (f === 's') flags |= RE2JS.DOTALL;
    }
    src = src.slice(inline[0].length);
  }
  src = translate(src);
  let re: RE2JS;
  try {
    re = RE2JS.compile(src, flags);
  } catch (err) {
    throw new Error(explain(pattern, (err as Error).message));
  }
  if (re.groupCount() < 1)
    throw new Error(
      'it has no capturing group: put (…) around the part to replace (the value of group 1 is replaced)',
    );
  return {
    source: pattern,
    *matches(text: string): Iterable<FindMatch> {
      const m = re.matcher(text);
      while (m.find()) {
        const start = m.start(1);
        yield { text: m.group() ?? '', group: start < 0 ? undefined : [start, m.end(1)] };
      }
    },
  };
}

/**
 * Python spellings RE2 writes differently, outside escapes of their own: `\Z` (end of text) is RE2's
 * `\z`, `\uXXXX` / `\UXXXXXXXX` are `\x{…}`. Backreferences and lookahead are refused by `explain`.
 */
function translate(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c !== '\\' || i + 1 >= src.length) {
      out += c;
      continue;
    }
    const next = src[i + 1]!;
    const hex = next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (next === 'Z') out += '\\z';
    else if (hex && /^[0-9A-Fa-f]+$/.test(src.slice(i + 2, i + 2 + hex)) && src.length >= i + 2 + hex) {
      out += `\\x{${src.slice(i + 2, i + 2 + hex)}}`;
      i += hex;
    } else out += c + next;
    i++;
  }
  return out;
}

/** RE2's parse error, in the terms of a Python pattern's author. */
function explain(pattern: string, message: string): string {
  const backtracking =
    /\(\?P=\w+\)/.test(pattern) || /(^|[^\\])\\[1-9]/.test(pattern)
      ? 'a backreference'
      : /\(\?<?[=!]/.test(pattern)
        ? /\(\?<[=!][^)]*\([^?]/.test(pattern)
          ? 'a lookbehind with a capturing group inside'
          : 'a lookahead'
        : undefined;
  if (backtracking)
    return `it uses ${backtracking}, which needs a backtracking engine (one pattern can then run for hours); find_value regexes are matched in linear time (RE2 syntax: docs/fabric-cicd-compatibility.md)`;
  return message.replace(/^error parsing regexp: /, '');
}
