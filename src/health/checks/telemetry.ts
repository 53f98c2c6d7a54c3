/** Is the telemetry connection string usable (when telemetry is on)? */
import { checkConnectionString } from '../../report/telemetry';
import type { HealthContext, Outcome } from '../model';

export function checkTelemetry(ctx: HealthContext): Outcome {
  if (!ctx.settings.features.telemetry) return { status: 'skip', message: 'telemetry is off' };
  const c = checkConnectionString(ctx.settings.inputs.telemetryConnectionString);
  if (!c.ok) return { status: 'fail', message: `telemetry is on but ${c.reason}` };
  let endpoint = 'the default ingestion endpoint';
  try {
    if (c.ingestionEndpoint) endpoint = new URL(c.ingestionEndpoint).host;
  } catch {
    // checked already
  }
  // The instrumentation key is not a secret, but there is no need to show all of it.
  const ikey = `${c.instrumentationKey.slice(0, 8)}…`;
  return {
    status: 'pass',
    message: `Application Insights ${ikey} via ${endpoint}`,
    details: { instrumentationKey: ikey, endpoint },
  };
}
