import { randomUUID } from 'node:crypto';
import { errorMessage, UserError } from './errors';
import { FabricClient } from './fabric/client';
import type { Host } from './hosts/host';
import { staticTokenProvider, type TokenProvider } from './identity/token';
import { executeCommand } from './deploy/command';
import type { RunContext } from './context';
import { noAudit, noTelemetry } from './report/telemetry-types';
import type { DeploymentReport } from './report/model';
import { renderSummary } from './report/summary';
import { resolveSettings, type RunSettings } from './settings/settings';
import { userAgent } from './version';
import { ConfigError } from './errors';

const DEFAULT_FABRIC_API = 'https://api.fabric.microsoft.com/v1';

/** One run of the tool on any host: settings → identity → plan/deploy → report. Never throws. */
export async function run(host: Host): Promise<DeploymentReport | undefined> {
  const deploymentId = randomUUID();
  const startedAt = new Date();
  let settings: RunSettings | undefined;
  try {
    settings = await host.log.group('Settings', async () => resolveSettings(host));
    const s = settings;
    const tokens = await createTokens(s, host);
    const client = new FabricClient({
      baseUrl: fabricApiUrl(s),
      tokens,
      userAgent: userAgent(host.kind),
      correlationId: deploymentId,
    });
    const ctx: RunContext = {
      host,
      log: host.log,
      settings: s,
      deploymentId,
      startedAt,
      tokens,
      client,
      telemetry: noTelemetry,
      audit: noAudit,
    };
    const report = await executeCommand(ctx);
    await publish(host, report);
    host.setResult(report.result === 'succeeded' ? 'succeeded' : 'failed', report.error);
    return report;
  } catch (err) {
    const message = errorMessage(err);
    if (err instanceof UserError) {
      host.log.error(err.message + (err.field ? ` [${err.field}]` : '') + (err.fix ? ` — fix: ${err.fix}` : ''), err.location);
    } else {
      host.log.error(message);
      if (err instanceof Error && err.stack) host.log.debug(err.stack);
    }
    host.setOutput('deployment-id', deploymentId);
    host.setOutput('result', 'failed');
    host.setResult('failed', message);
    return undefined;
  }
}

async function createTokens(s: RunSettings, host: Host): Promise<TokenProvider> {
  if (s.inputs.auth === 'token') {
    if (!s.inputs.token) {
      throw new ConfigError("auth is 'token' but no token was given", {
        field: 'token',
        fix: 'pass the token input (a bearer token for the Fabric API), or choose another auth kind',
      });
    }
    return staticTokenProvider(s.inputs.token);
  }
  void host;
  throw new ConfigError(`auth '${s.inputs.auth}' is not supported yet`, {
    field: 'auth',
    fix: "use 'auth: token' with a bearer token for now",
  });
}

function fabricApiUrl(s: RunSettings): string {
  const url = s.inputs.fabricApiUrl ?? DEFAULT_FABRIC_API;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`input 'fabric-api-url' is not a URL: '${url}'`, { field: 'fabric-api-url', fix: 'use e.g. https://api.fabric.microsoft.com/v1' });
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname) || parsed.hostname.startsWith('127.');
  if (parsed.protocol !== 'https:' && !loopback) {
    throw new ConfigError(`input 'fabric-api-url' must use https: '${url}'`, { field: 'fabric-api-url', fix: 'use an https URL (http is allowed only for a loopback simulator)' });
  }
  return url.replace(/\/$/, '');
}

async function publish(host: Host, report: DeploymentReport): Promise<void> {
  host.setOutput('workspace-id', report.workspace.id ?? '');
  host.setOutput('deployment-id', report.deploymentId);
  host.setOutput('result', report.result);
  host.setOutput('has-changes', String(report.hasChanges));
  host.setOutput(
    'items',
    JSON.stringify(report.items.map((i) => ({ name: i.name, type: i.type, id: i.id, action: i.action }))),
  );
  const file = await host.writeSummary(renderSummary(report));
  if (file) host.setOutput('summary-file', file);
}
