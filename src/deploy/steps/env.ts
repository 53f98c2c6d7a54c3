/**
 * What every step of a plan's execution is given (the ops, the transaction, the log, limits) and what
 * it returns; the errors that end an execution.
 */
import { errorMessage } from '../../errors';
import type { Workspace } from '../../fabric/types';
import type { Logger } from '../../hosts/host';
import type { ItemOutcome } from '../../report/model';
import { FabricOps } from '../api';
import type { Transaction } from '../journal';
import type { ParameterFile } from '../../items/parameters';
import type { Progress } from '../progress';

export interface ExecEnv {
  ops: FabricOps;
  tx: Transaction;
  log: Logger;
  maxParallel: number;
  /** parameter.yml and the environment, for the steps after an item's definition (publish, bindings). */
  parameters?: ParameterFile;
  environment?: string;
  /** Cancellation: once aborted no further item starts; the failure then rolls back what was applied. */
  signal?: AbortSignal;
  /** Called right after this run creates the workspace (to take the lock before anything else). */
  onWorkspaceCreated?: (ws: Workspace) => Promise<void>;
  /**
   * Steps after an item's definition whose refusal only warns (`items.optionalSteps`); by default a
   * refused value-set activation or Environment publish fails the deploy, which then rolls back.
   */
  optionalSteps?: ReadonlySet<OptionalStep>;
  /** `[n/N]` start and end lines per item action (and what the heartbeat names). */
  progress?: Progress;
}

export type OptionalStep = 'activate-value-set' | 'publish-environment' | 'shortcut';

export interface ExecResult {
  workspace?: Workspace;
  created: boolean;
  outcomes: Map<string, ItemOutcome>;
  /** The first error, when the deploy did not complete. */
  error?: unknown;
  warnings: string[];
}

/** Thrown when item nodes failed: carries every failure, not just the first. */
/** The job was cancelled: nothing new starts, and the run fails (and rolls back) like any other failure. */
export class CancelledError extends Error {
  constructor() {
    super('the job was cancelled: no further item was started');
    this.name = 'CancelledError';
  }
}

export class ItemsFailedError extends Error {
  constructor(readonly failures: { key: string; error: unknown }[]) {
    super(
      failures.length === 1
        ? errorMessage(failures[0]!.error)
        : `${failures.length} items failed; first: ${errorMessage(failures[0]!.error)}`,
    );
    this.name = 'ItemsFailedError';
  }
}
