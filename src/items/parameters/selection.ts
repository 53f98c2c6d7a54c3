/** Which entry and value apply: to an environment, an item's file, an Environment's pool, a semantic model. */
import type { SourceLocation } from '../../errors';
import type { RepoItem } from '../repo-item';
import type { EntryFilters, EnvMap, EnvValue, ParameterFile, ParamValue, SparkPoolEntry } from './model';

/** An empty literal `replace_value` of a find_replace: the entry is not applied (fabric-cicd `if replace_value:`). */
export function isEmptyValue(v: ParamValue): boolean {
  return 'literal' in v && v.literal === '';
}

/** The value of `m` for `environment`: `_ALL_` first, then the environment's own key. */
export function valueFor<T>(m: EnvMap<T>, environment: string | undefined): EnvValue<T> | undefined {
  return m.all ?? (environment === undefined ? undefined : m.byEnv.get(environment));
}

/** Whether an entry's filters select file `filePath` (relative to the item folder) of `item`. */
export function entryApplies(f: EntryFilters, item: RepoItem, filePath: string): boolean {
  if (f.itemType && !f.itemType.includes(item.type)) return false;
  if (f.itemName && !f.itemName.includes(item.displayName)) return false;
  if (f.filePath) {
    const rel = item.relDir ? `${item.relDir}/${filePath}` : filePath;
    if (!f.filePath.some((pf) => (pf.rel !== undefined ? pf.rel === rel : pf.glob!(rel)))) return false;
  }
  return true;
}

/** The spark_pool entry for an Environment's `instance_pool_id`, if any. */
export function sparkPoolEntry(
  params: ParameterFile,
  item: RepoItem,
  poolId: string,
): SparkPoolEntry | undefined {
  return params.sparkPool.find(
    (e) => e.instancePoolId === poolId && (!e.itemName || e.itemName.includes(item.displayName)),
  );
}

/** semantic_model_binding: the connection ids for a semantic model in `environment` (model entry, else default). */
export function connectionBinding(
  params: ParameterFile,
  modelName: string,
  environment = params.environment,
): { connectionIds: string[]; at: SourceLocation } | undefined {
  const b = params.semanticModelBinding;
  if (!b) return undefined;
  const m = b.models.find((x) => x.names.includes(modelName));
  const v = valueFor(
    m ? m.connectionIds : (b.default ?? { byEnv: new Map(), at: { file: params.file } }),
    environment,
  );
  return v ? { connectionIds: v.value, at: v.at } : undefined;
}
