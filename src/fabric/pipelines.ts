/**
 * Fabric deployment pipelines (platform API, DeploymentPipelines_*): the reads `promote` needs and the
 * stage deploy, a long-running operation whose 202 also names the pipeline operation (`deployment-id`)
 * that holds the per-item execution plan. Kept beside the client rather than in it: a separate API
 * family with its own types, used by one command.
 */
import type { FabricClient } from './client';
import { LRO_DEFAULTS, LroPoller, type LroOptions } from './lro';

export interface DeploymentPipeline {
  id: string;
  displayName: string;
  description?: string;
}

export interface PipelineStage {
  id: string;
  order: number;
  displayName: string;
  description?: string;
  workspaceId?: string;
  workspaceName?: string;
  isPublic?: boolean;
}

export interface PipelineStageItem {
  itemId: string;
  itemDisplayName: string;
  itemType: string;
  sourceItemId?: string;
  targetItemId?: string;
  lastDeploymentTime?: string;
}

export interface DeployStageRequest {
  sourceStageId: string;
  targetStageId: string;
  items?: { sourceItemId: string; itemType: string }[];
  note?: string;
}

export type DiffState = 'New' | 'Different' | 'NoDifference';

export interface DeploymentStep {
  index: number;
  description: string;
  status: 'NotStarted' | 'Running' | 'Succeeded' | 'Failed' | string;
  preDeploymentDiffState?: DiffState;
  sourceAndTarget: {
    sourceItemId: string;
    sourceItemDisplayName?: string;
    targetItemId?: string;
    targetItemDisplayName?: string;
    itemType?: string;
  };
  error?: { errorCode?: string; message?: string };
}

export interface PipelineOperation {
  id: string;
  type: string;
  status: string;
  lastUpdatedTime: string;
  executionStartTime?: string;
  executionEndTime?: string;
  sourceStageId?: string;
  targetStageId?: string;
  preDeploymentDiffInformation?: {
    newItemsCount: number;
    differentItemsCount: number;
    noDifferenceItemsCount: number;
  };
  executionPlan?: { steps: DeploymentStep[] };
}

const seg = encodeURIComponent;

export function listPipelines(client: FabricClient): Promise<DeploymentPipeline[]> {
  return client.listAll<DeploymentPipeline>('list deployment pipelines', '/deploymentPipelines');
}

export function listStages(client: FabricClient, pipelineId: string): Promise<PipelineStage[]> {
  return client.listAll<PipelineStage>(
    'list deployment pipeline stages',
    `/deploymentPipelines/${seg(pipelineId)}/stages`,
  );
}

export function listStageItems(
  client: FabricClient,
  pipelineId: string,
  stageId: string,
): Promise<PipelineStageItem[]> {
  return client.listAll<PipelineStageItem>(
    'list deployment pipeline stage items',
    `/deploymentPipelines/${seg(pipelineId)}/stages/${seg(stageId)}/items`,
  );
}

export async function getPipelineOperation(
  client: FabricClient,
  pipelineId: string,
  operationId: string,
): Promise<PipelineOperation> {
  const res = await client.send<PipelineOperation>(
    'get deployment pipeline operation',
    'GET',
    `/deploymentPipelines/${seg(pipelineId)}/operations/${seg(operationId)}`,
  );
  return res.body;
}

/**
 * Starts a stage deploy. Sent once, never resent on an ambiguous failure: a second deploy would run the
 * whole stage again. Returns the LRO's poller and the pipeline operation id (`deployment-id`).
 */
export async function beginStageDeploy(
  client: FabricClient,
  pipelineId: string,
  req: DeployStageRequest,
  opts: LroOptions = {},
): Promise<{ poller: LroPoller<PipelineOperation>; deploymentId?: string }> {
  const operation = 'deploy deployment pipeline stage';
  const url = `${client.baseUrl}/deploymentPipelines/${seg(pipelineId)}/deploy`;
  const first = await client.http.request(operation, 'POST', url, { body: req, signal: opts.signal });
  const lro = client.options.lro ?? {};
  const poller = new LroPoller<PipelineOperation>(
    {
      baseUrl: client.baseUrl,
      emit: client.http.emit,
      get: (op, pollUrl, signal) => client.http.request(op, 'GET', pollUrl, { signal }),
    },
    operation,
    first,
    {
      initialDelayMs: opts.initialDelayMs ?? lro.initialDelayMs ?? LRO_DEFAULTS.initialDelayMs,
      minIntervalMs: opts.minIntervalMs ?? lro.minIntervalMs,
      maxIntervalMs: opts.maxIntervalMs ?? lro.maxIntervalMs,
      deadlineMs: opts.deadlineMs ?? lro.deadlineMs ?? client.options.lroTimeoutMs,
      signal: opts.signal,
    },
  );
  const fromBody = first.status === 200 ? (first.body as PipelineOperation | undefined)?.id : undefined;
  return { poller, deploymentId: first.headers.get('deployment-id') ?? fromBody };
}
