/**
 * The items of a plan as a dependency graph run in parallel (`max-parallel`): each create or update is a
 * journalled step with its undo, logged `[n/N]` when it starts and ends; the first failure stops new work.
 */
import { undoCreate, undoMove, undoUpdate } from '../journal-records';
import { errorMessage } from '../../errors';
import type { Item, ItemDefinition, Workspace } from '../../fabric/types';
import { applyShortcuts, shortcutNames } from '../shortcuts';
import type { ItemOutcome } from '../../report/model';
import { errorCode } from '../api';
import { buildContextFrom, type BuildContext, type DesiredItem } from '../desired';
import { runGraph } from '../graph';
import { deployBulk } from '../bulk/deploy';
import { inItemScope } from '../item-scope';
import type { PlanState } from '../plan/build';
import type { PlannedItem } from '../plan/model';
import { expectedItemMs } from '../timing';
import { activateValueSet, afterDefinition, bindConnections } from './after-definition';
import { CancelledError, ItemsFailedError, type ExecEnv } from './env';

/** Graph key prefix of a lakehouse's shortcuts node. */
export const SHORTCUTS = 'shortcuts:';

export async function deployItems(
  env: ExecEnv,
  state: PlanState,
  ws: Workspace,
  outcomes: Map<string, ItemOutcome>,
  warnings: string[],
): Promise<void> {
  const desired = [...state.desired.values()];
  const planned = new Map(state.plan.items.map((p) => [p.key, p]));
  const ids = new Map<string, string>();
  for (const [k, it] of state.existing) ids.set(k, it.id);
  // One live context: ids of items created during the run appear in it as they land.
  const bctx = buildContextFrom(env.ops, ws, desired, ids);
  const logicalIds = bctx.logicalIds as Map<string, string>;
  const nodes = desired.map((d) => ({
    key: d.key,
    dependsOn: d.dependsOn,
    label: `${d.type} '${d.displayName}'`,
    weight: planned.get(d.key)?.action === 'unchanged' ? 0 : expectedItemMs(d.type),
  }));
  // A lakehouse's shortcuts: a node of their own, after it and after the lakehouses they point at (two
  // lakehouses may point at each other without a cycle).
  const shortcutNodes = [...(state.shortcuts ?? [])]
    .filter(([, sc]) => sc.steps.some((st) => st.change !== 'unchanged'))
    .map(([key, sc]) => ({
      key: `${SHORTCUTS}${key}`,
      dependsOn: [key, ...sc.after],
      label: `shortcuts of ${nodes.find((n) => n.key === key)?.label ?? key}`,
      weight: 0,
    }));
  const shortcutsOf = async (lh: string) => {
    if (env.signal?.aborted) throw new CancelledError();
    const outcome = outcomes.get(lh);
    try {
      const names = shortcutNames(state.workspaceItems, state.desired, ids);
      await applyShortcuts(
        env,
        ws,
        state.desired.get(lh)!,
        ids.get(lh)!,
        state.shortcuts!.get(lh)!,
        bctx,
        names,
        warnings,
      );
    } catch (err) {
      if (outcome) {
        outcome.status = 'failed';
        outcome.error = errorMessage(err);
      }
      throw err;
    }
  };
  const background: Promise<void>[] = [];
  // Items that reference an Environment need it to exist, not to be published (fabric-cicd does not
  // wait either): the publish runs beside the rest and is awaited before the deploy commits.
  const publishLater = (d: DesiredItem, id: string, outcome: ItemOutcome) => {
    const after = afterDefinition(env, ws, d, id, warnings);
    background.push(
      after.catch((error: unknown) => {
        outcome.status = 'failed';
        outcome.error = errorMessage(error);
        throw error;
      }),
    );
    after.catch(() => undefined);
  };
  const node = async (key: string) => {
    if (key.startsWith(SHORTCUTS)) return shortcutsOf(key.slice(SHORTCUTS.length));
    const d = state.desired.get(key)!;
    const p = planned.get(key)!;
    const outcome = outcomes.get(key)!;
    if (env.signal?.aborted) throw new CancelledError();
    const started = performance.now();
    const step = p.action === 'unchanged' ? undefined : env.progress?.start(startText(p, d));
    try {
      const id = await inItemScope(
        outcome,
        async () => {
          const made = await deployItem(env, state, ws, d, p, bctx, warnings);
          // An unchanged library whose active value set differs: the planned activation alone.
          const activate = p.steps?.find((st) => st.kind === 'activate-value-set' && st.action === 'apply');
          if (made && (p.action === 'unchanged' || p.action === 'move') && activate?.value)
            await activateValueSet(env, ws, d, made, activate.value, false, warnings);
          if (made) await bindConnections(env, ws, d, made, state.bindings?.get(key), p.action === 'create');
          return made;
        },
        step,
      );
      if (id && (p.action === 'create' || p.action === 'update')) publishLater(d, id, outcome);
      if (id) {
        ids.set(key, id);
        logicalIds.set(d.logicalId, id);
        outcome.id = id;
      }
      outcome.status = 'done';
      step?.end(endText(p, d, id));
    } catch (err) {
      outcome.status = 'failed';
      outcome.error = errorMessage(err);
      step?.fail(err);
      throw err;
    } finally {
      outcome.durationMs = performance.now() - started;
    }
  };
  let failed: { key: string; error: unknown }[];
  if (state.plan.strategy?.chosen === 'bulk') {
    failed = await deployBulk({
      env,
      state,
      ws,
      outcomes,
      warnings,
      bctx,
      ids,
      graph: (keys) => {
        const only = new Set(keys);
        return runGraph(
          nodes.filter((n) => only.has(n.key)),
          node,
          { maxParallel: env.maxParallel },
        );
      },
      afterImport: async (key, id, created) => {
        const d = state.desired.get(key)!;
        await bindConnections(env, ws, d, id, state.bindings?.get(key), created);
        publishLater(d, id, outcomes.get(key)!);
      },
      cancelled: () => (env.signal?.aborted ? new CancelledError() : undefined),
      requested: state.plan.strategy.requested,
    });
    // Every item is in place once the import and the graph are done: the shortcuts come last.
    if (!failed.length && shortcutNodes.length)
      failed.push(...(await runGraph(shortcutNodes, node, { maxParallel: env.maxParallel })).failed);
  } else
    failed = [
      ...(await runGraph([...nodes, ...shortcutNodes], node, { maxParallel: env.maxParallel })).failed,
    ];
  const settled = await Promise.allSettled(background);
  settled.forEach((r) => {
    if (r.status === 'rejected') failed.push({ key: 'post-deploy', error: r.reason });
  });
  if (failed.length) throw new ItemsFailedError(failed);
}

/** The start line of an item action (after `[n/N]`). */
export function startText(p: PlannedItem, d: DesiredItem): string {
  const what = `${d.type} '${d.displayName}'`;
  switch (p.action) {
    case 'create':
      return `creating ${what}`;
    case 'move':
      return `moving ${what} to ${d.folderPath || '/'}`;
    default:
      return `updating ${what}${p.reason ? ` (${p.reason})` : ''}`;
  }
}

/** The end line of an item action: what was done, as the plan said it. */
export function endText(p: PlannedItem, d: DesiredItem, id: string | undefined): string {
  const what = `${d.type} '${d.displayName}'`;
  const moved = p.fromFolder !== undefined ? ` and moved it to ${d.folderPath || '/'}` : '';
  switch (p.action) {
    case 'create':
      return `created ${what}${id ? ` (${id})` : ''}`;
    case 'move':
      return `moved ${what} to ${d.folderPath || '/'}`;
    default:
      return `updated ${what}${moved}`;
  }
}

export async function deployItem(
  env: ExecEnv,
  state: PlanState,
  ws: Workspace,
  d: DesiredItem,
  p: PlannedItem,
  bctx: BuildContext,
  warnings: string[],
): Promise<string | undefined> {
  const { tx, ops, log } = env;
  const target = { type: d.type, name: d.displayName, id: p.id };
  const folderId = d.folderPath ? state.folderIds.get(d.folderPath) : undefined;
  if (p.action === 'unchanged') return p.id;
  const payload = p.action === 'move' ? undefined : await d.payload(bctx);
  if (payload) warnings.push(...payload.warnings);
  if (p.action === 'create') {
    const definition = payload?.definition;
    let made: Item;
    // Enough to find the item again if the answer never comes (a kill, a lost poll), and to never
    // mistake an item that was already there for it.
    const undo = undoCreate(
      ws.id,
      { type: d.type, name: d.displayName, logicalId: d.logicalId },
      state.workspaceItems,
    );
    try {
      made = await tx.step(
        {
          action: 'item.create',
          target,
          undo,
          after: { folder: d.folderPath || undefined, logicalId: d.logicalId },
        },
        () =>
          ops.createItem(ws.id, {
            displayName: d.displayName,
            type: d.type,
            description: d.description,
            folderId,
            ...(definition
              ? { definition }
              : payload?.creationPayload
                ? { creationPayload: payload.creationPayload }
                : {}),
          }),
        (it: Item) => ({ target: { id: it.id }, undo: { ...undo, itemId: it.id } }),
      );
    } catch (err) {
      // Only an item that something created in this run can have made (its parent) is taken over;
      // anything else of that name belongs to someone and must not be touched.
      const parentMadeNow = d.dependsOn.some(
        (k) => state.plan.items.find((i) => i.key === k)?.action === 'create',
      );
      const adopted = parentMadeNow ? await adoptSideEffect(env, ws, d, definition, err) : undefined;
      if (!adopted) throw err;
      made = adopted;
    }
    log.debug(`created ${d.type} '${d.displayName}' (${made.id})`);
    await activateValueSet(env, ws, d, made.id, payload?.activeValueSetName, true, warnings);
    return made.id;
  }
  const existing = state.existing.get(d.key)!;
  if (p.action === 'update') {
    if (d.shell) {
      await tx.step(
        {
          action: 'item.update',
          target,
          undo: {
            kind: 'restore-item-metadata',
            workspaceId: ws.id,
            itemId: existing.id,
            type: d.type,
            name: existing.displayName,
            displayName: existing.displayName,
            description: existing.description ?? '',
          },
          before: { displayName: existing.displayName, description: existing.description },
          after: { displayName: d.displayName, description: d.description },
        },
        () =>
          ops.updateItem(ws.id, existing.id, {
            displayName: d.displayName,
            description: d.description ?? '',
          }),
      );
    } else {
      const definition = payload?.definition;
      const before = state.captured.get(d.key);
      if (definition && before) {
        await tx.step(
          {
            action: 'item.update',
            target,
            undo: undoUpdate(ws.id, existing, d.type, before),
            after: { reason: p.reason },
          },
          () => ops.updateItemDefinition(ws.id, existing, definition),
        );
      } else if (!definition) {
        log.warn(`${d.type} '${d.displayName}' has no definition to update`);
      }
    }
    log.debug(`updated ${d.type} '${d.displayName}'${p.reason ? ` (${p.reason})` : ''}`);
  }
  if (p.fromFolder !== undefined) {
    await tx.step(
      {
        action: 'item.move',
        target,
        undo: undoMove(ws.id, existing, { type: d.type, name: d.displayName }),
        before: { folder: p.fromFolder || '/' },
        after: { folder: d.folderPath || '/' },
      },
      () => ops.moveItem(ws.id, existing.id, folderId),
    );
    log.debug(`moved ${d.type} '${d.displayName}' to ${d.folderPath || '/'}`);
  }
  if (p.action === 'update')
    await activateValueSet(env, ws, d, existing.id, payload?.activeValueSetName, false, warnings);
  return existing.id;
}

/**
 * Some creates make a second item as a side effect (an Eventhouse makes its KQL database of the
 * same name). The plan saw no such item and the workspace is locked, so an item of that name that
 * now exists came from this run: take it over (update its definition) and undo it by deleting it.
 */
export async function adoptSideEffect(
  env: ExecEnv,
  ws: Workspace,
  d: DesiredItem,
  definition: ItemDefinition | undefined,
  err: unknown,
): Promise<Item | undefined> {
  if (errorCode(err) !== 'ItemDisplayNameAlreadyInUse') return undefined;
  const found = (await env.ops.listItems(ws.id, d.type)).find(
    (i) => i.displayName.toLowerCase() === d.displayName.toLowerCase(),
  );
  if (!found) return undefined;
  await env.tx.step(
    {
      action: 'item.adopt',
      target: { type: d.type, name: d.displayName, id: found.id },
      undo: { kind: 'delete-item', workspaceId: ws.id, itemId: found.id, type: d.type, name: d.displayName },
      after: { reason: 'created by the service along with another item of this run' },
    },
    async () => {
      if (definition) await env.ops.updateItemDefinition(ws.id, found, definition);
    },
  );
  env.log.info(`took over ${d.type} '${d.displayName}' (${found.id}), created along with its parent`);
  return found;
}
