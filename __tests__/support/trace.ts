/**
 * The recorded trace of the real Fabric REST API (fabric-cicd 1.1 deploying its sample; see the
 * fixture's NOTICE.md), read as the exchanges that really happened.
 *
 * The recorder wrote each exchange many times (7,688 entries hold 184 distinct requests and 163
 * distinct answers) and, with fabric-cicd's parallel publishes, paired each answer with the latest
 * request sent, not with the one it answers (a `GET …/lakehouses/A` "answered" by the 201 of another
 * lakehouse's create). So entries are de-duplicated and every answer is paired again with the latest
 * still-unanswered request it can belong to by content: an operation state with the request for that
 * operation id (`x-ms-operation-id`), an item with the typed GET of that id or the create of that name
 * and type, a JSON item without `properties` in plain `application/json` with a `/result`, a list with
 * a list request, a `202` with a POST. The recorded pairing is kept whenever it fits. One entry carries
 * no `RequestId` and a single header, with an item id the rest of the trace never uses: it was added by
 * hand to the fixture and is set apart as not from the service.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export interface TraceCall {
  /** Order of sending (request timestamp, then position in the file). */
  seq: number;
  method: string;
  /** URL path, e.g. /v1/workspaces/{guid}/items */
  path: string;
  /** Query string without `?` (may be empty). */
  query: string;
  body: unknown;
  time: string;
}

export interface TraceAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON, `null` for a JSON null, `undefined` for an empty body. */
  body: unknown;
  time: string;
}

export interface TraceExchange {
  call: TraceCall;
  answer?: TraceAnswer;
}

export interface Trace {
  file: string;
  entries: number;
  exchanges: TraceExchange[];
  answers: number;
  /** Answers that are not the service's, with why. */
  excluded: { exchange: TraceExchange; reason: string }[];
}

/** The trace file, vendored unmodified (with its NOTICE) into the project's fixtures. */
export function findTraceFile(): string | undefined {
  const env = process.env.FABRIC_TRACE_FILE;
  const candidates = [
    ...(env ? [env] : []),
    path.join(process.cwd(), '__tests__', 'fixtures', 'fabric-real-trace', 'http_trace.json.gz'),
  ];
  return candidates.find((c) => existsSync(c));
}

const lower = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));

function parseBody(b: unknown): unknown {
  if (typeof b !== 'string') return b;
  if (!b.trim()) return undefined;
  try {
    return JSON.parse(b);
  } catch {
    return b;
  }
}

/** `{id}` for every GUID: the path template the kinds are named by. */
export const template = (p: string) => p.replace(GUID, '{id}');

export function loadTrace(file: string): Trace {
  const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
    traces: { request: any; response: any }[];
  };
  const calls = new Map<string, TraceCall>();
  const answers = new Map<string, { answer: TraceAnswer; recorded: TraceCall }>();
  doc.traces.forEach((t, i) => {
    const r = t.request;
    const rawBody = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    const key = `${r.method} ${r.url} ${r.timestamp} ${rawBody}`;
    let call = calls.get(key);
    if (!call) {
      const u = new URL(r.url);
      call = {
        seq: i,
        method: String(r.method).toUpperCase(),
        path: u.pathname,
        query: u.search.replace(/^\?/, ''),
        body: r.method === 'GET' ? undefined : parseBody(r.body),
        time: r.timestamp,
      };
      calls.set(key, call);
    }
    if (t.response) {
      const akey = JSON.stringify(t.response);
      if (!answers.has(akey)) {
        const s = t.response;
        const body = s.body === '' ? undefined : s.body;
        answers.set(akey, {
          answer: { status: s.status_code, headers: lower(s.headers), body, time: s.timestamp },
          recorded: call,
        });
      }
    }
  });
  const ordered = [...calls.values()].sort((a, b) => a.time.localeCompare(b.time) || a.seq - b.seq);
  ordered.forEach((c, i) => (c.seq = i));
  const paired = new Map<TraceCall, TraceAnswer>();
  const excluded: Trace['excluded'] = [];
  const byTime = [...answers.values()].sort((a, b) => a.answer.time.localeCompare(b.answer.time));
  for (const { answer, recorded } of byTime) {
    if (!answer.headers.requestid) {
      excluded.push({
        exchange: { call: recorded, answer },
        reason:
          'not from the service: added to the fixture by hand (one header, no RequestId, an item id the rest of the trace never uses)',
      });
      continue;
    }
    // The recorder paired an answer with the latest request sent: the real one is the latest open one.
    const open = (c: TraceCall) => !paired.has(c) && c.time <= answer.time && fits(c, answer);
    const call = open(recorded) ? recorded : ordered.findLast(open);
    if (call) paired.set(call, answer);
  }
  return {
    file,
    entries: doc.traces.length,
    exchanges: ordered.map((call) => ({ call, answer: paired.get(call) })),
    answers: answers.size,
    excluded,
  };
}

const isOperationState = (b: any) => !!b && typeof b === 'object' && 'createdTimeUtc' in b && 'status' in b;
const isItem = (b: any) => !!b && typeof b === 'object' && typeof b.id === 'string' && 'type' in b;

/** Can this answer belong to this request, by what each says? */
function fits(c: TraceCall, a: TraceAnswer): boolean {
  const b = a.body as any;
  const rb = (c.body ?? {}) as any;
  const op = /^\/v1\/operations\/([^/]+)$/.exec(c.path);
  if (op) return isOperationState(b) && a.headers['x-ms-operation-id'] === op[1];
  if (isOperationState(b)) return false;
  if (/^\/v1\/operations\/[^/]+\/result$/.test(c.path))
    return a.status === 200 && isItem(b) && !('properties' in b);
  if (a.status === 202) return c.method === 'POST';
  if (a.status >= 400) return true;
  if (c.method === 'POST' && /\/items$/.test(c.path))
    return a.status === 201 && isItem(b) && b.displayName === rb.displayName && b.type === rb.type;
  if (c.method === 'POST' && /\/folders$/.test(c.path))
    return (
      a.status === 201 &&
      b?.displayName === rb.displayName &&
      (b?.parentFolderId ?? '') === (rb.parentFolderId ?? '')
    );
  const typed = /^\/v1\/workspaces\/[^/]+\/(?!items$|folders$)[A-Za-z]+\/([^/]+)$/.exec(c.path);
  if (typed && (c.method === 'GET' || c.method === 'PATCH')) return isItem(b) && b.id === typed[1];
  if (c.method === 'GET' && /\/(items|folders|environments\/?|shortcuts|connections)$/.test(c.path))
    return !!b && Array.isArray(b.value);
  if (c.method === 'GET' && /^\/v1\/workspaces\/[^/]+$/.test(c.path)) return b?.type === 'Workspace';
  return true;
}

/** The kind of an exchange: method, path template and outcome (status, error code or operation status). */
export function kindOf(
  c: { method: string; path: string },
  a: { status: number; headers: Record<string, string>; body: unknown },
): string {
  const b = a.body as any;
  const code = a.headers['x-ms-public-api-error-code'];
  const outcome = code ? ` ${code}` : isOperationState(b) ? ` ${b.status}` : '';
  return `${c.method} ${template(c.path)} → ${a.status}${outcome}`;
}
