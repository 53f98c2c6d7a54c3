/**
 * Fault injection: rules matched on method + path answer a status, reset the
 * connection (nothing applied), apply the request and then drop the connection
 * (the answer is lost), delay before or after processing, hang, or make the
 * long-running operation started by the request end Failed. Each rule fires N
 * times or with a seeded probability.
 */
import type { FaultRule } from './types';
import { uuid } from './ids';

export class Faults {
  rules: FaultRule[] = [];

  constructor(private random: () => number) {}

  add(rule: FaultRule): FaultRule {
    validateRule(rule);
    const r: FaultRule = { ...rule, id: rule.id ?? uuid(), hits: 0, seen: 0 };
    this.rules.push(r);
    return r;
  }

  clear(id?: string): void {
    this.rules = id ? this.rules.filter((r) => r.id !== id) : [];
  }

  /** The first live rule matching the request, consuming one use of it. */
  match(method: string, path: string): FaultRule | undefined {
    for (const r of this.rules) {
      if (r.times !== undefined && (r.hits ?? 0) >= r.times) continue;
      if (r.method && r.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathMatches(r.path, path)) continue;
      r.seen = (r.seen ?? 0) + 1;
      if (r.skip !== undefined && r.seen <= r.skip) continue;
      if (r.probability !== undefined && this.random() >= r.probability) continue;
      r.hits = (r.hits ?? 0) + 1;
      return r;
    }
    return undefined;
  }
}

const cache = new Map<string, RegExp>();

export function pathMatches(pattern: string, path: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = compilePattern(pattern);
    cache.set(pattern, re);
  }
  return re.test(path);
}

function compilePattern(p: string): RegExp {
  if (p.length > 1 && p.startsWith('/') && p.endsWith('/') && !p.includes('*'))
    return new RegExp(p.slice(1, -1));
  if (p.startsWith('^')) return new RegExp(p);
  // Glob: `**` spans segments, `*` stays within one; trailing slash optional.
  let src = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      src += '.*';
      i++;
    } else if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}/?$`, 'i');
}

const FAULT_KINDS = ['status', 'reset', 'dropResponse', 'delayMs', 'lroFail', 'itemStatus', 'hang'] as const;

function validateRule(r: FaultRule): void {
  if (!r || typeof r.path !== 'string' || !r.path) throw new Error('fault rule needs a "path"');
  const a = r.action as Record<string, unknown> | undefined;
  if (!a || typeof a !== 'object') throw new Error('fault rule needs an "action"');
  const kinds = FAULT_KINDS.filter((k) => k in a);
  if (kinds.length !== 1) throw new Error(`fault action must have exactly one of ${FAULT_KINDS.join(', ')}`);
  if ('delayMs' in a && (typeof a.delayMs !== 'number' || !Number.isFinite(a.delayMs) || a.delayMs < 0))
    throw new Error('fault delayMs must be a number ≥ 0');
  if ('after' in a && !('delayMs' in a)) throw new Error('fault "after" only goes with delayMs');
  if ('after' in a && typeof a.after !== 'boolean') throw new Error('fault "after" must be true or false');
  if ('status' in a && (typeof a.status !== 'number' || a.status < 100 || a.status > 599))
    throw new Error('fault status must be 100..599');
  if (r.skip !== undefined && (!Number.isInteger(r.skip) || r.skip < 0))
    throw new Error('fault skip must be a whole number ≥ 0');
  if ('itemStatus' in a) {
    const f = a.itemStatus as Record<string, unknown> | undefined;
    if (!f || typeof f.displayName !== 'string' || !f.displayName)
      throw new Error('fault itemStatus needs a "displayName"');
    if (f.status !== undefined && f.status !== 'Failed' && f.status !== 'SucceededDespiteFailures')
      throw new Error('fault itemStatus.status must be Failed or SucceededDespiteFailures');
  }
  if (r.probability !== undefined && (r.probability < 0 || r.probability > 1))
    throw new Error('probability must be within 0..1');
  compilePattern(r.path);
}

/** For the request log: `status:503`, `reset`, `dropResponse`, `delayMs`, `delayMs:after`, `lroFail`, `itemStatus`, `hang`. */
export function describeFault(r: FaultRule): string {
  const a = r.action as Record<string, unknown>;
  const kind = FAULT_KINDS.find((k) => k in a) ?? Object.keys(a)[0];
  if (kind === 'status') return `status:${a.status}`;
  if (kind === 'delayMs' && a.after === true) return 'delayMs:after';
  return String(kind);
}
