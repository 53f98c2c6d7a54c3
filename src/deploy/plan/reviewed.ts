/**
 * `deploy --plan-file`: the plan a reviewer approved, applied only while it is still the plan. The file
 * is the `plan-file` output of a `plan` run; its fingerprint (fingerprint.ts) is compared with the one of
 * the plan made now, before any write and again under the lock. Any difference refuses the deploy,
 * naming what moved (an item in the workspace or the repository, the configuration, the workspace
 * itself), with the fix: plan again and review that plan.
 */
import { promises as fs } from 'node:fs';
import { ConfigError, UserError } from '../../errors';
import { isRecord } from '../../items/json';
import { parseJson } from '../../items/repo-text';
import type { PlanFingerprint } from './fingerprint';
import type { Plan } from './model';

const FIX_READ =
  "pass the plan-file output of a 'plan' run of this configuration (between jobs: upload it as an artifact and download it in the deploy job)";
const FIX_AGAIN = "run 'plan' again, review the new plan, and deploy with its plan file";

/** Reads and checks a plan file; every refusal names the file and what is wrong with it. */
export async function readReviewedPlan(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `cannot read the plan file '${file}': ${code === 'ENOENT' ? 'no such file' : String((err as Error).message)}`,
      { field: 'plan-file', fix: FIX_READ },
    );
  }
  const data = parseJson(text, file, FIX_READ);
  const location = { file, line: 1 };
  if (!isRecord(data) || data.version !== 1 || !Array.isArray(data.items) || !isRecord(data.workspace))
    throw new ConfigError(
      `'${file}' is not a fabric-deploy plan (expected "version": 1, "workspace" and "items")`,
      { location, field: 'plan-file', fix: FIX_READ },
    );
  const fp = data.fingerprint;
  if (
    !isRecord(fp) ||
    typeof fp.workspace !== 'string' ||
    typeof fp.repository !== 'string' ||
    !isRecord(fp.items)
  )
    throw new ConfigError(
      `the plan in '${file}' has no fingerprint (made by an earlier version of fabric-deploy), so what it was made against cannot be checked`,
      { location, field: 'plan-file', fix: FIX_AGAIN },
    );
  return data as unknown as Plan;
}

export class PlanOutdatedError extends UserError {
  constructor(
    file: string,
    readonly changes: string[],
  ) {
    super(
      `the plan in '${file}' no longer matches what it was made against, so it is not applied (nothing was changed): ${changes.join('; ')}`,
      { field: 'plan-file', fix: FIX_AGAIN, code: 'PlanOutdated' },
    );
    this.name = 'PlanOutdatedError';
  }
}

/**
 * What differs between the reviewed plan and the plan made now, in words; [] when it is the same plan.
 * The fingerprints say whether anything moved; the items' own digests say which.
 */
export function reviewedPlanChanges(reviewed: Plan, current: Plan): string[] {
  const out: string[] = [];
  if ((reviewed.environment ?? '') !== (current.environment ?? ''))
    out.push(
      `the plan was made for environment '${reviewed.environment ?? '(none)'}', this deploy is for '${current.environment ?? '(none)'}'`,
    );
  if (
    reviewed.workspace.name !== current.workspace.name ||
    (reviewed.workspace.id ?? '') !== (current.workspace.id ?? '')
  )
    out.push(
      `the plan was made for workspace '${reviewed.workspace.name}'${reviewed.workspace.id ? ` (${reviewed.workspace.id})` : ' (to be created)'}, this deploy targets '${current.workspace.name}'${current.workspace.id ? ` (${current.workspace.id})` : ' (to be created)'}`,
    );
  const a = reviewed.fingerprint!;
  const b = current.fingerprint!;
  if (a.workspace === b.workspace && a.repository === b.repository) return out;
  const label = labeller(reviewed, current);
  for (const side of ['repository', 'workspace'] as const) {
    if (a[side] === b[side]) continue;
    const moved = itemChanges(a, b, side, label);
    out.push(...moved);
    const rest = side === 'repository' ? 'repositoryRest' : 'workspaceRest';
    if (a[rest] !== b[rest] || !moved.length)
      out.push(
        side === 'repository'
          ? 'the configuration or parameter.yml changed (target, capacity, principals, Git, item scope or parameter values)'
          : 'the workspace itself changed (its description, capacity, folders, role assignments or Git connection)',
      );
  }
  return out;
}

function itemChanges(
  a: PlanFingerprint,
  b: PlanFingerprint,
  side: 'workspace' | 'repository',
  label: (key: string) => string,
): string[] {
  const where = side === 'repository' ? 'in the repository' : 'in the workspace';
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(a.items), ...Object.keys(b.items)])].sort();
  for (const k of keys) {
    const was = a.items[k]?.[side];
    const now = b.items[k]?.[side];
    if (was === now) continue;
    out.push(
      was === undefined
        ? `${label(k)} appeared ${where}`
        : now === undefined
          ? `${label(k)} is gone ${where}`
          : `${label(k)} changed ${where}`,
    );
  }
  return out;
}

/** "Notebook 'nb'" for a plan key, from either plan (keys are `Type/lower-case name`). */
function labeller(...plans: Plan[]): (key: string) => string {
  const names = new Map<string, string>();
  for (const p of plans) {
    for (const i of p.items) names.set(i.key, `${i.type} '${i.name}'`);
    for (const u of p.unmanaged) names.set(`${u.type}/${u.name.toLowerCase()}`, `${u.type} '${u.name}'`);
  }
  return (key) => {
    const known = names.get(key);
    if (known) return known;
    const slash = key.indexOf('/');
    return slash > 0 ? `${key.slice(0, slash)} '${key.slice(slash + 1)}'` : `'${key}'`;
  };
}
