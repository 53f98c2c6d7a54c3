/**
 * A plan in its three steps: read the workspace (`readActualState`), compare (`diff`, pure), and hand
 * the executor what it needs besides the plan data. Rendering is the report's (`report/plan.ts`).
 */
import type {
  Capacity,
  GitConnection,
  Item,
  ItemDefinition,
  RoleAssignment,
  Workspace,
} from '../../fabric/types';
import type { Logger } from '../../hosts/host';
import type { FabricOps } from '../api';
import type { BindingStep } from '../bindings';
import type { LakehouseShortcuts } from '../shortcuts';
import type { DesiredItem } from '../desired';
import type { LockState } from '../lock';
import type { DesiredGit, DesiredPrincipal } from '../workspace';
import { readActualState } from './actual';
import { diff, type PlanDesired } from './diff';
import { planFingerprint } from './fingerprint';
import type { Plan } from './model';

export interface PlanInputs extends Omit<PlanDesired, 'items' | 'definitions' | 'principals'> {
  items: DesiredItem[];
  principals: DesiredPrincipal[];
  maxParallel: number;
  log?: Logger;
  /** Checks against the workspace's items (e.g. `$items` names), before anything is compared or written. */
  checkAgainst?: (deployed: readonly Item[]) => void;
  /** A digest of parameter.yml (and what it extends): part of the plan's fingerprint. */
  parameters?: string;
}

/** Everything the executor needs beyond the plan data itself. */
export interface PlanState {
  plan: Plan;
  workspace?: Workspace;
  desired: Map<string, DesiredItem>;
  /** Deployed items matched to desired keys. */
  existing: Map<string, Item>;
  /** Definitions captured before any change (the undo of an update restores them). */
  captured: Map<string, ItemDefinition>;
  /** Folder path → id, for folders that exist. */
  folderIds: Map<string, string>;
  roles: RoleAssignment[];
  git?: GitConnection;
  capacity?: Capacity;
  principals: DesiredPrincipal[];
  desiredGit?: DesiredGit;
  /** Orphans to delete (only when deleteOrphans is on). */
  orphans: Item[];
  /** Every item the workspace had when planning (a create's undo never takes one of them). */
  workspaceItems: readonly Item[];
  /** Other deployments' locks (and old markers), as seen while planning. */
  lockState: LockState;
  /** semantic_model_binding: desired key → the connections to bind (set by the command after reading them). */
  bindings?: Map<string, BindingStep[]>;
  /** Lakehouse shortcuts (feature `shortcuts`): lakehouse key → its steps (set by the command). */
  shortcuts?: Map<string, LakehouseShortcuts>;
}

/** Reads the workspace and compares; writes nothing. */
export async function buildPlan(
  ops: FabricOps,
  ws: Workspace | undefined,
  input: PlanInputs,
): Promise<PlanState> {
  const { actual, desiredDefinitions, valueSets } = await readActualState(ops, ws, input);
  const planned = diff({ ...input, definitions: desiredDefinitions }, actual);
  // fabric-cicd activates the environment's value set after each deploy: a step of its own, so an
  // unchanged library whose active set was changed in the workspace is set back.
  for (const p of planned.plan.items) {
    const v = valueSets.get(p.key);
    if (!v || p.action === 'delete') continue;
    const apply = v.current !== v.want;
    p.steps = [
      ...(p.steps ?? []),
      {
        kind: 'activate-value-set',
        action: apply ? 'apply' : 'unchanged',
        value: v.want,
        detail: `activate value set '${v.want}'${apply && v.current ? `, was '${v.current}'` : ''}`,
      },
    ];
    if (apply) planned.plan.hasChanges = true;
  }
  // The active value sets are workspace state the plan read: part of what it was made against.
  planned.plan.fingerprint = planFingerprint(input, actual, input.redact, {
    valueSets: Object.fromEntries([...valueSets].map(([k, v]) => [k, v.current])),
  });
  return {
    plan: planned.plan,
    workspace: ws,
    desired: new Map(input.items.map((i) => [i.key, i])),
    existing: planned.existing,
    captured: actual.definitions,
    folderIds: planned.folderIds,
    roles: actual.roles,
    git: actual.git,
    capacity: input.capacity,
    principals: input.principals,
    desiredGit: input.git,
    orphans: planned.orphans,
    workspaceItems: actual.items,
    lockState: actual.lockState,
  };
}
