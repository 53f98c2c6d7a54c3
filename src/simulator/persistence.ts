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
    /** The token-signing key travels with the state so tokens survive a restart. */
    private signingKeyPem: () => string,
    private debounceMs = 200,
  ) {}

  load(): { state: SimState; signingKeyPem?: string } | undefined {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, 'utf8');
    if (!text.trim()) return undefined;
    const { _signingKey, ...data } = JSON.parse(text) as Partial<SimState> & { _signingKey?: string };
    if (data.version !== 1)
      throw new Error(`${this.path}: unsupported simulator state version ${String(data.version)}`);
    // Fill anything an older file lacks from a fresh state.
    return {
      state: { ...createInitialState(), ...data, telemetry: [] } as SimState,
      signingKeyPem: _signingKey,
    };
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
    writeFileSync(tmp, JSON.stringify({ ...rest, _signingKey: this.signingKeyPem() }, null, 1));
    renameSync(tmp, this.path);
  }
}
