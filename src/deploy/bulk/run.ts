/** The bulk path's view of a deploy in progress (bulk/deploy.ts runs it; execute.ts makes it). */
import type { Workspace } from '../../fabric/types';
import type { Logger } from '../../hosts/host';
import type { ItemOutcome } from '../../report/model';
import type { FabricOps } from '../api';
import type { BuildContext } from '../desired';
import type { GraphRun } from '../graph';
import type { Transaction } from '../journal';
import type { PlanState } from '../plan/build';
import type { Progress } from '../progress';

/** What the bulk path uses of the executor's environment. */
export interface BulkEnv {
  ops: FabricOps;
  tx: Transaction;
  log: Logger;
  progress?: Progress;
}

export interface BulkRun {
  env: BulkEnv;
  state: PlanState;
  ws: Workspace;
  outcomes: Map<string, ItemOutcome>;
  warnings: string[];
  /** The run's live context: ids of the items deployed so far (this path adds to it). */
  bctx: BuildContext;
  ids: Map<string, string>;
  /** Runs these items through the graph (execute.ts's item node), in dependency order. */
  graph: (keys: string[]) => Promise<GraphRun>;
  /** After an imported item's definition: value set, bindings, Environment publish (execute.ts). */
  afterImport: (key: string, id: string, created: boolean) => Promise<void>;
  cancelled: () => Error | undefined;
  /** The strategy asked for: with auto, a call the service refuses as a whole goes through the graph. */
  requested: 'auto' | 'graph' | 'bulk';
  /** The rollback snapshot of this run's bulk updates (set by deployBulk). */
  snapshot?: string;
}
