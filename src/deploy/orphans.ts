/**
 * Deleting orphans (workspace items the repository no longer has) after the deploy committed, dependents'
 * types first, `max-parallel` at a time; each delete is recorded (audit, journal: it has no undo), and a
 * refused one is reported, not thrown.
 */
import { errorMessage } from '../errors';
import type { Item, Workspace } from '../fabric/types';
import type { ItemOutcome } from '../report/model';
import { itemTypeInfo } from '../items/types';
import type { ExecEnv } from './steps/env';

/** Deletes orphans (after commit), dependents' types first; failures are collected, not thrown. */
export async function deleteOrphans(
  env: Pick<ExecEnv, 'ops' | 'tx' | 'log' | 'maxParallel' | 'progress'>,
  ws: Workspace,
  orphans: Item[],
): Promise<ItemOutcome[]> {
  // fabric-cicd's publish order, reversed: reports before models, pipelines before notebooks; types
  // unknown to the table first, as nothing known depends on them being gone later.
  const rank = (t: string) => itemTypeInfo(t).order;
  const groups = new Map<number, Item[]>();
  for (const o of orphans) {
    const r = rank(o.type);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(o);
  }
  const out: ItemOutcome[] = [];
  for (const r of [...groups.keys()].sort((a, b) => b - a)) {
    const group = groups.get(r)!;
    await Promise.all(
      chunk(group, env.maxParallel).map(async (batch) => {
        for (const o of batch) {
          const started = performance.now();
          const step = env.progress?.start(`deleting orphan ${o.type} '${o.displayName}'`);
          const outcome: ItemOutcome = {
            name: o.displayName,
            type: o.type,
            id: o.id,
            action: 'delete',
            status: 'done',
          };
          try {
            await env.tx.record(
              {
                action: 'item.delete',
                target: { type: o.type, name: o.displayName, id: o.id },
                reason: 'orphan deletion runs after the deployment committed',
              },
              () => env.ops.deleteItem(ws.id, o.id),
            );
            if (step) step.end(`deleted orphan ${o.type} '${o.displayName}'`);
            else env.log.info(`deleted orphan ${o.type} '${o.displayName}'`);
          } catch (err) {
            outcome.status = 'failed';
            outcome.error = errorMessage(err);
            step?.fail(err);
            env.log.warn(`could not delete orphan ${o.type} '${o.displayName}': ${outcome.error}`);
          }
          outcome.durationMs = performance.now() - started;
          out.push(outcome);
        }
      }),
    );
  }
  return out;
}

export function chunk<T>(xs: T[], n: number): T[][] {
  const lanes: T[][] = Array.from({ length: Math.max(1, Math.min(n, xs.length)) }, () => []);
  xs.forEach((x, i) => lanes[i % lanes.length]!.push(x));
  return lanes;
}
