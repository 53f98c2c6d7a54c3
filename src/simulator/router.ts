/**
 * A tiny method + path-template router. Templates use the spec's `{param}`
 * syntax; literal segments beat parameters (so `/items/bulkMove` wins over
 * `/items/{itemId}`), and a route may pin query parameters (the spec's
 * `…/staging/publish?beta=false` path keys).
 */

export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
  template: string;
}

interface Route<H> {
  method: string;
  template: string;
  segments: string[];
  fixedQuery: Record<string, string>;
  handler: H;
  rank: number[];
}

export class Router<H> {
  private routes: Route<H>[] = [];

  add(method: string, templateWithQuery: string, handler: H): this {
    const [template, q] = templateWithQuery.split('?') as [string, string | undefined];
    const segments = template.split('/').filter(Boolean);
    const fixedQuery = Object.fromEntries(new URLSearchParams(q ?? ''));
    this.routes.push({
      method: method.toUpperCase(),
      template: templateWithQuery,
      segments,
      fixedQuery,
      handler,
      rank: segments.map((s) => (s.startsWith('{') ? 1 : 0)),
    });
    this.routes.sort((a, b) => compareRank(a, b));
    return this;
  }

  /** Every registered `METHOD template` (templates as given to add()). */
  keys(): string[] {
    return this.routes.map((r) => `${r.method} ${r.template}`);
  }

  /** `allowed` lists the methods the path supports, for 405-ish answers. */
  match(
    method: string,
    path: string,
    query: URLSearchParams,
  ): { match?: RouteMatch<H>; pathExists: boolean } {
    const segs = path.split('/').filter(Boolean).map(safeDecode);
    let pathExists = false;
    for (const r of this.routes) {
      if (r.segments.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length && ok; i++) {
        const t = r.segments[i]!;
        if (t.startsWith('{')) params[t.slice(1, -1)] = segs[i]!;
        else ok = t.toLowerCase() === segs[i]!.toLowerCase();
      }
      if (!ok) continue;
      for (const [k, v] of Object.entries(r.fixedQuery)) {
        // A missing pinned parameter falls through to a later, unpinned route.
        if ((query.get(k) ?? '').toLowerCase() !== v.toLowerCase()) ok = false;
      }
      if (!ok) continue;
      pathExists = true;
      if (r.method !== method.toUpperCase()) continue;
      return { match: { handler: r.handler, params, template: r.template }, pathExists };
    }
    return { pathExists };
  }
}

function compareRank<H>(a: Route<H>, b: Route<H>): number {
  // Only routes of equal length compete; order by length first to keep the comparator consistent.
  if (a.rank.length !== b.rank.length) return a.rank.length - b.rank.length;
  const n = a.rank.length;
  for (let i = 0; i < n; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
  // Routes pinning query parameters are tried first.
  return Object.keys(b.fixedQuery).length - Object.keys(a.fixedQuery).length;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
