/** What the core reports to telemetry; the Application Insights sink is loaded only when telemetry is on. */
export interface Telemetry {
  event(name: string, properties?: Record<string, string | number | boolean | undefined>): void;
  metric(name: string, value: number, properties?: Record<string, string>): void;
  dependency(d: {
    name: string;
    target: string;
    durationMs: number;
    resultCode: number | string;
    success: boolean;
    /** The URL called; its query string is never sent. */
    data?: string;
    method?: string;
    properties?: Record<string, string | number | boolean | undefined>;
    /** When the call started (default: now − duration). */
    time?: Date;
  }): void;
  exception(err: unknown, properties?: Record<string, string>): void;
  /** Sends what is buffered; bounded (never delays the run by more than ~2 s) and never throws. */
  flush(): Promise<void>;
}

export const noTelemetry: Telemetry = {
  event: () => {},
  metric: () => {},
  dependency: () => {},
  exception: () => {},
  flush: async () => {},
};

/** One change applied to Fabric, as written to the JSONL audit log. Never holds a secret. */
export interface AuditRecord {
  time?: string;
  deploymentId?: string;
  action: string; // e.g. item.create, item.update, workspace.create, role.add, rollback.item.delete
  target: { type: string; name?: string; id?: string };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  result: 'succeeded' | 'failed' | 'skipped';
  requestId?: string;
  error?: string;
  identity?: { objectId?: string; appId?: string; tenantId?: string };
}

export interface AuditLog {
  readonly path?: string;
  record(entry: AuditRecord): void;
  /** Who makes the changes, once known (after the token is acquired); records without one get it. */
  setIdentity?(identity: AuditRecord['identity']): void;
  close(): Promise<void>;
}

export const noAudit: AuditLog = { record: () => {}, close: async () => {} };
