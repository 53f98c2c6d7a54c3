/** Markdown pieces the generated reference pages share (tables, code spans, GitHub's heading anchors). */

/** Plain text from a catalog or schema description: `<` outside code spans would be read as HTML. */
export function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;')))
    .join('');
}

/** A table cell of prose: pipes escaped, line breaks folded (a cell is one line). */
export function cell(text: string): string {
  return prose(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

/** A code span that survives any backticks inside it. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/**
 * The anchor GitHub gives a heading: lower case, punctuation other than `-` and `_` dropped, spaces
 * to `-`; a repeated heading gets `-1`, `-2`… (`Slugger` keeps count per page).
 */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

class Slugger {
  private readonly seen = new Map<string, number>();
  slug(heading: string): string {
    const base = githubSlug(heading);
    const n = this.seen.get(base);
    this.seen.set(base, (n ?? -1) + 1);
    return n === undefined ? base : `${base}-${n + 1}`;
  }
}

/** Every anchor a markdown page offers: its headings (as GitHub renders them) and explicit `<a name>` / `id`. */
export function anchorsOf(markdown: string): Set<string> {
  const out = new Set<string>();
  const slugger = new Slugger();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const f = /^\s*(```+|~~~+)/.exec(line);
    if (f) {
      if (!fence) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) out.add(slugger.slug(h[1]!.replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')));
    for (const m of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1]!);
  }
  return out;
}

export const GENERATED_NOTE = (source: string) =>
  `<!-- Generated from ${source} by \`npm run docs\`; edit the source, not this file (a test fails when it is stale). -->`;
