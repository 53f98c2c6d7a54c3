/**
 * The control API under /_sim (no auth: loopback only, a test and demo aid).
 * Answers are JSON; errors are `{error: message}` with 400/404.
 */
import type { IncomingMessage } from 'node:http';
import type { Reply } from './http';
import { parseJson } from './http';
import type { Simulator } from './simulator';
import type { CapacityRec, FaultRule, GitItemSnapshot } from './types';
import { mergeSeed, DEFAULTS } from './state';
import { signJwt } from './jwt';
import { randomSha1, uuid } from './ids';
import { contentHash } from './fabric/definitions';

const ok = (body: unknown = { ok: true }, status = 200): Reply => ({ status, body });
const fail = (message: string, status = 400): Reply => ({ status, body: { error: message } });

export async function handleControl(
  sim: Simulator,
  _req: IncomingMessage,
  method: string,
  url: URL,
  raw: Buffer,
): Promise<Reply> {
  let body: any;
  try {
    body = parseJson(raw);
  } catch {
    return fail('body is not valid JSON');
  }
  const path = url.pathname.replace(/\/+$/, '');
  const route = `${method} ${path}`;
  try {
    switch (route) {
      case 'GET /_sim/health':
        return ok({ status: 'ok', profile: sim.cfg.profile, url: sim.url, tlsUrl: sim.tlsUrl });
      case 'POST /_sim/token': {
        const b = body ?? {};
        const access_token = sim.issueToken({
          oid: b.oid,
          appid: b.appid,
          tid: b.tid,
          aud: b.aud,
          upn: b.upn,
          expiresInSeconds: b.expiresInSeconds,
        });
        return ok({ access_token, token_type: 'Bearer', expires_in: b.expiresInSeconds ?? 3600 });
      }
      case 'GET /_sim/faults':
        return ok({ value: sim.faults.rules });
      case 'POST /_sim/faults': {
        const rules: FaultRule[] = Array.isArray(body) ? body : [body];
        return ok({ value: rules.map((r) => sim.addFault(r)) }, 201);
      }
      case 'DELETE /_sim/faults':
        sim.faults.clear(url.searchParams.get('id') ?? undefined);
        return ok();
      case 'GET /_sim/state':
        return ok(sim.state);
      case 'POST /_sim/state':
        if (!body || typeof body !== 'object') return fail('expected a JSON object');
        mergeSeed(sim.state, body);
        sim.changed();
        return ok(sim.state);
      case 'GET /_sim/requests': {
        const since = Number(url.searchParams.get('since') ?? 0);
        return ok({ value: sim.log.filter((e) => e.seq > since) });
      }
      case 'DELETE /_sim/requests':
        sim.log.length = 0;
        return ok();
      case 'POST /_sim/reset':
        sim.resetState();
        return ok();
      case 'GET /_sim/config':
        return ok(sim.cfg);
      case 'PATCH /_sim/config':
      case 'POST /_sim/config':
        return ok(patchConfig(sim, body ?? {}));
      case 'POST /_sim/capacities': {
        const c = body as Partial<CapacityRec>;
        if (!c?.displayName) return fail('displayName is required');
        const cap: CapacityRec = {
          id: (c.id ?? uuid()).toLowerCase(),
          displayName: c.displayName,
          sku: c.sku ?? 'F2',
          region: c.region ?? 'West Europe',
          state: c.state ?? 'Active',
          ...(c.admins ? { admins: c.admins } : {}),
        };
        sim.state.capacities[cap.id] = cap;
        sim.changed();
        return ok(cap, 201);
      }
      case 'GET /_sim/telemetry':
        return ok({ value: sim.state.telemetry });
      case 'DELETE /_sim/telemetry':
        sim.state.telemetry.length = 0;
        return ok();
      case 'GET /_sim/github-oidc':
      case 'POST /_sim/github-oidc': {
        // A GitHub Actions OIDC token stand-in (ACTIONS_ID_TOKEN_REQUEST_URL), signed by the simulator.
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          iss: url.searchParams.get('issuer') ?? DEFAULTS.federated.issuer,
          sub: url.searchParams.get('subject') ?? DEFAULTS.federated.subject,
          aud: url.searchParams.get('audience') ?? DEFAULTS.federated.audience,
          iat: now,
          nbf: now - 5,
          exp: now + 300,
          repository: 'contoso/fabric-project',
          ref: 'refs/heads/main',
        };
        return ok({ count: 1, value: signJwt(claims, sim.key.privateKey, { kid: sim.key.kid }) });
      }
      case 'GET /_sim/exchanges':
        return ok({ value: sim.exchanges });
    }
    let m = /^\/_sim\/operations\/([^/]+)\/complete$/.exec(path);
    if (m && method === 'POST') {
      // Finish a running operation now (its work is applied), whatever its planned duration.
      const op = sim.state.operations[m[1]!];
      if (!op) return fail('operation not found', 404);
      sim.ops.complete(op.id);
      return ok({ id: op.id, status: sim.state.operations[op.id]!.status });
    }
    m = /^\/_sim\/capacities\/([^/]+)$/.exec(path);
    if (m && (method === 'PATCH' || method === 'POST')) {
      const cap = sim.state.capacities[m[1]!.toLowerCase()];
      if (!cap) return fail('capacity not found', 404);
      Object.assign(cap, pick(body ?? {}, ['displayName', 'sku', 'region', 'state', 'admins']));
      sim.changed();
      return ok(cap);
    }
    m = /^\/_sim\/git\/remotes\/(.+)$/.exec(path);
    if (m) {
      const key = decodeURIComponent(m[1]!);
      if (method === 'GET')
        return sim.state.gitRemotes[key] ? ok(sim.state.gitRemotes[key]) : fail('remote not found', 404);
      if (method === 'PUT' || method === 'POST') {
        const items: GitItemSnapshot[] = (body?.items ?? []).map((i: any) => ({
          logicalId: String(i.logicalId ?? uuid()).toLowerCase(),
          type: i.type,
          displayName: i.displayName,
          description: i.description ?? '',
          parts: i.parts,
          hash:
            i.hash ??
            contentHash({
              displayName: i.displayName,
              description: i.description,
              definition: i.parts ? { parts: i.parts } : undefined,
            }),
        }));
        sim.state.gitRemotes[key] = { head: body?.head ?? randomSha1(), items };
        sim.changed();
        return ok(sim.state.gitRemotes[key]);
      }
    }
    if (path === '/_sim/git/remotes' && method === 'GET') return ok(sim.state.gitRemotes);
    return fail(`unknown control endpoint ${route}`, 404);
  } catch (e) {
    return fail((e as Error).message);
  }
}

function pick(o: Record<string, any>, keys: string[]): Record<string, any> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

/** Runtime knobs tests may change without a restart. */
function patchConfig(sim: Simulator, b: Record<string, any>): unknown {
  const c = sim.cfg as unknown as Record<string, unknown>;
  const allowed = [
    'pageSize',
    'retryAfterSeconds',
    'syncCreateTypes',
    'nameReservationMs',
    'requireCapacity',
    'validateRequests',
    'lroDelayMs',
    'sqlEndpointProvisionMs',
    'capacityAssignMs',
    'environmentPublishMs',
    'latencyMs',
  ];
  for (const k of allowed) if (k in b) c[k] = b[k];
  if ('tokenLifetimeSeconds' in b) sim.tokenLifetimeSeconds = Number(b.tokenLifetimeSeconds);
  if ('rateLimitPerMinute' in b || 'lroRateLimitPerMinute' in b) {
    const num = (v: unknown) => (v === null || v === undefined ? Infinity : Number(v));
    if ('rateLimitPerMinute' in b) c.rateLimitPerMinute = num(b.rateLimitPerMinute);
    if ('lroRateLimitPerMinute' in b) c.lroRateLimitPerMinute = num(b.lroRateLimitPerMinute);
    sim.throttle.setLimits({ platform: sim.cfg.rateLimitPerMinute, lro: sim.cfg.lroRateLimitPerMinute });
  }
  return { ...sim.cfg, tokenLifetimeSeconds: sim.tokenLifetimeSeconds };
}
