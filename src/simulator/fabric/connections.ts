/**
 * Connections (the data connections a semantic model's data sources are bound to): list and get
 * (`/v1/connections`), an item's connections (`/workspaces/{ws}/items/{id}/connections`) and the
 * semantic model's bindConnection, which binds one data source (type + path) to a connection, or
 * unbinds it with connectivityType None (spec: semanticModel BindSemanticModelConnection examples).
 */
import type { Ctx, Handler } from '../context';
import type { Router } from '../router';
import { badRequest, notFound } from '../errors';
import { page, readPage } from '../paging';
import type { ConnectionRec } from '../types';
import { itemIn, requireObjectBody, workspaceFor } from './access';

/** Cloud connections run through the tenant's virtual gateway: the recorded list gives every one a gatewayId. */
export const VIRTUAL_GATEWAY_ID = '6a000000-0000-4000-8000-00000000f001';
const CREATED = '2026-01-05T09:00:00Z';

/** A connection as the recorded `GET /v1/connections` lists it (spec: ShareableCloudConnection & co). */
const json = (c: ConnectionRec) => {
  const cloud = c.connectivityType === 'ShareableCloud' || c.connectivityType === 'PersonalCloud';
  return {
    ...(cloud
      ? {
          allowConnectionUsageInGateway: c.allowConnectionUsageInGateway ?? false,
          allowUsageInUserControlledCode: c.allowUsageInUserControlledCode ?? false,
        }
      : {}),
    id: c.id,
    displayName: c.displayName,
    gatewayId: c.gatewayId ?? VIRTUAL_GATEWAY_ID,
    connectivityType: c.connectivityType,
    connectionDetails: { path: c.connectionDetails.path, type: c.connectionDetails.type },
    privacyLevel: c.privacyLevel ?? 'Organizational',
    credentialDetails: {
      credentialType: c.credentialDetails?.credentialType ?? 'OAuth2',
      singleSignOnType: c.credentialDetails?.singleSignOnType ?? 'None',
      connectionEncryption: c.credentialDetails?.connectionEncryption ?? 'NotEncrypted',
      skipTestConnection: c.credentialDetails?.skipTestConnection ?? false,
    },
    // The caller's own recency ("my…") is null in the recorded list, as for a service principal.
    connectionRecency: {
      createdDateTime: c.createdDateTime ?? CREATED,
      lastBoundDateTime: c.lastBoundDateTime ?? null,
      lastCredentialUsedDateTime: c.lastBoundDateTime ?? null,
      myLastBoundDateTime: null,
      myLastCredentialUsedDateTime: null,
    },
  };
};
const visible = (ctx: Ctx, c: ConnectionRec) => !c.users || c.users.includes(ctx.identity.oid);

function connection(ctx: Ctx, id: string | undefined): ConnectionRec | undefined {
  const c = ctx.sim.state.connections?.[(id ?? '').toLowerCase()];
  return c && visible(ctx, c) ? c : undefined;
}

const list: Handler = (ctx) => {
  const pr = readPage('connections', ctx.query, []);
  const all = Object.values(ctx.sim.state.connections ?? {})
    .filter((c) => visible(ctx, c))
    .map(json);
  return {
    status: 200,
    body: page(all, pr, ctx.sim.cfg.pageSize, 'connections', `${ctx.sim.url}/v1/connections`),
  };
};

const get: Handler = (ctx) => {
  const c = connection(ctx, ctx.params.connectionId);
  if (!c) throw notFound('ConnectionNotFound', 'connection');
  return { status: 200, body: json(c) };
};

const itemConnections: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Viewer', 'list item connections');
  const item = itemIn(ctx, ws, ctx.params.itemId);
  const pr = readPage(`item-connections-${item.id}`, ctx.query, []);
  const bound = (item.connectionBindings ?? []).flatMap((b) => {
    const c = ctx.sim.state.connections?.[b.connectionId];
    return c ? [json(c)] : [];
  });
  const url = `${ctx.sim.url}/v1/workspaces/${ws.id}/items/${item.id}/connections`;
  return { status: 200, body: page(bound, pr, ctx.sim.cfg.pageSize, `item-connections-${item.id}`, url) };
};

const bind: Handler = (ctx) => {
  const { ws } = workspaceFor(ctx, 'Contributor', 'bind semantic model connections');
  const item = itemIn(ctx, ws, ctx.params.semanticModelId, 'SemanticModel');
  const b = requireObjectBody(ctx).connectionBinding as Record<string, any> | undefined;
  const details = b?.connectionDetails as { type?: unknown; path?: unknown } | undefined;
  if (!b || typeof b !== 'object' || typeof details?.type !== 'string' || typeof details.path !== 'string')
    throw badRequest('InvalidRequest', 'connectionBinding.connectionDetails (type and path) is required.');
  const type = details.type;
  const path = details.path;
  const others = (item.connectionBindings ?? []).filter(
    (x) => !(x.type.toLowerCase() === type.toLowerCase() && x.path.toLowerCase() === path.toLowerCase()),
  );
  if (b.connectivityType === 'None') {
    item.connectionBindings = others;
  } else {
    const c = connection(ctx, typeof b.id === 'string' ? b.id : undefined);
    if (!c)
      throw badRequest('InvalidRequest', `Connection '${String(b.id)}' was not found or is not accessible.`);
    if (
      c.connectionDetails.type.toLowerCase() !== type.toLowerCase() ||
      c.connectionDetails.path.toLowerCase() !== path.toLowerCase()
    )
      throw badRequest(
        'InvalidRequest',
        `The connection details (${type}, ${path}) do not match connection '${c.id}' (${c.connectionDetails.type}, ${c.connectionDetails.path}).`,
      );
    item.connectionBindings = [
      ...others,
      { connectionId: c.id, type: c.connectionDetails.type, path: c.connectionDetails.path },
    ];
    c.lastBoundDateTime = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  ctx.sim.changed();
  return { status: 200 };
};

export function registerConnections(r: Router<Handler>): void {
  r.add('GET', '/connections', list)
    .add('GET', '/connections/{connectionId}', get)
    .add('GET', '/workspaces/{workspaceId}/items/{itemId}/connections', itemConnections)
    .add('POST', '/workspaces/{workspaceId}/semanticModels/{semanticModelId}/bindConnection', bind);
}
