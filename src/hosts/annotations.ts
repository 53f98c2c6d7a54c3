/**
 * The run's annotations within what the CI hosts show. GitHub shows ten warning and ten error
 * annotations per step, and the Azure Pipelines agent keeps ten issues of each type per task; past that
 * both drop them without a word. So the first nine of each kind are annotations, later ones are plain log
 * lines, and when the run ends one annotation counts them (or, when only one is left, is that one).
 *
 * Warnings that start with `file:line[:col]: ` (configuration and parameter.yml warnings are written
 * so) are annotated at that place wherever they were logged.
 */
import { formatLocation } from '../errors';
import { locateWarning, MAX_ANNOTATIONS } from '../report/warnings';
import type { Annotation } from './host';

export type IssueKind = 'warning' | 'error';

export interface AnnotationSink {
  /** Shows one annotation (at its place when it has one). */
  annotate(kind: IssueKind, message: string, at?: Annotation): void;
  /** A log line that is not an annotation. */
  line(text: string): void;
}

export interface AnnotationBudget {
  warn(message: string, at?: Annotation): void;
  error(message: string, at?: Annotation): void;
  /** Ends the run's annotations: the one that counts those not shown. Idempotent. */
  finish(): void;
  /** Every warning of the run, as `file:line:col: message` when it has a place, in the order logged. */
  warnings(): readonly string[];
}

/** `max` of each kind at most (the last of them may be the count); `Infinity` annotates all (the CLI). */
export function annotationBudget(sink: AnnotationSink, max = MAX_ANNOTATIONS): AnnotationBudget {
  const shown: Record<IssueKind, number> = { warning: 0, error: 0 };
  // Past max - 1, held back: if only one comes, it is shown at the end as itself, else all are counted.
  const held: Record<IssueKind, { text: string; message: string; at?: Annotation }[]> = {
    warning: [],
    error: [],
  };
  const logged: string[] = [];
  let finished = false;

  const add = (kind: IssueKind, message: string, given?: Annotation) => {
    let at = given;
    if (!at && kind === 'warning') {
      const found = locateWarning(message);
      if (found.location) ({ message, location: at } = found);
    }
    const text = at ? `${formatLocation(at)}: ${message}` : message;
    if (kind === 'warning') logged.push(text);
    if (finished || shown[kind] < max - 1) {
      shown[kind]++;
      sink.annotate(kind, message, at);
      return;
    }
    const h = held[kind];
    h.push({ text, message, at });
    // The first one held stays unprinted until a second shows it is not the last of its kind.
    if (h.length === 2) sink.line(`${kind}: ${h[0]!.text}`);
    if (h.length >= 2) sink.line(`${kind}: ${text}`);
  };

  return {
    warn: (m, a) => add('warning', m, a),
    error: (m, a) => add('error', m, a),
    warnings: () => logged,
    finish() {
      if (finished) return;
      finished = true;
      for (const kind of ['warning', 'error'] as const) {
        const h = held[kind];
        if (h.length === 1) sink.annotate(kind, h[0]!.message, h[0]!.at);
        else if (h.length > 1)
          sink.annotate(
            kind,
            `${h.length} more ${kind}s are not shown as annotations (ten per step are shown): they are in the log above${kind === 'warning' ? " and under Warnings in the run's summary" : ''}`,
          );
        shown[kind] += Math.min(h.length, 1);
        h.length = 0;
      }
    },
  };
}
