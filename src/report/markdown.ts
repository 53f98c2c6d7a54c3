/** Escaping user data (names, messages, paths) for the markdown every report renders. */

/** One line of text: no line breaks, no raw HTML. */
export function inline(s: string): string {
  return String(s).replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One table cell: one line, pipes escaped, cut to `max` characters when given. */
export function cell(s: string, max = Infinity): string {
  const t = inline(s).replace(/\|/g, '\\|');
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
