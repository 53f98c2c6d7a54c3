import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, type SourceLocation } from '../errors';
import { readTextFile, type TextFileOptions } from './text-file';

/** A parsed YAML file that can say where any value came from (file:line:col). */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Location of the value at `path` (or of the closest existing parent). */
  locate(path: readonly (string | number)[], key?: boolean): SourceLocation;
}

export function readYamlFile(file: string, what: string, opts: TextFileOptions = {}): YamlSource {
  const text = readTextFile(file, what, {
    missingFix: `create ${file} or point to it with the 'config' input`,
    ...opts,
  });
  return parseYaml(text, file);
}

export function parseYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourceLocation => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, col: p.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(`YAML syntax error: ${e.message.split('\n')[0]}`, {
      location: at(e.pos[0]),
      fix: 'fix the YAML syntax at that line (indentation, quotes, colons)',
    });
  }
  return {
    file,
    data: doc.toJS() ?? {},
    locate: (path, key = false) => at(offsetOf(doc, path, key)),
  };
}

function offsetOf(doc: Document, path: readonly (string | number)[], key: boolean): number {
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    let next: unknown;
    if (isMap(node)) {
      const pair = items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair || !isPair(pair)) break;
      if (key && i === path.length - 1) return rangeStart(pair.key) ?? best;
      best = rangeStart(pair.key) ?? best;
      next = pair.value;
    } else {
      next = items[Number(seg)];
    }
    if (next === undefined || next === null) break;
    best = rangeStart(next) ?? best;
    node = next;
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? r[0] : undefined;
}
