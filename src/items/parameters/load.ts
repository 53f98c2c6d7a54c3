/**
 * Loads fabric-cicd `parameter.yml` and the files it `extend`s, with the file:line of every value so each
 * mistake is reported where it was made, before any write.
 */
import path from 'node:path';
import { ConfigError, type SourceLocation } from '../../errors';
import { readYamlFile, type YamlSource } from '../../settings/yaml';
import {
  parseBinding,
  parseFindReplace,
  parseGatewayBinding,
  parseKeyValue,
  parseSparkPool,
} from './entries';
import type { LoadParameterOptions, ParameterFile } from './model';
import { Reader, type LoadCtx } from './reader';

const TOP_KEYS = [
  'find_replace',
  'key_value_replace',
  'spark_pool',
  'semantic_model_binding',
  'gateway_binding',
  'extend',
];

/** Reads a parameter file and the files it extends; every problem is a ConfigError at its file:line. */
export function loadParameterFile(file: string, options: LoadParameterOptions = {}): ParameterFile {
  const abs = path.resolve(file);
  const out: ParameterFile = {
    file: abs,
    files: [],
    environment: options.environment,
    findReplace: [],
    keyValueReplace: [],
    sparkPool: [],
    warnings: [],
  };
  const ctx: LoadCtx = { options, out, extraTypes: new Set(options.extraTypes ?? []) };
  loadSource(ctx, abs, [], undefined);
  if (options.environment === undefined) {
    const all = [...out.findReplace, ...out.keyValueReplace, ...out.sparkPool];
    if (all.some((e) => !e.values.all)) {
      out.warnings.push(`${abs}: no environment given, so only _ALL_ values of the parameter file apply`);
    }
  }
  return out;
}

function loadSource(ctx: LoadCtx, file: string, chain: string[], from: SourceLocation | undefined): void {
  if (chain.includes(file)) {
    throw new ConfigError(
      `parameter files extend each other in a loop: ${[...chain, file].map((f) => path.basename(f)).join(' → ')}`,
      {
        location: from,
        field: 'extend',
        fix: 'remove one of the extend entries',
      },
    );
  }
  // A file named by an extend entry is reported at that line (path, kind and size checked on the way).
  const src: YamlSource = from
    ? readYamlFile(file, 'extended parameter file', {
        location: from,
        field: 'extend',
        missingFix: 'paths in extend are relative to the file that lists them',
      })
    : readYamlFile(file, 'parameter file', {
        missingFix: 'create it, or fix items.parameterFile (or the parameter-file input)',
      });
  ctx.out.files.push(file);
  const r = new Reader(src);
  const data = src.data;
  if (
    data === null ||
    data === undefined ||
    (typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0)
  ) {
    ctx.out.warnings.push(`${file}: the parameter file is empty`);
    return;
  }
  if (typeof data !== 'object' || Array.isArray(data))
    r.fail([], 'a parameter file must be a YAML mapping (find_replace:, key_value_replace:, …)');
  const top = data as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (!TOP_KEYS.includes(key))
      r.fail(
        [key],
        `unknown key '${key}' in the parameter file`,
        `use one of: ${TOP_KEYS.filter((k) => k !== 'gateway_binding').join(', ')}`,
        true,
      );
  }
  list(r, top, 'find_replace').forEach((raw, i) =>
    ctx.out.findReplace.push(parseFindReplace(ctx, r, i, raw)),
  );
  list(r, top, 'key_value_replace').forEach((raw, i) =>
    ctx.out.keyValueReplace.push(parseKeyValue(ctx, r, i, raw)),
  );
  list(r, top, 'spark_pool').forEach((raw, i) => ctx.out.sparkPool.push(parseSparkPool(ctx, r, i, raw)));
  if (top.semantic_model_binding !== undefined && top.semantic_model_binding !== null)
    parseBinding(ctx, r, top.semantic_model_binding);
  if (top.gateway_binding !== undefined && top.gateway_binding !== null)
    parseGatewayBinding(ctx, r, top.gateway_binding);
  if (top.extend !== undefined && top.extend !== null) {
    const ext = top.extend;
    const paths = typeof ext === 'string' ? [ext] : ext;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
      r.fail(
        ['extend'],
        'extend must be a list of parameter file paths',
        'e.g. extend: ["./templates/common.yml"]',
      );
    (paths as string[]).forEach((p, i) => {
      const at = r.at(typeof ext === 'string' ? ['extend'] : ['extend', i]);
      loadSource(ctx, path.resolve(path.dirname(file), p), [...chain, file], at);
    });
  }
}

function list(r: Reader, top: Record<string, unknown>, key: string): unknown[] {
  const v = top[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) r.fail([key], `${key} must be a list of entries (each starting with '-')`);
  return v;
}
