/**
 * Continuation-token paging (fabric-api-notes §4). Tokens are base64url JSON
 * carrying the offset, the list they belong to and the filters of the first
 * request, so filters survive when a client follows continuationUri.
 * Both continuation properties are ABSENT on the last page.
 */
import { badRequest } from './errors';

export interface PageRequest {
  offset: number;
  filters: Record<string, string>;
}

interface TokenBody {
  o: number;
  l: string;
  f: Record<string, string>;
}

export function readPage(listKey: string, query: URLSearchParams, filterNames: string[]): PageRequest {
  const raw = query.get('continuationToken');
  if (raw === null || raw === '') {
    const filters: Record<string, string> = {};
    for (const n of filterNames) {
      const v = query.get(n);
      if (v !== null) filters[n] = v;
    }
    return { offset: 0, filters };
  }
  const body = decodeToken(raw);
  if (!body || body.l !== listKey)
    throw badRequest('InvalidContinuationToken', 'The continuation token is not valid.');
  return { offset: body.o, filters: body.f };
}

function decodeToken(raw: string): TokenBody | undefined {
  const candidates = [raw];
  try {
    const dec = decodeURIComponent(raw);
    if (dec !== raw) candidates.push(dec);
  } catch {}
  for (const c of candidates) {
    try {
      const b = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as TokenBody;
      if (b && Number.isInteger(b.o) && b.o >= 0 && typeof b.l === 'string' && b.f && typeof b.f === 'object')
        return b;
    } catch {}
  }
  return undefined;
}

export function encodeToken(b: TokenBody): string {
  return Buffer.from(JSON.stringify(b)).toString('base64url');
}

/**
 * Cut a page out of `all`. `selfUrl` is the absolute URL of the list (without query);
 * the continuationUri carries only the token, as the service's examples do.
 */
export function page<T>(
  all: T[],
  req: PageRequest,
  pageSize: number,
  listKey: string,
  selfUrl: string,
): { value: T[]; continuationToken?: string; continuationUri?: string } {
  const value = all.slice(req.offset, req.offset + pageSize);
  const next = req.offset + pageSize;
  if (next >= all.length) return { value };
  const token = encodeToken({ o: next, l: listKey, f: req.filters });
  return { value, continuationToken: token, continuationUri: `${selfUrl}?continuationToken=${token}` };
}
