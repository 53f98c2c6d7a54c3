/**
 * Warnings as the hosts show them. Warnings are sentences that start with `file:line[:col]: ` when they
 * concern a place in the user's files (`formatLocation`); that place becomes the annotation's file and
 * line, so a parameter rule that is not applied shows on its line in a pull request.
 */
import type { SourceLocation } from '../errors';
import type { Logger } from '../hosts/host';

/** GitHub shows ten warning annotations per step; the rest stay log lines, counted. */
export const MAX_WARNING_ANNOTATIONS = 10;

/** The place a warning names at its start, and the rest of its text. */
export function locateWarning(text: string): { message: string; location?: SourceLocation } {
  const m = /^(.+?):(\d+)(?::(\d+))?: ([\s\S]*)$/.exec(text);
  if (!m) return { message: text };
  return {
    message: m[4]!,
    location: { file: m[1]!, line: Number(m[2]), ...(m[3] ? { col: Number(m[3]) } : {}) },
  };
}

/** Logs each warning: the first ten as annotations at their file and line, the rest as plain lines. */
export function announceWarnings(log: Logger, warnings: readonly string[]): void {
  warnings.forEach((w, i) => {
    if (i < MAX_WARNING_ANNOTATIONS) {
      const { message, location } = locateWarning(w);
      log.warn(location ? message : w, location);
    } else log.info(`warning: ${w}`);
  });
  if (warnings.length > MAX_WARNING_ANNOTATIONS)
    log.warn(
      `${warnings.length - MAX_WARNING_ANNOTATIONS} more warnings are in the log above and in the summary`,
    );
}
