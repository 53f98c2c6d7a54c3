import type { FabricErrorBody, FabricErrorDetail } from './types';

/** A Fabric API error answer (or a failed long-running operation), keyed by errorCode, never by text. */
export class FabricApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly requestId?: string;
  readonly moreDetails: FabricErrorDetail[];
  readonly operation: string;
  readonly retryAfterSeconds?: number;
  readonly isRetriable?: boolean;

  constructor(init: {
    operation: string;
    status: number;
    body?: Partial<FabricErrorBody>;
    requestId?: string;
    retryAfterSeconds?: number;
  }) {
    const code = init.body?.errorCode ?? `Http${init.status}`;
    const msg = init.body?.message ?? `HTTP ${init.status}`;
    super(`${init.operation} failed: ${code}: ${msg}`);
    this.name = 'FabricApiError';
    this.operation = init.operation;
    this.status = init.status;
    this.errorCode = code;
    this.requestId = init.body?.requestId ?? init.requestId;
    this.moreDetails = init.body?.moreDetails ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.isRetriable = init.body?.isRetriable;
  }
}
