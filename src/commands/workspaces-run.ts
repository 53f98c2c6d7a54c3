/** Runs one `workspaces` operation: sign in as a deploy does, print its table or JSON, report failures. */
import { randomUUID } from 'node:crypto';
import { connectBase } from '../connect';
import type { Host } from '../hosts/host';
import { Directory } from '../identity/directory';
import { reportFailure } from '../report/publish';
import { noAudit, type AuditLog } from '../report/telemetry-types';
import { resolveBaseSettings } from '../settings/settings';
import { banner } from '../version';
import type { Shown, WorkspacesContext } from './workspaces';

export async function runOne(
  host: Host,
  opts: { json?: unknown },
  fn: (ctx: WorkspacesContext) => Promise<Shown>,
): Promise<number> {
  const deploymentId = randomUUID();
  let audit: AuditLog = noAudit;
  host.log.info(banner(host.kind));
  try {
    const settings = resolveBaseSettings(host);
    const ctx = await connectBase(host, settings, { deploymentId, startedAt: new Date() });
    audit = ctx.audit;
    const directory = new Directory({
      graphUrl: settings.connection.cloud.graphUrl,
      tokenFor: (scope) => ctx.tokens.tokenFor(scope),
    });
    const shown = await fn({ ...ctx, directory });
    process.stdout.write((opts.json ? JSON.stringify(shown.json, null, 2) : shown.text) + '\n');
    if (audit.path) host.log.info(`audit log: ${audit.path}`);
    return 0;
  } catch (err) {
    reportFailure(host, err, deploymentId, audit);
    return 1;
  } finally {
    await audit.close().catch(() => undefined);
  }
}
