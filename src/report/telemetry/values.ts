/** Small shapers for what is sent: no empty dimensions, no query string or credentials in a URL. */

export type Props = Record<string, string | number | boolean | undefined>;

/** Drops undefined and empty values. */
export function clean(o: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export function stringProps(p?: Props): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(p ?? {})) out[k] = v === undefined ? undefined : String(v);
  return out;
}

/** The URL without query, fragment and user info; undefined when it is not a URL. */
export function safeUrl(s: string): URL | undefined {
  try {
    const u = new URL(s);
    u.search = '';
    u.hash = '';
    u.username = '';
    u.password = '';
    return u;
  } catch {
    return undefined;
  }
}
