/**
 * `command: promote`: deploys a Fabric deployment pipeline's stage to the next one — every item, or the
 * ones `promote-items` selects — after a preview that compares the two stages' items (new, different,
 * the same), following Fabric's long-running deploy with progress and reporting each item's step.
 * Fabric has no undo for a stage deploy, and this command claims none: the summary says so. Reads no
 * config file; every input is checked before signing in, every name against the pipeline before the
 * deploy starts, so bad input changes nothing.
 */
import { ConfigError, UserError } from '../errors';
import type { CommandContext } from '../context';
import type { FabricClient } from '../fabric/client';
import type { Item, ItemDefinition } from '../fabric/types';
import {
  beginStageDeploy,
  getPipelineOperation,
  listPipelines,
  listStageItems,
  listStages,
  type DeploymentPipeline,
  type DiffState,
  type PipelineOperation,
  type PipelineStage,
  type PipelineStageItem,
} from '../fabric/pipelines';
import { isGuid } from '../guid';
import type { Host } from '../hosts/host';
import type { DeploymentReport, ItemOutcome } from '../report/model';
import { cell } from '../report/markdown';
import { publish, reportFailure } from '../report/publish';
import { noAudit } from '../report/telemetry-types';
import { banner } from '../version';
import { randomUUID } from 'node:crypto';
import { workspaceUrl } from '../report/summary';
import type { BaseSettings } from '../settings/settings';
import { readInput } from '../settings/settings';
import { withSignedIn } from './signed-in';

export interface PromoteOptions {
  pipeline: string;
  sourceStage: string;
  targetStage?: string;
  selectors: string[];
  note?: string;
  previewOnly: boolean;
}

/** What the preview found for one source item. */
export interface PreviewRow {
  item: PipelineStageItem;
  /** New: nothing paired in the target; Different / NoDifference from the definitions; Unknown when they can't be read. */
  state: DiffState | 'Unknown';
  targetItemId?: string;
  why?: string;
}

const NO_UNDO =
  'Fabric offers no undo for a stage deploy: the target stage keeps what was deployed, even when the deploy fails ' +
  'part-way. To go back, deploy an earlier version into the source stage and promote again (or redeploy the target ' +
  'workspace from Git with `command: deploy`). This run claims no rollback.';

/** The promote inputs, checked without the network. */
export function readPromoteOptions(host: Host): PromoteOptions {
  const problems: UserError[] = [];
  const get = (n: string) => readInput(host, n);
  const pipeline = get('pipeline');
  const sourceStage = get('source-stage');
  if (!pipeline)
    problems.push(
      new ConfigError("input 'pipeline' is required for command: promote", {
        field: 'pipeline',
        fix: 'give the deployment pipeline by name or id, e.g. pipeline: Sales analytics',
      }),
    );
  if (!sourceStage)
    problems.push(
      new ConfigError("input 'source-stage' is required for command: promote", {
        field: 'source-stage',
        fix: 'give the stage to deploy from by name or order, e.g. source-stage: Development (or 0)',
      }),
    );
  const note = get('note');
  if (note && note.length > 1024)
    problems.push(
      new ConfigError(`input 'note' is ${note.length} characters long; Fabric keeps at most 1024`, {
        field: 'note',
        fix: 'shorten the note',
      }),
    );
  const previewRaw = (get('preview-only') ?? 'false').toLowerCase();
  if (previewRaw !== 'true' && previewRaw !== 'false')
    problems.push(
      new ConfigError(`input 'preview-only' must be true or false, not '${previewRaw}'`, {
        field: 'preview-only',
        fix: 'preview-only: true',
      }),
    );
  const selectors = (get('promote-items') ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  throwAll(problems, 'in the promote inputs');
  return {
    pipeline: pipeline!,
    sourceStage: sourceStage!,
    targetStage: get('target-stage'),
    selectors,
    note,
    previewOnly: previewRaw === 'true',
  };
}

function throwAll(problems: UserError[], where: string): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1)
    throw new ConfigError(
      `${problems.length} problems ${where}:\n${problems.map((p) => `  - ${p.format().replace(/\n\s*/g, ' ')}`).join('\n')}`,
    );
}

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

interface Resolved {
  pipeline: DeploymentPipeline;
  source: PipelineStage & { workspaceId: string };
  target: PipelineStage & { workspaceId: string };
  sourceItems: PipelineStageItem[];
  selected: PipelineStageItem[];
  targetItems: PipelineStageItem[];
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

// ---------------------------------------------------------------- resolution (all problems at once)

async function resolve(client: FabricClient, opts: PromoteOptions): Promise<Resolved> {
  const pipelines = await listPipelines(client);
  const pipeline = isGuid(opts.pipeline)
    ? pipelines.find((p) => p.id.toLowerCase() === opts.pipeline.toLowerCase())
    : pipelines.find((p) => same(p.displayName, opts.pipeline));
  if (!pipeline)
    throw new ConfigError(
      `input 'pipeline': no deployment pipeline '${opts.pipeline}' that this identity administers`,
      {
        field: 'pipeline',
        fix: pipelines.length
          ? `use one of: ${pipelines.map((p) => p.displayName).join(', ')} (or make this identity an admin of the pipeline)`
          : 'create the pipeline in Fabric (Deployment pipelines) and make this identity one of its admins',
      },
    );
  const stages = (await listStages(client, pipeline.id)).sort((a, b) => a.order - b.order);
  const names = stages.map((s) => `${s.displayName} (${s.order})`).join(', ');
  const problems: UserError[] = [];
  const source = findStage(stages, opts.sourceStage);
  if (!source)
    throw new ConfigError(
      `input 'source-stage': pipeline '${pipeline.displayName}' has no stage '${opts.sourceStage}'`,
      {
        field: 'source-stage',
        fix: `use one of: ${names}`,
      },
    );
  const next = stages.find((s) => s.order === source.order + 1);
  if (!next)
    throw new ConfigError(
      `input 'source-stage': '${source.displayName}' is the last stage of pipeline '${pipeline.displayName}'; there is no stage to promote it to`,
      {
        field: 'source-stage',
        fix: `promote from an earlier stage: ${stages
          .slice(0, -1)
          .map((s) => s.displayName)
          .join(', ')}`,
      },
    );
  if (opts.targetStage) {
    const asked = findStage(stages, opts.targetStage);
    if (!asked)
      problems.push(
        new ConfigError(
          `input 'target-stage': pipeline '${pipeline.displayName}' has no stage '${opts.targetStage}'`,
          {
            field: 'target-stage',
            fix: `use '${next.displayName}' (the stage after '${source.displayName}') or leave target-stage out`,
          },
        ),
      );
    else if (asked.id !== next.id)
      problems.push(
        new ConfigError(
          `input 'target-stage': '${asked.displayName}' is not the stage after '${source.displayName}'; a promotion goes one stage forward`,
          { field: 'target-stage', fix: `use '${next.displayName}' or leave target-stage out` },
        ),
      );
  }
  for (const [s, field] of [
    [source, 'source-stage'],
    [next, 'target-stage'],
  ] as const)
    if (!s.workspaceId)
      problems.push(
        new ConfigError(
          `stage '${s.displayName}' of pipeline '${pipeline.displayName}' has no workspace assigned`,
          {
            field,
            fix: `assign a workspace to '${s.displayName}' in Fabric (Deployment pipelines → ${pipeline.displayName} → ${s.displayName} → Assign a workspace), then run again`,
          },
        ),
      );
  throwAll(problems, `promoting in pipeline '${pipeline.displayName}'`);
  const [sourceItems, targetItems] = await Promise.all([
    listStageItems(client, pipeline.id, source.id),
    listStageItems(client, pipeline.id, next.id),
  ]);
  const selected = select(sourceItems, opts.selectors, source.displayName);
  return {
    pipeline,
    source: source as Resolved['source'],
    target: next as Resolved['target'],
    sourceItems,
    selected,
    targetItems,
  };
}

function findStage(stages: PipelineStage[], key: string): PipelineStage | undefined {
  if (/^\d+$/.test(key)) return stages.find((s) => s.order === Number(key));
  return stages.find((s) => same(s.displayName, key) || s.id.toLowerCase() === key.toLowerCase());
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** `Name.Type`, `*.Type` or `Name`; every selector must match something (a typo would deploy less). */
export function select(items: PipelineStageItem[], selectors: string[], stage: string): PipelineStageItem[] {
  if (!selectors.length) return items;
  const problems: UserError[] = [];
  const chosen = new Set<PipelineStageItem>();
  for (const sel of selectors) {
    const dot = sel.lastIndexOf('.');
    const typed = dot > 0 ? items.filter((i) => same(i.itemType, sel.slice(dot + 1))) : [];
    const hits =
      typed.length && sel.slice(0, dot) === '*'
        ? typed
        : typed.length
          ? typed.filter((i) => same(i.itemDisplayName, sel.slice(0, dot)))
          : items.filter((i) => same(i.itemDisplayName, sel));
    if (!hits.length)
      problems.push(
        new ConfigError(`input 'promote-items': '${sel}' matches no item of stage '${stage}'`, {
          field: 'promote-items',
          fix: `use Name.Type, *.Type or Name; the stage holds: ${items.map((i) => `${i.itemDisplayName}.${i.itemType}`).join(', ') || 'no items'}`,
        }),
      );
    for (const h of hits) chosen.add(h);
  }
  throwAll(problems, "in input 'promote-items'");
  return items.filter((i) => chosen.has(i));
}

// ---------------------------------------------------------------- preview

/** New when nothing is paired in the target; else the two definitions decide (`.platform` aside). */
async function comparePreview(client: FabricClient, r: Resolved): Promise<PreviewRow[]> {
  const rows: PreviewRow[] = r.selected.map((item) => ({
    item,
    state: item.targetItemId ? 'Unknown' : 'New',
    targetItemId: item.targetItemId,
  }));
  const paired = rows.filter((x) => x.targetItemId);
  // A few at a time: each read is a long-running operation on both workspaces.
  let next = 0;
  const worker = async () => {
    while (next < paired.length) {
      const row = paired[next++]!;
      try {
        const [a, b] = await Promise.all([
          definitionOf(client, r.source.workspaceId, row.item.itemId),
          definitionOf(client, r.target.workspaceId, row.targetItemId!),
        ]);
        row.state = a === b ? 'NoDifference' : 'Different';
      } catch (e) {
        row.why = `not compared: ${(e as Error).message.split('\n')[0]}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, paired.length) }, worker));
  return rows;
}

async function definitionOf(client: FabricClient, workspaceId: string, itemId: string): Promise<string> {
  const [def, item]: [ItemDefinition, Item] = await Promise.all([
    client.getItemDefinition(workspaceId, itemId),
    client.getItem(workspaceId, itemId),
  ]);
  const parts = def.parts
    .filter((p) => p.path !== '.platform')
    .map((p) => [p.path, p.payload] as const)
    .sort((x, y) => (x[0] < y[0] ? -1 : 1));
  return JSON.stringify({ parts, description: item.description ?? '' });
}

function countStates(rows: PreviewRow[]): Record<PreviewRow['state'], number> {
  const c = { New: 0, Different: 0, NoDifference: 0, Unknown: 0 };
  for (const r of rows) c[r.state]++;
  return c;
}

const label = (s: PreviewRow['state']) =>
  s === 'New' ? 'new' : s === 'Different' ? 'different' : s === 'NoDifference' ? 'same' : 'paired';

const ACTION: Record<PreviewRow['state'], ItemOutcome['action']> = {
  New: 'create',
  Different: 'update',
  NoDifference: 'unchanged',
  Unknown: 'update',
};

function outcomeOf(p: PreviewRow): Omit<ItemOutcome, 'status'> {
  return { name: p.item.itemDisplayName, type: p.item.itemType, id: p.targetItemId, action: ACTION[p.state] };
}

function stepOutcome(s: DeploymentStep, preview: PreviewRow[]): ItemOutcome {
  const st = s.sourceAndTarget;
  const row = preview.find((p) => p.item.itemId === st.sourceItemId);
  const state = s.preDeploymentDiffState ?? row?.state ?? 'Unknown';
  return {
    name: st.sourceItemDisplayName ?? row?.item.itemDisplayName ?? st.sourceItemId,
    type: st.itemType ?? row?.item.itemType ?? '',
    ...(st.targetItemId ? { id: st.targetItemId } : {}),
    action: ACTION[state],
    status: s.status === 'Succeeded' ? 'done' : s.status === 'Failed' ? 'failed' : 'skipped',
    ...(s.error ? { error: `${s.error.errorCode ?? ''}: ${s.error.message ?? ''}`.replace(/^: /, '') } : {}),
  };
}

type DeploymentStep = NonNullable<PipelineOperation['executionPlan']>['steps'][number];

function previewTable(rows: PreviewRow[], onlyInTarget: PipelineStageItem[]): string {
  const c = countStates(rows);
  const lines = [
    `${c.New} new, ${c.Different} different, ${c.NoDifference} the same${c.Unknown ? `, ${c.Unknown} not compared` : ''}.`,
    '',
    '| Item | Type | Compared with the target stage |',
    '|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.item.itemDisplayName)} | ${cell(r.item.itemType)} | ${label(r.state)}${r.why ? ` (${cell(r.why)})` : ''} |`,
    ),
  ];
  if (onlyInTarget.length)
    lines.push(
      '',
      `Only in the target stage (a stage deploy leaves them as they are): ${onlyInTarget.map((i) => `${cell(i.itemDisplayName)} (${cell(i.itemType)})`).join(', ')}.`,
    );
  return lines.join('\n');
}

function promotionFacts(r: Resolved, opts: PromoteOptions, op?: PipelineOperation): string {
  const ws = (s: PipelineStage & { workspaceId: string }) =>
    `[${cell(s.workspaceName ?? s.workspaceId)}](${workspaceUrl(s.workspaceId)})`;
  const lines = [
    '| | |',
    '|---|---|',
    `| Pipeline | ${cell(r.pipeline.displayName)} |`,
    `| From | ${cell(r.source.displayName)} — ${ws(r.source)} |`,
    `| To | ${cell(r.target.displayName)} — ${ws(r.target)} |`,
    `| Items | ${opts.selectors.length ? `${r.selected.length} selected (${cell(opts.selectors.join(', '))})` : `all (${r.selected.length})`} |`,
  ];
  if (opts.note) lines.push(`| Note | ${cell(opts.note)} |`);
  if (opts.previewOnly) lines.push('| Mode | preview only: nothing deployed |');
  if (op) lines.push(`| Pipeline operation | \`${op.id}\` (${cell(op.status)}) |`);
  return lines.join('\n');
}
