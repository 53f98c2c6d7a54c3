/**
 * What `plan`, `deploy` and `destroy` share: the desired state validated in full before the first
 * write, the plan against the workspace, the plan file and the report they start from.
 */
import { applyStrategy, strategyText } from '../deploy/bulk/strategy';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunContext } from '../context';
import type { ParameterFile } from '../items/parameters';
import { combineProblems, errorMessage, UserError } from '../errors';
import { capacityProblems, itemProblems, throwProblems } from '../deploy/preflight';
import type { Capacity, Workspace } from '../fabric/types';
import { announceWarnings } from '../report/warnings';
import type { DeploymentReport } from '../report/model';
import { FabricOps } from '../deploy/api';
import { loadDesired, type DesiredItem } from '../deploy/desired';
import { assertAcyclic } from '../deploy/graph';
import type { LockOptions } from '../deploy/lock';
import { buildPlan, type PlanState } from '../deploy/plan/build';
import { withPlannedSteps } from '../deploy/plan/fingerprint';
import { addBindingsToPlan, planBindings } from '../deploy/bindings';
import { addShortcutsToPlan, planShortcuts } from '../deploy/shortcuts';
import type { Plan } from '../deploy/plan/model';
import { redactSecrets } from '../identity/secret-redaction';
import { journalPath, rememberJournal, Transaction, type TransactionOptions } from '../deploy/journal';
import {
  configPrincipals,
  desiredGit,
  resolveCapacity,
  resolvePrincipals,
  type DesiredGit,
  type DesiredPrincipal,
} from '../deploy/workspace';
import { filePrincipals } from '../deploy/principals-file';

export interface CommandOptions {
  lock?: LockOptions;
  /** destroy: also delete the workspace (only when nothing unmanaged is left in it). */
  destroyWorkspace?: boolean;
  /** Poll long-running calls around each type's typical duration (default true; the benchmark compares). */
  lroPacing?: boolean;
  /** How long a create retries a name still reserved after a delete (ItemDisplayNameAlreadyInUse; ms, default 60 000). */
  nameInUseWaitMs?: number;
}

export function opsFor(ctx: Pick<RunContext, 'client'>, options: CommandOptions = {}): FabricOps {
  const ops = new FabricOps(ctx.client);
  if (options.lroPacing === false) ops.pacing = false;
  if (options.nameInUseWaitMs !== undefined) ops.nameInUseWaitMs = options.nameInUseWaitMs;
  return ops;
}

export interface Prepared {
  items: DesiredItem[];
  /** The loaded parameter.yml, for the steps after an item's definition (environment publish, bindings). */
  parameters?: ParameterFile;
  warnings: string[];
  checkAgainst?: (deployed: readonly { type: string; displayName: string }[]) => void;
  capacity?: Capacity;
  principals: DesiredPrincipal[];
  git?: DesiredGit;
  selfId?: string;
  /** Found while preparing; thrown with the plan's own, before any write (planFor). */
  problems?: UserError[];
  /** SHA-256 of parameter.yml and every file it extends, as read: part of the plan's fingerprint. */
  parametersDigest?: string;
}

/** Desired state, validated in full before the first write: repository, graph, capacity, principals, Git. */
export async function prepare(
  ctx: RunContext,
  ops: FabricOps,
  scope: 'all' | 'items' = 'all',
): Promise<Prepared> {
  const s = ctx.settings;
  const desired = await ctx.log
    .group('Repository', async () => {
      const d = await loadDesired(ctx);
      ctx.log.info(`${d.items.length} items in ${s.itemsDirectory}`);
      announceWarnings(ctx.log, d.warnings);
      return d;
    })
    .catch(async (err: unknown) => {
      // The principals file's problems are reported with the repository's.
      const principals =
        scope === 'all'
          ? await filePrincipals(s).then(
              () => undefined,
              (e: unknown) => e,
            )
          : undefined;
      throw combineProblems(principals ? [err, principals] : [err]);
    });
  assertAcyclic(
    desired.items.map((d) => ({
      key: d.key,
      dependsOn: d.dependsOn,
      label: `${d.type} '${d.displayName}'`,
      location: d.location,
    })),
  );
  if (scope === 'items') return { items: desired.items, warnings: desired.warnings, principals: [] };
  // Read the principals file first: an await inside the array below would leave resolveCapacity's
  // promise running unobserved, and its rejection unhandled, when the file is refused.
  const fromFile = await filePrincipals(s);
  // Problems that would stop the run at a write are collected and reported together by planFor.
  const problems: UserError[] = itemProblems(desired.items);
  const [capacity, principals, selfId] = await Promise.all([
    resolveCapacity(ops, s).catch((err: unknown) => {
      if (!(err instanceof UserError)) throw err;
      problems.push(err);
      return undefined;
    }),
    resolvePrincipals([...configPrincipals(s), ...fromFile], ctx.directory),
    ctx.tokens
      .identity?.()
      .then((i) => i.objectId)
      .catch(() => undefined),
  ]);
  return {
    items: desired.items,
    parameters: desired.parameters,
    parametersDigest: await filesDigest(desired.parameters?.files ?? []),
    warnings: desired.warnings,
    capacity,
    principals,
    git: desiredGit(s),
    selfId,
    checkAgainst: desired.checkAgainst,
    problems,
  };
}

/** One digest of some files' bytes, in the order given (the parameter file, then what it extends). */
async function filesDigest(files: readonly string[]): Promise<string | undefined> {
  if (!files.length) return undefined;
  const h = createHash('sha256');
  for (const f of files) {
    const bytes = await fs.readFile(f);
    h.update(`${bytes.length}:`).update(bytes);
  }
  return h.digest('hex');
}

export async function planFor(
  ctx: RunContext,
  ops: FabricOps,
  prepared: Prepared,
  ws: Workspace | undefined,
): Promise<PlanState> {
  const s = ctx.settings;
  const problems: UserError[] = [...(prepared.problems ?? [])];
  const collect = (err: unknown) => {
    if (!(err instanceof UserError)) throw err;
    problems.push(err);
  };
  const check = prepared.checkAgainst;
  // The capacity the items will run on when the config assigns none: the workspace's own, if Active.
  if (ws?.capacityId && !prepared.capacity && prepared.items.length > 0)
    problems.push(...capacityProblems(ws, undefined, await ops.listCapacities().catch(() => [])));
  const state = await ctx.log.group('Plan', () =>
    buildPlan(ops, ws, {
      deploymentId: ctx.deploymentId,
      environment: s.environment,
      workspaceTarget: s.workspace,
      items: prepared.items,
      capacity: prepared.capacity,
      principals: prepared.principals,
      git: prepared.git,
      deleteOrphans: s.deleteOrphans,
      maxDeleteRatio: s.maxDeleteRatio,
      deleteLocation: s.config.items?.deleteOrphans ? s.loaded.locate(['items', 'deleteOrphans']) : undefined,
      types: s.config.items?.types,
      exclude: s.config.items?.exclude,
      maxParallel: s.maxParallel,
      selfId: prepared.selfId,
      parameters: prepared.parametersDigest,
      log: ctx.log,
      warnings: prepared.warnings,
      gitLocation: s.config.workspace.git ? s.loaded.locate(['workspace', 'git']) : undefined,
      // Part diffs show a resolved secret as its reference, as the plan file does.
      redact: (text) => redactSecrets(text, ctx.secrets),
      // $items targets missing from the workspace are collected with the rest.
      checkAgainst: check
        ? (deployed) => {
            try {
              check(deployed);
            } catch (err) {
              collect(err);
            }
          }
        : undefined,
    }).catch((err: unknown) => {
      if (err instanceof UserError && problems.length) throwProblems([...problems, err]);
      throw err;
    }),
  );
  // semantic_model_binding: every connection must exist before anything is written.
  const bindings = await planBindings(
    ops,
    ws,
    prepared.items,
    state.existing,
    prepared.parameters,
    s.environment,
  );
  problems.push(...bindings.problems);
  // Lakehouse shortcuts (opt-in, as in fabric-cicd): every target checked before anything is written.
  const shortcuts = s.features.shortcuts
    ? await planShortcuts(
        ops,
        ws,
        prepared.items,
        state.existing,
        state.workspaceItems,
        s.config.items?.shortcutExclude
          ? {
              pattern: s.config.items.shortcutExclude,
              at: s.loaded.locate(['items', 'shortcutExclude']),
            }
          : undefined,
      )
    : undefined;
  problems.push(...(shortcuts?.problems ?? []));
  throwProblems(problems);
  if (bindings.steps.size) {
    state.bindings = bindings.steps;
    if (addBindingsToPlan(state.plan.items, bindings.steps)) state.plan.hasChanges = true;
  }
  if (shortcuts?.byKey.size) {
    state.shortcuts = shortcuts.byKey;
    if (addShortcutsToPlan(state.plan.items, shortcuts)) state.plan.hasChanges = true;
  }
  if (state.plan.fingerprint && (bindings.steps.size || shortcuts?.byKey.size))
    state.plan.fingerprint = withPlannedSteps(state.plan.fingerprint, state.plan.items, (text) =>
      redactSecrets(text, ctx.secrets),
    );
  const strategy = applyStrategy(state.plan, state.desired, s.strategy, { maxParallel: s.maxParallel });
  if (state.plan.hasChanges && strategy.requested !== 'graph')
    ctx.log.info(`Strategy: ${strategyText(strategy)}`);
  return state;
}

export async function writePlanFile(ctx: RunContext, plan: Plan): Promise<string | undefined> {
  const file = path.join(ctx.host.tempDir(), `fabric-deploy-plan-${ctx.deploymentId}.json`);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Resolved secret values are written as their references (docs/reliability.md, "Secrets on disk").
    await fs.writeFile(file, JSON.stringify(redactSecrets(plan, ctx.secrets), null, 2) + '\n', {
      mode: 0o600,
    });
    return file;
  } catch (err) {
    ctx.log.warn(`could not write the plan file ${file}: ${errorMessage(err)}`);
    return undefined;
  }
}

/**
 * Opens this run's journal: tells the host where it is first (the post-job step replays it after a
 * kill), records who runs it, and writes resolved secret values as their references (it is a file on disk).
 */
export async function openJournal(
  ctx: RunContext,
  command: string,
  workspace: TransactionOptions['workspace'],
): Promise<Transaction> {
  const file = journalPath(ctx.host.tempDir(), ctx.deploymentId);
  rememberJournal(ctx.host, file);
  const identity = await ctx.tokens.identity?.().catch(() => undefined);
  const secrets = ctx.secrets;
  return Transaction.begin({
    file,
    deploymentId: ctx.deploymentId,
    command,
    workspace,
    log: ctx.log,
    audit: ctx.audit,
    ...(secrets && secrets.resolved().size > 0
      ? { redact: (line) => redactSecrets(line, secrets), secretSources: secrets.sources() }
      : {}),
    identity: identity
      ? { objectId: identity.objectId, appId: identity.appId, tenantId: identity.tenantId }
      : undefined,
  });
}

export function baseReport(ctx: RunContext, plan: Plan | undefined): DeploymentReport {
  return {
    command: ctx.settings.command,
    deploymentId: ctx.deploymentId,
    environment: ctx.settings.environment,
    result: 'succeeded',
    workspace: { id: plan?.workspace.id, name: plan?.workspace.name ?? ctx.settings.workspace.name },
    items: [],
    startedAt: ctx.startedAt,
    durationMs: 0,
    warnings: [...(plan?.warnings ?? [])],
    hasChanges: plan?.hasChanges ?? false,
    plan,
  };
}

export function finish(ctx: RunContext, r: DeploymentReport): DeploymentReport {
  r.durationMs = Date.now() - ctx.startedAt.getTime();
  r.retries = ctx.client.http.stats.retries;
  if (r.workspace.id && !r.workspace.url)
    r.workspace.url = `https://app.fabric.microsoft.com/groups/${r.workspace.id}`;
  return r;
}
