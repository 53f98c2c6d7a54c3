/**
 * The little ASN.1 reader the PKCS#12 decoder needs. Accepts BER indefinite lengths and constructed
 * OCTET STRINGs because Windows and Java export PFX files that way; OpenSSL writes plain DER.
 */
export interface Tlv {
  /** First identifier byte (class, constructed bit and low tag number). */
  tag: number;
  constructed: boolean;
  /** Contents (for indefinite lengths, without the end-of-contents marker). */
  value: Buffer;
  /** Offset just past this element in the buffer it was read from. */
  end: number;
}

export class DerError extends Error {}

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
} as const;

export function readTlv(buf: Buffer, offset = 0): Tlv {
  if (offset + 2 > buf.length) throw new DerError('truncated element');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used by PKCS#12');
  const constructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  const first = buf[pos++]!;
  if (first === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive element');
    const start = pos;
    while (!(buf[pos] === 0 && buf[pos + 1] === 0)) {
      if (pos >= buf.length) throw new DerError('unterminated indefinite length');
      pos = readTlv(buf, pos).end;
    }
    return { tag, constructed, value: buf.subarray(start, pos), end: pos + 2 };
  }
  let len = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4 || pos + n > buf.length) throw new DerError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]!;
  }
  if (pos + len > buf.length) throw new DerError('element runs past the end of its container');
  return { tag, constructed, value: buf.subarray(pos, pos + len), end: pos + len };
}

export function children(tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let pos = 0; pos < tlv.value.length;) {
    const child = readTlv(tlv.value, pos);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function want(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected ${what}`);
  return tlv;
}

/** An OCTET STRING's bytes, joining the segments of a constructed (BER) one. */
export function octets(tlv: Tlv): Buffer {
  if (!tlv.constructed) return tlv.value;
  return Buffer.concat(children(tlv).map(octets));
}

export function oid(tlv: Tlv): string {
  const b = want(tlv, TAG.OID, 'an object identifier').value;
  const parts: number[] = [];
  let n = 0;
  for (const byte of b) {
    n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

export function integer(tlv: Tlv): number {
  const b = want(tlv, TAG.INTEGER, 'an integer').value;
  let n = 0;
  for (const byte of b) n = n * 256 + byte;
  return n;
}
