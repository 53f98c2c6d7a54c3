/**
 * Warnings as the hosts show them. Warnings are sentences that start with `file:line[:col]: ` when they
 * concern a place in the user's files (`formatLocation`); that place becomes the annotation's file and
 * line, so a parameter rule that is not applied shows on its line in a pull request. How many become
 * annotations is the host's business (hosts/annotations.ts: ten per step, the rest counted).
 */
import type { SourceLocation } from '../errors';
import type { Logger } from '../hosts/host';

/**
 * Annotations of one kind a CI host shows per step (GitHub: ten warnings and ten errors; the Azure
 * Pipelines agent keeps ten issues of each type per task). Past it, they are dropped without a word.
 */
export const MAX_ANNOTATIONS = 10;

/** How many of `count` warnings a host with the limit shows as annotations (the last may count the rest). */
export function annotatedOf(count: number): number {
  return count <= MAX_ANNOTATIONS ? count : MAX_ANNOTATIONS - 1;
}

/** The place a warning names at its start, and the rest of its text. */
export function locateWarning(text: string): { message: string; location?: SourceLocation } {
  const m = /^(.+?):(\d+)(?::(\d+))?: ([\s\S]*)$/.exec(text);
  // A URL with a port ("https://host:443: …") is no place in the user's files.
  if (!m || m[1]!.includes('://') || m[1]!.includes('\n')) return { message: text };
  return {
    message: m[4]!,
    location: { file: m[1]!, line: Number(m[2]), ...(m[3] ? { col: Number(m[3]) } : {}) },
  };
}

/** Logs each warning, as an annotation at its file and line when it names one. */
export function announceWarnings(log: Logger, warnings: readonly string[]): void {
  for (const w of warnings) {
    const { message, location } = locateWarning(w);
    log.warn(location ? message : w, location);
  }
}
