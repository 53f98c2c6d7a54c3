/**
 * The plan's vocabulary: what a plan says about each resource (workspace, capacity, principals, Git,
 * folders, items). Plain data (and the words for it): `plan` prints and saves it, `deploy` executes it, every reporter reads it.
 */
import type {
  Folder,
  GitConnection,
  GitStatusResponse,
  Item,
  ItemDefinition,
  RoleAssignment,
  Workspace,
} from '../../fabric/types';
import type { LockState } from '../lock';

/** What the plan does with an item; the report speaks the plan's vocabulary. */
export type ItemAction = 'create' | 'update' | 'unchanged' | 'delete' | 'move';

export interface PlannedItem {
  key: string;
  type: string;
  name: string;
  logicalId?: string;
  action: ItemAction;
  id?: string;
  /** Workspace folder ('' = root). */
  folder: string;
  /** Set when the item changes folder (alone: action 'move'; with a definition change: action 'update'). */
  fromFolder?: string;
  /** Set when the item is renamed: its name in the workspace (matched by name case, or by logical id). */
  fromName?: string;
  dependsOn: string[];
  /** Why it changes (changed parts, description), or why an orphan is kept. */
  reason?: string;
  /** An update: each part that differs, with its diff; a create: every part it sends. */
  parts?: PartChange[];
  /** Steps after the definition (semantic_model_binding, value-set activation): 'apply' is a change even when the item is unchanged. */
  steps?: PlannedStep[];
  /** How the deployed definition was read (items the workspace has), and why not by the export. */
  read?: DefinitionRead;
  /** How a changed item is written when the run uses the bulk import: by it, or by the graph and why. */
  write?: WriteRoute;
}

/** How a changed item is written: in a bulkImportDefinitions call, or by its own calls (the graph). */
export interface WriteRoute {
  path: 'bulk' | 'graph';
  /** Why not by the bulk import. */
  reason?: string;
}

/** An estimate of one way to write the changed items (src/deploy/bulk/strategy.ts). */
export interface CostEstimate {
  /** API calls, polls included. */
  calls: number;
  polls: number;
  seconds: number;
  /** Bulk: rounds of import calls (a new round waits for what the graph writes first). */
  stages?: number;
}

/** `strategy`: what was asked, what the run uses and why, each path's share, and the estimate. */
export interface StrategyReport {
  requested: 'auto' | 'graph' | 'bulk';
  chosen: 'graph' | 'bulk';
  reason: string;
  bulkItems: number;
  graphItems: number;
  /** Bulk chosen: the changed items that go through the graph all the same, and why. */
  fallback?: { type: string; name: string; reason: string }[];
  estimate: { graph: CostEstimate; bulk: CostEstimate };
}

export interface PlannedStep {
  kind: 'bind-connection' | 'activate-value-set' | 'shortcut';
  action: 'apply' | 'unchanged';
  /** activate-value-set: the value set's name. */
  value?: string;
  /** What it does, for a reader (names and ids, never a secret). */
  detail: string;
}

/** How one deployed definition was read: by the workspace's bulk export, or by its own getDefinition. */
export interface DefinitionRead {
  path: 'export' | 'getDefinition';
  /** Why not by the export (left out of it, refused, a format asked for, a protected label). */
  reason?: string;
}

/** The plan's definition reads, counted: how many by each path, export calls, and each reason's count. */
export interface DefinitionReads {
  export: number;
  getDefinition: number;
  exportCalls: number;
  reasons: Record<string, number>;
}

/** "498 by export (1 call), 2 by getDefinition (2 left out of the export)": the log's and the summary's words. */
export function readsText(s: DefinitionReads): string {
  const parts: string[] = [];
  if (s.export || s.exportCalls)
    parts.push(`${s.export} by export (${s.exportCalls} call${s.exportCalls === 1 ? '' : 's'})`);
  if (s.getDefinition) {
    const why = Object.entries(s.reasons)
      .map(([reason, n]) => `${n} ${reason}`)
      .join('; ');
    parts.push(`${s.getDefinition} by getDefinition${why ? ` (${why})` : ''}`);
  }
  return parts.join(', ') || 'none';
}

/**
 * One part of an item's definition as the plan changes it, for a reviewer: the unified diff of its
 * normalised text (the workspace's → the repository's after parameter.yml), or size and SHA-256 when
 * binary. Values resolved from `${secret:NAME}` stand as their references.
 */
export interface PartChange {
  path: string;
  change: 'add' | 'remove' | 'change';
  /** Lines added and removed (text parts; an added part counts all its lines). */
  added: number;
  removed: number;
  /** Unified diff hunks (`@@ … @@` and their lines), for a changed text part. */
  diff?: string;
  /** Why a changed text part has no diff. */
  note?: string;
  /** Size in bytes of the repository's part, and of the workspace's (absent on the side that has none). */
  size?: number;
  fromSize?: number;
  /** Binary parts: SHA-256 (hex) of each side. */
  sha256?: string;
  fromSha256?: string;
}

export interface PlannedPrincipal {
  id: string;
  type: string;
  label: string;
  role: string;
  action: 'add' | 'update' | 'unchanged';
  fromRole?: string;
  source: 'config' | 'file';
}

export interface PlannedFolder {
  path: string;
  action: 'create' | 'unchanged';
  id?: string;
}

export interface Plan {
  version: 1;
  deploymentId: string;
  createdAt: string;
  environment?: string;
  workspace: {
    action: 'create' | 'update' | 'unchanged';
    id?: string;
    name: string;
    description?: string;
    fromDescription?: string;
  };
  capacity?: { action: 'assign' | 'unchanged'; id: string; name: string; fromId?: string };
  principals: PlannedPrincipal[];
  git?: {
    action: 'connect' | 'unchanged';
    label: string;
    initialize?: 'PreferRemote' | 'PreferWorkspace';
    updateFromGit: boolean;
    state?: string;
  };
  folders: PlannedFolder[];
  /** Every desired item (dependency order), then orphans (action 'delete' when deleteOrphans is on). */
  items: PlannedItem[];
  /** Deployed items not in the repository that stay (orphan deletion off, or a type holding data). */
  unmanaged: { type: string; name: string; id: string; reason: string }[];
  /** Another deployment's lock seen while planning. */
  lockedBy?: { deploymentId: string; since: string };
  hasChanges: boolean;
  counts: Record<string, number>;
  /** How the deployed definitions were read (absent when none was: a new workspace, no shared items). */
  reads?: DefinitionReads;
  /** How the changed items are written (`strategy`), set by deploy and plan. */
  strategy?: StrategyReport;
  warnings: string[];
  /** What the plan was made from, as digests: `deploy --plan-file` refuses a plan whose sources moved. */
  fingerprint?: PlanFingerprint;
}

/** What the workspace holds, as the plan read it (`readActualState`); the other input of `diff`. */
export interface ActualState {
  /** Absent: the workspace does not exist yet (everything else is then empty). */
  workspace?: Workspace;
  items: Item[];
  /** The workspace's folders, lock folders left out. */
  folders: Folder[];
  /** Other deployments' locks, and markers earlier versions left. */
  lockState: LockState;
  /** Read only when the configuration manages principals. */
  roles: RoleAssignment[];
  git?: GitConnection;
  /** Read only when an initialized connection may need an update from Git. */
  gitStatus?: GitStatusResponse;
  /** Definitions of the deployed items the repository also has (desired key → definition). */
  definitions: Map<string, ItemDefinition>;
  /** How each of those definitions was read (desired key → path and reason), and the counts. */
  reads?: Map<string, DefinitionRead>;
  readSummary?: DefinitionReads;
  /** Repository items deployed under another name, matched by logical id (desired key → item id). */
  renames?: ReadonlyMap<string, string>;
}

/** A plan's fingerprint (src/deploy/plan/fingerprint.ts makes it). */
export interface PlanFingerprint {
  /** SHA-256 (hex) of what the plan read from the workspace. */
  workspace: string;
  /** SHA-256 (hex) of what the plan was asked to deploy. */
  repository: string;
  /** Each item's share of both, by plan key (a side absent: the item was not there). */
  items: Record<string, { workspace?: string; repository?: string }>;
  /** The rest of each side (everything but the items), to tell "an item" from "the workspace itself". */
  workspaceRest: string;
  repositoryRest: string;
}
