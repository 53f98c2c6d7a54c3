import os from 'node:os';
import type { Annotation, Host, RunResult, ServiceConnection } from '../../src/hosts/host';
import { Masker } from '../../src/hosts/masker';

export interface LogLine {
  level: 'info' | 'warn' | 'error' | 'debug' | 'group';
  message: string;
  annotation?: Annotation;
}

/** A Host that records everything (masked as the real hosts mask), for in-process tests. */
export class MemoryHost implements Host {
  readonly kind: Host['kind'];
  readonly lines: LogLine[] = [];
  readonly outputs: Record<string, string> = {};
  readonly secrets: string[] = [];
  summary = '';
  result?: { result: RunResult; message?: string };
  private readonly masker = new Masker();
  idTokens?: (audience: string) => Promise<string>;
  serviceConnections: Record<string, ServiceConnection> = {};

  constructor(
    readonly inputs: Record<string, string | undefined> = {},
    kind: Host['kind'] = 'cli',
    readonly temp: string = os.tmpdir(),
  ) {
    this.kind = kind;
  }

  readonly log = {
    info: (m: string) => this.push('info', m),
    warn: (m: string, a?: Annotation) => this.push('warn', m, a),
    error: (m: string, a?: Annotation) => this.push('error', m, a),
    debug: (m: string) => this.push('debug', m),
    group: async <T>(name: string, fn: () => Promise<T>) => {
      this.push('group', name);
      return fn();
    },
  };

  private push(level: LogLine['level'], message: string, annotation?: Annotation) {
    this.lines.push({ level, message: this.masker.mask(message), annotation });
  }

  getInput(name: string) {
    const v = this.inputs[name];
    return v === undefined || v === '' ? undefined : v;
  }
  setOutput(name: string, value: string) {
    this.outputs[name] = this.masker.mask(value);
  }
  setSecret(value: string) {
    this.secrets.push(...this.masker.add(value));
  }
  mask(text: string) {
    return this.masker.mask(text);
  }
  async writeSummary(markdown: string) {
    this.summary += this.masker.mask(markdown);
    return undefined;
  }
  async getIdToken(audience: string) {
    if (!this.idTokens) throw new Error('no OIDC on this host');
    const t = await this.idTokens(audience);
    this.setSecret(t);
    return t;
  }
  oidcUnavailableReason() {
    return this.idTokens ? undefined : 'this test host has no OIDC token';
  }
  async getServiceConnection(name: string) {
    return this.serviceConnections[name];
  }
  tempDir() {
    return this.temp;
  }
  setResult(result: RunResult, message?: string) {
    this.result = { result, message: message === undefined ? undefined : this.masker.mask(message) };
  }

  /** Everything a user could see: log lines, outputs and summary, as one text. */
  allText(): string {
    return [
      ...this.lines.map((l) => `${l.level}: ${l.message}`),
      ...Object.entries(this.outputs).map(([k, v]) => `${k}=${v}`),
      this.summary,
      this.result?.message ?? '',
    ].join('\n');
  }
  errors(): LogLine[] {
    return this.lines.filter((l) => l.level === 'error');
  }
}
