/**
 * A bulkImportDefinitions request and its result, item by item: each item's parts under its
 * workspace-folder-rooted path (`/<folders>/<Name>.<Type>/<part>`, so the folder comes from the path),
 * its `.platform` carrying the logical id the workspace item has (so an update pairs with that item and
 * never makes a second one), and each result entry matched back to the item it answers for.
 */
import { platformLogicalId as writtenLogicalId } from '../../items/normalise';
import type { BulkImportDetail, BulkImportRequest, DefinitionPart, ItemDefinition } from '../../fabric/types';
import { ZERO_GUID } from '../../guid';

export interface ImportEntry {
  key: string;
  type: string;
  name: string;
  /** '' (the root) or '/a/b'. */
  folderPath: string;
  definition: ItemDefinition;
  /** The logical id the request sends (the deployed item's for an update); ZERO_GUID: none. */
  logicalId: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isLogicalId = (id: string | undefined): id is string => !!id && GUID.test(id) && !/^[0-]+$/.test(id);

/** The logical id in a definition's `.platform` (config.logicalId), if it is one (a non-zero GUID), lower case. */
export function platformLogicalId(def: ItemDefinition | undefined): string | undefined {
  const id = writtenLogicalId(def);
  return isLogicalId(id) ? id.toLowerCase() : undefined;
}

function parseBase64Json(payload: string): unknown {
  try {
    return JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The `.platform` to send: the repository's, with `config.logicalId` set to `logicalId` (the deployed
 * item's, for an update whose repository id differs; ZERO_GUID for one that has none).
 */
export function withLogicalId(def: ItemDefinition, logicalId: string): ItemDefinition {
  const parts = def.parts.map((p): DefinitionPart => {
    if (p.path !== '.platform') return p;
    const j = parseBase64Json(p.payload) as { config?: Record<string, unknown> } | undefined;
    if (!j || typeof j !== 'object') return p;
    if (String(j.config?.logicalId ?? '').toLowerCase() === logicalId.toLowerCase()) return p;
    const out = { ...j, config: { ...(j.config ?? {}), logicalId } };
    return { ...p, payload: Buffer.from(`${JSON.stringify(out, null, 2)}\n`, 'utf8').toString('base64') };
  });
  return { ...def, parts };
}

/** The item's root in the request: `/<folders>/<Name>.<Type>`. */
export function rootPath(e: Pick<ImportEntry, 'folderPath' | 'name' | 'type'>): string {
  return `${e.folderPath}/${e.name}.${e.type}`;
}

/** One request for `entries` (at most IMPORT_CHUNK): names pair only where no logical id can. */
export function importRequest(entries: readonly ImportEntry[], pairByName: boolean): BulkImportRequest {
  const definitionParts: DefinitionPart[] = [];
  for (const e of entries) {
    const root = rootPath(e);
    // `.platform` first, as the spec's example and the export have it.
    const parts = [...e.definition.parts].sort(
      (a, b) => Number(b.path === '.platform') - Number(a.path === '.platform'),
    );
    for (const p of parts)
      definitionParts.push({ path: `${root}/${p.path}`, payload: p.payload, payloadType: p.payloadType });
  }
  return pairByName ? { definitionParts, options: { allowPairingByName: true } } : { definitionParts };
}

/** Each entry's result (by logical id, else by type and name), and the results that answer for none. */
export function matchResults(
  entries: readonly ImportEntry[],
  details: readonly BulkImportDetail[],
): { byEntry: (BulkImportDetail | undefined)[]; foreign: BulkImportDetail[] } {
  const byLid = new Map<string, number>();
  const byName = new Map<string, number>();
  entries.forEach((e, i) => {
    if (isLogicalId(e.logicalId) && e.logicalId !== ZERO_GUID) byLid.set(e.logicalId.toLowerCase(), i);
    byName.set(`${e.type}|${e.name.toLowerCase()}`, i);
  });
  const byEntry: (BulkImportDetail | undefined)[] = entries.map(() => undefined);
  const foreign: BulkImportDetail[] = [];
  for (const d of details) {
    const lid = d.itemLogicalId?.toLowerCase();
    let i = lid ? byLid.get(lid) : undefined;
    // A new item without a logical id of its own is answered with the one the service gave it.
    if (i === undefined) {
      const n = byName.get(`${d.itemType}|${(d.itemDisplayName ?? '').toLowerCase()}`);
      if (n !== undefined && (!lid || !isLogicalId(entries[n]!.logicalId))) i = n;
    }
    if (i === undefined || byEntry[i]) foreign.push(d);
    else byEntry[i] = d;
  }
  return { byEntry, foreign };
}

/** `Notebook 'Hello'` for a result entry. */
export function detailLabel(d: BulkImportDetail): string {
  return `${d.itemType ?? 'item'} '${d.itemDisplayName ?? d.itemId ?? d.itemLogicalId ?? '?'}'`;
}
