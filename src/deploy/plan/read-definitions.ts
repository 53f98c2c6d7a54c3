/**
 * The deployed definitions a plan compares: one `bulkExportDefinitions` call per 1,000 managed items
 * instead of one long-running getDefinition each (an unchanged re-deploy was all getDefinition
 * polling). Only the items the export cannot give are read one by one, and each item says which path
 * it took and why.
 */
import { FabricApiError } from '../../fabric/errors';
import type { Item, ItemDefinition } from '../../fabric/types';
import type { Logger } from '../../hosts/host';
import type { FabricOps } from '../api';
import { mapLimit } from '../pool';
import { expectedItemMs } from '../timing';
import { readsText, type DefinitionRead, type DefinitionReads } from './model';

/** Items a Selective export takes in one call. */
export const EXPORT_CHUNK = 1000;

export interface DefinitionWanted {
  key: string;
  item: Item;
  /** The format the repository's definition is in (getDefinition is asked for it). */
  format?: string;
}

export interface DefinitionsRead {
  /** Desired key → deployed definition. */
  definitions: Map<string, ItemDefinition>;
  /** Desired key → how its definition was read. */
  reads: Map<string, DefinitionRead>;
  summary: DefinitionReads;
}

export async function readDefinitions(
  ops: FabricOps,
  workspaceId: string,
  wanted: readonly DefinitionWanted[],
  opts: { maxParallel: number; log?: Logger },
): Promise<DefinitionsRead> {
  const definitions = new Map<string, ItemDefinition>();
  const reads = new Map<string, DefinitionRead>();
  const fallback = (w: DefinitionWanted, reason: string) =>
    reads.set(w.key, { path: 'getDefinition', reason });
  let exportCalls = 0;

  const exportable: DefinitionWanted[] = [];
  for (const w of wanted) {
    // The export has no format parameter: it answers in the item's own format.
    if (w.format) fallback(w, `format ${w.format} (the export has no format choice)`);
    else exportable.push(w);
  }
  // Set when the export is refused for the whole workspace (beta off, no permission): no more chunks.
  let unavailable: string | undefined;
  for (let i = 0; i < exportable.length; i += EXPORT_CHUNK) {
    let chunk = exportable.slice(i, i + EXPORT_CHUNK);
    while (chunk.length) {
      if (unavailable) {
        for (const w of chunk) fallback(w, unavailable);
        break;
      }
      try {
        exportCalls++;
        const got = await ops.exportDefinitions(
          workspaceId,
          chunk.map((w) => w.item.id),
        );
        for (const w of chunk) {
          const def = got.get(w.item.id.toLowerCase());
          if (!def) fallback(w, 'left out of the export');
          else {
            definitions.set(w.key, def);
            reads.set(w.key, { path: 'export' });
          }
        }
        break;
      } catch (err) {
        if (!(err instanceof FabricApiError)) throw err;
        const refused = refusedItems(err);
        const named = chunk.filter((w) => refused.has(w.item.id.toLowerCase()));
        if (err.errorCode === 'ItemsHaveProtectedLabels' && named.length) {
          // A Selective export refuses the whole call: the others go again without the labelled ones.
          for (const w of named) fallback(w, 'protected sensitivity label');
          chunk = chunk.filter((w) => !refused.has(w.item.id.toLowerCase()));
          continue;
        }
        const why = `export refused (${err.status} ${err.errorCode})`;
        // An item deleted meanwhile (404) concerns this chunk only; anything else, the workspace.
        if (!(err.status === 404 && err.errorCode === 'ItemNotFound')) unavailable = why;
        for (const w of chunk) fallback(w, why);
        break;
      }
    }
  }

  // The rest one by one, longest reads first, so the slowest definition is not fetched last.
  const single = wanted
    .filter((w) => reads.get(w.key)?.path === 'getDefinition')
    .sort((a, b) => expectedItemMs(b.item.type) - expectedItemMs(a.item.type));
  await mapLimit(single, opts.maxParallel, async (w) => {
    definitions.set(w.key, await ops.getItemDefinition(workspaceId, w.item, w.format));
  });

  const summary = summarise(reads, exportCalls);
  if (wanted.length) opts.log?.info(`Definitions read: ${readsText(summary)}`);
  return { definitions, reads, summary };
}

/** Item ids a refusal names (its moreDetails' relatedResource). */
function refusedItems(err: FabricApiError): Set<string> {
  const ids = new Set<string>();
  for (const d of err.moreDetails) {
    if (d.relatedResource?.resourceId) ids.add(d.relatedResource.resourceId.toLowerCase());
  }
  return ids;
}

function summarise(reads: ReadonlyMap<string, DefinitionRead>, exportCalls: number): DefinitionReads {
  const s: DefinitionReads = { export: 0, getDefinition: 0, exportCalls, reasons: {} };
  for (const r of reads.values()) {
    s[r.path]++;
    if (r.reason) s.reasons[r.reason] = (s.reasons[r.reason] ?? 0) + 1;
  }
  return s;
}
