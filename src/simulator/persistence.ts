/**
 * `statePath`: load at start, save (debounced) after changes and on close.
 * Writes go to a temp file renamed over the target so a crash never leaves
 * half a JSON file. Telemetry is not persisted (it is a test aid).
 */
import { readFileSync, writeFileSync, renameSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SimState } from './types';
import { createInitialState } from './state';

export class Persistence {
  private timer?: NodeJS.Timeout;
  private dirty = false;

  constructor(
    readonly path: string,
    private getState: () => SimState,
    private debounceMs = 200,
  ) {}

  load(): SimState | undefined {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, 'utf8');
    if (!text.trim()) return undefined;
    const data = JSON.parse(text) as Partial<SimState>;
    if (data.version !== 1) throw new Error(`${this.path}: unsupported simulator state version ${String(data.version)}`);
    // Fill anything a older file lacks from a fresh state.
    return { ...createInitialState(), ...data, telemetry: [] } as SimState;
  }

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    const { telemetry: _t, ...rest } = this.getState();
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(rest, null, 1));
    renameSync(tmp, this.path);
  }
}
