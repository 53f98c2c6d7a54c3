/**
 * A plan's fingerprint: digests of what it was made from, so that `deploy --plan-file` can prove the
 * plan a reviewer approved is still the plan, or name what moved. Two sides, each with a digest per item:
 * - `workspace`: everything the plan read (the workspace's description and capacity, its items and
 *   folders, role assignments, Git connection, each compared item's definition, normalised);
 * - `repository`: everything it wanted (each item folder's files as read, parameter.yml, the
 *   environment, the target, capacity, principals, Git and the item scope of the configuration).
 * Secret values are written as their references before anything is hashed (a digest of a short secret
 * could be brute-forced); a rotated secret therefore changes no fingerprint, as it changes no plan text.
 */
import { createHash } from 'node:crypto';
import type { ItemDefinition } from '../../fabric/types';
import { normalisedParts, stableJson } from '../../items/normalise';
import { itemKey } from '../desired';
import type { DesiredGit, DesiredPrincipal } from '../workspace';
import type { DesiredItemFacts } from './diff';
import type { ActualState, PlanFingerprint, PlannedItem } from './model';

export type { PlanFingerprint };

export interface FingerprintDesired {
  environment?: string;
  workspaceTarget: { id?: string; name?: string; description?: string };
  items: readonly (DesiredItemFacts & { contentHash?: string })[];
  capacity?: { id: string };
  principals: readonly Pick<DesiredPrincipal, 'id' | 'role'>[];
  git?: Pick<DesiredGit, 'label' | 'config'>;
  deleteOrphans: boolean;
  types?: readonly string[];
  exclude?: readonly string[];
  /** A digest of parameter.yml and what it extends (its rules and values decide what each item becomes). */
  parameters?: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export function planFingerprint(
  desired: FingerprintDesired,
  actual: ActualState,
  redact: (text: string) => string = (t) => t,
  /** Workspace state read besides ActualState (the active value set of each variable library). */
  extra: Record<string, unknown> = {},
): PlanFingerprint {
  const items: PlanFingerprint['items'] = {};
  for (const d of desired.items)
    items[d.key] = {
      repository: sha(
        redact(
          stableJson({
            name: d.displayName,
            description: d.description,
            folder: d.folderPath,
            content: d.contentHash,
          }),
        ),
      ),
    };
  // A renamed item's entry is its repository key (renames: desired key → item id).
  const renamedKey = new Map([...(actual.renames ?? [])].map(([k, id]) => [id, k]));
  for (const it of actual.items) {
    // The plan's own key (type and name): a workspace item the repository also has shares its entry.
    const key = renamedKey.get(it.id) ?? itemKey(it.type, it.displayName);
    const def = actual.definitions.get(key);
    (items[key] ??= {}).workspace = sha(
      redact(
        stableJson({
          id: it.id,
          name: it.displayName,
          description: it.description ?? '',
          folder: it.folderId,
          definition: def ? definitionText(def) : undefined,
        }),
      ),
    );
  }
  const ws = actual.workspace;
  const workspaceRest = sha(
    redact(
      stableJson({
        workspace: ws
          ? { id: ws.id, name: ws.displayName, description: ws.description ?? '', capacity: ws.capacityId }
          : null,
        folders: actual.folders
          .map((f) => [f.id, f.displayName, f.parentFolderId ?? ''])
          .sort((a, b) => a.join('/').localeCompare(b.join('/'))),
        roles: actual.roles
          .map((r) => [r.principal.id, r.role])
          .sort((a, b) => a.join().localeCompare(b.join())),
        extra,
        git: actual.git
          ? {
              state: actual.git.gitConnectionState,
              provider: actual.git.gitProviderDetails,
              head: actual.git.gitSyncDetails?.head,
            }
          : null,
      }),
    ),
  );
  const repositoryRest = sha(
    redact(
      stableJson({
        environment: desired.environment,
        target: desired.workspaceTarget,
        capacity: desired.capacity?.id,
        principals: desired.principals
          .map((p) => [p.id, p.role])
          .sort((a, b) => a.join().localeCompare(b.join())),
        git: desired.git ? { label: desired.git.label, config: desired.git.config } : null,
        deleteOrphans: desired.deleteOrphans,
        types: desired.types,
        exclude: desired.exclude,
        parameters: desired.parameters,
      }),
    ),
  );
  return {
    workspace: side(items, workspaceRest, 'workspace'),
    repository: side(items, repositoryRest, 'repository'),
    items,
    workspaceRest,
    repositoryRest,
  };
}

function side(items: PlanFingerprint['items'], rest: string, pick: 'workspace' | 'repository'): string {
  return sha(
    stableJson({
      rest,
      items: Object.entries(items)
        .filter(([, v]) => v[pick] !== undefined)
        .map(([k, v]) => [k, v[pick]])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    }),
  );
}

/**
 * Folds the steps planned after the diff into each item's workspace digest: shortcut and connection
 * steps are planned against what the workspace holds (its shortcuts, its bindings), which the diff did
 * not read, so a shortcut changed in the workspace since the plan shows as that item changed there.
 */
export function withPlannedSteps(
  fp: PlanFingerprint,
  items: readonly Pick<PlannedItem, 'key' | 'steps'>[],
  redact: (text: string) => string = (t) => t,
): PlanFingerprint {
  const out = { ...fp, items: { ...fp.items } };
  for (const p of items) {
    if (!p.steps?.length) continue;
    const was = out.items[p.key] ?? {};
    out.items[p.key] = {
      ...was,
      workspace: sha(redact(stableJson({ workspace: was.workspace ?? null, steps: p.steps }))),
    };
  }
  return { ...out, workspace: side(out.items, out.workspaceRest, 'workspace') };
}

function definitionText(def: ItemDefinition): string {
  return stableJson([...normalisedParts(def)]);
}
