/** The inputs of `command: promote`, checked without the network and reported all at once. */
import { ConfigError, UserError } from '../errors';
import type { Host } from '../hosts/host';
import { readInput } from '../settings/settings';

export interface PromoteOptions {
  pipeline: string;
  sourceStage: string;
  targetStage?: string;
  selectors: string[];
  note?: string;
  previewOnly: boolean;
}

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

export function throwAll(problems: UserError[], where: string): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1)
    throw new ConfigError(
      `${problems.length} problems ${where}:\n${problems.map((p) => `  - ${p.format().replace(/\n\s*/g, ' ')}`).join('\n')}`,
    );
}
