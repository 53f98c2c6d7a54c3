/**
 * `command: promote`: deploys a Fabric deployment pipeline's stage to the next one — every item, or the
 * ones `promote-items` selects — after a preview that compares the two stages' items (new, different,
 * the same), following Fabric's long-running deploy with progress and reporting each item's step.
 * Fabric has no undo for a stage deploy, and this command claims none: the summary says so. Reads no
 * config file; every input is checked before signing in, every name against the pipeline before the
 * deploy starts, so bad input changes nothing.
 */
import type { CommandContext } from '../context';
import { beginStageDeploy, getPipelineOperation, type PipelineOperation } from '../fabric/pipelines';
import type { Host } from '../hosts/host';
import type { DeploymentReport, ItemOutcome } from '../report/model';
import { cell } from '../report/markdown';
import { publish, reportFailure } from '../report/publish';
import { noAudit } from '../report/telemetry-types';
import { banner } from '../version';
import { randomUUID } from 'node:crypto';
import { workspaceUrl } from '../report/summary';
import type { BaseSettings } from '../settings/settings';
import { withSignedIn } from './signed-in';
import { readPromoteOptions, type PromoteOptions } from './promote-inputs';
import { resolve } from './promote-resolve';
import {
  comparePreview,
  countStates,
  label,
  outcomeOf,
  previewTable,
  promotionFacts,
  stepOutcome,
} from './promote-preview';

const NO_UNDO =
  'Fabric offers no undo for a stage deploy: the target stage keeps what was deployed, even when the deploy fails ' +
  'part-way. To go back, deploy an earlier version into the source stage and promote again (or redeploy the target ' +
  'workspace from Git with `command: deploy`). This run claims no rollback.';

/** The entry point of `command: promote` on every host. */
export async function promoteCommand(host: Host): Promise<DeploymentReport | undefined> {
  let opts: PromoteOptions;
  try {
    opts = readPromoteOptions(host);
  } catch (err) {
    // Bad input is reported before signing in, as every command reports a failure (annotation, exit 1).
    host.log.info(banner(host.kind));
    reportFailure(host, err, randomUUID(), noAudit);
    return undefined;
  }
  return withSignedIn(host, async (ctx) => {
    const report = await promote(ctx, opts);
    await publish(host, report);
    if (ctx.audit.path) host.setOutput('audit-log', ctx.audit.path);
    host.setResult(report.result === 'succeeded' ? 'succeeded' : 'failed', report.error);
    return report;
  });
}

export async function promote(
  ctx: CommandContext<BaseSettings>,
  opts: PromoteOptions,
): Promise<DeploymentReport> {
  const started = Date.now();
  const log = ctx.log;
  const r = await resolve(ctx.client, opts);
  const route = `${r.source.displayName} → ${r.target.displayName}`;
  log.info(
    `pipeline '${r.pipeline.displayName}': ${route} (workspaces '${r.source.workspaceName ?? r.source.workspaceId}' → '${r.target.workspaceName ?? r.target.workspaceId}')`,
  );
  const preview = await log.group(`Preview ${route}`, async () => {
    const rows = await comparePreview(ctx.client, r);
    for (const row of rows)
      log.info(
        `  ${label(row.state).padEnd(10)} ${row.item.itemDisplayName} (${row.item.itemType})${row.why ? ` — ${row.why}` : ''}`,
      );
    const counts = countStates(rows);
    log.info(
      `${rows.length} item(s) to deploy: ${counts.New} new, ${counts.Different} different, ${counts.NoDifference} the same${counts.Unknown ? `, ${counts.Unknown} not compared` : ''}`,
    );
    return rows;
  });
  const onlyInTarget = r.targetItems.filter((t) => !t.sourceItemId);
  const base = {
    command: 'promote',
    deploymentId: ctx.deploymentId,
    workspace: {
      id: r.target.workspaceId,
      name: r.target.workspaceName,
      url: workspaceUrl(r.target.workspaceId),
    },
    startedAt: ctx.startedAt,
    warnings: [] as string[],
  };
  const previewSection = { title: `Preview: ${cell(route)}`, markdown: previewTable(preview, onlyInTarget) };
  const promotionSection = (op?: PipelineOperation) => ({
    title: 'Promotion',
    markdown: promotionFacts(r, opts, op),
  });
  const noUndo = { title: 'No undo', markdown: `> ${NO_UNDO}` };
  const hasChanges = preview.some((p) => p.state !== 'NoDifference');

  if (opts.previewOnly) {
    log.info('preview-only: nothing deployed');
    return {
      ...base,
      result: 'succeeded',
      items: preview.map((p) => ({ ...outcomeOf(p), status: 'planned' })),
      durationMs: Date.now() - started,
      hasChanges,
      sections: [promotionSection(), previewSection],
    };
  }

  log.warn(`promoting ${route}: Fabric offers no undo for a stage deploy`);
  const req = {
    sourceStageId: r.source.id,
    targetStageId: r.target.id,
    ...(opts.selectors.length
      ? { items: r.selected.map((i) => ({ sourceItemId: i.itemId, itemType: i.itemType })) }
      : {}),
    ...(opts.note ? { note: opts.note } : {}),
  };
  const stop = new AbortController();
  const { poller, deploymentId } = await beginStageDeploy(ctx.client, r.pipeline.id, req, {
    signal: stop.signal,
  });
  if (deploymentId) ctx.host.setOutput('pipeline-operation-id', deploymentId);
  // A cancelled job stops following the deploy; Fabric goes on with it (it can't be stopped or undone).
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      if (!stop.signal.aborted)
        log.warn(
          `${name} received: no longer following the deploy. It goes on in Fabric, which can't stop or undo it; see pipeline operation ${deploymentId ?? '?'} in the deployment history of '${r.pipeline.displayName}'`,
        );
      stop.abort();
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  log.info(`deploy started${deploymentId ? ` (pipeline operation ${deploymentId})` : ''}`);
  let op: PipelineOperation | undefined;
  await log.group(`Deploy ${route}`, async () => {
    let last = '';
    while (!poller.isDone) {
      try {
        await poller.poll();
      } catch (err) {
        if (stop.signal.aborted) return;
        throw err;
      }
      op = deploymentId
        ? await getPipelineOperation(ctx.client, r.pipeline.id, deploymentId).catch(() => op)
        : op;
      const steps = op?.executionPlan?.steps ?? [];
      const done = steps.filter((s) => s.status === 'Succeeded' || s.status === 'Failed').length;
      const pct = poller.state.percentComplete;
      const line = `${poller.state.status}${pct != null ? ` ${pct}%` : ''}${steps.length ? `, ${done}/${steps.length} item(s) done` : ''}`;
      if (line !== last) log.info(`  ${line}`);
      last = line;
    }
  });
  for (const [name, handler] of handlers) process.off(name, handler);
  const cancelled = stop.signal.aborted && !poller.isDone;
  if (deploymentId) op = await getPipelineOperation(ctx.client, r.pipeline.id, deploymentId).catch(() => op);
  const steps = op?.executionPlan?.steps ?? [];
  const items = steps.length
    ? steps.map((s) => {
        const o = stepOutcome(s, preview);
        // Not done when we stopped following: Fabric may still deploy it.
        return cancelled && o.status === 'skipped' ? { ...o, status: 'planned' as const } : o;
      })
    : preview.map(
        (p) =>
          ({
            ...outcomeOf(p),
            status: poller.state.status === 'Succeeded' ? 'done' : 'failed',
          }) as ItemOutcome,
      );
  for (const i of items)
    log.info(`  ${i.status.padEnd(7)} ${i.name} (${i.type}) ${i.action}${i.error ? `: ${i.error}` : ''}`);
  const ok = poller.state.status === 'Succeeded';
  const error = ok
    ? undefined
    : cancelled
      ? `cancelled while Fabric was deploying ${route}: the deploy goes on in Fabric (no undo); its result is in the deployment history of '${r.pipeline.displayName}' (pipeline operation ${deploymentId ?? '?'})`
      : `the stage deploy ${route} ended ${poller.state.status}: ${poller.state.error?.message ?? 'no error given'} — ${items.filter((i) => i.status === 'done').length} item(s) were deployed before it stopped and stay deployed (no undo)`;
  ctx.audit.record({
    action: 'pipeline.deploy',
    target: { type: 'DeploymentPipelineStage', name: `${r.pipeline.displayName}: ${route}`, id: r.target.id },
    before: { pipelineId: r.pipeline.id, sourceStageId: r.source.id, items: r.selected.length },
    after: { pipelineOperationId: deploymentId, status: poller.state.status },
    result: ok ? 'succeeded' : 'failed',
    ...(error ? { error } : {}),
  });
  for (const i of items)
    ctx.audit.record({
      action: `pipeline.deploy.item.${i.action}`,
      target: { type: i.type, name: i.name, id: i.id },
      result: i.status === 'done' ? 'succeeded' : i.status === 'failed' ? 'failed' : 'skipped',
      ...(i.error ? { error: i.error } : {}),
    });
  return {
    ...base,
    result: ok ? 'succeeded' : 'failed',
    items,
    durationMs: Date.now() - started,
    hasChanges,
    ...(error ? { error } : {}),
    sections: [promotionSection(op), previewSection, noUndo],
  };
}
