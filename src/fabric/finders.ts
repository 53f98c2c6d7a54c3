/**
 * What a resend looks for after a lost answer, so that a create (or Git connect, initialize, update)
 * that the service applied is not applied twice: the retry policy calls the finder first and takes
 * what it finds as the answer.
 */
import type {
  Folder,
  GitConnection,
  GitConnectRequest,
  GitStatusResponse,
  InitializeGitConnectionResponse,
  Item,
  RoleAssignment,
  Workspace,
} from './types';

/** The reads the finders make (FabricClient has them). */
export interface FinderReads {
  readonly baseUrl: string;
  findWorkspaceByName(displayName: string): Promise<Workspace | undefined>;
  listItems(workspaceId: string, type?: string): Promise<Item[]>;
  listAll<T>(operation: string, path: string): Promise<T[]>;
  listFolders(workspaceId: string): Promise<Folder[]>;
  listRoleAssignments(workspaceId: string): Promise<RoleAssignment[]>;
  getGitConnection(workspaceId: string): Promise<GitConnection>;
  getGitStatus(workspaceId: string): Promise<GitStatusResponse>;
}

/**
 * For a POST that creates something, a function that looks for it (list/get by name). The retry policy
 * calls it before sending the create again after a lost answer: no duplicates, ever.
 */
export function createFinder(
  c: FinderReads,
  url: string,
  body: unknown,
): (() => Promise<unknown | undefined>) | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const u = new URL(url);
  const base = new URL(c.baseUrl);
  if (u.origin !== base.origin || !u.pathname.startsWith(base.pathname)) return undefined;
  const rel = u.pathname.slice(base.pathname.replace(/\/$/, '').length);
  const name = typeof b.displayName === 'string' ? b.displayName : undefined;

  if (rel === '/workspaces' && name) {
    return () => c.findWorkspaceByName(name);
  }
  let m = /^\/workspaces\/([^/]+)\/items$/.exec(rel);
  if (m && name) {
    const ws = decodeURIComponent(m[1]!);
    const type = typeof b.type === 'string' ? b.type : undefined;
    return async () =>
      (await c.listItems(ws, type)).find((i) => sameName(i.displayName, name) && (!type || i.type === type));
  }
  m =
    /^\/workspaces\/([^/]+)\/(lakehouses|notebooks|semanticModels|reports|dataPipelines|environments|warehouses|[A-Za-z]+s)$/.exec(
      rel,
    );
  if (m && name && !['folders', 'roleAssignments'].includes(m[2]!)) {
    const path = `/workspaces/${m[1]}/${m[2]}`;
    return async () =>
      (await c.listAll<Item>('look for created item', path)).find((i) => sameName(i.displayName, name));
  }
  m = /^\/workspaces\/([^/]+)\/folders$/.exec(rel);
  if (m && name) {
    const ws = decodeURIComponent(m[1]!);
    const parent = typeof b.parentFolderId === 'string' && b.parentFolderId ? b.parentFolderId : undefined;
    return async () =>
      (await c.listFolders(ws)).find(
        (f) => sameName(f.displayName, name) && (f.parentFolderId || undefined) === parent,
      );
  }
  m = /^\/workspaces\/([^/]+)\/roleAssignments$/.exec(rel);
  const principal = b.principal as { id?: string } | undefined;
  if (m && principal?.id) {
    const ws = decodeURIComponent(m[1]!);
    const role = b.role;
    return async () =>
      (await c.listRoleAssignments(ws)).find(
        (r) => r.principal.id.toLowerCase() === principal.id!.toLowerCase() && r.role === role,
      );
  }
  return undefined;
}

/** A connection that matches the request is the first attempt's doing, and counts as done. */
export function gitConnectFinder(c: FinderReads, workspaceId: string, req: GitConnectRequest) {
  return async (): Promise<GitConnection | undefined> => {
    const conn = await c.getGitConnection(workspaceId);
    return conn.gitConnectionState !== 'NotConnected' && sameGitProvider(conn, req) ? conn : undefined;
  };
}

/**
 * A connection already initialized is the first attempt's doing; what it would have answered is rebuilt
 * from the heads in the Git status.
 */
export function gitInitializeFinder(c: FinderReads, workspaceId: string) {
  return async (): Promise<InitializeGitConnectionResponse | undefined> => {
    const conn = await c.getGitConnection(workspaceId);
    if (conn.gitConnectionState !== 'ConnectedAndInitialized') return undefined;
    const st = await c.getGitStatus(workspaceId);
    const remote = st.remoteCommitHash ?? undefined;
    const head = st.workspaceHead ?? undefined;
    return {
      requiredAction: remote && remote !== head ? 'UpdateFromGit' : 'None',
      remoteCommitHash: remote,
      workspaceHead: head,
    } as InitializeGitConnectionResponse;
  };
}

/** A workspace whose head is already the requested remote commit was updated. */
export function gitUpdateFinder(c: FinderReads, workspaceId: string, remoteCommitHash: string | undefined) {
  return async (): Promise<object | undefined> => {
    const st = await c.getGitStatus(workspaceId);
    return remoteCommitHash && st.workspaceHead === remoteCommitHash ? {} : undefined;
  };
}

/** The connection points at the repository, branch and folder the connect request asked for. */
function sameGitProvider(conn: GitConnection, req: GitConnectRequest): boolean {
  const have = (conn.gitProviderDetails ?? {}) as unknown as Record<string, unknown>;
  const want = req.gitProviderDetails as unknown as Record<string, unknown>;
  const norm = (v: unknown) => (typeof v === 'string' ? v.replace(/^\/+|\/+$/g, '').toLowerCase() : v);
  return Object.keys(want).every((k) => want[k] === undefined || norm(have[k]) === norm(want[k]));
}

/** Fabric's name comparison is undocumented; case-insensitive is the safe assumption. */
export function sameName(a: string | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}
