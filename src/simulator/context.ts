/** The per-request context handed to Fabric route handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Identity } from './auth';
import type { Reply } from './http';
import type { Simulator } from './simulator';

export interface Ctx {
  sim: Simulator;
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  template: string;
  body: any;
  requestId: string;
  identity: Identity;
  /** Set by an `lroFail` fault: the LRO started by this request ends Failed. */
  lroFail?: { errorCode: string; message: string };
  /** Set by an `itemStatus` fault: one item of a bulk import ends with this status. */
  itemFault?: { displayName: string; type?: string; status: 'Failed' | 'SucceededDespiteFailures' };
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;
