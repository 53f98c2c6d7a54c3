import type { FabricClient } from './fabric/client';
import type { Host, Logger } from './hosts/host';
import type { TokenProvider } from './identity/token';
import type { AuditLog, Telemetry } from './report/telemetry-types';
import type { RunSettings } from './settings/settings';

/** What every command gets: the host, validated settings, an authenticated client and the reporters. */
export interface RunContext {
  host: Host;
  log: Logger;
  settings: RunSettings;
  deploymentId: string;
  startedAt: Date;
  tokens: TokenProvider;
  client: FabricClient;
  telemetry: Telemetry;
  audit: AuditLog;
}
