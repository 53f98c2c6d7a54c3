/**
 * `fabric-deploy rollback --journal FILE`: undoes what a killed run left, from its journal alone (no
 * config file needed: only how to reach and sign in to Fabric, and how long to wait for the lock).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { connectBase } from '../connect';
import { rollbackFromJournal } from '../deploy/rollback';
import type { Host } from '../hosts/host';
import type { DeploymentReport } from '../report/model';
import { publish, reportFailure } from '../report/publish';
import { noAudit, type AuditLog } from '../report/telemetry-types';
import { resolveBaseSettings } from '../settings/settings';
import { banner } from '../version';

export async function rollbackCommand(host: Host, journal: string): Promise<DeploymentReport | undefined> {
  const deploymentId = randomUUID();
  let audit: AuditLog = noAudit;
  host.log.info(banner(host.kind));
  try {
    const settings = resolveBaseSettings(host);
    const ctx = await connectBase(host, settings, { deploymentId, startedAt: new Date() });
    audit = ctx.audit;
    const report = await rollbackFromJournal(ctx, path.resolve(journal));
    await publish(host, report);
    if (audit.path) host.setOutput('audit-log', audit.path);
    host.setResult(report.result === 'failed' ? 'failed' : 'succeeded', report.error);
    return report;
  } catch (err) {
    reportFailure(host, err, deploymentId, audit);
    return undefined;
  } finally {
    await audit.close().catch(() => undefined);
  }
}
