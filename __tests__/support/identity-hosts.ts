import path from 'node:path';
import { MemoryHost } from './memory-host';
import { ROOT } from './paths';
import type { Host } from '../../src/hosts/host';

/**
 * A MemoryHost that also keeps every log message as it was passed in, before masking: the leak
 * checks look there, so a secret counts as leaked when we even tried to print it.
 */
export class RecordingHost extends MemoryHost {
  readonly raw: string[] = [];

  constructor(kind: Host['kind'] = 'cli', inputs: Record<string, string | undefined> = {}) {
    super(inputs, kind);
    for (const level of ['info', 'warn', 'error', 'debug'] as const) {
      const inner = this.log[level];
      (this.log as Record<string, unknown>)[level] = (m: string, a?: never) => {
        this.raw.push(m);
        inner(m, a);
      };
    }
  }

  /**
   * Every secret (each line of a multi-line one) was registered with the host, and none was ever handed
   * to the logger or written to outputs/summary.
   */
  expectNoLeak(values: Array<string | undefined>): void {
    const text = [...this.raw, this.allText()].join('\n');
    for (const v of values) {
      if (!v) continue;
      const lines = v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l.length >= 4 && !l.startsWith('-----'));
      const unregistered = lines.filter((l) => !this.secrets.includes(l) && !this.secrets.includes(v.trim()));
      if (unregistered.length)
        throw new Error(`${unregistered.length} secret line(s) were never registered with the host`);
      const leaked = lines.filter((l) => text.includes(l));
      if (leaked.length) throw new Error(`secret leaked into the log: ${leaked[0]!.slice(0, 6)}…`);
    }
  }
}

export const FIXTURES = path.join(ROOT, '__tests__', 'identity', 'fixtures');
