/**
 * The journal as a file: its JSON lines folded back into step states (a torn last line after a kill is
 * counted, not fatal), and lines appended by a replay.
 */
import { promises as fs } from 'node:fs';
import type { JournalHeader, Line, StepRecord } from './journal-records';

export interface ParsedJournal {
  header?: JournalHeader;
  steps: StepRecord[];
  committed: boolean;
  ended?: string;
  /** Lines that could not be parsed (a torn last line after a kill). */
  badLines: number;
}

/** Folds the journal's lines back into step states. */
export function parseJournal(text: string): ParsedJournal {
  const out: ParsedJournal = { steps: [], committed: false, badLines: 0 };
  const bySeq = new Map<number, StepRecord>();
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      out.badLines++;
      continue;
    }
    switch (line.rec) {
      case 'begin':
        out.header = line;
        break;
      case 'step': {
        const rec: StepRecord = {
          seq: line.seq,
          action: line.action,
          target: line.target,
          undo: line.undo,
          status: 'pending',
          before: line.before,
          after: line.after,
        };
        bySeq.set(line.seq, rec);
        out.steps.push(rec);
        break;
      }
      case 'applied': {
        const rec = bySeq.get(line.seq);
        if (!rec) break;
        rec.status = 'applied';
        if (line.target) rec.target = line.target;
        if (line.undo) rec.undo = line.undo;
        break;
      }
      case 'failed': {
        const rec = bySeq.get(line.seq);
        if (rec) {
          rec.status = 'failed';
          rec.error = line.error;
          rec.definite = line.definite;
        }
        break;
      }
      case 'undone':
      case 'undo-failed':
      case 'undo-skipped': {
        const rec = bySeq.get(line.seq);
        if (rec) {
          rec.status = line.rec;
          rec.absent = line.rec === 'undo-skipped' && line.absent === true;
        }
        break;
      }
      case 'commit':
        out.committed = true;
        break;
      case 'end':
        out.ended = line.result;
        break;
    }
  }
  return out;
}

/** Re-opens a journal to append undo outcomes to it. */
export async function appendToJournal(file: string, lines: object[]): Promise<void> {
  const h = await fs.open(file, 'a');
  try {
    for (const l of lines) await h.appendFile(JSON.stringify(l) + '\n');
    await h.datasync();
  } finally {
    await h.close();
  }
}
