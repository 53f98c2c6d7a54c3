/**
 * Routes non-Fabric paths to the companion services. Both servers answer every
 * companion (HTTPS is what real clients need for Entra ID and Key Vault; plain
 * HTTP serves managed identity and App Insights like their local endpoints).
 */
import type { IncomingMessage } from 'node:http';
import type { Reply } from '../http';
import type { Simulator } from '../simulator';
import type { RequestLogEntry } from '../types';
import { handleEntra, handleManagedIdentity } from './entra';
import { handleKeyVault } from './keyvault';
import { handleGraph } from './graph';
import { handleAppInsights } from './appinsights';

export interface CompanionRequest {
  req: IncomingMessage;
  method: string;
  url: URL;
  body: Buffer;
  secure: boolean;
  requestId: string;
  entry: RequestLogEntry;
}

export async function handleCompanion(sim: Simulator, r: CompanionRequest): Promise<Reply> {
  const reply =
    handleManagedIdentity(sim, r) ??
    handleAppInsights(sim, r) ??
    handleGraph(sim, r) ??
    handleKeyVault(sim, r) ??
    handleEntra(sim, r);
  if (reply) return reply;
  return {
    status: 404,
    body: { error: { code: 'NotFound', message: `No route for ${r.method} ${r.url.pathname}` } },
  };
}
