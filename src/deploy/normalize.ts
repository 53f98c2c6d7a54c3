/**
 * Definition comparison. The service hands definitions back re-encoded (its own `.platform`, JSON
 * re-serialised, CRLF or LF), so parts are compared after normalising, never byte for byte.
 */
import type { ItemDefinition } from '../fabric/types';

export interface DefinitionDiff {
  changed: string[];
  added: string[];
  removed: string[];
}

export function isEmptyDiff(d: DefinitionDiff): boolean {
  return d.changed.length + d.added.length + d.removed.length === 0;
}

/** Path → normalised content of every part except `.platform` (its metadata is compared separately). */
export function normalizeDefinition(def: ItemDefinition, ignore?: (path: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of def.parts ?? []) {
    if (p.path === '.platform' || ignore?.(p.path)) continue;
    out.set(p.path, normalizePayload(p.path, p.payload));
  }
  return out;
}

export function normalizePayload(path: string, payloadB64: string): string {
  const bytes = Buffer.from(payloadB64.replace(/\s+/g, ''), 'base64');
  if (bytes.includes(0)) return 'b64:' + bytes.toString('base64');
  let text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return 'b64:' + bytes.toString('base64');
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (/\.(json|pbir|pbism|platform)$/i.test(path) || /^\s*[[{]/.test(text)) {
    try {
      return 'json:' + canonicalJson(JSON.parse(text));
    } catch {
      // Not JSON after all (a .json with comments): compare as text.
    }
  }
  return 'text:' + text.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
}

/** JSON with sorted keys and no whitespace, so key order and indentation never count as a change. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (v && typeof v === 'object') {
    const keys = Object.keys(v as Record<string, unknown>).sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson((v as Record<string, unknown>)[k])).join(',') + '}';
  }
  return JSON.stringify(v) ?? 'null';
}

export function diffDefinitions(desired: ItemDefinition, actual: ItemDefinition, ignore?: (path: string) => boolean): DefinitionDiff {
  const a = normalizeDefinition(desired, ignore);
  const b = normalizeDefinition(actual, ignore);
  const d: DefinitionDiff = { changed: [], added: [], removed: [] };
  for (const [path, v] of a) {
    if (!b.has(path)) d.added.push(path);
    else if (b.get(path) !== v) d.changed.push(path);
  }
  for (const path of b.keys()) if (!a.has(path)) d.removed.push(path);
  return d;
}

/** `.platform` metadata of a definition (displayName, description), when present. */
export function platformMetadata(def: ItemDefinition | undefined): { displayName?: string; description?: string } | undefined {
  const part = def?.parts?.find((p) => p.path === '.platform');
  if (!part) return undefined;
  try {
    const j = JSON.parse(Buffer.from(part.payload, 'base64').toString('utf8'));
    return { displayName: j?.metadata?.displayName, description: j?.metadata?.description };
  } catch {
    return undefined;
  }
}

export function describeDiff(d: DefinitionDiff): string {
  const parts: string[] = [];
  const list = (xs: string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join(', ')} +${xs.length - 3}` : xs.join(', '));
  if (d.changed.length) parts.push(`changed ${list(d.changed)}`);
  if (d.added.length) parts.push(`new ${list(d.added)}`);
  if (d.removed.length) parts.push(`removed ${list(d.removed)}`);
  return parts.join('; ');
}
