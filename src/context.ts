/** The context every command runs with (types only: createRunContext in run-context.ts builds it). */
import type { FabricClient } from './fabric/client';
import type { PrincipalDirectory } from './deploy/workspace';
import type { Host, Logger } from './hosts/host';
import type { FabricTokenProvider } from './identity/provider';
import type { SecretManager } from './identity/secrets';
import type { AuditLog, Telemetry } from './report/telemetry-types';
import type { BaseSettings, RunSettings } from './settings/settings';

/** What every command gets: the host, validated settings, an authenticated client and the reporters. */
export interface CommandContext<S extends BaseSettings = RunSettings> {
  readonly host: Host;
  readonly log: Logger;
  readonly settings: S;
  readonly deploymentId: string;
  readonly startedAt: Date;
  readonly tokens: FabricTokenProvider;
  readonly client: FabricClient;
  readonly telemetry: Telemetry;
  readonly audit: AuditLog;
  /** Microsoft Graph look-ups for principals given by UPN, group name or appId; absent → only object ids work. */
  readonly directory?: PrincipalDirectory;
  /** `${secret:NAME}` resolution (Key Vault → environment → .env on the CLI). */
  readonly secrets?: SecretManager;
  /** Aborted when the job is cancelled (SIGINT/SIGTERM): no new item starts, and the run rolls back. */
  readonly signal?: AbortSignal;
}

/** The context of the commands that read a config file (deploy, plan, destroy, health). */
export type RunContext = CommandContext<RunSettings>;
