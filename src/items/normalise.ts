import { createHash } from 'node:crypto';
import type { ItemDefinition } from '../fabric/types';
import { byCodePoint, isBinary } from './repository';

/**
 * Comparing what Fabric has (getDefinition) with what a deploy would send, so that re-deploying an unchanged
 * repository writes nothing. Differences that carry no meaning are removed:
 * - part order (sorted by path) and a leading `/` or `./` in paths;
 * - base64 (parts are decoded); binary parts compare by SHA-256 of their bytes;
 * - a UTF-8 BOM, CRLF/CR line endings and trailing whitespace at the end of a file;
 * - JSON formatting and key order (JSON parts are parsed and re-serialised with sorted keys);
 * - `.platform`: only metadata.type, metadata.displayName and metadata.description (empty = absent) count. The
 *   service rewrites the rest: `$schema` version, `config.version` and `config.logicalId` (a workspace item has its
 *   own logical id, or the zero GUID), and may add or drop an empty description.
 * - `definition.format` is not compared: getDefinition answers in the format asked for, so ask for the format you
 *   send (e.g. `?format=ipynb` for notebooks that have a `.ipynb` part).
 */
export interface NormaliseOptions {
  /** `ignore` leaves `.platform` out entirely (for types whose getDefinition does not return it). */
  platform?: 'metadata' | 'ignore';
}

/** path → canonical content (`sha256:<hex>` for binary parts). */
export function normalisedParts(def: ItemDefinition, options: NormaliseOptions = {}): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of def.parts) {
    const p = part.path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
    if (p === '.platform' && options.platform === 'ignore') continue;
    const bytes = Buffer.from(part.payload, 'base64');
    out.set(p, p === '.platform' ? platformCanonical(bytes) : canonical(p, bytes));
  }
  return new Map([...out].sort(([a], [b]) => byCodePoint(a, b)));
}

/** A stable digest (SHA-256 hex) of a definition: equal digests mean nothing to update. */
export function normaliseDefinition(def: ItemDefinition, options: NormaliseOptions = {}): string {
  const h = createHash('sha256');
  for (const [p, content] of normalisedParts(def, options))
    h.update(`${p.length}:${p}${content.length}:${content}`);
  return h.digest('hex');
}

/** Paths whose content differs between two definitions (added, removed or changed), sorted. */
export function definitionDiff(
  a: ItemDefinition,
  b: ItemDefinition,
  options: NormaliseOptions = {},
): string[] {
  const pa = normalisedParts(a, options);
  const pb = normalisedParts(b, options);
  return [...new Set([...pa.keys(), ...pb.keys()])].filter((p) => pa.get(p) !== pb.get(p)).sort();
}

function canonical(p: string, bytes: Buffer): string {
  if (isBinary(p, bytes)) return 'sha256:' + createHash('sha256').update(bytes).digest('hex');
  const clean = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\s+$/, '');
  if (/^[[{]/.test(clean)) {
    try {
      return stableJson(JSON.parse(clean));
    } catch {
      // Not JSON after all: compare as text.
    }
  }
  return clean;
}

function platformCanonical(bytes: Buffer): string {
  try {
    const meta = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''))?.metadata ?? {};
    return stableJson({
      type: meta.type,
      displayName: meta.displayName,
      description: meta.description || undefined,
    });
  } catch {
    return canonical('.platform', bytes);
  }
}

/** JSON with object keys sorted at every level. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byCodePoint(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
