/** Reading one parameter file: values by path, their file:line, and errors raised there. */
import { ConfigError, formatLocation, type SourceLocation } from '../../errors';
import type { YamlSource } from '../../settings/yaml';
import type { EnvMap, EnvValue, LoadParameterOptions, ParameterFile, ParamValue } from './model';
import { isEmptyValue, valueFor } from './selection';

export type Seg = string | number;

/** What every file of one load shares: the options and the result being filled. */
export interface LoadCtx {
  options: LoadParameterOptions;
  out: ParameterFile;
  extraTypes: Set<string>;
  /** Every problem of every file, each at its line: reported together once all are read. */
  problems: ConfigError[];
}

export class Reader {
  constructor(readonly src: YamlSource) {}
  at(p: readonly Seg[], key = false): SourceLocation {
    return this.src.locate(p, key);
  }
  fail(p: readonly Seg[], message: string, fix?: string, key = false): never {
    throw new ConfigError(message, { location: this.at(p, key), field: fieldName(p) || undefined, fix });
  }
}

export function fieldName(p: readonly Seg[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

export function mapping(
  r: Reader,
  p: Seg[],
  raw: unknown,
  what: string,
  allowed: string[],
): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    r.fail(p, `${fieldName(p)} must be a mapping (${what})`);
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k))
      r.fail([...p, k], `unknown key '${k}' in ${fieldName(p)}`, `use one of: ${allowed.join(', ')}`, true);
  }
  return obj;
}

export function envMap<T>(r: Reader, p: Seg[], raw: unknown, parse: (v: unknown, p: Seg[]) => T): EnvMap<T> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length === 0) {
    r.fail(
      p,
      `${fieldName(p)} must map environment names to values`,
      'e.g. { PPE: "value for PPE", PROD: "value for PROD" } or { _ALL_: "value for every environment" }',
    );
  }
  const obj = raw as Record<string, unknown>;
  const keys = Object.keys(obj);
  const allKey = keys.find((k) => k.toLowerCase() === '_all_');
  if (allKey && keys.length > 1) {
    r.fail(
      [...p, allKey],
      `${fieldName(p)}: ${allKey} must be the only environment (it applies to all of them), but ${keys.filter((k) => k !== allKey).join(', ')} ${keys.length > 2 ? 'are' : 'is'} also given`,
      `keep either ${allKey} alone or one key per environment`,
      true,
    );
  }
  const out: EnvMap<T> = { byEnv: new Map(), at: r.at(p) };
  for (const k of keys) {
    const v: EnvValue<T> = { value: parse(obj[k], [...p, k]), at: r.at([...p, k]) };
    if (k === allKey) out.all = v;
    else out.byEnv.set(k, v);
  }
  return out;
}

export function noteMissingEnv(ctx: LoadCtx, m: EnvMap<unknown>, label: string): void {
  const env = ctx.options.environment;
  if (env === undefined || m.all || m.byEnv.has(env)) return;
  ctx.out.warnings.push(
    `${formatLocation(m.at)}: ${label} has no value for environment '${env}' (only ${[...m.byEnv.keys()].join(', ')}); it is not applied`,
  );
}

/** fabric-cicd applies a find_replace only `if replace_value:`: an empty value for the environment skips it. */
export function noteEmptyValue(ctx: LoadCtx, m: EnvMap<ParamValue>, label: string): void {
  const v = valueFor(m, ctx.options.environment);
  if (!v || !isEmptyValue(v.value)) return;
  ctx.out.warnings.push(
    `${formatLocation(v.at)}: ${label} has an empty replace_value for ${m.all ? 'every environment' : `environment '${ctx.options.environment}'`}; it is skipped (as fabric-cicd does), not replaced by an empty text`,
  );
}

export function bool(r: Reader, p: Seg[], v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return r.fail(p, `${fieldName(p)} must be "true" or "false"`);
}

export function strings(r: Reader, p: Seg[], v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return r.fail(p, `${fieldName(p)} must be a text or a list of texts`);
}
