/**
 * Last-line redaction for everything that leaves the process as telemetry or lands in the audit log.
 * The caller's `scrub` (the host masker: every registered secret) runs first; these patterns catch
 * what was never registered: query strings, bearer tokens, JWTs and `key=value` credentials.
 */

const MAX_STRING = 8192;

const URL_QUERY = /\b(https?:\/\/[^\s?#"'<>`]+)\?[^\s#"'<>`]*/gi;
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
const BEARER = /\b(bearer)\s+[\w.~+/=-]{8,}/gi;
const AUTH_HEADER =
  /\b((?:authorization|x-ms-authorization-auxiliary|ocp-apim-subscription-key|api-key)["']?\s*[:=]\s*["']?)[^\s"',;]+/gi;
const KEY_VALUE =
  /\b((?:client[_-]?secret|password|passwd|pwd|secret|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?assertion|assertion|sig|signature|accountkey|sharedaccesskey)\s*[=:]\s*["']?)[^\s&;"',]+/gi;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

/** Removes every URL's query string, tokens and credential-looking values; caps the length. */
export function redact(text: string): string {
  let s = text
    .replace(PRIVATE_KEY, '[private key]')
    .replace(URL_QUERY, '$1')
    .replace(JWT, '[jwt]')
    .replace(BEARER, '$1 [redacted]')
    .replace(AUTH_HEADER, '$1[redacted]')
    .replace(KEY_VALUE, '$1[redacted]');
  if (s.length > MAX_STRING) s = `${s.slice(0, MAX_STRING)}… [${s.length - MAX_STRING} characters cut]`;
  return s;
}

/** The caller's scrub (registered secrets) followed by `redact`; a throwing scrub never leaks the input. */
export function makeSanitizer(scrub?: (s: string) => string): (s: string) => string {
  return (input: string) => {
    let s = String(input);
    if (scrub) {
      try {
        s = scrub(s);
      } catch {
        return '[unavailable]';
      }
    }
    return redact(s);
  };
}

/** Keys whose values are never written, whatever they hold. */
export const SECRET_KEY =
  /(secret|password|passwd|token|credential|assertion|private|apikey|api-key|connectionstring|signature|^sig$|^key$|certificate$)/i;
