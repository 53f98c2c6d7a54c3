/**
 * Secrets never on disk in clear: a value resolved from `${secret:NAME}` is written back as its reference
 * in the files a run leaves (plan file, journal), and a replay of the journal resolves the references
 * again from the same sources to restore the exact value. Works on data (every string of an object), not
 * on serialised text, so JSON escapes can never be cut in half.
 */
import { SECRET_REFERENCE } from './secrets';

/** Shorter values are left alone: replacing every "ab" in a plan would garble it and protect nothing. */
const MIN_LENGTH = 4;

export interface SecretValues {
  resolved(): ReadonlyMap<string, string>;
}

/** A copy of `value` in which every resolved secret value is replaced by `${secret:NAME}`. */
export function redactSecrets<T>(value: T, secrets: SecretValues | undefined): T {
  const pairs = [...(secrets?.resolved() ?? [])]
    .filter(([, v]) => v.length >= MIN_LENGTH)
    // Longest first: a secret that contains another is replaced whole.
    .sort((a, b) => b[1].length - a[1].length);
  if (pairs.length === 0) return value;
  return mapStrings(value, (s) => {
    let out = s;
    for (const [name, v] of pairs) if (out.includes(v)) out = out.split(v).join(`\${secret:${name}}`);
    return out;
  });
}

/** The names of the references in `value` (after redaction): what a replay must resolve. */
export function secretNamesIn(value: unknown): string[] {
  const names = new Set<string>();
  mapStrings(value, (s) => {
    for (const m of s.matchAll(SECRET_REFERENCE)) names.add(m[1]!);
    return s;
  });
  return [...names];
}

/** A copy of `value` with every `${secret:NAME}` replaced by `values.get(NAME)` (unknown names stay). */
export function restoreSecrets<T>(value: T, values: ReadonlyMap<string, string>): T {
  if (values.size === 0) return value;
  return mapStrings(value, (s) =>
    s.includes('${secret:') ? s.replace(SECRET_REFERENCE, (m, n: string) => values.get(n) ?? m) : s,
  );
}

function mapStrings<T>(value: T, fn: (s: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fn(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
