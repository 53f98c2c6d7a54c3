/** key_value_replace: JSONPath checked up front, then applied to JSON (re-serialised) or YAML (edited in place). */
import { JSONPath } from 'jsonpath-plus';
import { parseDocument } from 'yaml';
import type { KeyValueEntry } from './model';

/**
 * Why `expr` is not a usable JSONPath, or undefined. jsonpath-plus accepts almost anything (and then matches
 * nothing or everything), so the syntax is checked here and filter expressions are compiled on a probe.
 */
export function jsonPathError(expr: string): string | undefined {
  if (!expr.startsWith('$')) return "it must start with '$' (the document root)";
  let i = 1;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '.') {
      let j = i + 1;
      if (expr[j] === '.') j++;
      if (expr[j] === '[') {
        i = j;
        continue;
      }
      const m = /^(\*|[^.[\]\s()'"?]+)/.exec(expr.slice(j));
      if (!m) return `a property name is missing after '.' at character ${j + 1}`;
      i = j + m[0].length;
      continue;
    }
    if (c === '[') {
      const end = closingBracket(expr, i);
      if (end < 0) return `'[' at character ${i + 1} is never closed`;
      const bad = selectorError(expr.slice(i + 1, end).trim());
      if (bad) return bad;
      i = end + 1;
      continue;
    }
    return `unexpected '${c}' at character ${i + 1}`;
  }
  return undefined;
}

function closingBracket(s: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) return c === ']' ? i : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

const QUOTED = `(?:'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*")`;
const QUOTED_LIST = new RegExp(`^${QUOTED}(?:\\s*,\\s*${QUOTED})*$`);

function selectorError(inner: string): string | undefined {
  if (inner === '*') return undefined;
  if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner) || /^-?\d*:-?\d*(:-?\d*)?$/.test(inner)) return undefined;
  if (QUOTED_LIST.test(inner)) return undefined;
  if ((inner.startsWith('?(') || inner.startsWith('(')) && inner.endsWith(')')) {
    try {
      JSONPath({ path: `$[${inner}]`, json: [{}], ignoreEvalErrors: true, wrap: true });
      return undefined;
    } catch (err) {
      return `invalid expression [${inner}]: ${(err as Error).message}`;
    }
  }
  return `invalid selector [${inner}] (use a quoted name, an index, *, a slice or a filter ?(…))`;
}

/** Segments (property names and array indexes) of every node `expr` selects in `doc`. */
export function jsonPathNodes(expr: string, doc: unknown): (string | number)[][] {
  if (doc === null || typeof doc !== 'object') return [];
  const pointers = JSONPath({
    path: expr,
    json: doc as object,
    resultType: 'pointer',
    ignoreEvalErrors: true,
    wrap: true,
  }) as string[];
  return pointers.map((ptr) => {
    const segs: (string | number)[] = [];
    let node: unknown = doc;
    for (const raw of ptr.split('/').slice(1)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const seg = Array.isArray(node) ? Number(key) : key;
      segs.push(seg);
      node = (node as Record<string | number, unknown>)?.[seg];
    }
    return segs;
  });
}

/**
 * Sets every node `entry.findKey` selects to `value`. JSON files are re-serialised with their own indentation;
 * anything else is tried as YAML (e.g. `.schedules`) and edited in place, keeping comments.
 */
export function applyKeyValue(
  entry: KeyValueEntry,
  text: string,
  value: unknown,
  replace: boolean,
): { text: string; count: number } {
  const body = text.replace(/^\uFEFF/, '');
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(body);
  } catch {
    isJson = false;
  }
  if (isJson) {
    const nodes = jsonPathNodes(entry.findKey, json);
    if (!replace || nodes.length === 0) return { text, count: nodes.length };
    let changed = false;
    for (const segs of nodes) {
      if (segs.length === 0) return { text: JSON.stringify(value, null, indentOf(body)), count: 1 };
      const parent = segs
        .slice(0, -1)
        .reduce((n, s) => n[s] as Record<string | number, unknown>, json as Record<string | number, unknown>);
      const last = segs[segs.length - 1]!;
      if (JSON.stringify(parent[last]) !== JSON.stringify(value)) {
        parent[last] = value;
        changed = true;
      }
    }
    if (!changed) return { text, count: nodes.length };
    return {
      text: JSON.stringify(json, null, indentOf(body)) + (body.endsWith('\n') ? '\n' : ''),
      count: nodes.length,
    };
  }
  const doc = parseDocument(body);
  if (doc.errors.length) return { text, count: 0 };
  const nodes = jsonPathNodes(entry.findKey, doc.toJS());
  if (!replace || nodes.length === 0) return { text, count: nodes.length };
  for (const segs of nodes) doc.setIn(segs, value);
  return { text: doc.toString(), count: nodes.length };
}

function indentOf(text: string): string | number {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1]! : text.includes('\n') ? 2 : 0;
}
