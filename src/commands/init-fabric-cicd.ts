/**
 * `fabric-deploy init --from-fabric-cicd config.yml`: converts fabric-cicd's configuration-based deployment
 * file (`deploy_with_config`) into fabric-deploy.yml. Every value may be one value or a mapping by
 * environment, as in fabric-cicd; per-environment values become `environments:` overlays. What has an
 * equivalent is converted, paths re-based on the new file; what has none (and any key fabric-cicd's format
 * does not have) is reported with its line, in the log and as a comment at the top of the file. Invalid
 * values (a workspace id that is no GUID, a regex JavaScript can't read, a missing workspace or directory)
 * are errors, all at once, and nothing is written. The result is loaded for every environment before it
 * is written, so what is written is a valid configuration.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { CONFIG_SCHEMA_COMMENT } from '../version';
import { ConfigError, UserError, type SourceLocation } from '../errors';
import { isGuid } from '../guid';
import { ITEM_TYPES } from '../items/types';
import { loadConfig } from '../settings/config';
import { readYamlFile } from '../settings/yaml';

export interface Finding {
  location: SourceLocation;
  key: string;
  message: string;
}

export interface Converted {
  text: string;
  environments: string[];
  findings: Finding[];
}

const KNOWN: Record<string, readonly string[]> = {
  core: ['workspace', 'workspace_id', 'repository_directory', 'item_types_in_scope', 'parameter'],
  publish: [
    'exclude_regex',
    'folder_exclude_regex',
    'folder_path_to_include',
    'items_to_include',
    'shortcut_exclude_regex',
    'skip',
  ],
  unpublish: ['exclude_regex', 'items_to_include', 'skip'],
  features: [],
  constants: [],
};

/** fabric-cicd feature flags: what each becomes here (undefined: nothing to convert, said why). */
const FEATURES: Record<
  string,
  { items?: Record<string, unknown>; features?: Record<string, boolean>; note: string }
> = {
  disable_workspace_folder_publish: {
    items: { folders: false },
    note: 'converted to items.folders: false',
  },
  enable_lakehouse_unpublish: {
    note: 'Fabric Deploy never deletes a Lakehouse as an orphan (it holds data): it is kept and listed',
  },
  enable_warehouse_unpublish: {
    note: 'Fabric Deploy never deletes a Warehouse as an orphan (it holds data)',
  },
  enable_sqldatabase_unpublish: {
    note: 'Fabric Deploy never deletes a SQLDatabase as an orphan (it holds data)',
  },
  enable_eventhouse_unpublish: {
    note: 'Fabric Deploy never deletes an Eventhouse as an orphan (it holds data)',
  },
  enable_kqldatabase_unpublish: {
    note: 'Fabric Deploy never deletes a KQLDatabase as an orphan (it holds data)',
  },
  enable_shortcut_publish: {
    features: { shortcuts: true },
    note: 'converted to features.shortcuts: true (Lakehouse shortcuts.metadata.json deployed)',
  },
  continue_on_shortcut_failure: {
    items: { optionalSteps: ['shortcut'] },
    note: 'converted to items.optionalSteps: [shortcut] (a refused shortcut warns and the deploy goes on)',
  },
  enable_environment_variable_replacement: {
    note: 'no equivalent: use ${secret:NAME} references or parameter.yml per environment',
  },
  enable_experimental_features: { note: 'nothing to convert (it only unlocks the selective options)' },
  enable_items_to_include: { note: 'nothing to convert: items_to_include has no equivalent' },
  enable_exclude_folder: { note: 'nothing to convert: folder_exclude_regex has no equivalent' },
  enable_include_folder: { note: 'nothing to convert: folder_path_to_include has no equivalent' },
  enable_shortcut_exclude: {
    note: 'nothing to convert: shortcut_exclude_regex becomes items.shortcutExclude',
  },
  disable_print_identity: { note: 'nothing to convert: the log names the identity without its secrets' },
};

const NO_EQUIVALENT: Record<string, string> = {
  'publish.items_to_include':
    'no equivalent: Fabric Deploy deploys the whole selection (items.types, items.exclude), so references resolve',
  'publish.folder_exclude_regex':
    'no equivalent: exclude by item name with items.exclude, or keep the folder out of the items directory',
  'publish.folder_path_to_include': 'no equivalent: point items.directory at the folder to deploy',
  'unpublish.items_to_include': 'no equivalent: orphan deletion is all (items.deleteOrphans) or none',
};

type Value = { single?: unknown; perEnv?: Record<string, unknown> };

export function convertFabricCicdConfig(file: string, outDir: string): Converted {
  const abs = path.resolve(file);
  const src = readYamlFile(abs, 'fabric-cicd config file');
  const problems: UserError[] = [];
  const findings: Finding[] = [];
  const note = (p: (string | number)[], message: string, key = true) =>
    findings.push({ location: src.locate(p, key), key: p.join('.'), message });
  const fail = (p: (string | number)[], message: string, fix: string) =>
    problems.push(new ConfigError(message, { location: src.locate(p), field: p.join('.'), fix }));

  const data = src.data;
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new ConfigError('a fabric-cicd config.yml is a YAML mapping with a core: section', {
      location: src.locate([]),
      fix: 'see https://microsoft.github.io/fabric-cicd/latest/how_to/config_deployment/',
    });
  const root = data as Record<string, unknown>;
  for (const [k, v] of Object.entries(root)) {
    if (!(k in KNOWN)) {
      note(
        [k],
        `unknown section '${k}' (fabric-cicd's config has core, publish, unpublish, features, constants): not converted`,
      );
      continue;
    }
    if (k === 'features' || k === 'constants' || !v || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const sub of Object.keys(v))
      if (!KNOWN[k]!.includes(sub))
        note([k, sub], `unknown key '${k}.${sub}' (not in fabric-cicd's config format): not converted`);
  }
  const core = root.core as Record<string, unknown> | undefined;
  if (!core || typeof core !== 'object')
    throw new ConfigError("the config has no 'core:' section", {
      location: src.locate([]),
      field: 'core',
      fix: 'add core: with workspace (or workspace_id) and repository_directory',
    });

  const envs = new Set<string>();
  const read = (p: string[], list = false): Value | undefined => {
    let v: unknown = root;
    for (const s of p) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
    if (v === undefined || v === null) return undefined;
    const mapping = typeof v === 'object' && !Array.isArray(v);
    if (!mapping || (!list && p[0] === 'constants')) return { single: v };
    const perEnv = v as Record<string, unknown>;
    for (const e of Object.keys(perEnv)) envs.add(e);
    return { perEnv };
  };

  type Sections = {
    workspace: Record<string, unknown>;
    items: Record<string, unknown>;
    features?: Record<string, unknown>;
  };
  const base: { version: 1 } & Sections = { version: 1, workspace: {}, items: {} };
  const overlays: Record<string, Partial<Sections>> = {};
  const set = (env: string | undefined, section: keyof Sections, key: string, value: unknown) => {
    if (env === undefined) (base[section] ??= {})[key] = value;
    else ((overlays[env] ??= {})[section] ??= {})[key] = value;
  };
  const each = (
    v: Value | undefined,
    fn: (env: string | undefined, value: unknown, at: (string | number)[]) => void,
    p: string[],
  ) => {
    if (!v) return;
    if (v.perEnv) for (const [e, x] of Object.entries(v.perEnv)) fn(e, x, [...p, e]);
    else fn(undefined, v.single, p);
  };
  const configDir = path.dirname(abs);
  // Relative paths are relative to config.yml in fabric-cicd: re-based on the new file; absolute ones kept.
  const rebase = (rel: string) => {
    if (path.isAbsolute(rel)) return rel;
    const target = path.resolve(configDir, rel);
    return path.relative(outDir, target).split(path.sep).join('/') || '.';
  };

  const wsName = read(['core', 'workspace']);
  const wsId = read(['core', 'workspace_id']);
  const repoDir = read(['core', 'repository_directory']);
  each(
    wsName,
    (e, v, at) => {
      if (typeof v !== 'string' || !v.trim())
        fail(
          at,
          `core.workspace${e ? `.${e}` : ''} is not a workspace name: '${String(v)}'`,
          'give the workspace display name',
        );
      else set(e, 'workspace', 'name', v);
    },
    ['core', 'workspace'],
  );
  each(
    wsId,
    (e, v, at) => {
      if (typeof v !== 'string' || !isGuid(v))
        fail(
          at,
          `core.workspace_id${e ? `.${e}` : ''} is not a GUID: '${String(v)}'`,
          'use the workspace id from its Fabric URL (…/groups/<id>/…)',
        );
      else set(e, 'workspace', 'id', v.toLowerCase());
    },
    ['core', 'workspace_id'],
  );
  each(
    repoDir,
    (e, v, at) => {
      if (typeof v !== 'string' || !v.trim())
        fail(
          at,
          'core.repository_directory is not a path',
          'give the folder of the item folders, relative to config.yml',
        );
      else set(e, 'items', 'directory', rebase(v));
    },
    ['core', 'repository_directory'],
  );

  each(
    read(['core', 'item_types_in_scope'], true),
    (e, v, at) => {
      if (!Array.isArray(v))
        return fail(
          at,
          'core.item_types_in_scope is not a list',
          'use - Notebook lines or [Notebook, Report]',
        );
      v.forEach((t, i) => {
        if (typeof t !== 'string' || !(t in ITEM_TYPES))
          note(
            [...at, i],
            `item type '${String(t)}' is not one Fabric Deploy knows: kept in items.types, where the deploy will refuse it`,
            false,
          );
      });
      set(e, 'items', 'types', v.map(String));
    },
    ['core', 'item_types_in_scope'],
  );

  const param = read(['core', 'parameter']);
  each(
    param,
    (e, v, at) => {
      if (typeof v !== 'string' || !v.trim())
        fail(at, 'core.parameter is not a path', 'give the parameter.yml path, relative to config.yml');
      else set(e, 'items', 'parameterFile', rebase(v));
    },
    ['core', 'parameter'],
  );
  // fabric-cicd reads <repository_directory>/parameter.yml when none is named: say it here.
  if (!param && repoDir?.single && typeof repoDir.single === 'string') {
    const implicit = path.join(path.resolve(configDir, repoDir.single), 'parameter.yml');
    if (existsSync(implicit)) base.items.parameterFile = rebase(path.join(repoDir.single, 'parameter.yml'));
  }

  /** A regex JavaScript reads, else a problem at `at` (and false). */
  const isRegex = (v: unknown, at: (string | number)[]): v is string => {
    if (typeof v !== 'string' || !v) {
      fail(at, `${at.join('.')} is not a regular expression`, 'give a regex string');
      return false;
    }
    try {
      new RegExp(v);
      return true;
    } catch (err) {
      fail(
        at,
        `${at.join('.')} '${v}' is not a regular expression JavaScript reads: ${(err as Error).message}`,
        'rewrite it without Python-only syntax (e.g. (?P<name>…) → (?<name>…))',
      );
      return false;
    }
  };
  // exclude_regex: fabric-cicd matches it anywhere in the item name (re.search), as items.exclude does.
  const excludes: Record<string, string[]> = {};
  const addExclude = (e: string | undefined, v: unknown, at: (string | number)[]) => {
    if (!isRegex(v, at)) return;
    const list = (excludes[e ?? ''] ??= []);
    if (!list.includes(v)) list.push(v);
  };
  each(read(['publish', 'exclude_regex']), addExclude, ['publish', 'exclude_regex']);
  const unpublishExclude = read(['unpublish', 'exclude_regex']);
  each(unpublishExclude, addExclude, ['unpublish', 'exclude_regex']);
  if (unpublishExclude)
    note(
      ['unpublish', 'exclude_regex'],
      'converted into items.exclude, which Fabric Deploy applies to deploying and to orphan deletion alike: repository items matching it are not deployed either',
    );
  for (const [e, list] of Object.entries(excludes)) set(e || undefined, 'items', 'exclude', list);
  // shortcut_exclude_regex: matched at the start of a shortcut's name (re.match), as items.shortcutExclude is.
  each(
    read(['publish', 'shortcut_exclude_regex']),
    (e, v, at) => {
      if (isRegex(v, at)) set(e, 'items', 'shortcutExclude', v);
    },
    ['publish', 'shortcut_exclude_regex'],
  );

  // unpublish runs by default in fabric-cicd (orphans deleted); skip: true turns it off.
  const unSkip = read(['unpublish', 'skip']);
  base.items.deleteOrphans = true;
  each(
    unSkip,
    (e, v, at) => {
      if (typeof v !== 'boolean')
        return fail(at, `unpublish.skip must be true or false, not '${String(v)}'`, 'skip: true');
      set(e, 'items', 'deleteOrphans', !v);
    },
    ['unpublish', 'skip'],
  );
  each(
    read(['publish', 'skip']),
    (e, v, at) => {
      if (v === true)
        note(
          at,
          `publish.skip: true has no equivalent${e ? ` for environment '${e}'` : ''}: don't run the deploy there (a deploy always publishes)`,
          true,
        );
    },
    ['publish', 'skip'],
  );
  for (const [key, why] of Object.entries(NO_EQUIVALENT)) {
    const p = key.split('.');
    if (read(p, true)) note(p, `${key}: ${why}`);
  }

  each(
    read(['features'], true),
    (e, v, at) => {
      if (!Array.isArray(v))
        return fail(at, 'features is not a list of feature flags', 'use - enable_… lines');
      v.forEach((f, i) => {
        const known = FEATURES[String(f)];
        if (known?.items) for (const [k, x] of Object.entries(known.items)) set(e, 'items', k, x);
        if (known?.features) for (const [k, x] of Object.entries(known.features)) set(e, 'features', k, x);
        note(
          [...at, i],
          known
            ? `feature '${String(f)}': ${known.note}`
            : `unknown feature flag '${String(f)}': not converted`,
          false,
        );
      });
    },
    ['features'],
  );

  const constants = root.constants;
  if (constants && typeof constants === 'object')
    for (const k of Object.keys(constants))
      note(
        ['constants', k],
        k === 'DEFAULT_API_ROOT_URL'
          ? 'constant DEFAULT_API_ROOT_URL: give the fabric-api-url input instead (…/v1), per run'
          : `constant '${k}' has no equivalent: Fabric Deploy's limits and timings are in resilience: and the inputs`,
      );

  // Required per environment, as fabric-cicd validates them.
  const environments = [...envs].sort();
  const has = (v: Value | undefined, e?: string) =>
    !!v && (v.single !== undefined || (e !== undefined && v.perEnv?.[e] !== undefined));
  const targets = environments.length ? environments : [undefined];
  for (const e of targets) {
    if (!has(wsName, e) && !has(wsId, e))
      fail(
        ['core'],
        `core: no workspace or workspace_id${e ? ` for environment '${e}'` : ''}`,
        `add core.workspace_id${e ? `.${e}` : ''}: <guid> (or core.workspace)`,
      );
    if (!has(repoDir, e))
      fail(
        ['core'],
        `core: no repository_directory${e ? ` for environment '${e}'` : ''}`,
        'add core.repository_directory: <folder of the item folders>',
      );
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1)
    throw new ConfigError(
      `${problems.length} problems in ${path.basename(abs)}:\n${problems.map((p) => `  - ${p.format().replace(/\n\s*/g, ' ')}`).join('\n')}`,
    );

  const config: Record<string, unknown> = { ...base };
  if (environments.length)
    config.environments = Object.fromEntries(environments.map((e) => [e, overlays[e] ?? {}]));
  const rel = (l: SourceLocation) => `${path.basename(l.file)}:${l.line}`;
  const header = [
    CONFIG_SCHEMA_COMMENT,
    `# Fabric Deploy configuration, converted from fabric-cicd's ${path.relative(outDir, abs).split(path.sep).join('/')}`,
    '# by `fabric-deploy init --from-fabric-cicd` (docs/fabric-cicd-compatibility.md). Relative paths are from this file.',
    ...(environments.length ? [`# Deploy with --environment ${environments.join(' | ')}.`] : []),
    ...(findings.length
      ? [
          '#',
          '# Not converted, or converted with a difference:',
          ...findings.map((f) => `#   ${rel(f.location)} ${f.message}`),
        ]
      : []),
    '',
  ];
  return { text: header.join('\n') + stringify(config, { lineWidth: 0 }), environments, findings };
}

/** Converts and writes fabric-deploy.yml into `directory`, after loading it for every environment. */
export function writeFromFabricCicd(
  configFile: string,
  directory: string,
  force: boolean,
): Converted & { file: string } {
  const out = path.join(directory, 'fabric-deploy.yml');
  if (existsSync(out) && !force)
    throw new UserError(`${out} exists`, {
      field: 'directory',
      fix: 'pass --force to overwrite it, or --directory <another folder>',
    });
  const converted = convertFabricCicdConfig(configFile, directory);
  const tmp = path.join(directory, `.fabric-deploy.yml.${process.pid}.tmp`);
  writeFileSync(tmp, converted.text);
  try {
    for (const env of converted.environments.length ? converted.environments : [undefined])
      loadConfig(tmp, env);
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { ...converted, file: out };
}
