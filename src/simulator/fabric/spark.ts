/**
 * Workspace custom Spark pools (`/workspaces/{ws}/spark/pools`), enough for a
 * deploy tool to resolve pool names referenced by environments. Not in the
 * vendored spec subset; shapes follow the public Spark API reference.
 */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { FabricError, badRequest, notFound } from '../errors';
import { uuid } from '../ids';
import { page, readPage } from '../paging';
import type { SparkPoolRec } from '../types';
import { requireObjectBody, sameName, workspaceFor } from './access';

const json = (p: SparkPoolRec) => {
  const { workspaceId: _w, ...rest } = p;
  return rest;
};

function poolIn(ctx: Ctx, wsId: string): SparkPoolRec {
  const p = ctx.sim.state.sparkPools[(ctx.params.poolId ?? '').toLowerCase()];
  if (!p || p.workspaceId !== wsId) throw notFound('SparkSettingsNotFound', 'custom pool');
  return p;
}

function checkName(ctx: Ctx, wsId: string, name: unknown, exceptId?: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name))
    throw badRequest('InvalidInput', `Pool name '${String(name)}' is not valid.`, [
      {
        errorCode: 'InvalidParameter',
        message: 'name: letters, digits, - and _, starting with a letter, at most 64',
      },
    ]);
  if (
    Object.values(ctx.sim.state.sparkPools).some(
      (p) => p.workspaceId === wsId && p.id !== exceptId && sameName(p.name, name),
    )
  )
    throw new FabricError(409, 'PoolNameAlreadyExists', `A pool named '${name}' already exists.`);
  return name;
}

const list: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Viewer');
  const key = `pools:${ws.id}`;
  const pr = readPage(key, ctx.query, []);
  const all = Object.values(ctx.sim.state.sparkPools)
    .filter((p) => p.workspaceId === ws.id)
    .map(json);
  return {
    status: 200,
    body: page(all, pr, ctx.sim.cfg.pageSize, key, `${ctx.sim.url}/v1/workspaces/${ws.id}/spark/pools`),
  };
};

const create: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'create custom pools');
  const b = requireObjectBody(ctx);
  const pool: SparkPoolRec = {
    id: uuid(),
    workspaceId: ws.id,
    name: checkName(ctx, ws.id, b.name),
    type: 'Workspace',
    nodeFamily: b.nodeFamily ?? 'MemoryOptimized',
    nodeSize: b.nodeSize ?? 'Small',
    autoScale: b.autoScale ?? { enabled: true, minNodeCount: 1, maxNodeCount: 2 },
    dynamicExecutorAllocation: b.dynamicExecutorAllocation ?? {
      enabled: false,
      minExecutors: 1,
      maxExecutors: 1,
    },
  };
  ctx.sim.state.sparkPools[pool.id] = pool;
  ctx.sim.changed();
  return {
    status: 201,
    body: json(pool),
    headers: { Location: `${ctx.sim.url}/v1/workspaces/${ws.id}/spark/pools/${pool.id}` },
  };
};

const get: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Viewer');
  return { status: 200, body: json(poolIn(ctx, ws.id)) };
};

const update: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'update custom pools');
  const p = poolIn(ctx, ws.id);
  const b = requireObjectBody(ctx);
  if (b.name !== undefined) p.name = checkName(ctx, ws.id, b.name, p.id);
  for (const k of ['nodeFamily', 'nodeSize', 'autoScale', 'dynamicExecutorAllocation'] as const)
    if (b[k] !== undefined) (p as any)[k] = b[k];
  ctx.sim.changed();
  return { status: 200, body: json(p) };
};

const remove: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Admin', 'delete custom pools');
  delete ctx.sim.state.sparkPools[poolIn(ctx, ws.id).id];
  ctx.sim.changed();
  return { status: 200 };
};

export function registerSpark(r: Router<Handler>): void {
  const base = '/workspaces/{workspaceId}/spark/pools';
  r.add('GET', base, list)
    .add('POST', base, create)
    .add('GET', `${base}/{poolId}`, get)
    .add('PATCH', `${base}/{poolId}`, update)
    .add('DELETE', `${base}/{poolId}`, remove);
}
