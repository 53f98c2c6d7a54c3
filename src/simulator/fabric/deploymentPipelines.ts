/**
 * Deployment pipelines (platform spec, DeploymentPipelines_*): pipelines with 2–10 ordered stages, a
 * workspace per stage, the stage items with their pairing to the next and previous stage, and the
 * stage deploy as a long-running operation whose execution plan says, per item, New / Different /
 * NoDifference and how its step went. Items pair across adjacent stages by a past deploy, else by type
 * and name (as Fabric pairs them when a workspace is assigned). Only pipeline admins see a pipeline;
 * listing a stage's items and deploying also need Contributor on the stages' workspaces (spec).
 */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { FabricError, badRequest, insufficient } from '../errors';
import { nowIso, uuid } from '../ids';
import { page, readPage } from '../paging';
import { lroDurationMs } from '../profiles';
import { effectiveRole, ROLE_RANK } from '../state';
import type {
  DeploymentPipelineRec,
  ItemRec,
  PipelineOperationRec,
  PipelineStageRec,
  PipelineStepRec,
  WorkspaceRec,
} from '../types';
import { requireObjectBody, sameName } from './access';
import { assertNameFree, createItemNow } from './items';
import { POWER_BI_TYPES } from './itemTypes';
import { principalOfCaller } from './workspaces';

const MAX_ITEMS_PER_DEPLOY = 300;
/** Not deployed by a pipeline: created with their parent item (the lakehouse's SQL endpoint). */
const NOT_DEPLOYABLE = new Set(['SQLEndpoint', 'MirroredWarehouse']);
/** Deploy order: what others depend on first (Fabric orders the execution plan so). */
const ORDER = ['Environment', 'Lakehouse', 'Warehouse', 'Eventhouse', 'KQLDatabase', 'SemanticModel'];
const rank = (type: string) => (ORDER.includes(type) ? ORDER.indexOf(type) : ORDER.length);

const all = (ctx: Ctx) => (ctx.sim.state.deploymentPipelines ??= {});

function pipelineJson(p: DeploymentPipelineRec, stages = false): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id, displayName: p.displayName, description: p.description };
  if (stages) out.stages = p.stages.map((s) => stageCore(s));
  return out;
}

const stageCore = (s: PipelineStageRec) => ({
  id: s.id,
  order: s.order,
  displayName: s.displayName,
  description: s.description,
  isPublic: s.isPublic,
});

function stageJson(ctx: Ctx, s: PipelineStageRec): Record<string, unknown> {
  const out: Record<string, unknown> = stageCore(s);
  if (s.workspaceId) {
    out.workspaceId = s.workspaceId;
    const ws = ctx.sim.state.workspaces[s.workspaceId];
    // The name only when the caller can see the workspace (spec).
    if (ws && effectiveRole(ctx.sim.state, ws, ctx.identity.oid)) out.workspaceName = ws.displayName;
  }
  return out;
}

function isAdmin(ctx: Ctx, p: DeploymentPipelineRec): boolean {
  const oid = ctx.identity.oid;
  const groups = new Set(
    ctx.sim.state.directory.groups.filter((g) => g.members.includes(oid)).map((g) => g.id),
  );
  return p.roles.some(
    (r) => r.principal.id === oid || (r.principal.type === 'Group' && groups.has(r.principal.id)),
  );
}

/** The pipeline of the path, for one of its admins (others get 404, as for an unknown id). */
function pipelineFor(ctx: Ctx): DeploymentPipelineRec {
  const p = all(ctx)[(ctx.params.deploymentPipelineId ?? '').toLowerCase()];
  if (!p || !isAdmin(ctx, p))
    throw new FabricError(
      404,
      'DeploymentPipelineNotFound',
      'The requested deployment pipeline was not found.',
    );
  return p;
}

function stageIn(p: DeploymentPipelineRec, id: string | undefined, field = 'stageId'): PipelineStageRec {
  const s = p.stages.find((x) => x.id === (id ?? '').toLowerCase());
  if (!s)
    throw new FabricError(
      404,
      'DeploymentPipelineStageNotFound',
      `The stage '${String(id)}' (${field}) was not found.`,
    );
  return s;
}

function workspaceAtLeast(ctx: Ctx, id: string, role: 'Contributor' | 'Admin', what: string): WorkspaceRec {
  const ws = ctx.sim.state.workspaces[id];
  if (!ws) throw new FabricError(404, 'WorkspaceNotFound', 'The requested workspace was not found.');
  const r = effectiveRole(ctx.sim.state, ws, ctx.identity.oid);
  if (!r || ROLE_RANK[r] < ROLE_RANK[role])
    throw insufficient(
      `The caller must be at least ${role} on the workspace '${ws.displayName}' to ${what}.`,
    );
  return ws;
}

const stageItems = (ctx: Ctx, s: PipelineStageRec | undefined): ItemRec[] =>
  s?.workspaceId
    ? Object.values(ctx.sim.state.items)
        .filter((i) => i.workspaceId === s.workspaceId && !NOT_DEPLOYABLE.has(i.type))
        .sort((a, b) => rank(a.type) - rank(b.type) || a.displayName.localeCompare(b.displayName))
    : [];

/** The item of `to` paired with `item` of the adjacent stage: by an earlier deploy, else type and name. */
function pairOf(
  ctx: Ctx,
  p: DeploymentPipelineRec,
  item: ItemRec,
  to: PipelineStageRec | undefined,
  forward: boolean,
): ItemRec | undefined {
  if (!to?.workspaceId) return undefined;
  const items = ctx.sim.state.items;
  const link = p.links.find((l) => (forward ? l.sourceItemId : l.targetItemId) === item.id);
  const linked = link && items[forward ? link.targetItemId : link.sourceItemId];
  if (linked && linked.workspaceId === to.workspaceId) return linked;
  return stageItems(ctx, to).find(
    (i) =>
      i.type === item.type &&
      sameName(i.displayName, item.displayName) &&
      !p.links.some((l) => (forward ? l.targetItemId : l.sourceItemId) === i.id),
  );
}

const partsOf = (i: ItemRec) =>
  JSON.stringify(
    (i.definition?.parts ?? [])
      .filter((x) => x.path !== '.platform')
      .map((x) => [x.path, x.payload])
      .sort(),
  );

function diffState(source: ItemRec, target: ItemRec | undefined): PipelineStepRec['preDeploymentDiffState'] {
  if (!target) return 'New';
  return partsOf(source) === partsOf(target) && source.description === target.description
    ? 'NoDifference'
    : 'Different';
}

// ---------------------------------------------------------------- pipelines

const list: Handler = (ctx) => {
  const pr = readPage('deploymentPipelines', ctx.query, []);
  const mine = Object.values(all(ctx))
    .filter((p) => isAdmin(ctx, p))
    .map((p) => pipelineJson(p));
  return {
    status: 200,
    body: page(
      mine,
      pr,
      ctx.sim.cfg.pageSize,
      'deploymentPipelines',
      `${ctx.sim.url}/v1/deploymentPipelines`,
    ),
  };
};

function checkName(ctx: Ctx, name: unknown, exceptId?: string): string {
  if (typeof name !== 'string' || !name.trim() || name.length > 256)
    throw badRequest('InvalidInput', `The deployment pipeline name '${String(name)}' is not valid.`);
  if (Object.values(all(ctx)).some((p) => p.id !== exceptId && sameName(p.displayName, name)))
    throw new FabricError(
      409,
      'DeploymentPipelineNameAlreadyExists',
      `A deployment pipeline named '${name}' already exists.`,
    );
  return name;
}

const create: Handler = (ctx) => {
  const b = requireObjectBody(ctx);
  const displayName = checkName(ctx, b.displayName);
  const stages = Array.isArray(b.stages) ? b.stages : [];
  if (stages.length < 2 || stages.length > 10)
    throw badRequest('InvalidInput', 'A deployment pipeline has from 2 to 10 stages.');
  const seen = new Set<string>();
  const recs: PipelineStageRec[] = stages.map((s: Record<string, unknown>, order: number) => {
    const name = String(s?.displayName ?? '');
    if (!name.trim() || seen.has(name.toLowerCase()))
      throw badRequest('InvalidInput', `Stage ${order}: the display name '${name}' is empty or used twice.`);
    seen.add(name.toLowerCase());
    return {
      id: uuid(),
      order,
      displayName: name,
      description: typeof s.description === 'string' ? s.description : '',
      isPublic: s.isPublic === true,
    };
  });
  const p: DeploymentPipelineRec = {
    id: uuid(),
    displayName,
    description: typeof b.description === 'string' ? b.description : '',
    stages: recs,
    roles: [{ id: ctx.identity.oid, principal: principalOfCaller(ctx), role: 'Admin' }],
    links: [],
    operations: [],
  };
  all(ctx)[p.id] = p;
  ctx.sim.changed();
  return { status: 201, body: pipelineJson(p, true) };
};

const get: Handler = (ctx) => ({ status: 200, body: pipelineJson(pipelineFor(ctx)) });

const update: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const b = requireObjectBody(ctx);
  if (b.displayName !== undefined) p.displayName = checkName(ctx, b.displayName, p.id);
  if (typeof b.description === 'string') p.description = b.description;
  ctx.sim.changed();
  return { status: 200, body: pipelineJson(p) };
};

const remove: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  if (p.stages.some((s) => s.workspaceId))
    throw badRequest(
      'DeploymentPipelineHasAssignedWorkspaces',
      'Unassign every stage workspace before deleting the pipeline.',
    );
  delete all(ctx)[p.id];
  ctx.sim.changed();
  return { status: 200 };
};

// ---------------------------------------------------------------- role assignments

const listRoles: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const key = `pipelineRoles:${p.id}`;
  const pr = readPage(key, ctx.query, []);
  const url = `${ctx.sim.url}/v1/deploymentPipelines/${p.id}/roleAssignments`;
  return { status: 200, body: page(p.roles, pr, ctx.sim.cfg.pageSize, key, url) };
};

const addRole: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const b = requireObjectBody(ctx);
  const principal = b.principal as { id?: string; type?: string } | undefined;
  if (!principal?.id || !principal.type)
    throw badRequest('InvalidInput', 'principal.id and principal.type are required.');
  if (p.roles.some((r) => r.principal.id === principal.id))
    throw new FabricError(
      409,
      'PrincipalAlreadyHasRole',
      'The principal already has a role on this pipeline.',
    );
  p.roles.push({ id: principal.id, principal: { ...principal } as never, role: 'Admin' });
  ctx.sim.changed();
  return { status: 200 };
};

const removeRole: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const i = p.roles.findIndex((r) => r.principal.id === (ctx.params.principalId ?? '').toLowerCase());
  if (i < 0) throw new FabricError(404, 'PrincipalNotFound', 'The principal has no role on this pipeline.');
  p.roles.splice(i, 1);
  ctx.sim.changed();
  return { status: 200 };
};

// ---------------------------------------------------------------- stages

const listStages: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const key = `pipelineStages:${p.id}`;
  const pr = readPage(key, ctx.query, []);
  const url = `${ctx.sim.url}/v1/deploymentPipelines/${p.id}/stages`;
  return {
    status: 200,
    body: page(
      p.stages.map((s) => stageJson(ctx, s)),
      pr,
      ctx.sim.cfg.pageSize,
      key,
      url,
    ),
  };
};

const getStage: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  return { status: 200, body: stageJson(ctx, stageIn(p, ctx.params.stageId)) };
};

const updateStage: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const s = stageIn(p, ctx.params.stageId);
  const b = requireObjectBody(ctx);
  if (b.displayName !== undefined) {
    const name = String(b.displayName);
    if (!name.trim() || p.stages.some((x) => x.id !== s.id && sameName(x.displayName, name)))
      throw badRequest('InvalidInput', `The stage name '${name}' is empty or used by another stage.`);
    s.displayName = name;
  }
  if (typeof b.description === 'string') s.description = b.description;
  if (typeof b.isPublic === 'boolean') s.isPublic = b.isPublic;
  ctx.sim.changed();
  return { status: 200, body: stageJson(ctx, s) };
};

const listStageItems: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const s = stageIn(p, ctx.params.stageId);
  if (s.workspaceId) workspaceAtLeast(ctx, s.workspaceId, 'Contributor', 'list the stage items');
  const prev = p.stages.find((x) => x.order === s.order - 1);
  const next = p.stages.find((x) => x.order === s.order + 1);
  const canSee = (st: PipelineStageRec | undefined) => {
    const ws = st?.workspaceId ? ctx.sim.state.workspaces[st.workspaceId] : undefined;
    const r = ws && effectiveRole(ctx.sim.state, ws, ctx.identity.oid);
    return !!r && ROLE_RANK[r] >= ROLE_RANK.Contributor;
  };
  const value = stageItems(ctx, s).map((i) => {
    const out: Record<string, unknown> = { itemId: i.id, itemDisplayName: i.displayName, itemType: i.type };
    const src = canSee(prev) ? pairOf(ctx, p, i, prev, false) : undefined;
    const tgt = canSee(next) ? pairOf(ctx, p, i, next, true) : undefined;
    if (src) out.sourceItemId = src.id;
    if (tgt) out.targetItemId = tgt.id;
    const deployed = p.links.find((l) => l.targetItemId === i.id);
    if (deployed) out.lastDeploymentTime = deployed.deployedAt;
    return out;
  });
  const key = `pipelineStageItems:${s.id}`;
  const pr = readPage(key, ctx.query, []);
  const url = `${ctx.sim.url}/v1/deploymentPipelines/${p.id}/stages/${s.id}/items`;
  return { status: 200, body: page(value, pr, ctx.sim.cfg.pageSize, key, url) };
};

const assignWorkspace: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const s = stageIn(p, ctx.params.stageId);
  const wsId = String(requireObjectBody(ctx).workspaceId ?? '').toLowerCase();
  const ws = workspaceAtLeast(ctx, wsId, 'Admin', 'assign it to a deployment pipeline stage');
  if (s.workspaceId && s.workspaceId !== ws.id)
    throw badRequest(
      'StageAlreadyHasWorkspace',
      `The stage '${s.displayName}' already has a workspace assigned.`,
    );
  const elsewhere = Object.values(all(ctx)).some((x) =>
    x.stages.some((st) => st.workspaceId === ws.id && st.id !== s.id),
  );
  if (elsewhere)
    throw badRequest(
      'WorkspaceAlreadyAssignedToStage',
      `The workspace '${ws.displayName}' is already assigned to a deployment pipeline stage.`,
    );
  s.workspaceId = ws.id;
  ctx.sim.changed();
  return { status: 200 };
};

const unassignWorkspace: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const s = stageIn(p, ctx.params.stageId);
  if (!s.workspaceId)
    throw badRequest('StageHasNoWorkspace', `The stage '${s.displayName}' has no workspace assigned.`);
  const items = new Set(
    Object.values(ctx.sim.state.items)
      .filter((i) => i.workspaceId === s.workspaceId)
      .map((i) => i.id),
  );
  p.links = p.links.filter((l) => !items.has(l.sourceItemId) && !items.has(l.targetItemId));
  delete s.workspaceId;
  ctx.sim.changed();
  return { status: 200 };
};

// ---------------------------------------------------------------- deploy and its operations

function operationJson(ctx: Ctx, op: PipelineOperationRec, extended: boolean): Record<string, unknown> {
  const lro = ctx.sim.state.operations[op.lroId];
  if (lro) ctx.sim.ops.settle(lro);
  const now = Date.now();
  const running = op.status === 'NotStarted' || op.status === 'Running';
  if (running && now >= op.startAt) op.status = 'Running';
  const counts = { newItemsCount: 0, differentItemsCount: 0, noDifferenceItemsCount: 0 };
  for (const st of op.steps) {
    if (st.preDeploymentDiffState === 'New') counts.newItemsCount++;
    else if (st.preDeploymentDiffState === 'Different') counts.differentItemsCount++;
    else counts.noDifferenceItemsCount++;
  }
  const out: Record<string, unknown> = {
    id: op.id,
    type: op.type,
    status: op.status,
    lastUpdatedTime: nowIso(op.endedAt ?? now),
    executionStartTime: nowIso(op.startAt),
    sourceStageId: op.sourceStageId,
    targetStageId: op.targetStageId,
    performedBy: op.performedBy,
    preDeploymentDiffInformation: counts,
  };
  if (op.endedAt) out.executionEndTime = nowIso(op.endedAt);
  if (op.note !== undefined) out.note = { content: op.note, isTruncated: false };
  if (extended) {
    // While it runs, the steps show progress in order (the work itself lands when the operation ends).
    const f = running
      ? Math.max(0, Math.min(1, (now - op.startAt) / Math.max(1, op.doneAt - op.startAt)))
      : 1;
    const doneSteps = Math.floor(f * op.steps.length);
    out.executionPlan = {
      steps: op.steps.map((st) => {
        const status = running
          ? st.index < doneSteps
            ? 'Succeeded'
            : st.index === doneSteps
              ? 'Running'
              : 'NotStarted'
          : st.status;
        const step: Record<string, unknown> = {
          index: st.index,
          description: `${st.itemType}Deployment`,
          status,
          preDeploymentDiffState: st.preDeploymentDiffState,
          sourceAndTarget: {
            sourceItemId: st.sourceItemId,
            sourceItemDisplayName: st.sourceItemDisplayName,
            ...(st.targetItemId
              ? { targetItemId: st.targetItemId, targetItemDisplayName: st.targetItemDisplayName }
              : {}),
            itemType: st.itemType,
          },
        };
        if (!running && st.error) step.error = { ...st.error, requestId: ctx.requestId };
        return step;
      }),
    };
  }
  return out;
}

/** Carry out one step: create the item in the target stage or overwrite its paired item. */
function applyStep(ctx: Ctx, p: DeploymentPipelineRec, target: WorkspaceRec, st: PipelineStepRec): void {
  const items = ctx.sim.state.items;
  const source = items[st.sourceItemId];
  if (!source)
    throw new FabricError(
      404,
      'ItemNotFound',
      `The source item '${st.sourceItemDisplayName}' no longer exists.`,
    );
  const definition = source.definition ? structuredClone(source.definition) : undefined;
  let targetItem = st.targetItemId ? items[st.targetItemId] : undefined;
  if (!targetItem) {
    assertNameFree(ctx, target.id, source.type, source.displayName);
    if (ctx.sim.cfg.requireCapacity && !POWER_BI_TYPES.has(source.type) && !target.capacityId)
      throw badRequest(
        'WorkspaceHasNoCapacityAssigned',
        `The workspace '${target.displayName}' has no capacity assigned; Fabric items need a Fabric capacity.`,
      );
    targetItem = createItemNow(ctx, target, {
      type: source.type,
      displayName: source.displayName,
      description: source.description,
      definition: definition ? ({ definition } as never) : undefined,
      creationPayload: source.creationPayload,
      parentItemId: undefined,
    });
    st.targetItemId = targetItem.id;
    st.targetItemDisplayName = targetItem.displayName;
  } else if (st.preDeploymentDiffState === 'Different') {
    targetItem.definition = definition;
    targetItem.description = source.description;
    targetItem.lastUpdatedTime = nowIso();
  }
  const at = nowIso();
  p.links = p.links.filter((l) => l.targetItemId !== targetItem.id && l.sourceItemId !== source.id);
  p.links.push({ sourceItemId: source.id, targetItemId: targetItem.id, deployedAt: at });
}

const deploy: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const b = requireObjectBody(ctx);
  const source = stageIn(p, b.sourceStageId, 'sourceStageId');
  const target = stageIn(p, b.targetStageId, 'targetStageId');
  if (!source.workspaceId)
    throw badRequest(
      'SourceStageHasNoWorkspace',
      `The source stage '${source.displayName}' has no workspace assigned.`,
    );
  const forward = target.order === source.order + 1;
  const backward = target.order === source.order - 1;
  if (!forward && !backward)
    throw badRequest(
      'InvalidDeploymentStages',
      'A deploy goes from a stage to the next one (or to the previous one when it is empty).',
    );
  if (backward && stageItems(ctx, target).length > 0)
    throw badRequest(
      'InvalidDeploymentStages',
      'Deploying to a previous stage is only possible when that stage is empty.',
    );
  const srcWs = workspaceAtLeast(ctx, source.workspaceId, 'Contributor', 'deploy from it');
  let tgtWs: WorkspaceRec;
  if (target.workspaceId) tgtWs = workspaceAtLeast(ctx, target.workspaceId, 'Contributor', 'deploy to it');
  else {
    const details = b.createdWorkspaceDetails as { name?: string; capacityId?: string } | undefined;
    if (!details?.name)
      throw badRequest(
        'TargetStageHasNoWorkspace',
        `The target stage '${target.displayName}' has no workspace assigned; assign one or give createdWorkspaceDetails.`,
      );
    const id = uuid();
    tgtWs = {
      id,
      displayName: details.name,
      description: '',
      type: 'Workspace',
      capacityId: details.capacityId ?? srcWs.capacityId,
      capacityAssignmentProgress: 'Completed',
      roles: [{ principal: principalOfCaller(ctx), role: 'Admin' }],
      gitCredentials: {},
      createdTime: nowIso(),
    };
    ctx.sim.state.workspaces[id] = tgtWs;
    target.workspaceId = id;
  }
  const candidates = stageItems(ctx, source);
  let selected = candidates;
  if (Array.isArray(b.items)) {
    selected = b.items.map((x: { sourceItemId?: string; itemType?: string }) => {
      const it = candidates.find((c) => c.id === String(x.sourceItemId ?? '').toLowerCase());
      if (!it || it.type !== x.itemType)
        throw badRequest(
          'ItemNotFound',
          `The item ${String(x.sourceItemId)} (${String(x.itemType)}) is not in the source stage.`,
        );
      return it;
    });
  }
  if (selected.length > MAX_ITEMS_PER_DEPLOY)
    throw badRequest('TooManyItems', `At most ${MAX_ITEMS_PER_DEPLOY} items can be deployed in one request.`);
  const steps: PipelineStepRec[] = selected.map((item, index) => {
    const t = pairOf(ctx, p, item, target, forward);
    return {
      index,
      itemType: item.type,
      sourceItemId: item.id,
      sourceItemDisplayName: item.displayName,
      ...(t ? { targetItemId: t.id, targetItemDisplayName: t.displayName } : {}),
      preDeploymentDiffState: diffState(item, t),
      status: 'NotStarted',
    };
  });
  const durationMs = lroDurationMs(ctx.sim.cfg, undefined) * Math.max(1, Math.ceil(steps.length / 5));
  const now = Date.now();
  const op: PipelineOperationRec = {
    id: uuid(),
    lroId: '',
    type: 'Deploy',
    sourceStageId: source.id,
    targetStageId: target.id,
    ...(typeof b.note === 'string' ? { note: b.note.slice(0, 1024) } : {}),
    performedBy: {
      id: ctx.identity.oid,
      type: ctx.identity.isServicePrincipal ? 'ServicePrincipal' : 'User',
    },
    startAt: now,
    doneAt: now + durationMs,
    status: 'NotStarted',
    steps,
  };
  const finish = (status: 'Succeeded' | 'Failed') => {
    op.status = status;
    op.endedAt = Date.now();
  };
  const reply = ctx.sim.ops.start(ctx, {
    kind: 'deployStage',
    durationMs,
    retryAfter: ctx.sim.cfg.retryAfterSeconds,
    hasResult: true,
    apply: () => {
      // Not a transaction: the steps done before a failure stay deployed (Fabric offers no undo).
      let failed: FabricError | undefined;
      // `cleanup` ran first (it always does) and marked the steps: start them afresh.
      for (const st of op.steps) st.status = 'NotStarted';
      for (const st of op.steps) {
        if (failed) break;
        try {
          applyStep(ctx, p, tgtWs, st);
          st.status = 'Succeeded';
        } catch (e) {
          failed = e instanceof FabricError ? e : new FabricError(500, 'InternalError', (e as Error).message);
          st.status = 'Failed';
          st.error = { errorCode: failed.errorCode, message: failed.message };
        }
      }
      finish(failed ? 'Failed' : 'Succeeded');
      if (failed)
        throw new FabricError(
          400,
          'DeploymentFailed',
          `The deploy failed at '${op.steps.find((s) => s.status === 'Failed')?.sourceItemDisplayName}': ${failed.message}`,
        );
      return operationJson(ctx, op, true);
    },
    cleanup: () => {
      // Ended without its work (a fault made the operation fail): no step ran, nothing was deployed.
      if (op.status === 'NotStarted' || op.status === 'Running') finish('Failed');
    },
  });
  op.lroId = reply.headers?.['x-ms-operation-id'] ?? '';
  p.operations.push(op);
  ctx.sim.changed();
  return { ...reply, headers: { ...reply.headers, 'deployment-id': op.id } };
};

const listOperations: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const key = `pipelineOperations:${p.id}`;
  const pr = readPage(key, ctx.query, []);
  const url = `${ctx.sim.url}/v1/deploymentPipelines/${p.id}/operations`;
  const value = [...p.operations].reverse().map((op) => operationJson(ctx, op, false));
  return { status: 200, body: page(value, pr, ctx.sim.cfg.pageSize, key, url) };
};

const getOperation: Handler = (ctx) => {
  const p = pipelineFor(ctx);
  const op = p.operations.find((o) => o.id === (ctx.params.operationId ?? '').toLowerCase());
  if (!op) throw new FabricError(404, 'OperationNotFound', 'The requested operation was not found.');
  return { status: 200, body: operationJson(ctx, op, true) };
};

export function registerDeploymentPipelines(r: Router<Handler>): void {
  const base = '/deploymentPipelines';
  const one = `${base}/{deploymentPipelineId}`;
  const stage = `${one}/stages/{stageId}`;
  r.add('GET', base, list)
    .add('POST', base, create)
    .add('GET', one, get)
    .add('PATCH', one, update)
    .add('DELETE', one, remove)
    .add('GET', `${one}/roleAssignments`, listRoles)
    .add('POST', `${one}/roleAssignments`, addRole)
    .add('DELETE', `${one}/roleAssignments/{principalId}`, removeRole)
    .add('GET', `${one}/stages`, listStages)
    .add('GET', stage, getStage)
    .add('PATCH', stage, updateStage)
    .add('GET', `${stage}/items`, listStageItems)
    .add('POST', `${stage}/assignWorkspace`, assignWorkspace)
    .add('POST', `${stage}/unassignWorkspace`, unassignWorkspace)
    .add('POST', `${one}/deploy`, deploy)
    .add('GET', `${one}/operations`, listOperations)
    .add('GET', `${one}/operations/{operationId}`, getOperation);
}
