/**
 * Loads fabric-cicd `parameter.yml` and the files it `extend`s, with the file:line of every value so each
 * mistake is reported where it was made, before any write.
 */
import path from 'node:path';
import { ConfigError, ConfigProblems, problemsOf, type SourceLocation } from '../../errors';
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

/**
 * Reads a parameter file and the files it extends; every problem is a ConfigError at its file:line. All
 * of them are reported together (a ConfigProblems when there are several): each entry of each file is
 * checked, so a broken rule never hides the next one.
 */
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
  const ctx: LoadCtx = { options, out, extraTypes: new Set(options.extraTypes ?? []), problems: [] };
  collect(ctx, () => loadSource(ctx, abs, [], undefined));
  const problems = ctx.problems;
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) {
    const files = new Set(problems.map((p) => p.location?.file).filter(Boolean)).size;
    throw new ConfigProblems(
      problems,
      `${problems.length} problems in the parameter file${files > 1 ? ` and the ${files - 1} it extends` : ''}; nothing was changed`,
      { field: 'parameter.yml', fix: 'fix each of them (each is shown at its line) and run again' },
    );
  }
  if (options.environment === undefined) {
    const all = [...out.findReplace, ...out.keyValueReplace, ...out.sparkPool];
    if (all.some((e) => !e.values.all)) {
      out.warnings.push(`${abs}: no environment given, so only _ALL_ values of the parameter file apply`);
    }
  }
  return out;
}

/** What loading `file` would refuse (none: an empty list), for reporting it beside other problems. */
export function parameterFileProblems(file: string, options: LoadParameterOptions = {}): unknown[] {
  try {
    loadParameterFile(file, options);
    return [];
  } catch (err) {
    return [err];
  }
}

/** Runs one check; a problem it finds is kept with the others and the load goes on. */
function collect(ctx: LoadCtx, check: () => void): void {
  try {
    check();
  } catch (err) {
    const problems = problemsOf(err);
    if (!problems) throw err;
    ctx.problems.push(...problems);
  }
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
      collect(ctx, () =>
        r.fail(
          [key],
          `unknown key '${key}' in the parameter file`,
          `use one of: ${TOP_KEYS.filter((k) => k !== 'gateway_binding').join(', ')}`,
          true,
        ),
      );
  }
  // Each entry on its own: a broken one is reported and the others are still read and checked.
  list(ctx, r, top, 'find_replace').forEach((raw, i) =>
    collect(ctx, () => void ctx.out.findReplace.push(parseFindReplace(ctx, r, i, raw))),
  );
  list(ctx, r, top, 'key_value_replace').forEach((raw, i) =>
    collect(ctx, () => void ctx.out.keyValueReplace.push(parseKeyValue(ctx, r, i, raw))),
  );
  list(ctx, r, top, 'spark_pool').forEach((raw, i) =>
    collect(ctx, () => void ctx.out.sparkPool.push(parseSparkPool(ctx, r, i, raw))),
  );
  if (top.semantic_model_binding !== undefined && top.semantic_model_binding !== null)
    collect(ctx, () => parseBinding(ctx, r, top.semantic_model_binding));
  if (top.gateway_binding !== undefined && top.gateway_binding !== null)
    collect(ctx, () => parseGatewayBinding(ctx, r, top.gateway_binding));
  if (top.extend !== undefined && top.extend !== null) {
    const ext = top.extend;
    const paths = typeof ext === 'string' ? [ext] : ext;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) {
      collect(ctx, () =>
        r.fail(
          ['extend'],
          'extend must be a list of parameter file paths',
          'e.g. extend: ["./templates/common.yml"]',
        ),
      );
      return;
    }
    (paths as string[]).forEach((p, i) => {
      const at = r.at(typeof ext === 'string' ? ['extend'] : ['extend', i]);
      // A missing or broken extended file is one problem; the other files are still read.
      collect(ctx, () => loadSource(ctx, path.resolve(path.dirname(file), p), [...chain, file], at));
    });
  }
}

function list(ctx: LoadCtx, r: Reader, top: Record<string, unknown>, key: string): unknown[] {
  const v = top[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    collect(ctx, () => r.fail([key], `${key} must be a list of entries (each starting with '-')`));
    return [];
  }
  return v;
}
