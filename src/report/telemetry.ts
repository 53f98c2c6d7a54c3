/**
 * Application Insights telemetry. What a run reports lives in ./telemetry/ (names, run events, the
 * Fabric client's events, the connection string); the SDK sink (./telemetry/app-insights.ts, most of
 * the bundle's weight) is imported only when telemetry is on and its connection string is valid.
 */
import type { Telemetry } from './telemetry-types';
import { noTelemetry } from './telemetry-types';
import { makeSanitizer } from './scrub';
import { checkConnectionString } from './telemetry/connection-string';
import { errText } from './telemetry/error-details';
import type { TelemetryOptions } from './telemetry/options';

export * from './telemetry/names';
export { checkConnectionString, operationIdFor } from './telemetry/connection-string';
export {
  classifyError,
  trackDeploymentFinished,
  trackDeploymentStarted,
  trackRunError,
} from './telemetry/run-events';
export { telemetryEventSink, templatePath, type TelemetrySourceEvent } from './telemetry/client-events';
export { describeError } from './telemetry/error-details';
export type { TelemetryOptions } from './telemetry/options';
export type { DependencyData } from './telemetry/app-insights';

/**
 * The run's telemetry: `noTelemetry` when off or misconfigured (with a warning), else the Application
 * Insights sink. Loading the SDK is synchronous module evaluation that no timer can interrupt, so it is
 * paid here, up front, rather than inside the bounded `flush()` at the end.
 */
export async function createTelemetry(opts: TelemetryOptions): Promise<Telemetry> {
  if (!opts.enabled) return noTelemetry;
  const check = checkConnectionString(opts.connectionString);
  if (!check.ok) {
    opts.log?.warn(`telemetry is on but ${check.reason}; no telemetry is sent`);
    return noTelemetry;
  }
  try {
    const { startAppInsights } = await import('./telemetry/app-insights');
    return startAppInsights(opts, opts.connectionString!.trim());
  } catch (err) {
    opts.log?.warn(
      `telemetry is off: the Application Insights SDK could not start (${makeSanitizer(opts.scrub)(errText(err))})`,
    );
    return noTelemetry;
  }
}
