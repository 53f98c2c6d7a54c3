/**
 * Key Vault secrets at the root of the HTTPS server (the SDK parses secret ids
 * as `https://host/secrets/{name}/{version}`, so the vault cannot live under a
 * path prefix; one vault per simulator). Challenge authentication: a request
 * without a token gets 401 + WWW-Authenticate naming the authority and the
 * resource https://vault.azure.net. Errors use Key Vault's {error:{code,message}}.
 */
import { randomBytes } from 'node:crypto';
import type { Reply } from '../http';
import { parseJson } from '../http';
import type { Simulator } from '../simulator';
import { authenticate, VAULT_AUDIENCE } from '../auth';
import { FabricError } from '../errors';
import { DEFAULTS } from '../state';
import type { SecretVersionRec } from '../types';
import type { CompanionRequest } from './dispatch';

const kvError = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Reply => ({
  status,
  headers,
  body: { error: { code, message } },
});

function vault(sim: Simulator): Record<string, SecretVersionRec[]> {
  sim.state.vaults[DEFAULTS.vaultName] ??= {};
  return sim.state.vaults[DEFAULTS.vaultName]!;
}

function bundle(
  sim: Simulator,
  name: string,
  v: SecretVersionRec,
  withValue = true,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: `${sim.tlsUrl}/secrets/${name}/${v.version}`,
    attributes: {
      enabled: v.enabled,
      created: v.created,
      updated: v.updated,
      recoveryLevel: 'Recoverable+Purgeable',
      recoverableDays: 90,
    },
  };
  if (withValue) out.value = v.value;
  if (v.contentType) out.contentType = v.contentType;
  if (v.tags) out.tags = v.tags;
  return out;
}

export function handleKeyVault(sim: Simulator, r: CompanionRequest): Reply | undefined {
  const p = r.url.pathname;
  if (!/^\/(secrets|deletedsecrets)(\/|$)/.test(p)) return undefined;
  if (!r.url.searchParams.get('api-version'))
    return kvError(400, 'BadParameter', 'The request URI must contain an api-version query parameter.');
  // Challenge: no Authorization header → 401 naming the authority and resource.
  if (!r.req.headers.authorization)
    return kvError(401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.', {
      'WWW-Authenticate': `Bearer authorization="${sim.tlsUrl}/${sim.tenantId}", resource="${VAULT_AUDIENCE}"`,
    });
  try {
    authenticate(r.req, sim.key, sim.state, [VAULT_AUDIENCE]);
  } catch (e) {
    const err = e as FabricError;
    return kvError(401, 'Unauthorized', `AKV10022: ${err.message}`, {
      'WWW-Authenticate': `Bearer authorization="${sim.tlsUrl}/${sim.tenantId}", resource="${VAULT_AUDIENCE}"`,
    });
  }
  const secrets = vault(sim);
  const segs = p.split('/').filter(Boolean).map(decodeURIComponent);
  const [collection, name, version] = segs;
  if (collection === 'deletedsecrets') {
    if (r.method === 'DELETE' && name) return { status: 204 };
    return kvError(404, 'SecretNotFound', `Deleted Secret not found: ${name ?? ''}`);
  }
  if (!name) {
    if (r.method !== 'GET') return kvError(405, 'MethodNotAllowed', 'Method not allowed.');
    const value = Object.entries(secrets)
      .filter(([, vs]) => vs.length)
      .map(([n, vs]) => {
        const b = bundle(sim, n, vs[vs.length - 1]!, false);
        b.id = `${sim.tlsUrl}/secrets/${n}`;
        return b;
      });
    return { status: 200, body: { value, nextLink: null } };
  }
  if (!/^[0-9a-zA-Z-]{1,127}$/.test(name))
    return kvError(
      400,
      'BadParameter',
      `The secret name '${name}' is invalid; use alphanumerics and dashes.`,
    );
  const versions = secrets[name];
  if (r.method === 'PUT' && !version) {
    let body: any;
    try {
      body = parseJson(r.body);
    } catch {
      return kvError(400, 'BadParameter', 'The request body is not valid JSON.');
    }
    if (!body || typeof body.value !== 'string')
      return kvError(400, 'BadParameter', 'Property value is required.');
    const now = Math.floor(Date.now() / 1000);
    const rec: SecretVersionRec = {
      version: randomBytes(16).toString('hex'),
      value: body.value,
      contentType: body.contentType,
      enabled: body.attributes?.enabled ?? true,
      created: now,
      updated: now,
      tags: body.tags,
    };
    (secrets[name] ??= []).push(rec);
    sim.changed();
    return { status: 200, body: bundle(sim, name, rec) };
  }
  if (r.method === 'GET' && version === 'versions') {
    if (!versions?.length)
      return kvError(
        404,
        'SecretNotFound',
        `A secret with (name/id) ${name} was not found in this key vault.`,
      );
    return { status: 200, body: { value: versions.map((v) => bundle(sim, name, v, false)), nextLink: null } };
  }
  if (r.method === 'GET') {
    const v = version ? versions?.find((x) => x.version === version) : versions?.[versions.length - 1];
    if (!v)
      return kvError(
        404,
        'SecretNotFound',
        `A secret with (name/id) ${name}${version ? `/${version}` : ''} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.`,
      );
    if (!v.enabled) return kvError(403, 'Forbidden', `Operation get is not allowed on a disabled secret.`);
    return { status: 200, body: bundle(sim, name, v) };
  }
  if (r.method === 'DELETE' && !version) {
    if (!versions?.length)
      return kvError(
        404,
        'SecretNotFound',
        `A secret with (name/id) ${name} was not found in this key vault.`,
      );
    const last = versions[versions.length - 1]!;
    delete secrets[name];
    sim.changed();
    const now = Math.floor(Date.now() / 1000);
    return {
      status: 200,
      body: {
        ...bundle(sim, name, last, false),
        recoveryId: `${sim.tlsUrl}/deletedsecrets/${name}`,
        deletedDate: now,
        scheduledPurgeDate: now + 90 * 86400,
      },
    };
  }
  if (r.method === 'PATCH' && version) {
    const v = versions?.find((x) => x.version === version);
    if (!v)
      return kvError(
        404,
        'SecretNotFound',
        `A secret with (name/id) ${name}/${version} was not found in this key vault.`,
      );
    const body = (parseJson(r.body) ?? {}) as any;
    if (body.contentType !== undefined) v.contentType = body.contentType;
    if (body.attributes?.enabled !== undefined) v.enabled = body.attributes.enabled;
    if (body.tags !== undefined) v.tags = body.tags;
    v.updated = Math.floor(Date.now() / 1000);
    sim.changed();
    return { status: 200, body: bundle(sim, name, v, false) };
  }
  return kvError(405, 'MethodNotAllowed', `${r.method} is not supported here.`);
}
