/**
 * Replays the recorded real trace against a simulator and compares, per exchange, what the real
 * service answered with what the simulator answers: status (and operation status), the headers
 * clients read and the body's shape (keys and JSON types, not values).
 *
 * State: the simulator is seeded with the trace's workspace (same id), its capacity and the tenant's
 * default sensitivity label; everything else is created by replaying the requests in the order they
 * were sent. Ids are mapped from the trace to the simulator by what they name: an item by type and
 * name, a folder by name and parent, an operation by the request that started it (in order, where
 * the trace lost the 202). GUIDs are rewritten in paths, bodies and base64 definition parts.
 * Operations run until the trace shows them done (the simulator's are finished through its control
 * API then), so each poll sees the state the real one saw.
 */
import type { RunningSimulator } from '../../src/simulator';
import { client } from './sim-client';
import { GUID, kindOf, type Trace, type TraceAnswer, type TraceExchange } from './trace';

export const CLIENT_HEADERS = [
  'location',
  'retry-after',
  'x-ms-operation-id',
  'content-type',
  'requestid',
  'x-ms-public-api-error-code',
] as const;

export interface SimAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface KindResult {
  kind: string;
  /** Distinct exchanges of this kind in the trace (after re-pairing), each replayed and compared. */
  exchanges: number;
  problems: string[];
}

export interface Conformance {
  kinds: KindResult[];
  excluded: { kind: string; reason: string }[];
  matched: number;
}

type Named =
  | { kind: 'item'; type: string; name: string }
  | { kind: 'folder'; name: string; parent?: string }
  | { kind: 'workspace' };

/** What each GUID of the trace names, from every body of it. */
function traceIndex(trace: Trace): Map<string, Named> {
  const idx = new Map<string, Named>();
  const visit = (v: any) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v.id === 'string') {
      const id = v.id.toLowerCase();
      if (v.type === 'Workspace') idx.set(id, { kind: 'workspace' });
      else if (typeof v.type === 'string' && typeof v.displayName === 'string')
        idx.set(id, { kind: 'item', type: v.type, name: v.displayName });
      else if (typeof v.displayName === 'string' && typeof v.workspaceId === 'string' && !idx.has(id))
        idx.set(id, { kind: 'folder', name: v.displayName, parent: v.parentFolderId?.toLowerCase() });
    }
    Object.values(v).forEach(visit);
  };
  for (const x of trace.exchanges) visit(x.answer?.body);
  // A lakehouse's SQL endpoint is named after it.
  for (const x of trace.exchanges) {
    const b = x.answer?.body as any;
    const ep = b?.properties?.sqlEndpointProperties?.id;
    if (typeof ep === 'string' && !idx.has(ep.toLowerCase()))
      idx.set(ep.toLowerCase(), { kind: 'item', type: 'SQLEndpoint', name: b.displayName });
  }
  return idx;
}

export class Replayer {
  private idx: Map<string, Named>;
  private ops = new Map<string, string>();
  /** Simulator operations whose trace operation id is unknown (the trace lost their 202). */
  private unclaimed: string[] = [];
  /** Environment (simulator id) → its running publish operation. */
  private publishes = new Map<string, string>();
  readonly results = new Map<string, KindResult>();
  private http: ReturnType<typeof client>;

  /** Trace operation → the item its /result names (which create started it). */
  private opItem = new Map<string, string>();

  constructor(
    private sim: RunningSimulator,
    private trace: Trace,
    private workspaceId: string,
  ) {
    this.idx = traceIndex(trace);
    this.http = client(sim);
    for (const x of trace.exchanges) {
      const m = /^\/v1\/operations\/([^/]+)\/result$/.exec(x.call.path);
      const b = x.answer?.body as any;
      if (m && b?.type) this.opItem.set(m[1]!.toLowerCase(), `${b.type}/${b.displayName}`);
    }
  }

  private simId(traceId: string): string {
    const id = traceId.toLowerCase();
    const mappedOp = this.ops.get(id);
    if (mappedOp) return mappedOp;
    const n = this.idx.get(id);
    const st = this.sim.state;
    if (!n) return traceId;
    if (n.kind === 'workspace') return id;
    if (n.kind === 'item') {
      const hit = Object.values(st.items).find(
        (i) => i.workspaceId === this.workspaceId && i.type === n.type && i.displayName === n.name,
      );
      return hit?.id ?? traceId;
    }
    const parent = n.parent ? this.simId(n.parent) : undefined;
    const hit = Object.values(st.folders).find(
      (f) =>
        f.workspaceId === this.workspaceId &&
        f.displayName === n.name &&
        (f.parentFolderId ?? undefined) === parent,
    );
    return hit?.id ?? traceId;
  }

  private operationId(traceOp: string): string | undefined {
    const id = traceOp.toLowerCase();
    if (!this.ops.has(id) && !this.idx.has(id) && this.unclaimed.length)
      this.ops.set(id, this.unclaimed.shift()!);
    return this.ops.get(id);
  }

  private mapText(s: string): string {
    return s.replace(GUID, (g) => this.simId(g));
  }

  private mapBody(v: unknown): unknown {
    if (typeof v === 'string') return this.mapText(v);
    if (Array.isArray(v)) return v.map((x) => this.mapBody(x));
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(o)) {
      if (k === 'payload' && o.payloadType === 'InlineBase64' && typeof val === 'string') {
        const text = Buffer.from(val, 'base64').toString('utf8');
        const mapped = this.mapText(text);
        out[k] = mapped === text ? val : Buffer.from(mapped).toString('base64');
      } else out[k] = this.mapBody(val);
    }
    return out;
  }

  private async control(method: string, p: string): Promise<void> {
    await fetch(`${this.sim.url}/_sim${p}`, { method });
  }

  /** Bring the simulator where the real service was when it gave this answer. */
  private async catchUp(x: TraceExchange): Promise<void> {
    const a = x.answer;
    const op = /^\/v1\/operations\/([^/]+)(\/result)?$/.exec(x.call.path);
    if (op) {
      const simOp = this.operationId(op[1]!);
      const done =
        !!op[2] || (a?.body as any)?.status === 'Succeeded' || (a?.body as any)?.status === 'Failed';
      if (simOp && done) await this.control('POST', `/operations/${simOp}/complete`);
    }
    // The real environment publish ended: so does the simulator's.
    const envs = ((a?.body as any)?.value ?? []) as any[];
    for (const e of envs)
      if (e?.type === 'Environment' && e.properties?.publishDetails?.state === 'Success') {
        const pub = this.publishes.get(this.simId(e.id));
        if (pub) await this.control('POST', `/operations/${pub}/complete`);
      }
  }

  async send(x: TraceExchange): Promise<SimAnswer> {
    await this.catchUp(x);
    const c = x.call;
    const opMatch = /^\/v1\/operations\/([^/]+)(.*)$/.exec(c.path);
    const p = opMatch
      ? `/v1/operations/${this.operationId(opMatch[1]!) ?? opMatch[1]}${opMatch[2]}`
      : this.mapText(c.path);
    const body = c.body === undefined ? undefined : this.mapBody(c.body);
    const r = await this.http.call(c.method, `${this.sim.url}${p}${c.query ? `?${c.query}` : ''}`, body, {
      'User-Agent': 'ms-fabric-cicd/1.1.0 (replay)',
    });
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    const answer = { status: r.status, headers, body: r.body };
    const simOp = headers['x-ms-operation-id'];
    if (r.status === 202 && simOp) {
      // Which trace operation this is: the one whose /result names this create's item, else the
      // operation of the 202 the trace pairs with it, else the next one the trace polls unannounced.
      const rb = (c.body ?? {}) as any;
      const named = [...this.opItem].find(
        ([op, it]) => it === `${rb.type}/${rb.displayName}` && !this.ops.has(op),
      );
      const paired = x.answer?.headers['x-ms-operation-id']?.toLowerCase();
      const traceOp = named?.[0] ?? (paired && !this.ops.has(paired) ? paired : undefined);
      if (traceOp) this.ops.set(traceOp, simOp);
      else this.unclaimed.push(simOp);
      const env = /\/environments\/([^/]+)\/staging\/publish$/.exec(p);
      if (env) this.publishes.set(env[1]!.toLowerCase(), simOp);
    }
    return answer;
  }

  /** Replay every request in sending order; compare where the real answer is known. */
  async run(): Promise<Conformance> {
    const excludedCalls = new Set(this.trace.excluded.map((e) => e.exchange.call));
    for (const x of this.trace.exchanges) {
      if (excludedCalls.has(x.call)) continue;
      const got = await this.send(x);
      if (!x.answer) continue;
      const kind = kindOf(x.call, x.answer);
      const r = this.results.get(kind) ?? { kind, exchanges: 0, problems: [] };
      r.exchanges++;
      for (const p of compare(x.answer, got)) if (!r.problems.includes(p)) r.problems.push(p);
      this.results.set(kind, r);
    }
    const kinds = [...this.results.values()].sort((a, b) => a.kind.localeCompare(b.kind));
    const excluded = this.trace.excluded.map((e) => ({
      kind: kindOf(e.exchange.call, e.exchange.answer!),
      reason: e.reason,
    }));
    const matched = kinds.filter((k) => !k.problems.length).length;
    return { kinds, excluded, matched };
  }
}

// ---------------------------------------------------------------- comparison

/** How a status, the client-read headers and the body's shape differ (empty = the same). */
export function compare(real: TraceAnswer, sim: SimAnswer): string[] {
  const out: string[] = [];
  if (real.status !== sim.status) {
    const code = (sim.body as any)?.errorCode;
    return [`status ${sim.status}${code ? ` ${code}` : ''} instead of ${real.status}`];
  }
  const rs = (real.body as any)?.status;
  const ss = (sim.body as any)?.status;
  if (typeof rs === 'string' && rs !== ss) out.push(`operation status ${ss} instead of ${rs}`);
  for (const h of CLIENT_HEADERS) {
    const a = real.headers[h];
    const b = sim.headers[h];
    if (a === undefined && b === undefined) continue;
    if (a === undefined) out.push(`sends ${h} (the real service does not)`);
    else if (b === undefined) out.push(`no ${h} (real: ${h === 'requestid' ? 'present' : a})`);
    else if (h === 'location') {
      const ta = locationShape(a);
      const tb = locationShape(b);
      if (ta !== tb) out.push(`Location ${tb} instead of ${ta}`);
    } else if ((h === 'content-type' || h === 'retry-after' || h === 'x-ms-public-api-error-code') && a !== b)
      out.push(`${h} '${b}' instead of '${a}'`);
  }
  out.push(...shapeDiff(real.body, sim.body));
  return out;
}

/** An absolute URL's path with ids as `{id}` (hosts differ by design). */
function locationShape(u: string): string {
  try {
    const url = new URL(u);
    return `absolute ${url.pathname.replace(GUID, '{id}')}`;
  } catch {
    return `relative ${u.replace(GUID, '{id}')}`;
  }
}

type Shape = string | { [k: string]: Shape } | { '[]': Shape | undefined };

/** A value's shape: JSON types, object keys, arrays merged over their elements; `null` matches anything. */
export function shapeOf(v: unknown): Shape | undefined {
  if (v === undefined) return undefined;
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    let el: Shape | undefined;
    for (const x of v) el = merge(el, shapeOf(x));
    return { '[]': el };
  }
  if (typeof v === 'object') {
    const o: Record<string, Shape> = {};
    for (const [k, x] of Object.entries(v)) o[k] = shapeOf(x) ?? 'null';
    return o;
  }
  return typeof v;
}

function merge(a: Shape | undefined, b: Shape | undefined): Shape | undefined {
  if (a === undefined || a === 'null') return b ?? a;
  if (b === undefined || b === 'null') return a;
  if (typeof a === 'string' || typeof b === 'string') return a === b ? a : `${a}|${b}`;
  const out: Record<string, Shape> = { ...(a as Record<string, Shape>) };
  for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v) as Shape;
  return out;
}

function shapeDiff(real: unknown, sim: unknown): string[] {
  const what = (v: unknown) => (v === undefined ? 'an empty body' : v === null ? 'JSON null' : 'a JSON body');
  if (real === undefined || real === null || sim === undefined || sim === null)
    return what(real) === what(sim) ? [] : [`${what(sim)} instead of ${what(real)}`];
  const out: string[] = [];
  const walk = (a: Shape | undefined, b: Shape | undefined, at: string) => {
    if (a === undefined || b === undefined || a === 'null' || b === 'null') return;
    if (typeof a === 'string' || typeof b === 'string') {
      if (a !== b) out.push(`${at || 'body'} is ${describe(b)} instead of ${describe(a)}`);
      return;
    }
    if ('[]' in a || '[]' in b) {
      if (!('[]' in a && '[]' in b)) out.push(`${at || 'body'} is ${describe(b)} instead of ${describe(a)}`);
      else walk((a as any)['[]'], (b as any)['[]'], `${at}[]`);
      return;
    }
    const ao = a as Record<string, Shape>;
    const bo = b as Record<string, Shape>;
    for (const k of Object.keys(ao))
      if (!(k in bo) && ao[k] !== 'null') out.push(`no ${at ? `${at}.` : ''}${k}`);
    for (const k of Object.keys(bo))
      if (!(k in ao) && bo[k] !== 'null') out.push(`extra ${at ? `${at}.` : ''}${k}`);
    for (const k of Object.keys(a)) if (k in b) walk((a as any)[k], (b as any)[k], at ? `${at}.${k}` : k);
  };
  walk(shapeOf(real), shapeOf(sim), '');
  return out;
}

function describe(s: Shape): string {
  if (typeof s === 'string') return s;
  return '[]' in s ? 'an array' : 'an object';
}

/** The table the test prints. */
export function conformanceTable(c: Conformance, notModelled: Record<string, string> = {}): string {
  const rows = [
    ...c.kinds.map((k) => [
      k.kind,
      String(k.exchanges),
      k.problems.length ? 'unmatched' : 'matched',
      k.problems.length
        ? `${notModelled[k.kind] ? `${notModelled[k.kind]}: ` : ''}${k.problems.slice(0, 3).join('; ')}`
        : '',
    ]),
    ...c.excluded.map((e) => [e.kind, '1', 'excluded', e.reason]),
  ];
  const head = ['kind (method, path template → outcome)', 'exchanges', 'result', 'reason'];
  const w = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => Math.min(r[i]!.length, i === 3 ? 120 : 200))),
  );
  const line = (r: string[]) => `| ${r.map((x, i) => x.padEnd(w[i]!)).join(' | ')} |`;
  return [
    line(head),
    `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`,
    ...rows.map(line),
    '',
    `matched ${c.matched} of the ${c.kinds.length} kinds of the service's exchanges (${((100 * c.matched) / c.kinds.length).toFixed(1)} %)` +
      (c.excluded.length ? `; ${c.excluded.length} entry excluded as not the service's` : ''),
  ].join('\n');
}
