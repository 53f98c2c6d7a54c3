/**
 * `fabric-deploy serve-health --port N`: `/health` (liveness) and `/readiness` (the checks, cached) for
 * long-running agents. Resolves when the server is listening; `close()` stops it.
 */
import { randomUUID } from 'node:crypto';
import { connect } from '../connect';
import { runHealthChecks, serveHealth } from '../health';
import type { Host } from '../hosts/host';
import { reportFailure } from '../report/publish';
import { noAudit, noTelemetry } from '../report/telemetry-types';
import { resolveSettings } from '../settings/settings';

export async function serveHealthCommand(
  host: Host,
  port: number,
  hostname?: string,
): Promise<{ url: string; close(): Promise<void> } | undefined> {
  const deploymentId = randomUUID();
  try {
    const settings = resolveSettings(host);
    const ctx = await connect(host, settings, {
      deploymentId,
      startedAt: new Date(),
      telemetry: noTelemetry,
    });
    const server = await serveHealth({ port, host: hostname, checks: () => runHealthChecks(ctx) });
    host.log.info(`health endpoints: ${server.url}/health and ${server.url}/readiness`);
    return server;
  } catch (err) {
    reportFailure(host, err, deploymentId, noAudit);
    return undefined;
  }
}
