import path from 'node:path';
import { MemoryHost } from '../../support/memory-host';
import { ROOT } from '../../support/paths';
import type { Host } from '../../../src/hosts/host';

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

  /** Every secret was registered with the host, and none was ever handed to the logger or outputs. */
  expectNoLeak(values: Array<string | undefined>): void {
    const text = [...this.raw, this.allText()].join('\n');
    for (const v of values) {
      if (!v) continue;
      expect(this.secrets).toContain(v.trim());
      for (const line of v.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 4 && !l.startsWith('-----'))) {
        if (text.includes(line)) throw new Error(`secret line leaked into the log: ${line.slice(0, 6)}…`);
      }
    }
  }
}

export const FIXTURES = path.join(ROOT, '__tests__', 'identity', 'fixtures');
