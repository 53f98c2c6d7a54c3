/**
 * Feature-branch workspaces: the branch a run is for (input or the CI system's variables), its slug,
 * the workspace name made from the `branches.name` template, and the marker in the workspace's
 * description by which `branch-down` and `branch-gc` know a workspace is one this tool made for a
 * branch — and never touch any other.
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors';

/** Fabric's limit on a workspace display name. */
export const WORKSPACE_NAME_MAX = 256;
export const DEFAULT_BRANCH_TEMPLATE = '{{ base }}-{{ branch }}';

/** The branch this run is for: the `branch` input, else the pull request's source branch, else the pushed one. */
export function detectBranch(input: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const raw =
    input?.trim() ||
    env.GITHUB_HEAD_REF ||
    env.SYSTEM_PULLREQUEST_SOURCEBRANCH ||
    (env.GITHUB_REF_TYPE === 'branch' ? env.GITHUB_REF_NAME : undefined) ||
    env.BUILD_SOURCEBRANCH ||
    undefined;
  return raw ? raw.trim().replace(/^refs\/heads\//, '') : undefined;
}

/**
 * The branch as it appears in a workspace name: letters, digits, `.`, `_` and `-` kept, every other run
 * of characters (`/`, spaces, anything else) one `-`, no leading or trailing separator. Case is kept.
 */
export function slugBranch(branch: string): string {
  return branch
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
}

/**
 * The workspace name for a branch: the template with `{{ base }}` and `{{ branch }}` filled in. When it
 * would be longer than `maxLength`, the slug is shortened and ends in 6 hex digits of the branch's hash,
 * so two long branches with the same beginning still get two names.
 */
export function branchWorkspaceName(
  template: string,
  base: string,
  branch: string,
  maxLength = WORKSPACE_NAME_MAX,
): string {
  const slug = slugBranch(branch);
  if (!slug)
    throw new ConfigError(`branch '${branch}' has no letter or digit to name a workspace after`, {
      field: 'branch',
      fix: 'use a branch name with letters or digits (e.g. feature/sales-report), or pass the branch input explicitly',
    });
  const fill = (s: string) =>
    template.replace(/\{\{\s*base\s*\}\}/g, base).replace(/\{\{\s*branch\s*\}\}/g, s);
  const full = fill(slug);
  if (full.length <= maxLength) return full;
  const room = maxLength - fill('').length - 7;
  if (room < 1)
    throw new ConfigError(
      `branches.name '${template}' leaves no room for the branch in ${maxLength} characters`,
      {
        field: 'branches.name',
        fix: 'shorten the template or its base, or raise branches.maxLength (Fabric allows 256)',
      },
    );
  const hash = createHash('sha256').update(branch).digest('hex').slice(0, 6);
  return fill(`${slug.slice(0, room).replace(/[-._]+$/, '')}-${hash}`);
}

export interface BranchMarker {
  branch: string;
  base: string;
  created: Date;
}

const MARKER = /\[fabric-deploy:branch=([^;\]]*);base=([^;\]]*);created=([^\]]*)\]/;

/** What branch-up writes into the description of a workspace it creates. */
export function markerText(m: BranchMarker): string {
  return `[fabric-deploy:branch=${encodeURIComponent(m.branch)};base=${encodeURIComponent(m.base)};created=${m.created.toISOString()}]`;
}

/** The pattern a branch workspace's description must hold, for messages. */
export function expectedMarker(branch: string, base: string): string {
  return `[fabric-deploy:branch=${encodeURIComponent(branch)};base=${encodeURIComponent(base)};created=…]`;
}

export function branchDescription(m: BranchMarker): string {
  return (
    `Feature-branch workspace for '${m.branch}', created by fabric-deploy branch-up; ` +
    `deleted by branch-down or branch-gc. ${markerText(m)}`
  );
}

export function readMarker(description: string | undefined): BranchMarker | undefined {
  const m = MARKER.exec(description ?? '');
  if (!m) return undefined;
  const created = new Date(m[3]!);
  if (Number.isNaN(created.getTime())) return undefined;
  try {
    return { branch: decodeURIComponent(m[1]!), base: decodeURIComponent(m[2]!), created };
  } catch {
    return undefined;
  }
}

/** `live-branches`: names separated by commas, spaces or new lines; `refs/heads/` and `origin/` dropped. */
export function parseBranchList(raw: string | undefined): string[] | undefined {
  if (raw === undefined || !raw.trim()) return undefined;
  return raw
    .split(/[\s,]+/)
    .map((b) =>
      b
        .trim()
        .replace(/^refs\/heads\//, '')
        .replace(/^origin\//, ''),
    )
    .filter(Boolean);
}
