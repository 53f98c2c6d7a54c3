/**
 * The promote preview: each selected source item compared with its pair in the target stage (new,
 * different, the same), its outcome once Fabric's deploy reports the step, and the summary tables.
 */
import type { FabricClient } from '../fabric/client';
import type { Item, ItemDefinition } from '../fabric/types';
import type { DiffState, PipelineOperation, PipelineStage, PipelineStageItem } from '../fabric/pipelines';
import type { ItemOutcome } from '../report/model';
import { cell } from '../report/markdown';
import { workspaceUrl } from '../report/summary';
import type { PromoteOptions } from './promote-inputs';
import type { Resolved } from './promote-resolve';

/** What the preview found for one source item. */
export interface PreviewRow {
  item: PipelineStageItem;
  /** New: nothing paired in the target; Different / NoDifference from the definitions; Unknown when they can't be read. */
  state: DiffState | 'Unknown';
  targetItemId?: string;
  why?: string;
}

/** New when nothing is paired in the target; else the two definitions decide (`.platform` aside). */
export async function comparePreview(client: FabricClient, r: Resolved): Promise<PreviewRow[]> {
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

export function countStates(rows: PreviewRow[]): Record<PreviewRow['state'], number> {
  const c = { New: 0, Different: 0, NoDifference: 0, Unknown: 0 };
  for (const r of rows) c[r.state]++;
  return c;
}

export const label = (s: PreviewRow['state']) =>
  s === 'New' ? 'new' : s === 'Different' ? 'different' : s === 'NoDifference' ? 'same' : 'paired';

const ACTION: Record<PreviewRow['state'], ItemOutcome['action']> = {
  New: 'create',
  Different: 'update',
  NoDifference: 'unchanged',
  Unknown: 'update',
};

export function outcomeOf(p: PreviewRow): Omit<ItemOutcome, 'status'> {
  return { name: p.item.itemDisplayName, type: p.item.itemType, id: p.targetItemId, action: ACTION[p.state] };
}

export function stepOutcome(s: DeploymentStep, preview: PreviewRow[]): ItemOutcome {
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

export function previewTable(rows: PreviewRow[], onlyInTarget: PipelineStageItem[]): string {
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

export function promotionFacts(r: Resolved, opts: PromoteOptions, op?: PipelineOperation): string {
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
