/**
 * `fabric-deploy rollback --journal FILE`: undoes what a killed run left, from its journal alone (no
 * config file needed: only how to reach and sign in to Fabric, and how long to wait for the lock).
 */
import path from 'node:path';
import { rollbackFromJournal } from '../deploy/rollback';
import type { Host } from '../hosts/host';
import type { DeploymentReport } from '../report/model';
import { publish } from '../report/publish';
import { withSignedIn } from './signed-in';

export async function rollbackCommand(host: Host, journal: string): Promise<DeploymentReport | undefined> {
  return withSignedIn(host, async (ctx) => {
    const report = await rollbackFromJournal(ctx, path.resolve(journal));
    await publish(host, report);
    if (ctx.audit.path) host.setOutput('audit-log', ctx.audit.path);
    host.setResult(report.result === 'rolled-back' ? 'succeeded' : 'failed', report.error);
    return report;
  });
}
