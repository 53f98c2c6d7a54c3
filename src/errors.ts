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
