/** Telemetry names: alerts and the workbook query these, so they change only with them. */

/** customEvents names. */
export const TELEMETRY_EVENTS = {
  deploymentStarted: 'DeploymentStarted',
  deploymentSucceeded: 'DeploymentSucceeded',
  deploymentRolledBack: 'DeploymentRolledBack',
  deploymentFailed: 'DeploymentFailed',
  circuitOpened: 'CircuitOpened',
  retryScheduled: 'RetryScheduled',
  tokenAcquisitionFailed: 'TokenAcquisitionFailed',
  configValidationFailed: 'ConfigValidationFailed',
  healthCheckFailed: 'HealthCheckFailed',
} as const;

/** customMetrics names (recorded as histograms: `value` is the sum, `valueCount` the count). */
export const TELEMETRY_METRICS = {
  deploymentDuration: 'FabricDeploy.DeploymentDurationMs',
  items: 'FabricDeploy.Items',
  retries: 'FabricDeploy.Retries',
  throttles: 'FabricDeploy.Throttles',
  circuitOpens: 'FabricDeploy.CircuitOpens',
  rollbacks: 'FabricDeploy.Rollbacks',
} as const;

/** customDimensions present on every item. */
export const TELEMETRY_DIMENSIONS = {
  app: 'app',
  appValue: 'fabric-deploy',
  version: 'version',
  deploymentId: 'deploymentId',
  environment: 'environment',
  host: 'host',
  command: 'command',
} as const;

/** Dependencies are HTTP calls to Fabric (the exporter writes type 'Http'), named `METHOD /v1/path/{id}`. */
export const DEPENDENCY_TYPE = 'Http';

export type TelemetryEventName = (typeof TELEMETRY_EVENTS)[keyof typeof TELEMETRY_EVENTS];
export type TelemetryMetricName = (typeof TELEMETRY_METRICS)[keyof typeof TELEMETRY_METRICS];

/** Total time `flush()` may take. */
export const FLUSH_BUDGET_MS = 2000;
