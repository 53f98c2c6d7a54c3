import type { RunContext } from '../context';
import { readRepository } from '../items/repository';
import type { DeploymentReport } from '../report/model';
import { deployItems } from './deploy';

/** Runs `deploy` / `plan` / `destroy` and describes what happened; `main` publishes the report. */
export async function executeCommand(ctx: RunContext): Promise<DeploymentReport> {
  const s = ctx.settings;
  const items = await ctx.log.group('Repository', async () => {
    const list = await readRepository(s.itemsDirectory, {
      types: s.config.items?.types,
      exclude: s.config.items?.exclude,
      configLocation: s.loaded.locate(['items', 'directory']),
    });
    ctx.log.info(`${list.length} items in ${s.itemsDirectory}`);
    return list;
  });
  const out = await ctx.log.group('Deploy', () =>
    deployItems({ client: ctx.client, log: ctx.log, workspace: s.workspace, items }),
  );
  return {
    command: s.command,
    deploymentId: ctx.deploymentId,
    environment: s.environment,
    result: 'succeeded',
    workspace: { id: out.workspaceId, name: out.workspaceName, created: out.created },
    items: out.items,
    startedAt: ctx.startedAt,
    durationMs: Date.now() - ctx.startedAt.getTime(),
    warnings: [],
    hasChanges: out.items.some((i) => i.action !== 'unchanged'),
  };
}
