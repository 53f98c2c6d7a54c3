import { createHash } from 'node:crypto';
import type { ItemDefinition } from '../fabric/types';
import { byCodePoint, isBinary } from './repo-text';

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
    const p = partPath(part.path);
    if (p === '.platform' && options.platform === 'ignore') continue;
    const bytes = Buffer.from(part.payload, 'base64');
    out.set(p, p === '.platform' ? platformCanonical(bytes) : canonical(p, bytes));
  }
  return new Map([...out].sort(([a], [b]) => byCodePoint(a, b)));
}

/** A part's path as both sides name it: `/` separators, no leading `/` or `./`. */
function partPath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
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

/** A part as a reviewer reads it: the canonical text, JSON indented; a binary part by size and SHA-256. */
export type DisplayPart = { text: string } | { binary: { size: number; sha256: string } };

/**
 * The parts of a definition for a diff: the same normalisation as `normalisedParts` (so two parts that
 * compare equal show no difference), but JSON is indented with its keys sorted, one value a line.
 */
export function displayParts(def: ItemDefinition, options: NormaliseOptions = {}): Map<string, DisplayPart> {
  const out = new Map<string, DisplayPart>();
  for (const part of def.parts) {
    const p = partPath(part.path);
    if (p === '.platform' && options.platform === 'ignore') continue;
    const bytes = Buffer.from(part.payload, 'base64');
    const canon = p === '.platform' ? platformCanonical(bytes) : canonical(p, bytes);
    if (canon.startsWith('sha256:') && isBinary(p, bytes))
      out.set(p, { binary: { size: bytes.length, sha256: canon.slice('sha256:'.length) } });
    else out.set(p, { text: prettyCanonical(canon) });
  }
  return new Map([...out].sort(([a], [b]) => byCodePoint(a, b)));
}

/** A canonical JSON text indented (keys are sorted already); any other text as it is. */
function prettyCanonical(canon: string): string {
  if (!/^[[{]/.test(canon)) return canon;
  try {
    return JSON.stringify(JSON.parse(canon), null, 2);
  } catch {
    return canon;
  }
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

/** The `config.logicalId` a definition's `.platform` carries, as written (no check), if any. */
export function platformLogicalId(def: ItemDefinition | undefined): string | undefined {
  const part = def?.parts?.find((p) => p.path === '.platform');
  if (!part?.payload) return undefined;
  try {
    const j = JSON.parse(Buffer.from(part.payload, 'base64').toString('utf8')) as {
      config?: { logicalId?: unknown };
    };
    return typeof j.config?.logicalId === 'string' ? j.config.logicalId : undefined;
  } catch {
    return undefined;
  }
}
