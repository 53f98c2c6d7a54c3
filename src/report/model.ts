import type { DriftEntry } from '../deploy/plan/drift';
import type { ItemAction, Plan } from '../deploy/plan/model';
import type { RunError } from '../hosts/host';

export type { ItemAction };

/** What a run did, in the shape every reporter (outputs, summary, audit, telemetry) reads. */
/**
 * `rollback-incomplete`: the deploy failed and its rollback could not undo everything; the report lists
 * what is left and the command that finishes the rollback from the journal.
 */
export type DeploymentResult = 'succeeded' | 'rolled-back' | 'rollback-incomplete' | 'failed';

export interface ItemOutcome {
  name: string;
  type: string;
  id?: string;
  action: ItemAction;
  /** 'done' once applied; 'planned' in a plan; 'failed'/'rolled-back'/'skipped' otherwise. */
  status: 'done' | 'planned' | 'failed' | 'rolled-back' | 'skipped';
  durationMs?: number;
  retries?: number;
  error?: string;
  folder?: string;
}

export interface DeploymentReport {
  command: string;
  deploymentId: string;
  environment?: string;
  result: DeploymentResult;
  workspace: { id?: string; name?: string; url?: string; created?: boolean };
  items: ItemOutcome[];
  startedAt: Date;
  durationMs: number;
  warnings: string[];
  /**
   * How many of `warnings` the host showed as annotations, when it shows at most ten (GitHub, Azure
   * Pipelines); absent where every one is shown (the CLI).
   */
  annotatedWarnings?: number;
  error?: string;
  /** The error that ended the run, as data (code, message, file, line, field, fix): the summary's Error table and `--json`'s `error`. */
  failure?: RunError;
  hasChanges: boolean;
  /** command drift / plan --fail-on-drift: what differs between the workspace and the repository. */
  drift?: DriftEntry[];
  /** Extra markdown sections (principals, git, rollback) contributed by later steps. */
  sections?: { title: string; markdown: string }[];
  /** Requests the Fabric client retried in the whole run (plan reads included); each is an info line. */
  retries?: number;
  /** The plan this run computed (plan and deploy), and the JSON file it was written to. */
  plan?: Plan;
  planFile?: string;
  /** The transaction journal of a deploy or destroy (input of `fabric-deploy rollback --journal`). */
  journalFile?: string;
  /** Each undo a rollback ran, with its result. */
  rollback?: { action: string; target: string; result: 'undone' | 'failed' | 'skipped'; error?: string }[];
  /** Changes left in place: after a failure with rollback turned off, or undos a rollback could not do. */
  leftInPlace?: string[];
  /** The command that finishes an incomplete rollback. */
  finishCommand?: string;
}
