import { FABRIC_ERROR_HINTS, SERVER_ERROR_HINT } from './error-hints';
import type { FabricErrorBody, FabricErrorDetail } from './types';

/** Statuses worth another attempt: the request may succeed unchanged a moment later. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
/** Error codes worth another attempt whatever their status (a name still reserved after a delete). */
export const RETRIABLE_ERROR_CODES: ReadonlySet<string> = new Set(['ItemDisplayNameNotAvailableYet']);

export interface FabricApiErrorInit {
  operation: string;
  status: number;
  body?: Partial<FabricErrorBody> | null;
  requestId?: string;
  retryAfterSeconds?: number;
  /** Error code from the `x-ms-public-api-error-code` header, used when the body has none. */
  headerErrorCode?: string;
  method?: string;
  /** Request URL with query values redacted. */
  url?: string;
  /** Set for a failed long-running operation. */
  operationId?: string;
  /** Role the caller needs for this call (for the InsufficientPrivileges hint). */
  requiredRole?: string;
  /** Overrides the hint derived from the error code. */
  hint?: string;
}

/**
 * A Fabric (or Graph / Key Vault) error answer, or a failed long-running operation.
 * Callers branch on `errorCode`, never on the text of `message`.
 */
export class FabricApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  /** The service's own message (the Error `message` is the full user-facing sentence). */
  readonly serviceMessage: string;
  readonly requestId?: string;
  readonly moreDetails: FabricErrorDetail[];
  readonly relatedResource?: { resourceId: string; resourceType: string };
  readonly operation: string;
  readonly method?: string;
  readonly url?: string;
  readonly operationId?: string;
  readonly retryAfterSeconds?: number;
  /** What the service said (`isRetriable`), if anything. */
  readonly isRetriable?: boolean;
  /** Whether this client retries it (status/code based; see RETRIABLE_*). */
  readonly retriable: boolean;
  readonly hint?: string;

  constructor(init: FabricApiErrorInit) {
    const body = normalizeErrorBody(init.body);
    const code = body?.errorCode ?? init.headerErrorCode ?? defaultCode(init.status);
    const serviceMessage = body?.message ?? `HTTP ${init.status}`;
    const requestId = body?.requestId ?? init.requestId;
    const hint = init.hint ?? hintFor(code, init.status, init.requiredRole);
    super(
      `${init.operation} failed: ${code}${init.status ? ` (HTTP ${init.status})` : ''}: ${serviceMessage}` +
        (requestId ? ` [requestId ${requestId}]` : '') +
        (hint ? `. Hint: ${hint}` : ''),
    );
    this.name = 'FabricApiError';
    this.operation = init.operation;
    this.status = init.status;
    this.errorCode = code;
    this.serviceMessage = serviceMessage;
    this.requestId = requestId;
    this.moreDetails = body?.moreDetails ?? [];
    this.relatedResource = body?.relatedResource;
    this.method = init.method;
    this.url = init.url;
    this.operationId = init.operationId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.isRetriable = body?.isRetriable;
    this.retriable = RETRIABLE_STATUSES.has(init.status) || RETRIABLE_ERROR_CODES.has(code);
    this.hint = hint;
  }

  /** Multi-line text for logs and the step summary: operation, code, request id, details, hint. */
  describe(): string {
    const lines = [
      `${this.operation} failed: ${this.errorCode}${this.status ? ` (HTTP ${this.status})` : ''}`,
    ];
    lines.push(`  message: ${this.serviceMessage}`);
    if (this.method && this.url) lines.push(`  request: ${this.method} ${this.url}`);
    if (this.requestId) lines.push(`  requestId: ${this.requestId}`);
    if (this.operationId) lines.push(`  operationId: ${this.operationId}`);
    for (const d of this.moreDetails) {
      const rel = d.relatedResource
        ? ` (${d.relatedResource.resourceType} ${d.relatedResource.resourceId})`
        : '';
      lines.push(`  detail: ${d.errorCode}: ${d.message}${rel}`);
    }
    if (this.hint) lines.push(`  hint: ${this.hint}`);
    return lines.join('\n');
  }
}

/** The request never got an HTTP answer: reset, refused, timed out, DNS, TLS. */
export class FabricNetworkError extends Error {
  /** `ECONNRESET`, `ETIMEDOUT`, `UND_ERR_SOCKET`, … */
  readonly code: string;
  readonly operation: string;
  readonly method?: string;
  readonly url?: string;
  readonly retriable = true;
  /** True when the request certainly never reached the server (refused, DNS): safe to resend even a create. */
  readonly notSent: boolean;

  constructor(init: {
    operation: string;
    code: string;
    message?: string;
    method?: string;
    url?: string;
    cause?: unknown;
  }) {
    const what = init.code === 'ETIMEDOUT' ? 'timed out' : `network error ${init.code}`;
    super(
      `${init.operation} failed: ${what}${init.message ? `: ${init.message}` : ''}${init.url ? ` (${init.method ?? ''} ${init.url})` : ''}`,
      {
        cause: init.cause,
      },
    );
    this.name = 'FabricNetworkError';
    this.code = init.code;
    this.operation = init.operation;
    this.method = init.method;
    this.url = init.url;
    this.notSent = NOT_SENT_CODES.has(init.code);
  }
}

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** A circuit is open: the call was not attempted. */
export class CircuitOpenError extends Error {
  readonly group: string;
  readonly retryAt: Date;
  readonly operation: string;
  readonly retriable = false;

  constructor(init: {
    operation: string;
    group: string;
    retryAt: Date;
    failures: number;
    lastError?: string;
  }) {
    const inSeconds = Math.max(0, Math.ceil((init.retryAt.getTime() - Date.now()) / 1000));
    super(
      `${init.operation} not attempted: the '${init.group}' circuit is open after ${init.failures} consecutive failures` +
        (init.lastError ? ` (last: ${init.lastError})` : '') +
        `; it will let a trial call through at ${init.retryAt.toISOString()} (in ${inSeconds} s).` +
        ` The Fabric '${init.group}' endpoints look unavailable: check https://support.fabric.microsoft.com/support and re-run.`,
    );
    this.name = 'CircuitOpenError';
    this.group = init.group;
    this.retryAt = init.retryAt;
    this.operation = init.operation;
  }
}

/** The client refused to make a call (bad URL, untrusted host, deadline). */
export class FabricClientError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FabricClientError';
    this.code = code;
  }
}

/** True when this client would retry the error (see RETRIABLE_STATUSES, network errors). */
export function isRetriableError(err: unknown): boolean {
  if (err instanceof FabricApiError || err instanceof FabricNetworkError) return err.retriable;
  return false;
}

/**
 * A failure after which a create may or may not have been applied by the service:
 * an answer was lost (reset, timeout) or a gateway failed (5xx, 408). A 429 or a 4xx was refused outright.
 */
export function isAmbiguousFailure(err: unknown): boolean {
  if (err instanceof FabricNetworkError) return !err.notSent;
  if (err instanceof FabricApiError) return err.status === 408 || err.status >= 500;
  return false;
}

const ambiguousEarlier = new WeakSet<object>();

/**
 * Marks an error thrown after an earlier attempt of the same call failed ambiguously (its answer was
 * lost, it timed out, a gateway failed): the change may have been applied by that attempt, so this
 * error (even a 4xx) proves nothing about the outcome. Set by the retry policy.
 */
export function markAmbiguousEarlier(err: unknown): void {
  if (err && typeof err === 'object') ambiguousEarlier.add(err);
}

/** True when an earlier attempt of the call that threw `err` may have applied the change. */
export function hadAmbiguousAttempt(err: unknown): boolean {
  return !!err && typeof err === 'object' && ambiguousEarlier.has(err);
}

/**
 * The failure proves nothing was changed: a 4xx answer (other than 408) to the only attempt, or to every
 * attempt. Network errors, 5xx, 408, failed or timed-out operations, and any error after an ambiguous
 * earlier attempt leave the outcome unknown.
 */
export function isDefiniteFailure(err: unknown): boolean {
  return (
    err instanceof FabricApiError &&
    err.status >= 400 &&
    err.status < 500 &&
    err.status !== 408 &&
    !hadAmbiguousAttempt(err)
  );
}

/** Accepts the Fabric shape `{errorCode, message}` and the Graph / Key Vault shape `{error: {code, message}}`. */
export function normalizeErrorBody(body: unknown): Partial<FabricErrorBody> | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.errorCode === 'string' || typeof b.message === 'string') return b as Partial<FabricErrorBody>;
  const inner = b.error;
  if (inner && typeof inner === 'object') {
    const e = inner as Record<string, unknown>;
    const innerError = e.innerError as Record<string, unknown> | undefined;
    return {
      errorCode:
        typeof e.code === 'string' ? e.code : typeof e.errorCode === 'string' ? e.errorCode : undefined,
      message: typeof e.message === 'string' ? e.message : undefined,
      requestId:
        typeof innerError?.['request-id'] === 'string' ? (innerError['request-id'] as string) : undefined,
    };
  }
  return undefined;
}

function defaultCode(status: number): string {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 408:
      return 'RequestTimeout';
    case 409:
      return 'Conflict';
    case 429:
      return 'TooManyRequests';
    case 500:
      return 'InternalServerError';
    case 502:
      return 'BadGateway';
    case 503:
      return 'ServiceUnavailable';
    case 504:
      return 'GatewayTimeout';
    default:
      return status ? `Http${status}` : 'Unknown';
  }
}

/** One sentence telling the user what to do about an error code (the table in error-hints.ts). */
export function hintFor(code: string, status: number, requiredRole?: string): string | undefined {
  const known = FABRIC_ERROR_HINTS[code];
  if (known) return typeof known.hint === 'function' ? known.hint(requiredRole) : known.hint;
  if (status >= 500) return SERVER_ERROR_HINT;
  return undefined;
}

/** Workspace role the notes (fabric-api-notes §7–§10) say a call needs; for the permission hint. */
export function requiredRoleFor(method: string, path: string): string | undefined {
  const m = method.toUpperCase();
  const p = path.replace(/\?.*$/, '');
  if (/\/workspaces\/[^/]+\/(assignToCapacity|unassignFromCapacity)$/.test(p)) {
    return 'workspace Admin (and Contributor or Admin on the capacity)';
  }
  if (/\/workspaces$/.test(p) && m === 'POST') {
    return "the tenant permission to create workspaces (for a service principal: 'Service principals can create workspaces…') and Contributor on the capacity";
  }
  if (/\/workspaces\/[^/]+$/.test(p) && (m === 'PATCH' || m === 'DELETE')) return 'workspace Admin';
  if (/\/roleAssignments/.test(p))
    return m === 'POST' || m === 'GET' ? 'workspace Member or Admin' : 'workspace Admin';
  if (/\/git\/(connect|disconnect|initializeConnection)$/.test(p)) return 'workspace Admin';
  if (/\/git\//.test(p)) return 'workspace Contributor or higher';
  if (m === 'DELETE' && /hardDelete=true/i.test(path)) return 'workspace Admin';
  if (/\/workspaces\/[^/]+\//.test(p) && m !== 'GET') return 'workspace Contributor or higher';
  if (/\/workspaces\/[^/]+\//.test(p)) return 'workspace Viewer or higher';
  return undefined;
}
