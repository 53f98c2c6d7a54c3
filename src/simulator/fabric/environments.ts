/**
 * Environment staging/publish (§9.4): publish is an LRO (Retry-After 120 in the
 * realistic profile) during which publishDetails.state is Running.
 */
import type { Handler } from '../context';
import type { Router } from '../router';
import { badRequest } from '../errors';
import { nowIso, uuid } from '../ids';
import { itemIn, workspaceFor } from './access';
import { itemProperties, markPublished } from './properties';

const publish: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'publish environments');
  const item = itemIn(ctx, ws, ctx.params.environmentId, 'Environment');
  if (item.readyAt && item.readyAt > Date.now())
    throw badRequest('EnvironmentPublishInProgress', 'A publish is already running for this environment.');
  const d = ctx.sim.cfg.environmentPublishMs;
  item.readyAt = Date.now() + d;
  item.properties = { ...(item.properties ?? {}), publishVersion: uuid(), publishStart: nowIso() };
  ctx.sim.changed();
  const accepted = ctx.sim.ops.start(ctx, {
    kind: 'publishEnvironment',
    durationMs: d,
    retryAfter: ctx.sim.cfg.environmentPublishRetryAfterSeconds,
    hasResult: true,
    cleanup: () => {
      const cur = ctx.sim.state.items[item.id];
      if (cur) cur.readyAt = undefined;
    },
    apply: () => {
      const cur = ctx.sim.state.items[item.id];
      if (!cur) return {};
      cur.readyAt = undefined;
      markPublished(cur);
      ctx.sim.changed();
      return itemProperties(ctx.sim, cur);
    },
  });
  // As recorded: this 202 has an empty application/octet-stream body (item creates send JSON null).
  return {
    ...accepted,
    body: undefined,
    raw: '',
    headers: { ...accepted.headers, 'Content-Type': 'application/octet-stream' },
  };
};

/** The beta publish variant answers synchronously with the environment's properties. */
const publishBeta: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'publish environments');
  const item = itemIn(ctx, ws, ctx.params.environmentId, 'Environment');
  markPublished(item);
  ctx.sim.changed();
  return { status: 200, body: itemProperties(ctx.sim, item) };
};

const cancel: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'cancel environment publishes');
  const item = itemIn(ctx, ws, ctx.params.environmentId, 'Environment');
  item.readyAt = undefined;
  ctx.sim.changed();
  return { status: 200, body: itemProperties(ctx.sim, item) };
};

export function registerEnvironments(r: Router<Handler>): void {
  const base = '/workspaces/{workspaceId}/environments/{environmentId}/staging';
  r.add('POST', `${base}/publish?beta=false`, publish)
    .add('POST', `${base}/publish?beta=true`, publishBeta)
    .add('POST', `${base}/publish`, publish)
    .add('POST', `${base}/cancelPublish`, cancel);
}
