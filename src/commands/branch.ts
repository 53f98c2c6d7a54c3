/**
 * Feature-branch workspaces. `branch-up` deploys the repository into a workspace of its own for the
 * branch (created on the dev capacity with the branch principals, or reused), named from the
 * `branches.name` template, its description carrying a marker that says this tool made it for that
 * branch. `branch-down` deletes that workspace — only when the marker names the branch. `branch-gc`
 * deletes the branch workspaces of branches that no longer exist or that are older than N days.
 * A workspace without the marker is never deleted, whatever its name.
 */
import type { RunContext } from '../context';
import { ConfigError, errorMessage } from '../errors';
import type { Workspace } from '../fabric/types';
import type { DeploymentReport, ItemOutcome } from '../report/model';
import {
  branchDescription,
  branchWorkspaceName,
  DEFAULT_BRANCH_TEMPLATE,
  expectedMarker,
  readMarker,
  WORKSPACE_NAME_MAX,
  type BranchMarker,
} from '../settings/branch';
import { deepFreeze } from '../settings/freeze';
import type { RunSettings } from '../settings/settings';
import { runDeploy } from './deploy';
import { finish, opsFor, type CommandOptions } from './prepare';
import { workspaceUrl } from './portal';

export interface BranchTarget {
  branch: string;
  base: string;
  name: string;
}

/** The branch, its base and its workspace name, or a ConfigError before anything is sent. */
export function branchTarget(s: RunSettings): BranchTarget {
  const branch = s.branches.branch;
  if (!branch)
    throw new ConfigError(`command '${s.command}' needs the branch, and none was given or found`, {
      field: 'branch',
      fix: 'pass the branch input (e.g. branch: ${{ github.head_ref }} or $(System.PullRequest.SourceBranch)); on GitHub pull_request events and Azure Pipelines it is read from the run',
    });
  const cfg = s.config.branches ?? {};
  const base = cfg.base ?? s.config.workspace.name;
  if (!base)
    throw new ConfigError('feature-branch workspaces need a base name', {
      location: s.loaded.locate(['workspace']),
      field: 'branches.base',
      fix: "add 'branches: { base: sales }' (or a workspace.name) to the config",
    });
  const template = cfg.name ?? DEFAULT_BRANCH_TEMPLATE;
  if (!/\{\{\s*branch\s*\}\}/.test(template))
    throw new ConfigError(`branches.name '${template}' does not contain {{ branch }}`, {
      location: s.loaded.locate(['branches', 'name']),
      field: 'branches.name',
      fix: "every branch needs its own workspace: use e.g. '{{ base }}-{{ branch }}'",
    });
  return {
    branch,
    base,
    name: branchWorkspaceName(template, base, branch, cfg.maxLength ?? WORKSPACE_NAME_MAX),
  };
}

/** Why a found workspace is not this branch's, or undefined when it is. */
function notOurs(ws: Workspace, t: BranchTarget): string | undefined {
  const m = readMarker(ws.description);
  if (!m)
    return `workspace '${ws.displayName}' (${ws.id}) was not created by fabric-deploy for a branch: its description does not hold the marker ${expectedMarker(t.branch, t.base)}`;
  if (m.branch !== t.branch || m.base !== t.base)
    return `workspace '${ws.displayName}' (${ws.id}) belongs to branch '${m.branch}'${m.base !== t.base ? ` of base '${m.base}'` : ''}, not '${t.branch}': both names make the same workspace name (expected the marker ${expectedMarker(t.branch, t.base)})`;
  return undefined;
}

async function findByName(ctx: RunContext, name: string): Promise<Workspace | undefined> {
  const ops = opsFor(ctx);
  const hit = (await ops.listWorkspaces()).find((w) => w.displayName.toLowerCase() === name.toLowerCase());
  return hit ? ops.getWorkspace(hit.id) : undefined;
}

/** The settings of a deploy into the branch workspace: its name, marker, capacity and principals. */
function branchSettings(s: RunSettings, t: BranchTarget, existing: Workspace | undefined): RunSettings {
  const cfg = s.config.branches ?? {};
  const ws = s.config.workspace;
  const git = ws.git && cfg.git ? { ...ws.git, branch: t.branch } : ws.git;
  const description = existing
    ? existing.description
    : branchDescription({ branch: t.branch, base: t.base, created: new Date() });
  return deepFreeze({
    ...s,
    workspace: { id: existing?.id, name: t.name, description },
    config: {
      ...s.config,
      workspace: {
        ...ws,
        id: undefined,
        name: t.name,
        description,
        capacity: cfg.capacity ?? ws.capacity,
        principals: cfg.principals ?? ws.principals,
        ...(git ? { git } : {}),
      },
    },
  }) as RunSettings;
}

export async function branchUp(ctx: RunContext, options: CommandOptions): Promise<DeploymentReport> {
  const t = branchTarget(ctx.settings);
  const existing = await findByName(ctx, t.name);
  if (existing) {
    const why = notOurs(existing, t);
    if (why)
      throw new ConfigError(why, {
        field: 'branch',
        fix: 'rename that workspace, or set branches.name so that this branch gets another name; nothing was changed',
      });
    ctx.log.info(`reusing workspace '${existing.displayName}' (${existing.id}) of branch '${t.branch}'`);
  } else ctx.log.info(`branch '${t.branch}' gets workspace '${t.name}'`);
  const report = await runDeploy({ ...ctx, settings: branchSettings(ctx.settings, t, existing) }, options);
  report.command = 'branch-up';
  if (report.workspace.id) ctx.host.setOutput('workspace-url', workspaceUrl(report.workspace.id));
  report.sections = [
    {
      title: 'Branch workspace',
      markdown:
        `Branch \`${t.branch}\` → workspace **${t.name}**` +
        (report.workspace.id ? ` ([open](${workspaceUrl(report.workspace.id)}))` : '') +
        (existing ? ' (reused).' : ' (new).') +
        ' `branch-down` deletes it when the branch is done.',
    },
    ...(report.sections ?? []),
  ];
  return report;
}

function emptyReport(ctx: RunContext, command: string): DeploymentReport {
  return {
    command,
    deploymentId: ctx.deploymentId,
    environment: ctx.settings.environment,
    result: 'succeeded',
    workspace: {},
    items: [],
    startedAt: ctx.startedAt,
    durationMs: 0,
    warnings: [],
    hasChanges: false,
  };
}

async function deleteBranchWorkspace(ctx: RunContext, ws: Workspace, marker: BranchMarker, why: string) {
  const ops = opsFor(ctx);
  const target = { type: 'Workspace', name: ws.displayName, id: ws.id };
  try {
    await ops.deleteWorkspace(ws.id);
    ctx.audit.record({
      deploymentId: ctx.deploymentId,
      action: 'workspace.delete',
      target,
      before: { branch: marker.branch, created: marker.created.toISOString() },
      result: 'succeeded',
    });
    ctx.log.info(`deleted workspace '${ws.displayName}' (${ws.id}) of branch '${marker.branch}': ${why}`);
  } catch (err) {
    ctx.audit.record({
      deploymentId: ctx.deploymentId,
      action: 'workspace.delete',
      target,
      result: 'failed',
      error: errorMessage(err),
    });
    throw err;
  }
}

export async function branchDown(ctx: RunContext): Promise<DeploymentReport> {
  const t = branchTarget(ctx.settings);
  const report = emptyReport(ctx, 'branch-down');
  report.workspace = { name: t.name };
  const ws = await findByName(ctx, t.name);
  if (!ws) {
    ctx.log.info(`branch '${t.branch}' has no workspace '${t.name}': nothing to delete`);
    report.sections = [
      {
        title: 'Branch workspace',
        markdown: `Branch \`${t.branch}\` has no workspace **${t.name}**: nothing deleted.`,
      },
    ];
    return finish(ctx, report);
  }
  const why = notOurs(ws, t);
  if (why)
    throw new ConfigError(`refusing to delete: ${why}`, {
      field: 'branch',
      fix: 'branch-down only deletes a workspace branch-up created for this branch; delete any other with `fabric-deploy workspaces delete`. Nothing was deleted',
    });
  await deleteBranchWorkspace(ctx, ws, readMarker(ws.description)!, 'the branch is done');
  report.hasChanges = true;
  report.workspace = { id: ws.id, name: ws.displayName };
  report.items = [{ name: ws.displayName, type: 'Workspace', id: ws.id, action: 'delete', status: 'done' }];
  report.sections = [
    {
      title: 'Branch workspace',
      markdown: `Deleted workspace **${ws.displayName}** of branch \`${t.branch}\`.`,
    },
  ];
  return finish(ctx, report);
}

export async function branchGc(ctx: RunContext): Promise<DeploymentReport> {
  const s = ctx.settings;
  const { live, maxAgeDays } = s.branches;
  if (!live && maxAgeDays === undefined)
    throw new ConfigError('branch-gc needs the live branches, a maximum age, or both', {
      field: 'live-branches',
      fix: 'pass live-branches (e.g. the output of `git ls-remote --heads origin`) and/or max-age-days; nothing was deleted',
    });
  const base = s.config.branches?.base ?? s.config.workspace.name;
  if (!base)
    throw new ConfigError('feature-branch workspaces need a base name', {
      field: 'branches.base',
      fix: "add 'branches: { base: sales }' (or a workspace.name) to the config",
    });
  const report = emptyReport(ctx, 'branch-gc');
  const liveSet = live ? new Set(live) : undefined;
  const now = Date.now();
  const ops = opsFor(ctx);
  const all = await ops.listWorkspaces();
  const outcomes: ItemOutcome[] = [];
  const kept: string[] = [];
  const reasons = new Map<ItemOutcome, string>();
  for (const w of all) {
    const m = readMarker(w.description);
    if (!m || m.base !== base) continue;
    const ageDays = (now - m.created.getTime()) / 86_400_000;
    const why =
      liveSet && !liveSet.has(m.branch)
        ? `branch '${m.branch}' no longer exists`
        : maxAgeDays !== undefined && ageDays > maxAgeDays
          ? `created ${Math.floor(ageDays)} days ago (more than ${maxAgeDays})`
          : undefined;
    if (!why) {
      kept.push(w.displayName);
      continue;
    }
    const o: ItemOutcome = {
      name: w.displayName,
      type: 'Workspace',
      id: w.id,
      action: 'delete',
      status: 'done',
    };
    outcomes.push(o);
    reasons.set(o, why);
    try {
      await deleteBranchWorkspace(ctx, w, m, why);
    } catch (err) {
      o.status = 'failed';
      o.error = errorMessage(err);
    }
  }
  report.items = outcomes;
  report.hasChanges = outcomes.some((o) => o.status === 'done');
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length) {
    report.result = 'failed';
    report.error = `${failed.length} branch workspace${failed.length === 1 ? '' : 's'} could not be deleted: ${failed.map((o) => `'${o.name}' (${o.error})`).join('; ')}`;
  }
  const lines = outcomes.map(
    (o) =>
      `- ${o.status === 'done' ? 'deleted' : 'NOT deleted'} **${o.name}**: ${reasons.get(o)}${o.error ? ` — ${o.error}` : ''}`,
  );
  report.sections = [
    {
      title: 'Branch workspaces',
      markdown:
        `${outcomes.length ? lines.join('\n') : 'No branch workspace to delete.'}\n\n` +
        `${kept.length} kept${kept.length ? `: ${kept.join(', ')}` : ''}. Only workspaces whose description holds the fabric-deploy branch marker for base '${base}' are considered.`,
    },
  ];
  ctx.log.info(
    `branch-gc: ${outcomes.length - failed.length} deleted, ${failed.length} failed, ${kept.length} kept`,
  );
  return finish(ctx, report);
}
