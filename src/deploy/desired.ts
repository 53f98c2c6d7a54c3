/**
 * Desired state of the items, in the shape the planner and the scheduler need. The repository
 * format (layout, parameter.yml, definition building) belongs to src/items; this file adapts what
 * it produces and supplies the deploy-time answers it asks for (`$items` attributes, other
 * workspaces, spark pools), so the planner never reads a file itself.
 */
import { createHash } from 'node:crypto';
import type { RunContext } from '../context';
import { combineProblems, ConfigError, ConfigProblems, type SourceLocation } from '../errors';
import type { ItemDefinition } from '../fabric/types';
import { loadParameterFile, type ParameterFile, type ResolvableRef } from '../items/parameters';
import { parameterFileProblems } from '../items/parameters/load';
import {
  buildItemPayload,
  placeholder,
  validateParameters,
  withStandIns,
  type ItemPayload,
} from '../items/payload';
import { dependencyGraph, validateItemReferences } from '../items/references';
import { scanRepository } from '../items/repository';
import { type RepoItem } from '../items/repo-item';
import { at } from '../items/json';
import { itemTypeInfo } from '../items/types';
import { checkNaming } from '../settings/naming';
import { checkSelection } from './guards';
import { isNotFound, type FabricOps } from './api';
import { locateWarning } from '../report/warnings';
import { lineCount } from './plan/parts';
import { shortcutsOf, type DesiredShortcuts } from './shortcuts-desired';
import { shortcutsFile } from '../items/shortcuts';

export type TargetReads = Pick<
  FabricOps,
  'findWorkspaceByName' | 'listSparkPools' | 'listItems' | 'waitForLakehouseSqlEndpoint' | 'getTypedItem'
>;

/** What a payload builder can ask about the target while an item is being planned or deployed. */
export interface BuildContext {
  workspaceId: string;
  workspaceName: string;
  /** logicalId → deployed id, for every item already present (found in the workspace or deployed in this run). */
  logicalIds: ReadonlyMap<string, string>;
  /** `${type}/${lower-case name}` → deployed id, same coverage as logicalIds. */
  idsByName: ReadonlyMap<string, string>;
  /** The reads a reference may need (the run's FabricOps). */
  client: TargetReads;
  /**
   * Planning: references to repository items not deployed yet are answered with placeholders (the
   * item will change); deploying: they are errors (the graph deploys them first).
   */
  planning?: boolean;
}

export interface DesiredPayload {
  definition?: ItemDefinition;
  creationPayload?: Record<string, unknown>;
  /** VariableLibrary: value set to activate after the deploy. */
  activeValueSetName?: string;
  warnings: string[];
}

export interface DesiredItem {
  /** Unique and stable: `${type}/${lower-case displayName}` (Fabric keeps names unique per type). */
  key: string;
  type: string;
  displayName: string;
  description?: string;
  logicalId: string;
  /**
   * Workspace folder path, '' for the root, '/a/b' otherwise; undefined when folders are not managed
   * (`items.folders: false`): new items go to the root, existing ones stay where they are.
   */
  folderPath?: string;
  /** Metadata only: created with creationPayload (if any) and updated with PATCH; no definition parts. */
  shell: boolean;
  /** Keys of the items this one references (must be deployed first). */
  dependsOn: string[];
  location?: SourceLocation;
  /** The files of its folder as the repository has them (`.platform` first), listed by a plan's create. */
  files?: readonly RepoFileFacts[];
  /** SHA-256 of the folder's files as read (paths and bytes): the item's part of a plan's fingerprint. */
  contentHash?: string;
  /** What to send, references resolved through the context. */
  payload(ctx: BuildContext): Promise<DesiredPayload>;
  /** A Lakehouse with a shortcuts.metadata.json: its shortcuts, ids resolved through the context. */
  shortcuts?(ctx: BuildContext): Promise<DesiredShortcuts>;
}

/** A file of an item's folder: path, size, lines (text) or SHA-256 (binary). */
export interface RepoFileFacts {
  path: string;
  size: number;
  lines?: number;
  sha256?: string;
}

export interface DesiredState {
  items: DesiredItem[];
  /** Workspace folders the items need, parents first. */
  folders: string[];
  warnings: string[];
  parameters?: ParameterFile;
  /**
   * Checks that need the target's items: every `$items` value must name an item of the repository
   * or of the workspace. Runs while planning, before any write.
   */
  checkAgainst(deployed: readonly { type: string; displayName: string }[]): void;
}

/** A payload builder's context for workspace `ws`, where the items in `ids` (key → id) are deployed. */
export function buildContextFrom(
  ops: FabricOps,
  ws: { id: string; displayName: string },
  desired: Iterable<DesiredItem>,
  ids: Map<string, string>,
): BuildContext {
  const logicalIds = new Map<string, string>();
  for (const d of desired) {
    const id = ids.get(d.key);
    if (id) logicalIds.set(d.logicalId, id);
  }
  return {
    workspaceId: ws.id,
    workspaceName: ws.displayName,
    logicalIds,
    idsByName: ids,
    client: ops,
  };
}

export function itemKey(type: string, displayName: string): string {
  return `${type}/${displayName.toLowerCase()}`;
}

/**
 * Type rules on top of explicit references: an item of the key type waits for every repository
 * item of the listed types (notebooks and Spark jobs attach lakehouses, reports bind to models,
 * KQL querysets read their database's URI). Lakehouses are created at once (201), so the rule costs
 * little; environments are left to explicit references, as they take minutes to publish.
 */
export const TYPE_RULES: Record<string, string[]> = {
  Notebook: ['Lakehouse'],
  SparkJobDefinition: ['Lakehouse'],
  Report: ['SemanticModel'],
  KQLDatabase: ['Eventhouse'],
  KQLQueryset: ['KQLDatabase'],
  KQLDashboard: ['KQLDatabase'],
};

/** Reads the repository and the parameter file into desired items. Pure reading and validation: nothing is sent. */
export async function loadDesired(ctx: RunContext): Promise<DesiredState> {
  const s = ctx.settings;
  const scan = await scanRepository(s.itemsDirectory, {
    types: s.config.items?.types,
    exclude: s.config.items?.exclude,
    configLocation: s.loaded.locate(['items', 'directory']),
    maxFileBytes: s.config.items?.maxFileBytes,
  }).catch((err: unknown) => {
    // The item folders' problems and parameter.yml's are reported together.
    throw combineProblems([
      err,
      ...(s.parameterFile
        ? parameterFileProblems(s.parameterFile, {
            environment: s.environment,
            repositoryDir: s.itemsDirectory,
          })
        : []),
    ]);
  });
  checkSelection({
    selected: scan.items.length,
    outOfScope: scan.outOfScope.length,
    directory: s.itemsDirectory,
    types: s.config.items?.types,
    exclude: s.config.items?.exclude,
    // destroy never deletes orphans: only the items the repository names.
    deleteOrphans: s.deleteOrphans && s.command !== 'destroy',
    allowEmpty: s.allowEmpty,
    location: s.loaded.locate(['items', 'directory']),
  });
  const warnings = [
    ...scan.warnings,
    ...checkNaming(scan.items, s.config.naming, { locate: s.loaded.locate }),
  ];
  let parameters: ParameterFile | undefined;
  if (s.parameterFile) {
    parameters = loadParameterFile(s.parameterFile, {
      environment: s.environment,
      repositoryDir: scan.root,
      extraTypes: scan.items.map((i) => i.type),
    });
    const notApplied = validateParameters(parameters, scan.items, s.environment, scan.outOfScope, {
      shortcuts: s.features.shortcuts,
    }).warnings;
    if (s.strictParameters && notApplied.length) throw strictParameterError(notApplied, s.environment);
    warnings.push(...notApplied);
  }
  const items = fromRepoItems(scan.items, {
    folders: s.config.items?.folders !== false,
    parameters,
    environment: s.environment,
    outOfScope: scan.outOfScope,
  });
  const folders = s.config.items?.folders === false ? [] : scan.folders;
  const checkAgainst = (deployed: readonly { type: string; displayName: string }[]) => {
    if (parameters) validateItemReferences(parameters, scan.items, deployed, s.environment);
  };
  return { items, folders, warnings, parameters, checkAgainst };
}

export function fromRepoItems(
  repo: RepoItem[],
  opts: {
    folders: boolean;
    parameters?: ParameterFile;
    environment?: string;
    /** Repository items outside items.types / items.exclude: references to them map by type + name. */
    outOfScope?: RepoItem[];
  },
): DesiredItem[] {
  const keyOf = new Map(repo.map((r) => [r, itemKey(r.type, r.displayName)]));
  const byRepoKey = new Map(repo.map((r) => [r.key, r]));
  // References (logical ids, $items, names Fabric's format uses) come from src/items, which also
  // refuses a cycle among them with the reason for each edge.
  const graph = dependencyGraph(repo, opts.parameters);
  const deps = new Map<RepoItem, Set<string>>();
  for (const r of repo)
    deps.set(
      r,
      new Set([...(graph.get(r.key) ?? [])].map((k) => keyOf.get(byRepoKey.get(k)!)!).filter(Boolean)),
    );
  // Type rules, unless the other item already (directly) depends on this one.
  const byType = new Map<string, RepoItem[]>();
  for (const r of repo) (byType.get(r.type) ?? byType.set(r.type, []).get(r.type)!).push(r);
  for (const r of repo) {
    for (const t of TYPE_RULES[r.type] ?? []) {
      for (const o of byType.get(t) ?? [])
        if (o !== r && !deps.get(o)!.has(keyOf.get(r)!)) deps.get(r)!.add(keyOf.get(o)!);
    }
  }
  return repo.map((r) => {
    const info = itemTypeInfo(r.type);
    const item: DesiredItem = {
      key: keyOf.get(r)!,
      type: r.type,
      displayName: r.displayName,
      description: r.description,
      logicalId: r.logicalId,
      folderPath: opts.folders ? r.folderPath : undefined,
      shell: info.shell,
      dependsOn: [...deps.get(r)!],
      location: { file: r.platformFile },
      files: fileFacts(r),
      contentHash: contentHash(r),
      payload: (b) => payloadOf(r, repo, b, opts),
    };
    if (shortcutsFile(r)) item.shortcuts = (b) => shortcutsOf(r, repo, b, opts, (ref) => resolveRef(ref, b));
    return item;
  });
}

function contentHash(r: RepoItem): string {
  const h = createHash('sha256');
  const add = (p: string, bytes: Buffer) => h.update(`${p.length}:${p}${bytes.length}:`).update(bytes);
  add('.platform', Buffer.from(r.platformText, 'utf8'));
  for (const f of r.files) add(f.path, f.bytes);
  return h.digest('hex');
}

function fileFacts(r: RepoItem): RepoFileFacts[] {
  const text = (path: string, bytes: Buffer): RepoFileFacts => ({
    path,
    size: bytes.length,
    lines: lineCount(bytes.toString('utf8').replace(/\r\n?/g, '\n').replace(/\s+$/, '')),
  });
  return [
    text('.platform', Buffer.from(r.platformText, 'utf8')),
    ...r.files.map((f) =>
      f.binary
        ? { path: f.path, size: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest('hex') }
        : text(f.path, f.bytes),
    ),
  ];
}

async function payloadOf(
  r: RepoItem,
  repo: RepoItem[],
  b: BuildContext,
  opts: { parameters?: ParameterFile; environment?: string; outOfScope?: RepoItem[] },
): Promise<DesiredPayload> {
  // A copy: the payload builder caches per map object, and the live map grows during the run.
  const logicalIds = b.planning ? withStandIns(b.logicalIds, repo, () => STAND_IN) : new Map(b.logicalIds);
  const out: ItemPayload = await buildItemPayload(r, {
    logicalIds,
    workspaceId: b.workspaceId,
    workspaceName: b.workspaceName,
    environment: opts.environment,
    parameters: opts.parameters,
    items: repo,
    outOfScope: opts.outOfScope,
    resolve: async (ref) => {
      const v = await resolveRef(ref, b);
      if (
        v === undefined &&
        b.planning &&
        ref.kind === 'item' &&
        !ref.workspace &&
        repo.some((o) => itemKey(o.type, o.displayName) === itemKey(ref.type, ref.name))
      ) {
        return placeholder(ref);
      }
      return v;
    },
  });
  return {
    definition: out.definition,
    creationPayload: out.creationPayload,
    activeValueSetName: out.activeValueSetName,
    warnings: out.warnings,
  };
}

const STAND_IN = 'eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee';

// ---------------------------------------------------------------- deploy-time answers

/** Collection path of a type's typed endpoints: KQLDatabase → kqlDatabases, Lakehouse → lakehouses. */
export function collectionOf(type: string): string {
  const m = /^([A-Z]+)([A-Z][a-z].*)$/.exec(type);
  const camel = m ? m[1]!.toLowerCase() + m[2] : type[0]!.toLowerCase() + type.slice(1);
  return `${camel}s`;
}

function pick(obj: unknown, dotted: string): string | undefined {
  const v = at(obj, ...dotted.split('.'));
  return typeof v === 'string' && v ? v : undefined;
}

/** `$items…`, `$workspace.<name>` and spark pools; undefined = no such thing (a ConfigError at the parameter's line). */
export async function resolveRef(ref: ResolvableRef, b: BuildContext): Promise<string | undefined> {
  const client = b.client;
  if (ref.kind === 'workspace') return (await client.findWorkspaceByName(ref.name))?.id;
  if (ref.kind === 'sparkPool') {
    const pools = await client.listSparkPools(b.workspaceId).catch((e) => {
      if (isNotFound(e)) return [];
      throw e;
    });
    return pools.find((p) => p.name === ref.name && p.type === ref.poolType)?.id;
  }
  let wsId = b.workspaceId;
  let id: string | undefined;
  if (ref.workspace) {
    const ws = await client.findWorkspaceByName(ref.workspace);
    if (!ws) return undefined;
    wsId = ws.id;
  } else {
    id = b.idsByName.get(itemKey(ref.type, ref.name));
  }
  if (!id) {
    const found = (await client.listItems(wsId, ref.type)).find(
      (i) => i.displayName.toLowerCase() === ref.name.toLowerCase(),
    );
    id = found?.id;
  }
  if (!id || ref.attribute === 'id') return id;
  const prop = itemTypeInfo(ref.type).attributes[ref.attribute];
  if (!prop) {
    throw new ConfigError(
      `$items.${ref.type}.${ref.name}.$${ref.attribute}: a ${ref.type} has no ${ref.attribute}`,
      {
        fix: `use $id, or an attribute this type has`,
      },
    );
  }
  // A new lakehouse's SQL endpoint is provisioned after the create: wait for it rather than read an empty value.
  const typed =
    ref.type === 'Lakehouse' && ref.attribute !== 'queryserviceuri'
      ? await client.waitForLakehouseSqlEndpoint(wsId, id)
      : await client.getTypedItem(wsId, collectionOf(ref.type), id);
  return pick(typed, prop);
}

/** strict-parameters: every rule that would not be applied, each at its line, as one refusal. */
function strictParameterError(
  notApplied: readonly string[],
  environment: string | undefined,
): ConfigProblems {
  const fix = `give the rule a value for ${environment ? `environment '${environment}'` : 'every environment'} (or _ALL_), or correct its find_value and filters; strict-parameters: false makes these warnings again`;
  const problems = notApplied.map((w) => {
    const { message, location } = locateWarning(w);
    return new ConfigError(message, { location, field: 'strict-parameters', fix });
  });
  return new ConfigProblems(
    problems,
    `strict-parameters: ${problems.length} parameter rule${problems.length === 1 ? '' : 's'} would not be applied; nothing was changed`,
    { field: 'strict-parameters', fix },
  );
}
