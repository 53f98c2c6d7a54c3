/** Routes non-Fabric paths to the companion services. */
import type { IncomingMessage } from 'node:http';
import type { Reply } from '../http';
import type { Simulator } from '../simulator';
import type { RequestLogEntry } from '../types';

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
  void sim;
  return { status: 404, body: { error: { code: 'NotFound', message: `No route for ${r.method} ${r.url.pathname}` } } };
}
