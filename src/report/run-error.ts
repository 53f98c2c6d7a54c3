/**
 * The error that ended a run, as data: a stable `code` a script can branch on, the message as the log
 * says it, where (file, line, column), the field at fault and the fix. `--json`'s `error` and the
 * summary's Error table read it. The codes (docs/observability.md#error-codes): ours for what the tool
 * refuses (ConfigError, SignInFailed, PlanOutdated, WorkspaceLocked, …), Fabric's `errorCode` for what
 * Fabric refused, the network's (ECONNREFUSED) for what never reached it.
 */
import { ConfigProblems, errorMessage, shownProblems, UserError } from '../errors';
import type { HostKind, RunError } from '../hosts/host';
import { adoSpelling } from '../settings/inputs';
import { CircuitOpenError } from '../fabric/errors';

/** A run's error as one text, as its annotations say it (every problem of a ConfigProblems). */
export function failureText(err: unknown): string {
  if (err instanceof ConfigProblems) {
    const { shown, more } = shownProblems(err.problems);
    return [userText(err), ...shown.map(userText), ...(more ? [more] : [])].join('; ');
  }
  if (err instanceof UserError) return userText(err);
  return errorMessage(err);
}

export function userText(err: UserError): string {
  const field = err.field ? ` [${err.field}]` : '';
  const fix = err.fix ? ` — fix: ${err.fix}` : '';
  return err.message + field + fix;
}

/**
 * deploy/execute's ItemsFailedError, known by its name: importing the executor here would load it on
 * every run (this module is on the report path of plan and health too).
 */
function itemFailures(err: unknown): { key: string; error: unknown }[] | undefined {
  const e = err as { name?: unknown; failures?: unknown } | undefined;
  return e?.name === 'ItemsFailedError' && Array.isArray(e.failures)
    ? (e.failures as { key: string; error: unknown }[])
    : undefined;
}

/** The stable code of an error: its own, Fabric's, the network's, or what kind of failure it is. */
function errorCodeOf(err: unknown): string {
  const failures = itemFailures(err);
  if (failures) return errorCodeOf(failures[0]?.error);
  if ((err as { name?: unknown } | undefined)?.name === 'CancelledError') return 'Cancelled';
  if (err instanceof CircuitOpenError) return 'CircuitOpen';
  const e = err as { errorCode?: unknown; code?: unknown; name?: unknown } | undefined;
  if (typeof e?.errorCode === 'string') return e.errorCode;
  if (typeof e?.code === 'string') return e.code;
  if (err instanceof UserError) return err.name;
  return 'InternalError';
}

/** The error that ended a run as data: its code, message (with the fix), place and field. */
export function runError(err: unknown): RunError {
  const code = errorCodeOf(err);
  if (!(err instanceof UserError)) return { code, message: errorMessage(err) };
  const at = err.location;
  return {
    code,
    message: err instanceof ConfigProblems ? failureText(err) : userText(err),
    ...(err.fix ? { fix: err.fix } : {}),
    ...(at
      ? {
          file: at.file,
          ...(at.line !== undefined ? { line: at.line } : {}),
          ...(at.col !== undefined ? { col: at.col } : {}),
        }
      : {}),
    ...(err.field ? { field: err.field } : {}),
  };
}

/** What a deploy knows of an item: its name, type and where the repository has it. */
export interface FailedItemFacts {
  key: string;
  type: string;
  displayName: string;
  location?: { file: string; line?: number; col?: number };
}

/**
 * A deploy that failed (and was rolled back): the cause's code, and for an item that failed, the item
 * as `field` (`Name.Type`, as the repository's folder is named) and its `.platform` file as `file`.
 */
export function deployFailure(err: unknown, items: readonly FailedItemFacts[]): RunError {
  const base = runError(err);
  const first = itemFailures(err)?.[0];
  const item = items.find((i) => i.key === first?.key);
  if (!item) return base;
  return {
    ...base,
    ...(item.location ? { file: item.location.file } : {}),
    ...(item.location?.line !== undefined ? { line: item.location.line } : {}),
    field: `${item.displayName}.${item.type}`,
  };
}

/** The error with inputs named as the host spells them (`clientSecret` on Azure DevOps), as its log does. */
export function spelledFor(kind: HostKind, f: RunError): RunError {
  if (kind !== 'azure-devops') return f;
  const out: RunError = { ...f, message: adoSpelling(f.message) };
  if (f.field) out.field = adoSpelling(f.field);
  if (f.fix) out.fix = adoSpelling(f.fix);
  return out;
}
