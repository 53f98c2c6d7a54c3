import type { FabricClient } from './fabric/client';
import type { Host, Logger } from './hosts/host';
import type { FabricTokenProvider } from './identity/credentials';
import type { Directory } from './identity/directory';
import type { SecretManager } from './identity/secrets';
import type { AuditLog, Telemetry } from './report/telemetry-types';
import type { RunSettings } from './settings/settings';

/** What every command gets: the host, validated settings, an authenticated client and the reporters. */
export interface RunContext {
  host: Host;
  log: Logger;
  settings: RunSettings;
  deploymentId: string;
  startedAt: Date;
  tokens: FabricTokenProvider;
  client: FabricClient;
  telemetry: Telemetry;
  audit: AuditLog;
  /** Microsoft Graph look-ups for principals given by UPN, group name or appId; absent → only object ids work. */
  directory?: Pick<Directory, 'userByUpn' | 'groupByName' | 'servicePrincipalByAppId'>;
  /** `${secret:NAME}` resolution (Key Vault → environment → .env on the CLI). */
  secrets?: SecretManager;
  /** Aborted when the job is cancelled (SIGINT/SIGTERM): no new item starts, and the run rolls back. */
  signal?: AbortSignal;
}
