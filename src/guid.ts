/**
 * The one GUID shape: 8-4-4-4-12 hex digits, any case. Fabric's logical ids are not always RFC 4122
 * versions, so there is no version check.
 */
const BODY = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The whole string is a GUID (as a pattern, for the config's JSON Schema). */
export const GUID_PATTERN = `^${BODY}$`;

export const GUID_RE = new RegExp(GUID_PATTERN);

/** GUID-shaped tokens inside text, not part of a longer run of hex digits (global: use with `replace`). */
export const GUID_IN_TEXT = new RegExp(`(?<![0-9A-Fa-f])${BODY}(?![0-9A-Fa-f])`, 'g');

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

export function isGuid(s: string): boolean {
  return GUID_RE.test(s);
}
