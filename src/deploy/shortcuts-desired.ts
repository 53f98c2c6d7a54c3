/**
 * The shortcuts a Lakehouse of the repository wants, as fabric-cicd computes them: its
 * `shortcuts.metadata.json` after parameter.yml, logical ids (a repository lakehouse's logical id → its
 * deployed id) and workspace ids (the zero GUID → the target workspace), then a OneLake `itemId` of the
 * zero GUID → the lakehouse itself (fabric-cicd's replace_default_lakehouse_id).
 *
 * While planning, a repository item not deployed yet has no id: it gets a stand-in of its own, so the
 * planner knows which lakehouse a shortcut waits for (`pending`).
 */
import { createHash } from 'node:crypto';
import { ZERO_GUID } from '../guid';
import type { ParameterFile, ResolvableRef } from '../items/parameters';
import { buildItemPayload, placeholder, withStandIns, type PayloadContext } from '../items/payload';
import type { RepoItem } from '../items/repo-item';
import {
  oneLakeTarget,
  parseShortcuts,
  SHORTCUTS_FILE,
  shortcutsFile,
  type ShortcutEntry,
} from '../items/shortcuts';

export interface DesiredShortcuts {
  /** The file, absolute. */
  file: string;
  entries: ShortcutEntry[];
  /** Stand-in id (lower case) → `${type}/${name}` key of the repository item it stands for (planning). */
  pending: Map<string, string>;
  /** The lakehouse's own id (a stand-in while planning a create). */
  selfId: string;
}

/** The part of the run's BuildContext this needs (kept structural: desired.ts imports this module). */
export interface ShortcutContext {
  workspaceId: string;
  workspaceName: string;
  logicalIds: ReadonlyMap<string, string>;
  idsByName: ReadonlyMap<string, string>;
  planning?: boolean;
}

const keyOf = (type: string, name: string) => `${type}/${name.toLowerCase()}`;

/** A GUID-shaped stand-in, different per item, never a real id (version nibble 0). */
function standIn(seed: string): string {
  const h = createHash('sha256').update(`fabric-deploy stand-in ${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-0${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function shortcutsOf(
  r: RepoItem,
  repo: readonly RepoItem[],
  b: ShortcutContext,
  opts: { parameters?: ParameterFile; environment?: string; outOfScope?: RepoItem[] },
  resolve: (ref: ResolvableRef) => Promise<string | undefined>,
): Promise<DesiredShortcuts> {
  const file = shortcutsFile(r)!;
  const pending = new Map<string, string>();
  const stand = (o: Pick<RepoItem, 'type' | 'displayName'>) => {
    const id = standIn(keyOf(o.type, o.displayName));
    pending.set(id, keyOf(o.type, o.displayName));
    return id;
  };
  const logicalIds = b.planning ? withStandIns(b.logicalIds, repo, stand) : new Map(b.logicalIds);
  const ctx: PayloadContext = {
    logicalIds,
    workspaceId: b.workspaceId,
    workspaceName: b.workspaceName,
    environment: opts.environment,
    parameters: opts.parameters,
    items: repo,
    outOfScope: opts.outOfScope,
    // A Lakehouse sends no definition; its shortcuts file goes through the same rewrites all the same.
    definitionForShell: true,
    resolve: async (ref) => {
      const v = await resolve(ref);
      if (v !== undefined || !b.planning || ref.kind !== 'item' || ref.workspace) return v;
      const o = repo.find((x) => x.type === ref.type && x.displayName === ref.name);
      if (!o) return v;
      return ref.attribute === 'id' ? stand(o) : placeholder(ref);
    },
  };
  const out = await buildItemPayload({ ...r, files: [file] }, ctx);
  const part = out.definition?.parts.find((p) => p.path === SHORTCUTS_FILE);
  const text = part ? Buffer.from(part.payload, 'base64').toString('utf8') : file.bytes.toString('utf8');
  const selfId = b.idsByName.get(keyOf(r.type, r.displayName)) ?? stand(r);
  const entries = parseShortcuts(text, file.absPath, file.bytes.toString('utf8'));
  for (const e of entries) {
    const one = oneLakeTarget(e.shortcut);
    if (one?.itemId === ZERO_GUID)
      e.shortcut = {
        ...e.shortcut,
        target: {
          ...e.shortcut.target,
          oneLake: { ...(e.shortcut.target.oneLake as object), itemId: selfId },
        },
      };
  }
  return { file: file.absPath, entries, pending, selfId };
}
