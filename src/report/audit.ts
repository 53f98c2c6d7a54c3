/**
 * The audit log: JSON Lines, one record per change applied to Fabric (and per undo), appended
 * synchronously so a crash loses nothing already done. Values are sanitized on the way in: secret-
 * looking keys are dropped, strings scrubbed and bounded. Writing never fails the run.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../hosts/host';
import { makeSanitizer, SECRET_KEY } from './scrub';
import type { AuditLog, AuditRecord } from './telemetry-types';

export interface AuditLogOptions {
  /** Directory of the log (created if missing), e.g. the host's temp dir or the workspace. */
  dir: string;
  deploymentId: string;
  /** Who makes the changes (decoded from the token: oid, appid, tid); settable later with setIdentity. */
  identity?: AuditRecord['identity'];
  /** Masks registered secrets (the host masker). */
  scrub?: (s: string) => string;
  /** File name (default `fabric-deploy-audit-<deploymentId>.jsonl`). */
  fileName?: string;
  log?: Logger;
}

/** One line of the file: the record with time, deployment id and sequence filled in. */
export type AuditLine = AuditRecord & { time: string; deploymentId: string; seq: number };

const MAX_STRING = 1024;
const MAX_DEPTH = 4;
const MAX_ARRAY = 50;

/** Opens (creates) the JSONL file; its path is the `audit-log` output. */
export async function createAuditLog(
  opts: AuditLogOptions,
): Promise<AuditLog & { setIdentity(i: AuditRecord['identity']): void }> {
  const sanitize = makeSanitizer(opts.scrub);
  const file = path.resolve(
    opts.dir,
    opts.fileName ?? `fabric-deploy-audit-${safeName(opts.deploymentId)}.jsonl`,
  );
  let identity = pickIdentity(opts.identity);
  let seq = 0;
  let broken = false;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, '');
  } catch (err) {
    broken = true;
    opts.log?.warn(`audit log ${file} cannot be written: ${(err as Error).message}`);
  }

  const clean = (v: unknown, depth = 0): unknown => {
    if (v === null || v === undefined) return v;
    if (typeof v === 'string') return bound(sanitize(v));
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Date) return v.toISOString();
    if (depth >= MAX_DEPTH) return '[…]';
    if (Array.isArray(v)) return v.slice(0, MAX_ARRAY).map((x) => clean(x, depth + 1));
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x === undefined) continue;
        out[k] = SECRET_KEY.test(k) ? '[redacted]' : clean(x, depth + 1);
      }
      return out;
    }
    return undefined; // functions, symbols, bigints: nothing an auditor needs
  };

  return {
    path: broken ? undefined : file,
    setIdentity(i) {
      identity = pickIdentity(i);
    },
    record(entry: AuditRecord): void {
      if (broken) return;
      try {
        const line: AuditLine = {
          time: entry.time ?? new Date().toISOString(),
          deploymentId: entry.deploymentId ?? opts.deploymentId,
          seq: ++seq,
          identity: pickIdentity(entry.identity) ?? identity,
          action: bound(sanitize(entry.action)),
          target: clean(entry.target) as AuditRecord['target'],
          before: entry.before === undefined ? undefined : (clean(entry.before) as Record<string, unknown>),
          after: entry.after === undefined ? undefined : (clean(entry.after) as Record<string, unknown>),
          result: entry.result,
          requestId: entry.requestId ?? requestIdIn(entry.error),
          error: entry.error === undefined ? undefined : bound(sanitize(entry.error)),
        };
        appendFileSync(file, JSON.stringify(line) + '\n');
      } catch (err) {
        broken = true;
        opts.log?.warn(
          `audit log ${file} cannot be written: ${(err as Error).message}; later changes are not audited`,
        );
      }
    },
    async close(): Promise<void> {
      // Every record is already on disk (synchronous appends); nothing is buffered.
    },
  };
}

/** Parses a JSONL audit log (tests, `rollback`, tooling). */
export function readAuditLog(file: string): AuditLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditLine);
}

function pickIdentity(i: AuditRecord['identity'] | undefined): AuditRecord['identity'] | undefined {
  if (!i) return undefined;
  // Only the ids: whatever else a caller hands in (claims, tokens) stays out.
  const out: NonNullable<AuditRecord['identity']> = {};
  if (i.objectId) out.objectId = String(i.objectId);
  if (i.appId) out.appId = String(i.appId);
  if (i.tenantId) out.tenantId = String(i.tenantId);
  return Object.keys(out).length ? out : undefined;
}

/** The Fabric request id quoted in an error message (`[requestId …]`), when the caller passed none. */
function requestIdIn(error: string | undefined): string | undefined {
  return error ? /\brequestId[:\s]+([0-9a-zA-Z-]{8,})/.exec(error)?.[1] : undefined;
}

function bound(s: string): string {
  return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…` : s;
}

function safeName(s: string): string {
  return s.replace(/[^0-9A-Za-z._-]/g, '_');
}
