/** The health checks' vocabulary: names, results, the report, and what a check reads. */
import type { FabricClient } from '../fabric/client';
import type { Logger } from '../hosts/host';
import type { TokenProvider } from '../identity/token';
import type { Telemetry } from '../report/telemetry-types';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export const CHECK_NAMES = [
  'fabric-api',
  'authentication',
  'workspace',
  'capacity',
  'key-vault',
  'telemetry',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckResult {
  name: CheckName;
  title: string;
  status: CheckStatus;
  message: string;
  durationMs: number;
  /** Facts for the JSON form (ids, role, state); never a token or secret. */
  details?: Record<string, string | number | boolean | undefined>;
}

export interface HealthIdentity {
  tenantId?: string;
  objectId?: string;
  appId?: string;
  upn?: string;
  /** 'app' or 'user' (the token's idtyp claim). */
  kind?: string;
  tokenExpiresAt?: string;
}

export interface HealthReport {
  ok: boolean;
  status: 'healthy' | 'unhealthy';
  checkedAt: string;
  durationMs: number;
  version: string;
  environment?: string;
  identity?: HealthIdentity;
  checks: CheckResult[];
}

/** The settings the checks read (RunSettings has them all). */
export interface HealthSettings {
  environment?: string;
  workspace: { id?: string; name?: string };
  config: {
    workspace: {
      capacity?: { id?: string; name?: string };
      principals?: readonly { role: string }[];
      principalsFile?: string;
      git?: unknown;
    };
  };
  features: { telemetry: boolean; keyVault: boolean };
  inputs: { keyVaultUrl?: string; telemetryConnectionString?: string };
}

/** What the checks need from a run (a RunContext fits). */
export interface HealthContext {
  settings: HealthSettings;
  client?: Pick<FabricClient, 'baseUrl' | 'probe' | 'getWorkspace' | 'listWorkspaces' | 'listCapacities'>;
  tokens?: TokenProvider;
  telemetry?: Telemetry;
  log?: Logger;
}

export interface HealthOptions {
  /** Upper bound per check in ms (default 2000: the seeds' "health check responds within 2 s"). */
  timeoutMs?: number;
  /** Run only these checks (the rest are reported as skipped). */
  only?: CheckName[];
}

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;

export const TITLES: Record<CheckName, string> = {
  'fabric-api': 'Fabric API reachable',
  authentication: 'Authentication',
  workspace: 'Workspace access and role',
  capacity: 'Capacity active',
  'key-vault': 'Key Vault reachable',
  telemetry: 'Telemetry configuration',
};

export const ROLE_RANK: Record<string, number> = { Viewer: 1, Contributor: 2, Member: 3, Admin: 4 };

export type Outcome = { status: CheckStatus; message: string; details?: CheckResult['details'] };

export class CheckTimeout extends Error {}

/** The lowest workspace role this configuration can deploy with. */
export function requiredRole(s: HealthSettings): 'Admin' | 'Member' | 'Contributor' {
  const w = s.config.workspace;
  // Connecting Git and granting Admin are Admin-only; other role assignments need Member.
  if (w.git || (w.principals ?? []).some((p) => p.role === 'Admin')) return 'Admin';
  if ((w.principals ?? []).length > 0 || w.principalsFile) return 'Member';
  return 'Contributor';
}

export function whoText(i: HealthIdentity | undefined): string {
  if (i?.upn) return `user ${i.upn}`;
  if (i?.appId) return `app ${i.appId}`;
  if (i?.objectId) return `principal ${i.objectId}`;
  return 'this identity';
}
