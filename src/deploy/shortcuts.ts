/**
 * Lakehouse shortcuts, deployed as fabric-cicd deploys them (feature `shortcuts`, fabric-cicd's
 * `enable_shortcut_publish`): for each Lakehouse whose `shortcuts.metadata.json` lists at least one
 * shortcut, every listed shortcut is put with `shortcutConflictPolicy=CreateOrOverwrite` and every
 * deployed shortcut the file does not list is deleted; an empty list (or no file) leaves the
 * lakehouse's shortcuts alone, as fabric-cicd does. Unlike fabric-cicd, a shortcut that is already as
 * listed is not sent again, so a re-deploy writes nothing.
 *
 * Planned before any write (each shortcut a step of its lakehouse: create, replace, delete), with the
 * OneLake target checked: the target item must be in the repository or in its workspace, else an
 * error at the shortcut's line. Executed as a node of the deploy graph after the lakehouse and after
 * the repository lakehouses it points at; each write is journalled with its undo.
 */
import { ConfigError, errorMessage, UserError, type SourceLocation } from '../errors';
import { FabricApiError } from '../fabric/errors';
import type { Item, Shortcut, Workspace } from '../fabric/types';
import { oneLakeTarget, shortcutBody, shortcutKey, shortcutPath, targetDigest } from '../items/shortcuts';
import type { FabricOps } from './api';
import { buildContextFrom, type BuildContext, type DesiredItem } from './desired';
import type { Transaction } from './journal';
import type { PlannedItem } from './plan/model';
import type { DesiredShortcuts } from './shortcuts-desired';

export interface ShortcutStep {
  change: 'create' | 'replace' | 'delete' | 'unchanged';
  /** As the repository wants it (create, replace, unchanged), or as deployed (delete). */
  shortcut: Shortcut;
  /** As deployed before the run (replace, delete: the undo puts it back). */
  previous?: Shortcut;
  /** Where it is written (file and line), for the repository's shortcuts. */
  at?: { file: string; line?: number };
}

export interface LakehouseShortcuts {
  steps: ShortcutStep[];
  /** Desired keys of the repository lakehouses its shortcuts point at: deployed first. */
  after: string[];
}

export interface ShortcutsPlan {
  /** Lakehouse key → its shortcut steps. */
  byKey: Map<string, LakehouseShortcuts>;
  problems: UserError[];
  /** Item id (lower case; stand-ins too) → `Lakehouse 'Name'`, for the plan's words. */
  names: Map<string, string>;
}

/** The workspace id a plan for a workspace that does not exist yet resolves `$workspace.id` to. */
const NEW_WORKSPACE = '00000000-0000-0000-0000-0000000000ff';

/** Reads the deployed shortcuts and checks every target; writes nothing. */
export async function planShortcuts(
  ops: FabricOps,
  ws: Workspace | undefined,
  items: readonly DesiredItem[],
  existing: ReadonlyMap<string, Item>,
  workspaceItems: readonly Item[],
  exclude?: { pattern: string; at?: SourceLocation },
): Promise<ShortcutsPlan> {
  const out: ShortcutsPlan = { byKey: new Map(), problems: [], names: new Map() };
  const lakehouses = items.filter((d) => d.shortcuts);
  if (!lakehouses.length) return out;
  // fabric-cicd's shortcut_exclude_regex (re.match: at the start of the name), for publish and unpublish.
  let excluded = (_name: string) => false;
  if (exclude) {
    try {
      const re = new RegExp(`^(?:${exclude.pattern})`);
      excluded = (name) => re.test(name);
    } catch (err) {
      out.problems.push(
        new ConfigError(
          `items.shortcutExclude '${exclude.pattern}' is not a valid regular expression: ${(err as Error).message}`,
          {
            location: exclude.at,
            field: 'items.shortcutExclude',
            fix: "write a JavaScript regular expression (Python's (?P<name>…) is (?<name>…)), or remove it",
          },
        ),
      );
      return out;
    }
  }
  const ids = new Map([...existing].map(([k, it]) => [k, it.id]));
  // A workspace to be created has no items: every look-up in it finds nothing (no call is sent).
  const reads: FabricOps = ws
    ? ops
    : Object.assign(Object.create(ops) as FabricOps, { listItems: async () => [] as Item[] });
  const bctx: BuildContext = {
    ...buildContextFrom(reads, ws ?? { id: NEW_WORKSPACE, displayName: '' }, items, ids),
    planning: true,
  };
  out.names = shortcutNames(workspaceItems, new Map(), new Map());
  const label = new Map(items.map((d) => [d.key, `${d.type} '${d.displayName}'`]));
  const elsewhere = new Map<string, Promise<Item | undefined>>();
  for (const d of lakehouses) {
    let wanted: DesiredShortcuts;
    try {
      wanted = await d.shortcuts!(bctx);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      out.problems.push(err);
      continue;
    }
    const after = new Set<string>();
    for (const [id, k] of wanted.pending) out.names.set(id, `${label.get(k) ?? k} (new)`);
    wanted.entries = wanted.entries.filter((e) => !excluded(e.shortcut.name));
    for (const e of wanted.entries) {
      const one = oneLakeTarget(e.shortcut);
      if (!one) continue;
      const itemId = one.itemId.toLowerCase();
      const pendingKey = wanted.pending.get(itemId);
      if (pendingKey) {
        if (pendingKey !== d.key) after.add(pendingKey);
        continue;
      }
      if (itemId === wanted.selfId.toLowerCase()) continue;
      const here = one.workspaceId.toLowerCase() === bctx.workspaceId.toLowerCase();
      let found = here && workspaceItems.some((i) => i.id.toLowerCase() === itemId);
      if (!here) {
        const k = `${one.workspaceId}/${itemId}`.toLowerCase();
        if (!elsewhere.has(k))
          elsewhere.set(
            k,
            ops.findItem(one.workspaceId, one.itemId).catch(() => undefined),
          );
        found = (await elsewhere.get(k)) !== undefined;
      }
      if (!found)
        out.problems.push(
          new ConfigError(
            `shortcut '${shortcutPath(e.shortcut.path)}/${e.shortcut.name}' of Lakehouse '${d.displayName}' points at item '${one.itemId}' in ${here ? 'the target workspace' : `workspace '${one.workspaceId}'`}, which is neither a lakehouse of the repository nor an item of ${here ? 'that workspace' : 'it (or the deploying identity cannot see it)'}`,
            {
              location: e.at,
              field: 'target.oneLake.itemId',
              fix: `use the logical id of a Lakehouse of the repository (its .platform config.logicalId) or the id of an item that exists${here ? ' in the target workspace' : ' there'}, or replace it per environment in parameter.yml ($items.Lakehouse.<name>.$id)`,
            },
          ),
        );
    }
    // fabric-cicd: a file that lists no shortcut changes nothing (deployed ones are not deleted).
    if (!wanted.entries.length) continue;
    const deployed = (
      existing.has(d.key) ? await ops.listShortcuts(ws!.id, existing.get(d.key)!.id) : []
    ).filter((sc) => !excluded(sc.name));
    const want = new Map(wanted.entries.map((e) => [shortcutKey(e.shortcut), e]));
    const have = new Map(deployed.map((s) => [shortcutKey(s), s]));
    const steps: ShortcutStep[] = [];
    for (const [k, e] of want) {
      const now = have.get(k);
      const change = !now
        ? 'create'
        : targetDigest(now) === targetDigest(e.shortcut)
          ? 'unchanged'
          : 'replace';
      steps.push({ change, shortcut: shortcutBody(e.shortcut), previous: now, at: e.at });
    }
    for (const [k, s] of have) if (!want.has(k)) steps.push({ change: 'delete', shortcut: s, previous: s });
    out.byKey.set(d.key, { steps, after: [...after] });
  }
  return out;
}

/** Item id (lower case) → `Lakehouse 'Name'`: what the workspace had and what this run has deployed so far. */
export function shortcutNames(
  workspaceItems: readonly Item[],
  desired: ReadonlyMap<string, DesiredItem>,
  ids: ReadonlyMap<string, string>,
): Map<string, string> {
  const out = new Map(workspaceItems.map((i) => [i.id.toLowerCase(), `${i.type} '${i.displayName}'`]));
  for (const [k, id] of ids) {
    const d = desired.get(k);
    if (d) out.set(id.toLowerCase(), `${d.type} '${d.displayName}'`);
  }
  return out;
}

/** `Lakehouse 'Source' Files/raw` (or the ids when the item is not one this run knows). */
function targetText(s: Shortcut, names: ReadonlyMap<string, string>): string {
  const one = oneLakeTarget(s);
  if (!one) return String(s.target.type ?? 'external');
  const name = names.get(one.itemId.toLowerCase());
  return `${name ?? `item ${one.itemId}`} ${shortcutPath(one.path)}`;
}

/** Each lakehouse's shortcut steps in the plan; a shortcut to create, replace or delete is a change. */
export function addShortcutsToPlan(items: PlannedItem[], plan: ShortcutsPlan): boolean {
  const names = plan.names;
  let changes = false;
  for (const p of items) {
    const s = plan.byKey.get(p.key);
    if (!s) continue;
    p.steps = [
      ...(p.steps ?? []),
      ...s.steps.map((st) => {
        const at = `${shortcutPath(st.shortcut.path)}/${st.shortcut.name}`;
        const detail =
          st.change === 'delete'
            ? `delete shortcut ${at} (not in shortcuts.metadata.json)`
            : st.change === 'replace'
              ? `replace shortcut ${at} → ${targetText(st.shortcut, names)}, was → ${targetText(st.previous!, names)}`
              : `${st.change === 'create' ? 'create' : 'keep'} shortcut ${at} → ${targetText(st.shortcut, names)}`;
        return {
          kind: 'shortcut' as const,
          action: st.change === 'unchanged' ? ('unchanged' as const) : ('apply' as const),
          detail,
        };
      }),
    ];
    if (s.steps.some((st) => st.change !== 'unchanged')) changes = true;
  }
  return changes;
}

/**
 * Applies one lakehouse's planned shortcut steps, with the shortcuts computed again now that every
 * lakehouse they point at has its id: deletes first (a path freed for a new shortcut), then puts.
 */
export async function applyShortcuts(
  env: {
    ops: FabricOps;
    tx: Transaction;
    log: { info(m: string): void; warn(m: string): void };
    optionalSteps?: ReadonlySet<string>;
  },
  ws: Workspace,
  d: DesiredItem,
  lakehouseId: string,
  planned: LakehouseShortcuts,
  bctx: BuildContext,
  names: ReadonlyMap<string, string> = new Map(),
  warnings: string[] = [],
): Promise<void> {
  const todo = planned.steps.filter((s) => s.change !== 'unchanged');
  if (!todo.length) return;
  const now = new Map((await d.shortcuts!(bctx)).entries.map((e) => [shortcutKey(e.shortcut), e.shortcut]));
  const target = { type: d.type, name: d.displayName, id: lakehouseId };
  for (const st of todo.filter((s) => s.change === 'delete')) {
    const s = st.shortcut;
    await env.tx.step(
      {
        action: 'lakehouse.delete-shortcut',
        target,
        undo: {
          kind: 'restore-shortcut',
          workspaceId: ws.id,
          itemId: lakehouseId,
          name: d.displayName,
          shortcut: s,
        },
        before: { shortcut: `${s.path}/${s.name}` },
      },
      () => env.ops.deleteShortcut(ws.id, lakehouseId, shortcutPath(s.path), s.name),
    );
    env.log.info(`deleted shortcut ${shortcutPath(s.path)}/${s.name} of Lakehouse '${d.displayName}'`);
  }
  for (const st of todo.filter((s) => s.change !== 'delete')) {
    const s = shortcutBody(now.get(shortcutKey(st.shortcut)) ?? st.shortcut);
    const done = await env.tx
      .step(
        {
          action: st.change === 'create' ? 'lakehouse.create-shortcut' : 'lakehouse.replace-shortcut',
          target,
          undo: st.previous
            ? {
                kind: 'restore-shortcut',
                workspaceId: ws.id,
                itemId: lakehouseId,
                name: d.displayName,
                shortcut: st.previous,
              }
            : {
                kind: 'delete-shortcut',
                workspaceId: ws.id,
                itemId: lakehouseId,
                name: d.displayName,
                path: s.path,
                shortcutName: s.name,
              },
          after: { shortcut: `${s.path}/${s.name}`, target: oneLakeTarget(s) ?? s.target.type },
        },
        () => env.ops.putShortcut(ws.id, lakehouseId, s),
      )
      .then(
        () => true,
        (err: unknown) => {
          const why = refused(err, d, s, st, names);
          // fabric-cicd's continue_on_shortcut_failure: a shortcut the service refuses only warns.
          if (!(why instanceof UserError) || !env.optionalSteps?.has('shortcut')) throw why;
          const w = `${errorMessage(why)} (items.optionalSteps has shortcut, so the deploy goes on without it)`;
          env.log.warn(w);
          warnings.push(w);
          return false;
        },
      );
    if (!done) continue;
    env.log.info(
      `${st.change === 'create' ? 'created' : 'replaced'} shortcut ${s.path}/${s.name} of Lakehouse '${d.displayName}'`,
    );
  }
}

/**
 * A shortcut the service refused, said at its line with the service's own reason (its moreDetails: the
 * recorded answer for a target folder with no data is only there) and, for that case, what to do.
 */
function refused(
  err: unknown,
  d: DesiredItem,
  s: Shortcut,
  st: ShortcutStep,
  names: ReadonlyMap<string, string>,
): unknown {
  if (!(err instanceof FabricApiError) || err.status >= 500 || err.status === 429) return err;
  const why = [err.serviceMessage, ...err.moreDetails.map((m) => m.message)].filter(Boolean);
  const noPath = err.moreDetails.some((m) => /path doesn't exist|path does not exist/i.test(m.message));
  return new UserError(
    `Lakehouse '${d.displayName}': shortcut ${shortcutPath(s.path)}/${s.name} → ${targetText(s, names)} was refused: ${why.slice(1).join('; ') || why[0]} (${err.errorCode}, HTTP ${err.status}${err.requestId ? `, requestId ${err.requestId}` : ''})`,
    {
      location: st.at,
      field: 'target.oneLake.path',
      fix: noPath
        ? 'the target folder holds no data yet (a lakehouse created as a shell is empty): load its data first and deploy again, or point the shortcut at a folder that exists'
        : 'correct the shortcut in shortcuts.metadata.json (or its parameter.yml rule) and deploy again',
      cause: err,
    },
  );
}
