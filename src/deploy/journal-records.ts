/**
 * What a journal holds: the records of steps and how to undo each. Shared by the journal writer
 * (journal.ts) and the replay (undo.ts), which a rollback from the file alone runs without the other.
 */
import type { Connection, ItemDefinition, Shortcut, WorkspaceRole } from '../fabric/types';

/** How to undo one applied step. Everything needed is in the record: a journal is replayable alone. */
export type Undo =
  | {
      kind: 'delete-item';
      workspaceId: string;
      itemId?: string;
      type: string;
      name: string;
      /** The repository's logical id: how a create whose answer never came is found when its name is not. */
      logicalId?: string;
      /** Ids of the items of this type the workspace had before the run: never taken for this one. */
      priorIds?: string[];
    }
  | {
      kind: 'restore-definition';
      workspaceId: string;
      itemId: string;
      type: string;
      name: string;
      /** In memory always; on disk left out when `snapshot` holds it (a bulk import's update). */
      definition: ItemDefinition;
      /** The rollback snapshot that holds the definition (bulk/snapshot.ts), beside the journal. */
      snapshot?: string;
    }
  | {
      kind: 'restore-item-metadata';
      workspaceId: string;
      itemId: string;
      type: string;
      name: string;
      description: string;
      /** The display name before the run (older journals: `name`). */
      displayName?: string;
    }
  | { kind: 'move-item'; workspaceId: string; itemId: string; type: string; name: string; folderId?: string }
  | { kind: 'delete-folder'; workspaceId: string; folderId?: string; name: string; parentFolderId?: string }
  | { kind: 'remove-role'; workspaceId: string; principalId: string; principal: string }
  | { kind: 'restore-role'; workspaceId: string; principalId: string; principal: string; role: WorkspaceRole }
  | { kind: 'disconnect-git'; workspaceId: string }
  | { kind: 'restore-capacity'; workspaceId: string; capacityId?: string }
  | { kind: 'restore-workspace'; workspaceId: string; description: string }
  | { kind: 'restore-value-set'; workspaceId: string; itemId: string; valueSet: string }
  /** A semantic model's data source rebound as it was (connectivityType None: unbound). */
  | { kind: 'restore-binding'; workspaceId: string; itemId: string; name: string; connection: Connection }
  /** A shortcut this run created: deleted (`name` is the lakehouse's). */
  | {
      kind: 'delete-shortcut';
      workspaceId: string;
      itemId: string;
      name: string;
      path: string;
      shortcutName: string;
    }
  /** A shortcut this run replaced or deleted: put back as it was. */
  | { kind: 'restore-shortcut'; workspaceId: string; itemId: string; name: string; shortcut: Shortcut }
  | { kind: 'delete-workspace'; workspaceId: string; name: string }
  /** A workspace create whose answer never came: found by its name (unique in the tenant; the plan saw none). */
  | { kind: 'delete-workspace-by-name'; name: string }
  | { kind: 'release-lock'; workspaceId: string; folderId?: string; name: string }
  | { kind: 'none'; reason: string };

export interface StepTarget {
  type: string;
  name?: string;
  id?: string;
}

export type StepStatus = 'pending' | 'applied' | 'failed' | 'undone' | 'undo-failed' | 'undo-skipped';

export interface StepRecord {
  seq: number;
  /** Audit action, e.g. item.create, role.add, git.connect. */
  action: string;
  target: StepTarget;
  undo: Undo;
  status: StepStatus;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  error?: string;
  /** The failure proves nothing changed (a 4xx answer): no blind undo needed. */
  definite?: boolean;
  undoError?: string;
  /** Its outcome was unknown and the lookup found nothing: not applied as far as anyone can tell. */
  absent?: boolean;
}

export interface JournalHeader {
  rec: 'begin';
  journal: 'fabric-deploy';
  version: 1;
  deploymentId: string;
  command: string;
  workspace: { id?: string; name?: string };
  startedAt: string;
  pid: number;
  /**
   * Present when resolved secret values were written as their `${secret:NAME}` references: where they
   * came from, so a replay resolves them again (docs/reliability.md, "Secrets on disk").
   */
  secrets?: JournalSecretSources;
}

export interface JournalSecretSources {
  keyVault?: string;
  dotenv?: string;
}

export type Line =
  | JournalHeader
  | {
      rec: 'step';
      seq: number;
      time: string;
      action: string;
      target: StepTarget;
      undo: Undo;
      before?: Record<string, unknown>;
      after?: Record<string, unknown>;
    }
  | {
      rec: 'applied';
      seq: number;
      time: string;
      target?: StepTarget;
      undo?: Undo;
      after?: Record<string, unknown>;
    }
  | { rec: 'failed'; seq: number; time: string; error: string; definite?: boolean }
  | { rec: 'undone'; seq: number; time: string }
  | { rec: 'undo-failed'; seq: number; time: string; error: string }
  /** `absent`: a create of unknown outcome was looked up and not found; a later replay looks again. */
  | { rec: 'undo-skipped'; seq: number; time: string; reason: string; absent?: boolean }
  | { rec: 'commit'; time: string }
  | { rec: 'end'; time: string; result: string };

export interface UndoOutcome {
  seq: number;
  action: string;
  target: StepTarget;
  undo: Undo['kind'];
  result: 'undone' | 'failed' | 'skipped';
  error?: string;
  /** Skipped because the lookup of a create of unknown outcome found nothing. */
  absent?: boolean;
}

/** A journal line's time stamp. */
export function journalTime(): string {
  return new Date().toISOString();
}

/**
 * The undo of an item create: delete what it made, found again by name or logical id when the answer
 * never came (a kill, a lost poll), and never one of the items of its type the workspace already had.
 */
export function undoCreate(
  workspaceId: string,
  item: { type: string; name: string; logicalId?: string },
  workspaceItems: readonly { id: string; type: string }[],
): Extract<Undo, { kind: 'delete-item' }> {
  return {
    kind: 'delete-item',
    workspaceId,
    type: item.type,
    name: item.name,
    logicalId: item.logicalId,
    priorIds: workspaceItems.filter((i) => i.type === item.type).map((i) => i.id),
  };
}

/** The undo of a definition update: the definition the plan read before it (or the snapshot holding it). */
export function undoUpdate(
  workspaceId: string,
  existing: { id: string; displayName: string },
  type: string,
  definition: ItemDefinition,
  snapshot?: string,
): Extract<Undo, { kind: 'restore-definition' }> {
  return {
    kind: 'restore-definition',
    workspaceId,
    itemId: existing.id,
    type,
    name: existing.displayName,
    definition,
    ...(snapshot ? { snapshot } : {}),
  };
}

/** The undo of a move (or rename and move): back to the folder, and the name, it had. */
export function undoMove(
  workspaceId: string,
  existing: { id: string; folderId?: string },
  item: { type: string; name: string },
): Extract<Undo, { kind: 'move-item' }> {
  return {
    kind: 'move-item',
    workspaceId,
    itemId: existing.id,
    type: item.type,
    name: item.name,
    folderId: existing.folderId,
  };
}
