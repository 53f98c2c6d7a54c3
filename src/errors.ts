/**
 * Errors the user can act on. Anything that is a `UserError` is printed as-is (message, location, fix)
 * with exit code 1; anything else is a bug or an outage and is printed with its cause.
 */
export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

export interface UserErrorOptions {
  /** Where the bad input is (config file, parameter file, item folder). */
  location?: SourceLocation;
  /** The config field or input name at fault, e.g. `workspace.capacity.name` or input `auth`. */
  field?: string;
  /** One sentence telling the user what to do about it. */
  fix?: string;
  /** A stable code for scripts (`--json`'s error.code, the summary); the class name when not given. */
  code?: string;
  cause?: unknown;
}

export class UserError extends Error {
  readonly location?: SourceLocation;
  readonly field?: string;
  readonly fix?: string;
  readonly code?: string;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.location = options.location;
    this.field = options.field;
    this.fix = options.fix;
    if (options.code) this.code = options.code;
  }

  /** `file:line:col: message (field) — fix`, the form editors and CI annotations understand. */
  format(): string {
    const where = this.location ? formatLocation(this.location) + ': ' : '';
    const field = this.field ? ` [${this.field}]` : '';
    const fix = this.fix ? `\n  Fix: ${this.fix}` : '';
    return `${where}${this.message}${field}${fix}`;
  }
}

/** Bad configuration, inputs or repository content: detected before any write to Fabric. */
export class ConfigError extends UserError {
  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** At most this many problems are shown (each an annotation); the rest are counted (`… and N more`). */
export const MAX_PROBLEMS_SHOWN = 50;

/** The problems to show, and the sentence that counts the ones left out (undefined: none left out). */
export function shownProblems<T>(problems: readonly T[]): { shown: readonly T[]; more?: string } {
  if (problems.length <= MAX_PROBLEMS_SHOWN) return { shown: problems };
  const rest = problems.length - MAX_PROBLEMS_SHOWN;
  return {
    shown: problems.slice(0, MAX_PROBLEMS_SHOWN),
    more: `… and ${rest} more problem${rest === 1 ? '' : 's'} (${problems.length} in all; the first ${MAX_PROBLEMS_SHOWN} are shown: fix them and run again to see the rest)`,
  };
}

/** Several problems found in one pass and reported together, each at its own file and line. */
export class ConfigProblems extends ConfigError {
  constructor(
    readonly problems: readonly ConfigError[],
    message: string,
    options: UserErrorOptions = {},
  ) {
    super(message, { location: problems[0]?.location, code: 'ConfigError', ...options });
    this.name = 'ConfigProblems';
  }
}

export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  return loc.col === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.col}`;
}

export function errorMessage(err: unknown): string {
  if (err instanceof UserError) return err.format();
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The problems an error stands for: a ConfigProblems' own, or the ConfigError itself; undefined for others. */
export function problemsOf(err: unknown): ConfigError[] | undefined {
  if (err instanceof ConfigProblems) return [...err.problems];
  if (err instanceof ConfigError) return [err];
  return undefined;
}

/**
 * The errors of independent checks (the item folders, parameter.yml, the principals file) as one: a
 * single problem as it is, several as a ConfigProblems listing each at its place. An error that is not
 * a ConfigError (a bug, an outage) wins, as it is.
 */
export function combineProblems(errors: readonly unknown[]): unknown {
  // One set of problems already told together keeps its own words.
  if (errors.length === 1 && errors[0] instanceof ConfigProblems) return errors[0];
  const all: ConfigError[] = [];
  for (const e of errors) {
    const p = problemsOf(e);
    if (!p) return e;
    all.push(...p);
  }
  if (all.length === 1) return all[0];
  const files = new Set(all.map((p) => p.location?.file).filter(Boolean)).size;
  return new ConfigProblems(
    all,
    `${all.length} problems found before any write${files > 1 ? `, in ${files} files` : ''}; nothing was changed`,
    { fix: 'fix each of them (each is shown at its line) and run again' },
  );
}
