/** Every Fabric route the simulator serves, under /v1. */
import type { Handler } from '../context';
import type { Router } from '../router';
import { registerWorkspaces } from './workspaces';
import { registerItems } from './items';
import { registerCapacities } from './capacities';
import { registerRoles } from './roles';
import { registerFolders } from './folders';
import { registerGit } from './git';
import { registerEnvironments } from './environments';
import { registerSpark } from './spark';
import { registerDeploymentPipelines } from './deploymentPipelines';
import { registerBulkDefinitions } from './bulk';
import { registerConnections } from './connections';
import { registerShortcuts } from './shortcuts';

export function registerFabricRoutes(r: Router<Handler>): void {
  registerWorkspaces(r);
  registerItems(r);
  registerBulkDefinitions(r);
  registerCapacities(r);
  registerRoles(r);
  registerFolders(r);
  registerGit(r);
  registerEnvironments(r);
  registerSpark(r);
  registerDeploymentPipelines(r);
  registerConnections(r);
  registerShortcuts(r);
  r.add('GET', '/operations/{operationId}', (ctx) => ctx.sim.ops.getState(ctx));
  r.add('GET', '/operations/{operationId}/result', (ctx) => ctx.sim.ops.getResult(ctx));
}
