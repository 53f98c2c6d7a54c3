/** Capacities (§11): list/get; only those the caller administers or contributes to (all when `admins` is unset). */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { notFound } from '../errors';
import { page, readPage } from '../paging';
import type { CapacityRec } from '../types';

const json = (c: CapacityRec) => ({
  id: c.id,
  displayName: c.displayName,
  sku: c.sku,
  region: c.region,
  state: c.state,
});
const visible = (ctx: Ctx, c: CapacityRec) => !c.admins || c.admins.includes(ctx.identity.oid);

const list: Handler = (ctx) => {
  const pr = readPage('capacities', ctx.query, []);
  const all = Object.values(ctx.sim.state.capacities)
    .filter((c) => visible(ctx, c))
    .map(json);
  return {
    status: 200,
    body: page(all, pr, ctx.sim.cfg.pageSize, 'capacities', `${ctx.sim.url}/v1/capacities`),
  };
};

const get: Handler = (ctx) => {
  const c = ctx.sim.state.capacities[(ctx.params.capacityId ?? '').toLowerCase()];
  if (!c || !visible(ctx, c)) throw notFound('CapacityNotFound', 'capacity');
  return { status: 200, body: json(c) };
};

export function registerCapacities(r: Router<Handler>): void {
  r.add('GET', '/capacities', list).add('GET', '/capacities/{capacityId}', get);
}
