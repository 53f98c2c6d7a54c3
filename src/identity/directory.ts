/**
 * Microsoft Graph look-ups that turn the names in fabric-deploy.yml (UPNs, group names, app ids)
 * into the object ids Fabric role assignments need. See fabric-api-notes.md §13.
 */
import { UserError } from '../errors';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DirectoryOptions {
  /** Graph base, e.g. https://graph.microsoft.com/v1.0 (a bare host gets /v1.0). */
  graphUrl: string;
  tokenFor: (scope: string) => Promise<string>;
  /** Token scope; default: the cloud's Graph scope for a Microsoft Graph host, else the public one (simulators). */
  scope?: string;
  fetchImpl?: typeof fetch;
  /** Attempts on 429/503/504 (default 4), honouring Retry-After. */
  maxAttempts?: number;
}

export interface DirectoryObject {
  id: string;
  displayName: string;
}

interface GraphError {
  error?: { code?: string; message?: string };
}

const GRAPH_HOSTS = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
]);

/** OData string literal: single quotes doubled. */
function odataString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export class Directory {
  private readonly base: string;
  private readonly scope: string;
  private readonly fetchImpl: typeof fetch;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: DirectoryOptions) {
    const url = new URL(opts.graphUrl);
    const path = url.pathname.replace(/\/+$/, '');
    this.base = url.origin + (path === '' ? '/v1.0' : path);
    this.scope =
      opts.scope ??
      (GRAPH_HOSTS.has(url.origin) ? `${url.origin}/.default` : 'https://graph.microsoft.com/.default');
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** A user by UPN (guest UPNs with #EXT# work). 404 → UserError. */
  userByUpn(upn: string): Promise<DirectoryObject & { userPrincipalName: string }> {
    const u = upn.trim();
    // A UPN starting with $ would be read as an OData system query segment; the key syntax avoids that.
    const segment = u.startsWith('$')
      ? `users(${encodeURIComponent(odataString(u))})`
      : `users/${encodeURIComponent(u).replace(/%40/g, '@')}`;
    return this.once(`user:${u.toLowerCase()}`, async () => {
      const res = await this.get<{ id: string; displayName: string; userPrincipalName: string }>(
        `/${segment}?$select=id,userPrincipalName,displayName`,
        {
          notFound: `User "${u}" was not found in the directory.`,
          what: 'users',
          fix: 'Check the UPN (for guests it is the #EXT# form), or give the object id instead.',
        },
      );
      return { id: res.id, displayName: res.displayName, userPrincipalName: res.userPrincipalName };
    });
  }

  /** A group by display name; display names are not unique, so 0 or >1 matches is an error. */
  groupByName(name: string): Promise<DirectoryObject> {
    const n = name.trim();
    return this.once(`group:${n}`, async () => {
      const filter = encodeURIComponent(`displayName eq ${odataString(n)}`);
      const res = await this.get<{ value: Array<{ id: string; displayName: string }> }>(
        `/groups?$filter=${filter}&$select=id,displayName,securityEnabled,mailEnabled`,
        { what: 'groups' },
      );
      const found = res.value ?? [];
      if (found.length === 0) {
        throw new UserError(`Group "${n}" was not found in the directory.`, {
          fix: 'Check the display name (exact match), or give the group object id.',
          code: 'PrincipalNotFound',
        });
      }
      if (found.length > 1) {
        throw new UserError(
          `${found.length} groups are named "${n}" (${found.map((g) => g.id).join(', ')}).`,
          {
            fix: 'Display names are not unique: give the object id of the intended group instead of its name.',
            code: 'PrincipalAmbiguous',
          },
        );
      }
      return { id: found[0]!.id, displayName: found[0]!.displayName };
    });
  }

  /** The service principal (enterprise app) of an application id; `id` is what Fabric needs. */
  servicePrincipalByAppId(appId: string): Promise<DirectoryObject & { appId: string }> {
    const a = appId.trim();
    return this.once(`sp:${a.toLowerCase()}`, async () => {
      const res = await this.get<{ id: string; appId: string; displayName: string }>(
        `/servicePrincipals(appId=${encodeURIComponent(odataString(a))})?$select=id,appId,displayName`,
        {
          notFound: `No service principal with application id ${a} exists in the tenant.`,
          what: 'service principals',
          fix: 'Check the application (client) id, and create the enterprise app in this tenant if it is missing.',
        },
      );
      return { id: res.id, appId: res.appId, displayName: res.displayName };
    });
  }

  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      this.cache.set(key, p);
      // Failures are not cached: a retry of the run step should look again.
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  private async get<T>(path: string, ctx: { notFound?: string; what: string; fix?: string }): Promise<T> {
    const url = this.base + path;
    const attempts = this.opts.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      const token = await this.opts.tokenFor(this.scope);
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        });
      } catch (err) {
        if (attempt < attempts) {
          await sleep(1000 * 2 ** (attempt - 1));
          continue;
        }
        throw new UserError(
          `Microsoft Graph is unreachable (${new URL(url).origin}): ${(err as Error).message}`,
          {
            fix: 'Check network access to Graph, or give object ids so no look-up is needed.',
            cause: err,
            code: 'GraphUnreachable',
          },
        );
      }
      const text = await res.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      if (res.ok) return body as T;
      if ((res.status === 429 || res.status === 503 || res.status === 504) && attempt < attempts) {
        const retryAfter = Number(res.headers.get('retry-after') ?? NaN);
        await sleep(
          Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : 1000 * 2 ** (attempt - 1),
        );
        continue;
      }
      const err = (body as GraphError | undefined)?.error;
      if (res.status === 404 && ctx.notFound)
        throw new UserError(ctx.notFound, { fix: ctx.fix, code: 'PrincipalNotFound' });
      if (res.status === 401 || res.status === 403) {
        const permission = {
          users: 'User.ReadBasic.All',
          groups: 'GroupMember.Read.All',
          'service principals': 'Application.Read.All',
        }[ctx.what];
        throw new UserError(
          `Microsoft Graph refused to read ${ctx.what} (HTTP ${res.status}${err?.code ? ` ${err.code}` : ''}).`,
          {
            fix: `Grant the deploying identity the ${permission} application permission (admin consent), or give object ids instead of names.`,
            code: 'GraphForbidden',
          },
        );
      }
      throw new UserError(
        `Microsoft Graph failed reading ${ctx.what}: HTTP ${res.status}${err?.code ? ` ${err.code}` : ''}${err?.message ? `: ${err.message}` : ''}`,
        {
          fix: ctx.fix ?? 'Try again later, or give object ids instead of names.',
          code: 'GraphFailed',
        },
      );
    }
  }
}
