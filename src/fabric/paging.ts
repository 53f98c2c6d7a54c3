/**
 * Pagination (fabric-api-notes §4): follow `continuationUri` exactly as given, or, when only
 * `continuationToken` is there, resend the first request with `?continuationToken=`. The last page has
 * neither. (fabric-cicd reads these from the headers and so never pages; they are in the body.)
 */
import { FabricClientError } from './errors';
import type { PipelineResponse } from './pipeline';
import type { Paged } from './types';

export interface PageOptions {
  /** Safety stop against a service that keeps handing out pages (default 10 000). */
  maxPages?: number;
  signal?: AbortSignal;
}

/** Next page URL, or undefined on the last page. */
export function nextPageUrl(
  firstUrl: string,
  currentUrl: string,
  page: Partial<Paged<unknown>> | undefined,
): string | undefined {
  if (!page) return undefined;
  if (page.continuationUri) return new URL(page.continuationUri, currentUrl).toString();
  if (page.continuationToken) {
    const u = new URL(firstUrl);
    // The service hands tokens out already percent-encoded; decode so URLSearchParams encodes once.
    u.searchParams.set('continuationToken', safeDecode(page.continuationToken));
    return u.toString();
  }
  return undefined;
}

function safeDecode(s: string): string {
  if (!/%[0-9a-f]{2}/i.test(s)) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Yields each page's response, first to last. */
export async function* pages(
  get: (url: string) => Promise<PipelineResponse>,
  firstUrl: string,
  opts: PageOptions = {},
): AsyncGenerator<PipelineResponse> {
  const max = opts.maxPages ?? 10_000;
  const seen = new Set<string>();
  let url: string | undefined = firstUrl;
  for (let n = 0; url; n++) {
    if (n >= max) throw new FabricClientError('TooManyPages', `stopped after ${max} pages of ${firstUrl}`);
    if (seen.has(url))
      throw new FabricClientError('PaginationLoop', `the service returned the same page link twice: ${url}`);
    seen.add(url);
    opts.signal?.throwIfAborted();
    const res = await get(url);
    yield res;
    url = nextPageUrl(firstUrl, url, res.body as Partial<Paged<unknown>> | undefined);
  }
}
