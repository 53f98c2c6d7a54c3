/**
 * Runs a command that needs only how to reach and sign in to Fabric (no config file): the log banner,
 * the base settings, what the command checks before any call (`prepare`), sign-in and the audit log; a
 * failure anywhere is reported as every command reports it (annotation, `result`, exit code) and gives
 * `undefined`.
 */
import { randomUUID } from 'node:crypto';
import { connectBase } from '../connect';
import type { CommandContext } from '../context';
import type { Host } from '../hosts/host';
import { reportFailure } from '../report/publish';
import { noAudit, type AuditLog } from '../report/telemetry-types';
import { resolveBaseSettings, type BaseSettings } from '../settings/settings';
import { banner } from '../version';

export async function withSignedIn<T, P = undefined>(
  host: Host,
  fn: (ctx: CommandContext<BaseSettings>, prepared: P) => Promise<T>,
  prepare?: () => Promise<P>,
): Promise<T | undefined> {
  const deploymentId = randomUUID();
  let audit: AuditLog = noAudit;
  host.log.info(banner(host.kind));
  try {
    const settings = resolveBaseSettings(host);
    const prepared = (prepare ? await prepare() : undefined) as P;
    const ctx = await connectBase(host, settings, { deploymentId, startedAt: new Date() });
    audit = ctx.audit;
    return await fn(ctx, prepared);
  } catch (err) {
    reportFailure(host, err, deploymentId, audit);
    return undefined;
  } finally {
    await audit.close().catch(() => undefined);
  }
}
