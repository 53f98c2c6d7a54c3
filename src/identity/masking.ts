import type { Host } from '../hosts/host';

/**
 * Shorter values are not registered: masking "abc" would scramble every log line containing it
 * while protecting nothing an attacker could not guess.
 */
export const MIN_MASK_LENGTH = 4;

/** Encoded variants shorter than this are skipped: they would match by accident too often. */
const MIN_ENCODED_LENGTH = 8;

const PEM_ARMOR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;

// Per host, so two hosts in one process (tests) each get every value, and re-registering is free.
const registered = new WeakMap<Host, { values: Set<string>; masked: Set<string> }>();

function register(host: Host, seen: Set<string>, value: string): void {
  if (value.length < MIN_MASK_LENGTH || seen.has(value)) return;
  seen.add(value);
  host.setSecret(value);
}

/**
 * Base64 of `bytes` as it appears when the value sits at each of the three byte alignments inside a
 * larger encoded blob (e.g. a Basic auth header or a JSON payload that was base64-encoded whole):
 * only the characters that depend on the value alone are kept.
 */
export function base64Variants(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    let b64 = padded.toString('base64').replace(/=+$/, '');
    // Characters mixing the zero prefix with the value depend on what precedes it in real data.
    const lead = shift === 0 ? 0 : shift === 1 ? 2 : 3;
    // The last character may mix in bits of whatever follows the value.
    const trail = padded.length % 3 === 0 ? 0 : 1;
    b64 = b64.slice(lead, b64.length - trail);
    out.push(b64);
    if (shift === 0) out.push(padded.toString('base64'), padded.toString('base64url'));
  }
  return out;
}

/**
 * Registers a secret with the host before anything can log it: the value, each line of a multi-line
 * value (CI masks line by line), and the encoded forms a secret commonly takes in logs (URL-encoded,
 * JSON-escaped, base64). Empty and very short values are ignored.
 */
export function maskSecret(host: Host, value: string | undefined): void {
  if (value === undefined || value === null) return;
  const trimmed = String(value).trim();
  if (trimmed.length < MIN_MASK_LENGTH) return;
  let state = registered.get(host);
  if (!state) registered.set(host, (state = { values: new Set(), masked: new Set() }));
  if (state.values.has(trimmed)) return;
  state.values.add(trimmed);

  const candidates = new Set<string>([trimmed]);
  const lines = trimmed.split(/\r?\n/).map((l) => l.trim());
  if (lines.length > 1) {
    for (const line of lines) {
      // PEM armor lines are public boilerplate; masking them only hides harmless log text.
      if (!PEM_ARMOR.test(line)) candidates.add(line);
    }
  }
  const encoded = new Set<string>();
  encoded.add(encodeURIComponent(trimmed));
  encoded.add(JSON.stringify(trimmed).slice(1, -1));
  for (const v of base64Variants(Buffer.from(trimmed, 'utf8'))) encoded.add(v);
  for (const e of encoded) if (e !== trimmed && e.length >= MIN_ENCODED_LENGTH) candidates.add(e);

  for (const c of candidates) register(host, state.masked, c);
}
