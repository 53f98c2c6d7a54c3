/**
 * Resolves the promote inputs against Fabric: the pipeline, the source stage and the one after it, and
 * the items `promote-items` selects. Every name is checked before the deploy starts (all problems at once).
 */
import { ConfigError, UserError } from '../errors';
import type { FabricClient } from '../fabric/client';
import {
  listPipelines,
  listStageItems,
  listStages,
  type DeploymentPipeline,
  type PipelineStage,
  type PipelineStageItem,
} from '../fabric/pipelines';
import { isGuid } from '../guid';
import { throwAll, type PromoteOptions } from './promote-inputs';

export interface Resolved {
  pipeline: DeploymentPipeline;
  source: PipelineStage & { workspaceId: string };
  target: PipelineStage & { workspaceId: string };
  sourceItems: PipelineStageItem[];
  selected: PipelineStageItem[];
  targetItems: PipelineStageItem[];
}

export async function resolve(client: FabricClient, opts: PromoteOptions): Promise<Resolved> {
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
