/**
 * Application Insights ingestion: POST /v2.1/track and /v2/track with a gzip
 * or plain body holding a JSON array, one envelope, or newline-delimited
 * envelopes. Answers {itemsReceived, itemsAccepted, errors}; what arrived is
 * readable at GET /_sim/telemetry.
 */
import type { Reply } from '../http';
import type { Simulator } from '../simulator';
import type { CompanionRequest } from './dispatch';

const MAX_KEPT = 20000;

export function parseEnvelopes(text: string): unknown[] {
  const t = text.trim();
  if (!t) return [];
  try {
    const j = JSON.parse(t);
    return Array.isArray(j) ? j : [j];
  } catch {
    return t
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  }
}

export function handleAppInsights(sim: Simulator, r: CompanionRequest): Reply | undefined {
  const p = r.url.pathname.replace(/\/+$/, '');
  if (p !== '/v2.1/track' && p !== '/v2/track') {
    // The SDK's live-metrics ping: say "not subscribed" so it stays quiet.
    if (/QuickPulseService\.svc/i.test(p))
      return { status: 200, headers: { 'x-ms-qps-subscribed': 'false' }, body: {} };
    return undefined;
  }
  if (r.method !== 'POST') return { status: 405, body: { itemsReceived: 0, itemsAccepted: 0, errors: [] } };
  let envelopes: unknown[];
  try {
    envelopes = parseEnvelopes(r.body.toString('utf8'));
  } catch {
    return {
      status: 400,
      body: {
        itemsReceived: 0,
        itemsAccepted: 0,
        errors: [{ index: 0, statusCode: 400, message: 'Invalid JSON' }],
      },
    };
  }
  const errors: { index: number; statusCode: number; message: string }[] = [];
  envelopes.forEach((e, index) => {
    const env = e as Record<string, unknown>;
    if (!env || typeof env !== 'object' || typeof env.name !== 'string' || typeof env.time !== 'string')
      errors.push({ index, statusCode: 400, message: 'Field name and time are required' });
    else if (!env.iKey && !env.instrumentationKey)
      errors.push({ index, statusCode: 400, message: 'Invalid instrumentation key' });
  });
  const accepted = envelopes.filter((_, i) => !errors.some((x) => x.index === i));
  const t = sim.state.telemetry;
  t.push(...accepted);
  if (t.length > MAX_KEPT) t.splice(0, t.length - MAX_KEPT);
  return {
    status: errors.length && !accepted.length ? 400 : errors.length ? 206 : 200,
    body: { itemsReceived: envelopes.length, itemsAccepted: accepted.length, errors },
  };
}
