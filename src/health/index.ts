export { runHealthChecks } from './run';
export { requiredRole, CHECK_NAMES, DEFAULT_CHECK_TIMEOUT_MS } from './model';
export type {
  CheckName,
  CheckResult,
  CheckStatus,
  HealthContext,
  HealthIdentity,
  HealthOptions,
  HealthReport,
  HealthSettings,
} from './model';
export { renderHealth } from './render';
export { serveHealth, DEFAULT_READINESS_CACHE_MS } from './server';
export type { HealthServer, HealthServerOptions } from './server';
