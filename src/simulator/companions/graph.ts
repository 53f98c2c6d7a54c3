/**
 * Microsoft Graph look-ups used to resolve principals (§13): users by id/UPN,
 * groups by displayName filter, service principals by appId. Graph's own error
 * shape {error:{code,message,innerError}}; tokens need aud https://graph.microsoft.com.
 */
import type { Reply } from '../http';
import type { Simulator } from '../simulator';
import { authenticate, GRAPH_AUDIENCE } from '../auth';
import type { CompanionRequest } from './dispatch';

function graphError(status: number, code: string, message: string, requestId: string): Reply {
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': requestId },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': requestId,
          'client-request-id': requestId,
        },
      },
    },
  };
}

type Obj = Record<string, unknown>;

function select(o: Obj, q: URLSearchParams): Obj {
  const sel = q.get('$select');
  if (!sel) return o;
  const keys = sel.split(',').map((s) => s.trim());
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k) || k.startsWith('@odata')));
}

/** `prop eq 'value'` (quotes doubled inside), optionally `startswith(prop,'v')`; returns a predicate or an error message. */
export function parseFilter(filter: string, allowed: string[]): ((o: Obj) => boolean) | string {
  const eq = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
  if (eq) {
    const [, prop, raw] = eq;
    if (!allowed.includes(prop!))
      return `Unsupported or invalid query filter clause specified for property '${prop}' of resource.`;
    const value = raw!.replace(/''/g, "'");
    return (o) => String(o[prop!] ?? '').toLowerCase() === value.toLowerCase();
  }
  const sw = /^\s*startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(filter);
  if (sw) {
    const [, prop, raw] = sw;
    if (!allowed.includes(prop!))
      return `Unsupported or invalid query filter clause specified for property '${prop}' of resource.`;
    const value = raw!.replace(/''/g, "'").toLowerCase();
    return (o) =>
      String(o[prop!] ?? '')
        .toLowerCase()
        .startsWith(value);
  }
  return `Invalid filter clause: syntax error in '${filter}'.`;
}

export function handleGraph(sim: Simulator, r: CompanionRequest): Reply | undefined {
  const m = /^\/graph\/v1\.0(\/.*)$/.exec(r.url.pathname);
  if (!m) return undefined;
  const rid = r.requestId;
  try {
    authenticate(r.req, sim.key, sim.state, [GRAPH_AUDIENCE]);
  } catch (e) {
    const msg = (e as Error).message;
    return graphError(
      401,
      /expired/i.test(msg) ? 'InvalidAuthenticationToken' : 'InvalidAuthenticationToken',
      msg,
      rid,
    );
  }
  if (r.method !== 'GET')
    return graphError(405, 'Request_BadRequest', 'Only GET is supported by the simulator.', rid);
  const path = decodeURIComponent(m[1]!);
  const q = r.url.searchParams;
  const dir = sim.state.directory;
  const ctxUrl = `https://graph.microsoft.com/v1.0/$metadata`;
  const users = dir.users.map(
    (u) =>
      ({
        id: u.id,
        userPrincipalName: u.userPrincipalName,
        displayName: u.displayName,
        mail: u.mail ?? null,
      }) as Obj,
  );
  const groups = dir.groups.map(
    (g) =>
      ({
        id: g.id,
        displayName: g.displayName,
        securityEnabled: g.securityEnabled,
        mailEnabled: g.mailEnabled,
      }) as Obj,
  );
  const sps = dir.servicePrincipals.map(
    (s) =>
      ({ id: s.id, appId: s.appId, displayName: s.displayName, servicePrincipalType: 'Application' }) as Obj,
  );
  const notFound = (what: string) =>
    graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
      rid,
    );
  const list = (coll: string, all: Obj[], allowed: string[]): Reply => {
    let value = all;
    const f = q.get('$filter');
    if (f) {
      const pred = parseFilter(f, allowed);
      if (typeof pred === 'string') return graphError(400, 'Request_UnsupportedQuery', pred, rid);
      value = all.filter(pred);
    }
    const top = Number(q.get('$top') ?? 0);
    if (top > 0) value = value.slice(0, top);
    return {
      status: 200,
      body: { '@odata.context': `${ctxUrl}#${coll}`, value: value.map((o) => select(o, q)) },
    };
  };
  let mm: RegExpExecArray | null;
  if (path === '/users') return list('users', users, ['userPrincipalName', 'displayName', 'mail', 'id']);
  if ((mm = /^\/users(?:\('(.+)'\)|\/(.+))$/.exec(path))) {
    const key = (mm[1] ?? mm[2]!).replace(/''/g, "'").toLowerCase();
    const u = users.find((x) => x.id === key || String(x.userPrincipalName).toLowerCase() === key);
    return u
      ? { status: 200, body: { '@odata.context': `${ctxUrl}#users/$entity`, ...select(u, q) } }
      : notFound(mm[1] ?? mm[2]!);
  }
  if (path === '/groups') return list('groups', groups, ['displayName', 'id', 'mailNickname']);
  if ((mm = /^\/groups\/(.+)$/.exec(path))) {
    const g = groups.find((x) => x.id === mm![1]!.toLowerCase());
    return g
      ? { status: 200, body: { '@odata.context': `${ctxUrl}#groups/$entity`, ...select(g, q) } }
      : notFound(mm[1]!);
  }
  if (path === '/servicePrincipals') return list('servicePrincipals', sps, ['appId', 'displayName', 'id']);
  if ((mm = /^\/servicePrincipals\(appId='(.+)'\)$/.exec(path))) {
    const s = sps.find((x) => String(x.appId).toLowerCase() === mm![1]!.toLowerCase());
    return s
      ? { status: 200, body: { '@odata.context': `${ctxUrl}#servicePrincipals/$entity`, ...select(s, q) } }
      : notFound(mm[1]!);
  }
  if ((mm = /^\/servicePrincipals\/(.+)$/.exec(path))) {
    const s = sps.find((x) => x.id === mm![1]!.toLowerCase());
    return s
      ? { status: 200, body: { '@odata.context': `${ctxUrl}#servicePrincipals/$entity`, ...select(s, q) } }
      : notFound(mm[1]!);
  }
  return graphError(
    400,
    'BadRequest',
    `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`,
    rid,
  );
}
