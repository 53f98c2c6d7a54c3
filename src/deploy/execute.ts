/**
 * Executes a plan inside a transaction: workspace → capacity → principals → folders → items (as a
 * dependency graph, in parallel) → Git. Every write is a journalled step with its undo; the first
 * failure stops new work and is thrown after what was running has settled.
 */
import { errorMessage } from '../errors';
import type { Connection, Item, ItemDefinition, Workspace } from '../fabric/types';
import type { BindingStep } from './bindings';
import { applyShortcuts, shortcutNames } from './shortcuts';
import type { Logger } from '../hosts/host';
import type { ItemOutcome } from '../report/model';
import { FabricOps, errorCode } from './api';
import { buildContextFrom, type BuildContext, type DesiredItem } from './desired';
import { runGraph } from './graph';
import { deployBulk } from './bulk/deploy';
import type { Transaction } from './journal';
import { postDeploySteps } from '../items/postdeploy';
import { itemTypeInfo } from '../items/types';
import { inItemScope } from './item-scope';
import type { ParameterFile } from '../items/parameters';
import type { PlanState } from './plan/build';
import type { PlannedItem } from './plan/model';
import { expectedItemMs } from './timing';
import type { Progress } from './progress';

export interface ExecEnv {
  ops: FabricOps;
  tx: Transaction;
  log: Logger;
  maxParallel: number;
  /** parameter.yml and the environment, for the steps after an item's definition (publish, bindings). */
  parameters?: ParameterFile;
  environment?: string;
  /** Cancellation: once aborted no further item starts; the failure then rolls back what was applied. */
  signal?: AbortSignal;
  /** Called right after this run creates the workspace (to take the lock before anything else). */
  onWorkspaceCreated?: (ws: Workspace) => Promise<void>;
  /**
   * Steps after an item's definition whose refusal only warns (`items.optionalSteps`); by default a
   * refused value-set activation or Environment publish fails the deploy, which then rolls back.
   */
  optionalSteps?: ReadonlySet<OptionalStep>;
  /** `[n/N]` start and end lines per item action (and what the heartbeat names). */
  progress?: Progress;
}

export type OptionalStep = 'activate-value-set' | 'publish-environment';

/** Graph key prefix of a lakehouse's shortcuts node. */
const SHORTCUTS = 'shortcuts:';

export interface ExecResult {
  workspace?: Workspace;
  created: boolean;
  outcomes: Map<string, ItemOutcome>;
  /** The first error, when the deploy did not complete. */
  error?: unknown;
  warnings: string[];
}

/** Thrown when item nodes failed: carries every failure, not just the first. */
/** The job was cancelled: nothing new starts, and the run fails (and rolls back) like any other failure. */
export class CancelledError extends Error {
  constructor() {
    super('the job was cancelled: no further item was started');
    this.name = 'CancelledError';
  }
}

export class ItemsFailedError extends Error {
  constructor(readonly failures: { key: string; error: unknown }[]) {
    super(
      failures.length === 1
        ? errorMessage(failures[0]!.error)
        : `${failures.length} items failed; first: ${errorMessage(failures[0]!.error)}`,
    );
    this.name = 'ItemsFailedError';
  }
}

export async function executePlan(env: ExecEnv, state: PlanState): Promise<ExecResult> {
  const { plan } = state;
  const outcomes = new Map<string, ItemOutcome>();
  for (const p of plan.items) {
    if (p.action === 'delete') continue;
    outcomes.set(p.key, {
      name: p.name,
      type: p.type,
      id: p.id,
      action: p.action,
      status: 'skipped',
      folder: p.folder || undefined,
    });
  }
  const result: ExecResult = { workspace: state.workspace, created: false, outcomes, warnings: [] };
  try {
    const ws = await ensureWorkspace(env, state, result);
    await reconcileCapacity(env, state, ws);
    await reconcilePrincipals(env, state, ws, result.created);
    await ensureFolders(env, state, ws);
    await deployItems(env, state, ws, outcomes, result.warnings);
    await reconcileGit(env, state, ws);
  } catch (err) {
    result.error = err;
  }
  return result;
}

async function ensureWorkspace(env: ExecEnv, state: PlanState, result: ExecResult): Promise<Workspace> {
  const { tx, ops, log } = env;
  const w = state.plan.workspace;
  if (state.workspace) {
    const ws = state.workspace;
    if (w.action === 'update') {
      await tx.step(
        {
          action: 'workspace.update',
          target: { type: 'Workspace', name: ws.displayName, id: ws.id },
          undo: { kind: 'restore-workspace', workspaceId: ws.id, description: ws.description ?? '' },
          before: { description: ws.description },
          after: { description: w.description },
        },
        () => ops.updateWorkspace(ws.id, { description: w.description }),
      );
      log.info(`updated the description of workspace '${ws.displayName}'`);
    }
    return ws;
  }
  const ws = await tx.step(
    {
      action: 'workspace.create',
      target: { type: 'Workspace', name: w.name },
      // Until the answer arrives the id is unknown; a killed run is undone by name (unique in the
      // tenant, and the plan saw no workspace of that name).
      undo: { kind: 'delete-workspace-by-name', name: w.name },
      after: { capacityId: state.capacity?.id },
    },
    () =>
      ops.createWorkspace({
        displayName: w.name,
        description: w.description,
        capacityId: state.capacity?.id,
      }),
    (made) => ({
      target: { id: made.id },
      undo: { kind: 'delete-workspace', workspaceId: made.id, name: made.displayName },
    }),
  );
  result.workspace = ws;
  result.created = true;
  log.info(
    `created workspace '${ws.displayName}' (${ws.id})${state.capacity ? ` on capacity '${state.capacity.displayName}'` : ''}`,
  );
  await env.onWorkspaceCreated?.(ws);
  return ws;
}

async function reconcileCapacity(env: ExecEnv, state: PlanState, ws: Workspace): Promise<void> {
  const c = state.plan.capacity;
  if (!c || c.action !== 'assign' || !state.workspace) return; // a new workspace was created on it
  await env.tx.step(
    {
      action: 'capacity.assign',
      target: { type: 'Workspace', name: ws.displayName, id: ws.id },
      undo: { kind: 'restore-capacity', workspaceId: ws.id, capacityId: c.fromId },
      before: { capacityId: c.fromId },
      after: { capacityId: c.id },
    },
    () => env.ops.assignCapacity(ws.id, c.id),
  );
  env.log.info(`assigned workspace '${ws.displayName}' to capacity '${c.name}'`);
}

async function reconcilePrincipals(
  env: ExecEnv,
  state: PlanState,
  ws: Workspace,
  created: boolean,
): Promise<void> {
  if (state.principals.length === 0) return;
  const { tx, ops, log } = env;
  // A new workspace already has its creator as Admin: read what is really there before adding.
  const roles = created ? await ops.listRoleAssignments(ws.id) : state.roles;
  const have = new Map(roles.map((r) => [r.principal.id.toLowerCase(), r]));
  for (const p of state.principals) {
    const cur = have.get(p.id);
    const target = { type: 'Principal', name: p.label, id: p.id };
    if (!cur) {
      await tx.step(
        {
          action: 'role.add',
          target,
          undo: { kind: 'remove-role', workspaceId: ws.id, principalId: p.id, principal: p.label },
          after: { role: p.role, principalType: p.type },
        },
        () =>
          ops.addRoleAssignment(
            ws.id,
            {
              id: p.id,
              type: p.type,
              ...(p.type === 'ServicePrincipalProfile' && p.parentPrincipalId
                ? {
                    servicePrincipalProfileDetails: {
                      parentPrincipal: { id: p.parentPrincipalId, type: 'ServicePrincipal' },
                    },
                  }
                : {}),
            },
            p.role,
          ),
      );
      log.info(`added ${p.type} ${p.label} as ${p.role}`);
    } else if (cur.role !== p.role) {
      await tx.step(
        {
          action: 'role.update',
          target,
          undo: {
            kind: 'restore-role',
            workspaceId: ws.id,
            principalId: cur.id,
            principal: p.label,
            role: cur.role,
          },
          before: { role: cur.role },
          after: { role: p.role },
        },
        () => ops.updateRoleAssignment(ws.id, cur.id, p.role),
      );
      log.info(`changed ${p.type} ${p.label} from ${cur.role} to ${p.role}`);
    }
  }
}

async function ensureFolders(env: ExecEnv, state: PlanState, ws: Workspace): Promise<void> {
  for (const f of state.plan.folders) {
    if (state.folderIds.has(f.path)) continue;
    const segs = f.path.split('/').filter(Boolean);
    const name = segs[segs.length - 1]!;
    const parentPath = segs.length > 1 ? '/' + segs.slice(0, -1).join('/') : '';
    const parentFolderId = parentPath ? state.folderIds.get(parentPath) : undefined;
    const made = await env.tx.step(
      {
        action: 'folder.create',
        target: { type: 'Folder', name: f.path },
        undo: { kind: 'delete-folder', workspaceId: ws.id, name, parentFolderId },
      },
      () => env.ops.createFolder(ws.id, name, parentFolderId),
      (folder) => ({
        target: { id: folder.id },
        undo: { kind: 'delete-folder', workspaceId: ws.id, folderId: folder.id, name, parentFolderId },
      }),
    );
    state.folderIds.set(f.path, made.id);
    env.log.info(`created folder ${f.path}`);
  }
}

async function deployItems(
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
function startText(p: PlannedItem, d: DesiredItem): string {
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
function endText(p: PlannedItem, d: DesiredItem, id: string | undefined): string {
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

async function deployItem(
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
    const undo = {
      kind: 'delete-item' as const,
      workspaceId: ws.id,
      type: d.type,
      name: d.displayName,
      logicalId: d.logicalId,
      priorIds: state.workspaceItems.filter((i) => i.type === d.type).map((i) => i.id),
    };
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
            undo: {
              kind: 'restore-definition',
              workspaceId: ws.id,
              itemId: existing.id,
              type: d.type,
              name: existing.displayName,
              definition: before,
            },
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
    const fromId = existing.folderId;
    await tx.step(
      {
        action: 'item.move',
        target,
        undo: {
          kind: 'move-item',
          workspaceId: ws.id,
          itemId: existing.id,
          type: d.type,
          name: d.displayName,
          folderId: fromId,
        },
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
async function adoptSideEffect(
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

/**
 * A VariableLibrary's active value set (fabric-cicd activates the environment's set after each
 * deploy). A setting, not content: when it cannot be written the deploy goes on with a warning.
 */
async function activateValueSet(
  env: ExecEnv,
  ws: Workspace,
  d: DesiredItem,
  itemId: string,
  name: string | undefined,
  created: boolean,
  warnings: string[],
): Promise<void> {
  if (d.type !== 'VariableLibrary' || !name) return;
  try {
    let before: string | undefined;
    if (!created) {
      before = await env.ops.activeValueSet(ws.id, itemId);
      if (before === name) return;
    }
    await env.tx.step(
      {
        action: 'item.activate-value-set',
        target: { type: d.type, name: d.displayName, id: itemId },
        undo:
          created || before === undefined
            ? { kind: 'none', reason: created ? 'undone with the item' : 'the previous value set is unknown' }
            : { kind: 'restore-value-set', workspaceId: ws.id, itemId, valueSet: before },
        before: { activeValueSetName: before },
        after: { activeValueSetName: name },
      },
      () => env.ops.setActiveValueSet(ws.id, itemId, name, 'activate value set'),
    );
  } catch (err) {
    // The values of this environment inactive is a wrong deploy, not a detail: fail (and roll back).
    refusedStep(
      env,
      'activate-value-set',
      err,
      warnings,
      `VariableLibrary '${d.displayName}': value set '${name}' not activated`,
    );
  }
}

/** A refused post-definition step: rethrown (the deploy fails), or a warning when the config makes it optional. */
function refusedStep(
  env: ExecEnv,
  step: OptionalStep,
  err: unknown,
  warnings: string[],
  what: string,
  after = '',
): void {
  if (!env.optionalSteps?.has(step)) throw err;
  const w = `${what}: ${errorMessage(err)} (items.optionalSteps has ${step}, so the deploy goes on${after})`;
  env.log.warn(w);
  warnings.push(w);
}

async function reconcileGit(env: ExecEnv, state: PlanState, ws: Workspace): Promise<void> {
  const g = state.plan.git;
  const want = state.desiredGit;
  if (!g || !want) return;
  const { tx, ops, log } = env;
  const target = { type: 'Git', name: g.label, id: ws.id };
  let connectedNow = false;
  if (g.action === 'connect') {
    await tx.step(
      {
        action: 'git.connect',
        target,
        undo: { kind: 'disconnect-git', workspaceId: ws.id },
        after: { label: g.label },
      },
      () => ops.connectGit(ws.id, want.connectBody),
    );
    connectedNow = true;
    log.info(`connected the workspace to ${g.label}`);
  }
  let heads:
    { workspaceHead?: string | null; remoteCommitHash?: string; requiredAction?: string } | undefined;
  if (g.initialize) {
    // Disconnecting (the undo of connect) also drops the initialisation; on an older connection it stays.
    heads = await tx.step(
      {
        action: 'git.initialize',
        target,
        undo: {
          kind: 'none',
          reason: connectedNow ? 'undone by the disconnect' : 'the connection existed before this run',
        },
        after: { strategy: g.initialize },
      },
      async () => (await ops.initializeGit(ws.id, g.initialize)) ?? {},
    );
    log.info(
      `initialized the Git connection (${g.initialize}); required action: ${heads?.requiredAction ?? 'None'}`,
    );
  }
  if (g.updateFromGit) {
    if (heads?.requiredAction === 'None' || heads?.requiredAction === 'CommitToGit') {
      log.info(`the workspace is already up to date with Git (${heads.requiredAction})`);
      return;
    }
    const st = heads?.remoteCommitHash ? heads : await ops.gitStatus(ws.id);
    const remoteCommitHash = st?.remoteCommitHash;
    if (!st || !remoteCommitHash) return;
    if (st.workspaceHead && st.workspaceHead === st.remoteCommitHash) return;
    await tx.step(
      {
        action: 'git.update',
        target,
        undo: {
          kind: 'none',
          reason: 'items updated from Git are not restored; disconnecting does not revert them',
        },
        after: { remoteCommitHash: st.remoteCommitHash },
      },
      () =>
        ops.updateFromGit(ws.id, {
          remoteCommitHash,
          workspaceHead: st.workspaceHead ?? undefined,
          conflictResolution: {
            conflictResolutionType: 'Workspace',
            conflictResolutionPolicy: 'PreferRemote',
          },
          options: { allowOverrideItems: true },
        }),
    );
    log.info(`updated the workspace from Git (${st.remoteCommitHash})`);
  }
}

/** Deletes orphans (after commit), dependents' types first; failures are collected, not thrown. */
export async function deleteOrphans(
  env: Pick<ExecEnv, 'ops' | 'tx' | 'log' | 'maxParallel' | 'progress'>,
  ws: Workspace,
  orphans: Item[],
): Promise<ItemOutcome[]> {
  // fabric-cicd's publish order, reversed: reports before models, pipelines before notebooks; types
  // unknown to the table first, as nothing known depends on them being gone later.
  const rank = (t: string) => itemTypeInfo(t).order;
  const groups = new Map<number, Item[]>();
  for (const o of orphans) {
    const r = rank(o.type);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(o);
  }
  const out: ItemOutcome[] = [];
  for (const r of [...groups.keys()].sort((a, b) => b - a)) {
    const group = groups.get(r)!;
    await Promise.all(
      chunk(group, env.maxParallel).map(async (batch) => {
        for (const o of batch) {
          const started = performance.now();
          const step = env.progress?.start(`deleting orphan ${o.type} '${o.displayName}'`);
          const outcome: ItemOutcome = {
            name: o.displayName,
            type: o.type,
            id: o.id,
            action: 'delete',
            status: 'done',
          };
          try {
            await env.tx.record(
              {
                action: 'item.delete',
                target: { type: o.type, name: o.displayName, id: o.id },
                reason: 'orphan deletion runs after the deployment committed',
              },
              () => env.ops.deleteItem(ws.id, o.id),
            );
            if (step) step.end(`deleted orphan ${o.type} '${o.displayName}'`);
            else env.log.info(`deleted orphan ${o.type} '${o.displayName}'`);
          } catch (err) {
            outcome.status = 'failed';
            outcome.error = errorMessage(err);
            step?.fail(err);
            env.log.warn(`could not delete orphan ${o.type} '${o.displayName}': ${outcome.error}`);
          }
          outcome.durationMs = performance.now() - started;
          out.push(outcome);
        }
      }),
    );
  }
  return out;
}

function chunk<T>(xs: T[], n: number): T[][] {
  const lanes: T[][] = Array.from({ length: Math.max(1, Math.min(n, xs.length)) }, () => []);
  xs.forEach((x, i) => lanes[i % lanes.length]!.push(x));
  return lanes;
}

/**
 * What fabric-cicd does after an item's definition is written: an Environment's staged libraries and
 * Spark settings take effect only once published; parameter.yml's semantic_model_binding binds models to
 * connections. A publish is journalled as irreversible (Fabric has no "unpublish").
 */
async function afterDefinition(
  env: ExecEnv,
  ws: Workspace,
  d: DesiredItem,
  id: string,
  warnings: string[],
): Promise<void> {
  const steps = postDeploySteps(
    { type: d.type, displayName: d.displayName },
    env.parameters,
    env.environment,
  );
  if (steps.publishEnvironment) {
    try {
      await env.tx.step(
        {
          action: 'environment.publish',
          target: { type: d.type, name: d.displayName, id },
          undo: {
            kind: 'none',
            reason: 'a publish cannot be undone; the restored definition is staged until the next publish',
          },
        },
        () => env.ops.publishEnvironment(ws.id, id),
      );
      env.log.info(`published Environment '${d.displayName}'`);
    } catch (err) {
      refusedStep(
        env,
        'publish-environment',
        err,
        warnings,
        `Environment '${d.displayName}' not published`,
        '; its changes stay staged',
      );
    }
  }
}

/**
 * semantic_model_binding, after the model's definition is deployed: each data source not yet bound to
 * its connection is bound, journalled with the binding it had (rebound on rollback; unbound when it had
 * none; nothing for a model this run created, which the rollback deletes).
 */
async function bindConnections(
  env: ExecEnv,
  ws: Workspace,
  d: DesiredItem,
  id: string,
  steps: readonly BindingStep[] | undefined,
  created: boolean,
): Promise<void> {
  for (const b of steps ?? []) {
    if (b.bound && !created) continue;
    const c = b.connection;
    const previous: Connection = b.previous ?? {
      connectivityType: 'None',
      connectionDetails: c.connectionDetails,
    };
    await env.tx.step(
      {
        action: 'semantic-model.bind-connection',
        target: { type: d.type, name: d.displayName, id },
        undo: created
          ? { kind: 'none', reason: 'undone with the item' }
          : {
              kind: 'restore-binding',
              workspaceId: ws.id,
              itemId: id,
              name: d.displayName,
              connection: previous,
            },
        before: { connectionId: b.previous?.id },
        after: { connectionId: c.id, type: c.connectionDetails.type, path: c.connectionDetails.path },
      },
      () => env.ops.bindConnection(ws.id, id, c),
    );
    env.log.info(`bound ${d.type} '${d.displayName}' to connection '${c.displayName ?? c.id}' (${c.id})`);
  }
}
