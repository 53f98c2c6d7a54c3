/**
 * The bulk path of a deploy (`strategy: bulk`, or `auto` when it chooses it): the changed items the
 * bulk import takes go in bulkImportDefinitions calls, the rest through the graph in the same run.
 *
 * It runs in stages. A stage sends, in calls of at most 1,000 items in dependency order, every bulk
 * item whose dependencies are deployed or in the same call, beside the graph items whose dependencies
 * are deployed (and their own chains). Within a call, a reference to a new item of that call is sent
 * as the item's logical id, which the service resolves to the id it creates (what the graph would
 * have written: the same deployed definitions either way); a reference that needs more than an id (a
 * SQL endpoint, a query URI) waits for the next stage, when the item exists. Every item is journalled
 * with its undo before the call is sent; a `Failed` item, a refused call or a result naming an item
 * the request did not contain fails the deploy, which then rolls back.
 */
import { errorMessage } from '../../errors';
import { isDefiniteFailure } from '../../fabric/errors';
import type { BulkImportResult, Item, ItemDefinition } from '../../fabric/types';
import { ZERO_GUID } from '../../guid';
import type { DesiredItem, TargetReads } from '../desired';
import { longestChain, topologicalOrder, type GraphRun } from '../graph';
import type { StepDesc } from '../journal';
import type { PlannedItem } from '../plan/model';
import type { ProgressStep } from '../progress';
import { expectedItemMs } from '../timing';
import { foreignItems, settle, stepsFor } from './journal-steps';
import { importRequest, matchResults, platformLogicalId, withLogicalId, type ImportEntry } from './request';
import type { BulkRun } from './run';
import { snapshotPath, writeSnapshot } from './snapshot';
import { IMPORT_CHUNK } from './strategy';

export type { BulkEnv, BulkRun } from './run';

/** A reference to a new item that needs more than its id: the dependent waits for the next stage. */
class NeedsDeployedItem extends Error {}

/** Deploys every desired item; returns the failures (empty: all deployed). */
export async function deployBulk(run: BulkRun): Promise<{ key: string; error: unknown }[]> {
  const { state } = run;
  const planned = new Map(state.plan.items.map((p) => [p.key, p]));
  const isBulk = (k: string) => planned.get(k)?.write?.path === 'bulk';
  // An unchanged item is there already: nothing waits for it (its own steps run in the first stage).
  const deps = (k: string) =>
    state.desired
      .get(k)!
      .dependsOn.filter((x) => x !== k && state.desired.has(x) && planned.get(x)?.action !== 'unchanged');
  run.snapshot = await snapshotUpdates(run, planned);
  const remaining = new Set(state.desired.keys());
  const done = new Set<string>();
  const failed: { key: string; error: unknown }[] = [];
  while (remaining.size && !failed.length) {
    const stop = run.cancelled();
    if (stop) throw stop;
    const graphKeys = closure(
      [...remaining].filter((k) => !isBulk(k)),
      deps,
      done,
    );
    const bulkKeys = closure([...remaining].filter(isBulk), deps, done, (k, dep) =>
      standsIn(planned.get(dep), state.desired.get(dep)),
    );
    const [g, b] = await Promise.all([
      graphKeys.length ? run.graph(graphKeys) : Promise.resolve<GraphRun>(noRun()),
      importStage(run, planned, bulkKeys, deps),
    ]);
    for (const k of [...g.done, ...b.done]) {
      done.add(k);
      remaining.delete(k);
    }
    failed.push(...g.failed, ...b.failed);
    if (!failed.length && g.done.length + b.done.length === 0)
      throw new Error(`no item could be deployed of ${[...remaining].slice(0, 5).join(', ')} (a bug)`);
  }
  return failed;
}

const noRun = (): GraphRun => ({ done: [], failed: [], skipped: [] });

/**
 * The pre-deploy export of every item a bulk import will update, on disk beside the journal before
 * the first import: their undos name it, so a replay after a kill restores them byte for byte.
 */
async function snapshotUpdates(run: BulkRun, planned: Map<string, PlannedItem>): Promise<string | undefined> {
  const { state, env } = run;
  const definitions = new Map<string, ItemDefinition>();
  for (const p of planned.values()) {
    if (p.write?.path !== 'bulk' || p.action !== 'update') continue;
    const item = state.existing.get(p.key);
    const def = state.captured.get(p.key);
    if (item && def) definitions.set(item.id, def);
  }
  if (!definitions.size) return undefined;
  const file = snapshotPath(env.tx.file);
  const o = env.tx.options;
  await writeSnapshot(file, { deploymentId: o.deploymentId, workspaceId: run.ws.id }, definitions, o.redact);
  env.log.info(
    `rollback snapshot: ${file} (${definitions.size} definition${definitions.size === 1 ? '' : 's'} as the workspace had them)`,
  );
  return file;
}

/** A new item can stand in for its id in a call by its logical id; an existing one has its id. */
function standsIn(p: PlannedItem | undefined, d: DesiredItem | undefined): boolean {
  return p?.action !== 'create' || (!!d && d.logicalId !== ZERO_GUID && !!d.logicalId);
}

/** The keys whose dependencies are all done or among the keys (and, with `soft`, allowed to be). */
function closure(
  keys: string[],
  deps: (k: string) => string[],
  done: ReadonlySet<string>,
  soft: (k: string, dep: string) => boolean = () => true,
): string[] {
  const set = new Set(keys);
  for (let changed = true; changed;) {
    changed = false;
    for (const k of set)
      if (deps(k).some((d) => !done.has(d) && !(set.has(d) && soft(k, d)))) {
        set.delete(k);
        changed = true;
      }
  }
  return keys.filter((k) => set.has(k));
}

interface StageResult {
  done: string[];
  failed: { key: string; error: unknown }[];
}

async function importStage(
  run: BulkRun,
  planned: Map<string, PlannedItem>,
  keys: string[],
  deps: (k: string) => string[],
): Promise<StageResult> {
  const out: StageResult = { done: [], failed: [] };
  const order = topologicalOrder(keys.map((k) => ({ key: k, dependsOn: deps(k) })));
  const deferred = new Set<string>();
  for (let i = 0; i < order.length && !out.failed.length; i += IMPORT_CHUNK) {
    const stop = run.cancelled();
    if (stop) {
      out.failed.push({ key: order[i]!, error: stop });
      break;
    }
    const chunk = order.slice(i, i + IMPORT_CHUNK);
    const entries: ImportEntry[] = [];
    const standIns = new Map<string, string>();
    for (const key of chunk) {
      const d = run.state.desired.get(key)!;
      const p = planned.get(key)!;
      if (deps(key).some((k) => deferred.has(k))) {
        deferred.add(key);
        continue;
      }
      try {
        const entry = await entryFor(run, d, p, standIns);
        if (!entry) {
          deferred.add(key);
          continue;
        }
        entries.push(entry);
        if (p.action === 'create' && d.logicalId !== ZERO_GUID) standIns.set(key, d.logicalId);
      } catch (error) {
        markFailed(run, key, error);
        out.failed.push({ key, error });
        break;
      }
    }
    if (out.failed.length || !entries.length) break;
    const r = await importChunk(run, planned, entries);
    out.done.push(...r.done);
    out.failed.push(...r.failed);
  }
  return out;
}

/** The entry of one item, or undefined when it needs a new item's attribute (next stage). */
async function entryFor(
  run: BulkRun,
  d: DesiredItem,
  p: PlannedItem,
  standIns: ReadonlyMap<string, string>,
): Promise<ImportEntry | undefined> {
  const live = run.bctx;
  const logicalIds = new Map(live.logicalIds);
  const idsByName = new Map(live.idsByName);
  const standing = new Set<string>();
  for (const [key, lid] of standIns) {
    logicalIds.set(lid, lid);
    idsByName.set(key, lid);
    standing.add(lid.toLowerCase());
  }
  const attribute = (id: string) => {
    if (standing.has(id.toLowerCase())) throw new NeedsDeployedItem(id);
  };
  const client: TargetReads = {
    findWorkspaceByName: (n) => live.client.findWorkspaceByName(n),
    listSparkPools: (w) => live.client.listSparkPools(w),
    listItems: (w, t) => live.client.listItems(w, t),
    waitForLakehouseSqlEndpoint: (w, id) => (attribute(id), live.client.waitForLakehouseSqlEndpoint(w, id)),
    getTypedItem: (w, c, id) => (attribute(id), live.client.getTypedItem(w, c, id)),
  };
  let payload;
  try {
    payload = await d.payload({ ...live, logicalIds, idsByName, client });
  } catch (err) {
    if (err instanceof NeedsDeployedItem) return undefined;
    throw err;
  }
  if (!payload.definition) throw new Error(`${d.type} '${d.displayName}' has no definition to import`);
  run.warnings.push(...payload.warnings);
  const existing = run.state.existing.get(d.key);
  const deployedLid = existing ? platformLogicalId(run.state.captured.get(d.key)) : undefined;
  const logicalId = existing ? (deployedLid ?? ZERO_GUID) : d.logicalId;
  return {
    key: d.key,
    type: d.type,
    name: d.displayName,
    folderPath: folderOf(run, d, existing),
    definition: existing ? withLogicalId(payload.definition, logicalId) : payload.definition,
    logicalId,
  };
}

/** The item's folder path: the repository's, or (folders not managed) where the item already is. */
function folderOf(run: BulkRun, d: DesiredItem, existing: Item | undefined): string {
  if (d.folderPath !== undefined) return d.folderPath;
  if (!existing?.folderId) return '';
  for (const [path, id] of run.state.folderIds) if (id === existing.folderId) return path;
  return '';
}

function markFailed(run: BulkRun, key: string, error: unknown): void {
  const o = run.outcomes.get(key);
  if (!o) return;
  o.status = 'failed';
  o.error = errorMessage(error);
}

/** One call: journal, send, read the result item by item, then each item's follow-up steps. */
async function importChunk(
  run: BulkRun,
  planned: Map<string, PlannedItem>,
  entries: ImportEntry[],
): Promise<StageResult> {
  const { env, state, ws } = run;
  const out: StageResult = { done: [], failed: [] };
  const descs: StepDesc[] = [];
  const owner: number[] = [];
  entries.forEach((e, i) => {
    for (const desc of stepsFor(run, planned.get(e.key)!, e)) {
      descs.push(desc);
      owner.push(i);
    }
  });
  const steps = new Map<string, ProgressStep | undefined>();
  for (const e of entries) {
    const p = planned.get(e.key)!;
    const what = `${e.type} '${e.name}'`;
    steps.set(
      e.key,
      env.progress?.start(`${p.action === 'create' ? 'creating' : 'updating'} ${what} (bulk)`),
    );
  }
  const started = performance.now();
  // The service ends an import after the longest chain of its items: polls are paced to that.
  const inCall = new Set(entries.map((e) => e.key));
  const expected = longestChain(
    entries.map((e) => ({
      key: e.key,
      dependsOn: state.desired.get(e.key)!.dependsOn.filter((k) => inCall.has(k)),
      weight: expectedItemMs(e.type),
    })),
  ).weight;
  const pairByName = entries.some((e) => e.logicalId === ZERO_GUID && state.existing.has(e.key));
  let match: ReturnType<typeof matchResults> | undefined;
  const resultOf = (r: BulkImportResult) => (match ??= matchResults(entries, r.importItemDefinitionsDetails));
  let outcome: { result: BulkImportResult; errors: (unknown | undefined)[] };
  try {
    outcome = await env.tx.stepAll(
      descs,
      () => env.ops.importDefinitions(ws.id, importRequest(entries, pairByName), entries.length, expected),
      (r, i) => settle(run, planned.get(entries[owner[i]!]!.key)!, resultOf(r).byEntry[owner[i]!]),
    );
  } catch (error) {
    // Refused as a whole (a 4xx: nothing was applied). With auto, these items go through the graph.
    if (run.requested === 'auto' && isDefiniteFailure(error)) {
      const w = `the bulk import was refused (${errorMessage(error)}): ${entries.length} item${entries.length === 1 ? '' : 's'} went through the graph instead (strategy: auto)`;
      env.log.warn(w);
      run.warnings.push(w);
      for (const e of entries) steps.get(e.key)?.end(`${e.type} '${e.name}': to the graph`);
      const g = await run.graph(entries.map((e) => e.key));
      return { done: g.done, failed: g.failed };
    }
    const names = entries.map((e) => `${e.type} '${e.name}'`);
    const refused = isDefiniteFailure(error)
      ? new Error(
          `strategy: bulk: the bulk import refused ${names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ')}: ${errorMessage(error)} (nothing of this call was applied; strategy: auto would deploy them through the graph)`,
        )
      : error;
    for (const e of entries) {
      markFailed(run, e.key, refused);
      steps.get(e.key)?.fail(refused);
      out.failed.push({ key: e.key, error: refused });
    }
    return out;
  }
  const { byEntry, foreign } = resultOf(outcome.result);
  const failedEntries = new Set<number>();
  outcome.errors.forEach((err, i) => {
    if (err === undefined || failedEntries.has(owner[i]!)) return;
    failedEntries.add(owner[i]!);
    const e = entries[owner[i]!]!;
    markFailed(run, e.key, err);
    steps.get(e.key)?.fail(err);
    out.failed.push({ key: e.key, error: err });
  });
  if (foreign.length) out.failed.push({ key: 'bulk-import', error: await foreignItems(run, foreign) });
  for (const [i, e] of entries.entries()) {
    if (failedEntries.has(i)) continue;
    const d = byEntry[i]!;
    const p = planned.get(e.key)!;
    const o = run.outcomes.get(e.key)!;
    const id = d.itemId!;
    if (d.operationStatus === 'SucceededDespiteFailures') {
      const w = `${e.type} '${e.name}': the bulk import reports SucceededDespiteFailures (imported, but the service noted failures; check the item in the workspace)`;
      env.log.warn(w);
      run.warnings.push(w);
    }
    run.ids.set(e.key, id);
    (run.bctx.logicalIds as Map<string, string>).set(state.desired.get(e.key)!.logicalId, id);
    (run.bctx.idsByName as Map<string, string>).set(e.key, id);
    o.id = id;
    try {
      await run.afterImport(e.key, id, p.action === 'create');
      o.status = 'done';
      o.durationMs = performance.now() - started;
      steps
        .get(e.key)
        ?.end(
          `${p.action === 'create' ? 'created' : 'updated'} ${e.type} '${e.name}' (bulk${p.action === 'create' ? `, ${id}` : ''})`,
        );
      out.done.push(e.key);
    } catch (error) {
      markFailed(run, e.key, error);
      steps.get(e.key)?.fail(error);
      out.failed.push({ key: e.key, error });
    }
  }
  return out;
}
