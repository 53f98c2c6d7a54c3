import { createHash } from 'node:crypto';
import { isGuid } from '../../guid';

/** What `telemetry-connection-string` must look like; used by createTelemetry and the health check. */
export function checkConnectionString(
  cs: string | undefined,
): { ok: true; instrumentationKey: string; ingestionEndpoint?: string } | { ok: false; reason: string } {
  if (!cs || !cs.trim())
    return { ok: false, reason: 'no connection string is set (telemetry-connection-string)' };
  const fields = new Map<string, string>();
  for (const part of cs.trim().split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'the connection string is not a list of Key=Value pairs' };
    fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const ikey = fields.get('instrumentationkey');
  if (!ikey || !isGuid(ikey)) {
    return { ok: false, reason: 'the connection string has no valid InstrumentationKey (a GUID)' };
  }
  const endpoint = fields.get('ingestionendpoint');
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return { ok: false, reason: 'IngestionEndpoint in the connection string is not a URL' };
    }
    // The SDK sends over HTTPS whatever the scheme says; a plain-HTTP endpoint could never answer.
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      return { ok: false, reason: 'IngestionEndpoint must be an https URL' };
  }
  return { ok: true, instrumentationKey: ikey, ingestionEndpoint: endpoint };
}

/** App Insights operation id (a W3C trace id: 32 hex) for a deployment id: the GUID's hex, else a hash. */
export function operationIdFor(deploymentId: string): string {
  const hex = deploymentId.replace(/-/g, '').toLowerCase();
  if (/^[0-9a-f]{32}$/.test(hex) && !/^0+$/.test(hex)) return hex;
  return createHash('sha256').update(deploymentId).digest('hex').slice(0, 32);
}
