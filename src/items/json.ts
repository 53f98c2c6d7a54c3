/** Reading JSON files of the repository format without a schema: parse leniently, walk safely. */

/** JSON.parse tolerating a BOM; undefined when the text is not JSON. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at `path` (object keys), or undefined where the path leaves the document. */
export function at(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const k of path) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}
