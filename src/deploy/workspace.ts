/**
 * Workspace-level desired state: the workspace itself, its capacity, its principals and its Git
 * connection. Everything here only reads (Fabric GETs and Graph look-ups) and refuses bad input
 * with a ConfigError before the first write.
 */
import { ConfigError, UserError, errorMessage, type SourceLocation } from '../errors';
import type {
  Capacity,
  GitConnection,
  GitConnectRequest,
  GitProviderDetails,
  PrincipalType,
  Workspace,
  WorkspaceRole,
} from '../fabric/types';
import type { GitConfig, PrincipalConfig } from '../settings/config';
import type { RunSettings } from '../settings/settings';
import { FabricOps } from './api';

/** Finds the target workspace by id or (case-insensitive) name; undefined when a named one does not exist. */
export async function findWorkspace(
  ops: FabricOps,
  target: { id?: string; name?: string },
): Promise<Workspace | undefined> {
  if (target.id) return ops.getWorkspace(target.id);
  const name = target.name!.toLowerCase();
  const all = await ops.listWorkspaces();
  const matches = all.filter((w) => w.displayName.toLowerCase() === name);
  if (matches.length > 1) {
    throw new ConfigError(`more than one workspace is named '${target.name}'`, {
      field: 'workspace.name',
      fix: 'give the workspace id instead of its name',
    });
  }
  // List answers may omit capacityAssignmentProgress and other details: read the workspace itself.
  return matches[0] ? ops.getWorkspace(matches[0].id) : undefined;
}

// ---------------------------------------------------------------- capacity

/** Resolves `workspace.capacity` (id or name) to an active capacity, or throws before any write. */
export async function resolveCapacity(ops: FabricOps, settings: RunSettings): Promise<Capacity | undefined> {
  const want = settings.config.workspace.capacity;
  if (!want || (!want.id && !want.name)) return undefined;
  const byId = Boolean(want.id);
  const location = settings.loaded.locate(['workspace', 'capacity', byId ? 'id' : 'name']);
  const field = `workspace.capacity.${byId ? 'id' : 'name'}`;
  const all = await ops.listCapacities();
  let cap: Capacity | undefined;
  if (want.id) {
    cap = all.find((c) => c.id.toLowerCase() === want.id!.toLowerCase());
  } else {
    const matches = all.filter((c) => c.displayName.toLowerCase() === want.name!.toLowerCase());
    if (matches.length > 1) {
      throw new ConfigError(`more than one capacity is named '${want.name}'`, {
        location,
        field,
        fix: 'give the capacity id instead of its name',
      });
    }
    cap = matches[0];
  }
  if (!cap) {
    const known = all
      .map((c) => `'${c.displayName}'`)
      .slice(0, 10)
      .join(', ');
    throw new ConfigError(
      `capacity ${byId ? want.id : `'${want.name}'`} was not found (or the identity has no admin or contributor rights on it)`,
      {
        location,
        field,
        fix: known
          ? `use one of the capacities this identity can see: ${known}`
          : 'grant the deploying identity contributor rights on the capacity',
      },
    );
  }
  if (cap.state !== 'Active') {
    throw new ConfigError(
      `capacity '${cap.displayName}' is ${cap.state} (CapacityNotInActiveState): workspaces cannot be assigned to it`,
      {
        location,
        field,
        fix: 'resume the capacity in the Azure portal (or choose an active one) and run again',
      },
    );
  }
  return cap;
}

// ---------------------------------------------------------------- principals

/** What src/identity/directory.ts offers (Microsoft Graph); undefined = not found. */
export interface PrincipalDirectory {
  userByUpn(upn: string): Promise<{ id: string; displayName?: string } | undefined>;
  groupByName(name: string): Promise<{ id: string; displayName?: string } | undefined>;
  servicePrincipalByAppId(appId: string): Promise<{ id: string; displayName?: string } | undefined>;
}

/** A principal entry from the config or the principals file, with where it was written. */
export interface PrincipalEntry extends PrincipalConfig {
  location?: SourceLocation;
  source: 'config' | 'file';
}

export interface DesiredPrincipal {
  id: string;
  type: PrincipalType;
  role: WorkspaceRole;
  /** How the user wrote it (upn, group name, appId or id), for messages. */
  label: string;
  parentPrincipalId?: string;
  source: 'config' | 'file';
  location?: SourceLocation;
}

/** The config's principals, each with its line. */
export function configPrincipals(settings: RunSettings): PrincipalEntry[] {
  return (settings.config.workspace.principals ?? []).map((p, i) => ({
    ...p,
    source: 'config' as const,
    location: settings.loaded.locate(['workspace', 'principals', i]),
  }));
}

/**
 * Resolves every entry to an object id and type (UPNs, group names and appIds through Graph) and
 * merges duplicates (the same principal twice with different roles is an error).
 */
export async function resolvePrincipals(
  entries: PrincipalEntry[],
  directory: PrincipalDirectory | undefined,
): Promise<DesiredPrincipal[]> {
  const out = new Map<string, DesiredPrincipal>();
  const lookups = entries.map(async (e): Promise<DesiredPrincipal> => {
    const field = e.source === 'config' ? 'workspace.principals' : 'workspace.principalsFile';
    const need = (what: string) => {
      if (!directory) {
        throw new ConfigError(
          `principal ${what} needs a Microsoft Graph look-up, but no directory is available`,
          {
            location: e.location,
            field,
            fix: 'give the object id (id: <guid>, type: User|Group|ServicePrincipal) instead, or run with an identity that can read the directory',
          },
        );
      }
      return directory;
    };
    const resolved = async (
      what: string,
      find: () => Promise<{ id: string } | undefined>,
    ): Promise<string> => {
      let hit: { id: string } | undefined;
      try {
        hit = await find();
      } catch (err) {
        if (err instanceof UserError) {
          throw new ConfigError(`principal ${what} could not be resolved: ${err.message}`, {
            location: e.location,
            field,
            fix: err.fix,
            cause: err,
          });
        }
        throw new ConfigError(
          `principal ${what} could not be resolved through Microsoft Graph: ${errorMessage(err)}`,
          {
            location: e.location,
            field,
            fix: 'check the name, and that the identity may read the directory (User.ReadBasic.All, GroupMember.Read.All, Application.Read.All)',
            cause: err,
          },
        );
      }
      if (!hit) {
        throw new ConfigError(`principal ${what} was not found in the directory`, {
          location: e.location,
          field,
          fix: 'check the spelling (UPN, group display name or application id), or give the object id instead',
        });
      }
      return hit.id;
    };
    const base = {
      role: e.role,
      source: e.source,
      location: e.location,
      parentPrincipalId: e.parentPrincipalId,
    };
    if (e.id) {
      if (!e.type) {
        throw new ConfigError(`principal ${e.id} has no type`, {
          location: e.location,
          field,
          fix: 'add type: User, Group, ServicePrincipal or ServicePrincipalProfile',
        });
      }
      if (e.type === 'ServicePrincipalProfile' && !e.parentPrincipalId) {
        throw new ConfigError(`service principal profile ${e.id} has no parentPrincipalId`, {
          location: e.location,
          field,
          fix: 'add parentPrincipalId: <object id of the service principal that owns the profile>',
        });
      }
      return {
        ...base,
        id: e.id.toLowerCase(),
        type: e.type,
        label: e.description ? `${e.description} (${e.id})` : e.id,
      };
    }
    if (e.upn) {
      const dir = need(`'${e.upn}'`);
      return {
        ...base,
        id: (await resolved(`'${e.upn}'`, () => dir.userByUpn(e.upn!))).toLowerCase(),
        type: 'User',
        label: e.upn,
      };
    }
    if (e.group) {
      const dir = need(`group '${e.group}'`);
      return {
        ...base,
        id: (await resolved(`group '${e.group}'`, () => dir.groupByName(e.group!))).toLowerCase(),
        type: 'Group',
        label: e.group,
      };
    }
    if (e.appId) {
      const dir = need(`app ${e.appId}`);
      const id = await resolved(`app ${e.appId}`, () => dir.servicePrincipalByAppId(e.appId!));
      return { ...base, id: id.toLowerCase(), type: 'ServicePrincipal', label: `app ${e.appId}` };
    }
    throw new ConfigError('principal needs one of id, upn, group or appId', {
      location: e.location,
      field,
      fix: 'add id: <object id> with its type, or upn:, group: or appId:',
    });
  });
  const settled = await Promise.allSettled(lookups);
  const firstError = settled.find((r) => r.status === 'rejected');
  if (firstError) throw (firstError as PromiseRejectedResult).reason;
  for (const r of settled) {
    const p = (r as PromiseFulfilledResult<DesiredPrincipal>).value;
    const twin = out.get(p.id);
    if (twin && twin.role !== p.role) {
      throw new ConfigError(
        `principal ${p.label} is listed twice with different roles (${twin.role} and ${p.role})`,
        {
          location: p.location,
          field: p.source === 'config' ? 'workspace.principals' : 'workspace.principalsFile',
          fix: 'keep one entry per principal',
        },
      );
    }
    out.set(p.id, p);
  }
  return [...out.values()];
}

// ---------------------------------------------------------------- git

export interface DesiredGit {
  config: GitConfig;
  connectBody: GitConnectRequest;
  /** Human form, e.g. GitHub contoso/sales@main:/workspace. */
  label: string;
}

/** Validates `workspace.git` and builds the connect request, before any write. */
export function desiredGit(settings: RunSettings): DesiredGit | undefined {
  const g = settings.config.workspace.git;
  if (!g) return undefined;
  const loc = (k: string) => settings.loaded.locate(['workspace', 'git', k]);
  if (g.provider === 'GitHub' && !g.owner) {
    throw new ConfigError('a GitHub connection needs the repository owner', {
      location: loc('provider'),
      field: 'workspace.git.owner',
      fix: 'add owner: <GitHub organisation or user>',
    });
  }
  if (g.provider === 'GitHub' && !g.connectionId) {
    throw new ConfigError('a GitHub connection needs a Fabric connection id holding the credentials', {
      location: loc('provider'),
      field: 'workspace.git.connectionId',
      fix: 'create a GitHub source-control connection in Fabric (Manage connections) and set connectionId: <its id>',
    });
  }
  if (g.provider === 'AzureDevOps' && (!g.organization || !g.project)) {
    throw new ConfigError('an Azure DevOps connection needs organization and project', {
      location: loc('provider'),
      field: g.organization ? 'workspace.git.project' : 'workspace.git.organization',
      fix: 'add organization: <org> and project: <project>',
    });
  }
  const directoryName = (g.directory ?? '/').replace(/^\/+/, '') || '/';
  const details: GitProviderDetails = {
    gitProviderType: g.provider,
    repositoryName: g.repository,
    branchName: g.branch,
    directoryName,
  };
  if (g.provider === 'GitHub') details.ownerName = g.owner;
  else {
    details.organizationName = g.organization;
    details.projectName = g.project;
  }
  const body: GitConnectRequest = { gitProviderDetails: details };
  if (g.connectionId)
    body.myGitCredentials = { source: 'ConfiguredConnection', connectionId: g.connectionId };
  const owner = g.provider === 'GitHub' ? g.owner : `${g.organization}/${g.project}`;
  return {
    config: g,
    connectBody: body,
    label: `${g.provider} ${owner}/${g.repository}@${g.branch}:/${directoryName === '/' ? '' : directoryName}`,
  };
}

/** True when the workspace's connection points at the same repository, branch and folder. */
export function sameGit(conn: GitConnection, want: DesiredGit): boolean {
  const d = conn.gitProviderDetails;
  if (!d) return false;
  const w = want.connectBody.gitProviderDetails;
  const norm = (s: string | undefined) => (s ?? '').replace(/^\/+|\/+$/g, '').toLowerCase();
  return (
    d.gitProviderType === w.gitProviderType &&
    norm(d.repositoryName) === norm(w.repositoryName) &&
    d.branchName === w.branchName &&
    norm(d.directoryName) === norm(w.directoryName) &&
    norm(d.ownerName) === norm(w.ownerName) &&
    norm(d.organizationName) === norm(w.organizationName) &&
    norm(d.projectName) === norm(w.projectName)
  );
}
