/**
 * What a reviewer reads of a definition change: per part, a unified diff of the normalised text (the
 * workspace's → the repository's), with +/- counts; binary parts by size and SHA-256. Pure: the plan's
 * `diff` calls it with both definitions and a function that writes secret values as their references,
 * applied to the text before it is compared, so no diff line can hold a value or a piece of one.
 */
import { structuredPatch } from 'diff';
import type { ItemDefinition } from '../../fabric/types';
import { displayParts, type DisplayPart } from '../../items/normalise';
import type { PartChange } from './model';

/** Edits beyond which a part is reported as changed without a diff (Myers' diff grows with them). */
const MAX_EDITS = 4000;
/** Lines of context around each change. */
const CONTEXT = 3;

/** The parts among `paths` that differ between `have` (the workspace's) and `want` (the repository's). */
export function partChanges(
  want: ItemDefinition,
  have: ItemDefinition,
  paths: readonly string[],
  redact: (text: string) => string = (t) => t,
): PartChange[] {
  const a = displayParts(have);
  const b = displayParts(want);
  return paths.map((path) => partChange(path, a.get(path), b.get(path), redact));
}

function partChange(
  path: string,
  from: DisplayPart | undefined,
  to: DisplayPart | undefined,
  redact: (text: string) => string,
): PartChange {
  const change: PartChange['change'] = !from ? 'add' : !to ? 'remove' : 'change';
  const out: PartChange = { path, change, added: 0, removed: 0 };
  if (to) sideFacts(out, to, '');
  if (from) sideFacts(out, from, 'from');
  // A binary side (or a part that turned binary / text) is shown by size and hash alone.
  if ((from && !('text' in from)) || (to && !('text' in to))) return out;
  // An absent side is empty, so an added or removed part shows all its lines.
  const oldText = from && 'text' in from ? redact(from.text) + '\n' : '';
  const newText = to && 'text' in to ? redact(to.text) + '\n' : '';
  const patch = structuredPatch(path, path, oldText, newText, undefined, undefined, {
    context: CONTEXT,
    maxEditLength: MAX_EDITS,
  });
  if (!patch) {
    out.note = `more than ${MAX_EDITS} lines differ: no diff shown`;
    return out;
  }
  const lines: string[] = [];
  for (const h of patch.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) {
      if (l.startsWith('+')) out.added++;
      else if (l.startsWith('-')) out.removed++;
      lines.push(l);
    }
  }
  // The same text after redaction: the difference lies inside a secret value.
  if (lines.length) out.diff = lines.join('\n');
  else out.note = 'differs only in a secret value';
  return out;
}

function sideFacts(out: PartChange, p: DisplayPart, side: '' | 'from'): void {
  const size = 'binary' in p ? p.binary.size : Buffer.byteLength(p.text, 'utf8');
  if (side === 'from') out.fromSize = size;
  else out.size = size;
  if ('binary' in p) {
    if (side === 'from') out.fromSha256 = p.binary.sha256;
    else out.sha256 = p.binary.sha256;
  }
}

export function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length;
}
