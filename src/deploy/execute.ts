/**
 * Executes a plan inside a transaction: workspace → capacity → principals → folders → items (as a
 * dependency graph, in parallel) → Git. Every write is a journalled step with its undo; the first
 * failure stops new work and is thrown after what was running has settled.
 */
import type { ItemOutcome } from '../report/model';
import type { PlanState } from './plan/build';
import type { ExecEnv, ExecResult } from './steps/env';
import { ensureFolders } from './steps/folders';
import { reconcileGit } from './steps/git';
import { deployItems } from './steps/items';
import { reconcilePrincipals } from './steps/principals';
import { ensureWorkspace, reconcileCapacity } from './steps/workspace';

export async function executePlan(env: ExecEnv, state: PlanState): Promise<ExecResult> {
  const { plan } = state;
  const outcomes = new Map<string, ItemOutcome>();
  for (const p of plan.items) {
    if (p.action === 'delete') continue;
    outcomes.set(p.key, {
      name: p.name,
      type: p.type,
      id: p.id,
      action: p.action,
      status: 'skipped',
      folder: p.folder || undefined,
    });
  }
  const result: ExecResult = { workspace: state.workspace, created: false, outcomes, warnings: [] };
  try {
    const ws = await ensureWorkspace(env, state, result);
    await reconcileCapacity(env, state, ws);
    await reconcilePrincipals(env, state, ws, result.created);
    await ensureFolders(env, state, ws);
    await deployItems(env, state, ws, outcomes, result.warnings);
    await reconcileGit(env, state, ws);
  } catch (err) {
    result.error = err;
  }
  return result;
}
