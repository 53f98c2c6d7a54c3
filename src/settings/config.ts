import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { ConfigError, type SourceLocation } from '../errors';
import { validate as validateConfig } from './configValidator.generated';
import { configSchema } from './schema';
import { readYamlFile, type YamlSource } from './yaml';

export interface PrincipalConfig {
  id?: string;
  upn?: string;
  group?: string;
  appId?: string;
  type?: 'User' | 'Group' | 'ServicePrincipal' | 'ServicePrincipalProfile';
  role: 'Admin' | 'Member' | 'Contributor' | 'Viewer';
  description?: string;
  parentPrincipalId?: string;
}

export interface GitConfig {
  provider: 'GitHub' | 'AzureDevOps';
  owner?: string;
  organization?: string;
  project?: string;
  repository: string;
  branch: string;
  directory?: string;
  connectionId?: string;
  initialize?: 'None' | 'PreferRemote' | 'PreferWorkspace';
  updateFromGit?: boolean;
}

export interface FeatureConfig {
  retry?: boolean;
  circuitBreaker?: boolean;
  rollback?: boolean;
  telemetry?: boolean;
  keyVault?: boolean;
  shortcuts?: boolean;
}

export interface ResilienceConfig {
  retries?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  rateLimitPerMinute?: number;
  maxParallel?: number;
  lroTimeoutMinutes?: number;
  breakerThreshold?: number;
  breakerResetSeconds?: number;
}

/** Feature-branch workspaces: how they are named, where they run and who may see them. */
export interface BranchesConfig {
  /** Template with `{{ base }}` and `{{ branch }}` (the slugged branch); default `{{ base }}-{{ branch }}`. */
  name?: string;
  /** Default: workspace.name. */
  base?: string;
  /** Longest workspace name (default 256, Fabric's limit); longer branches are shortened with a hash. */
  maxLength?: number;
  /** The dev capacity (default: workspace.capacity). */
  capacity?: { id?: string; name?: string };
  /** Who gets a role in every branch workspace (default: workspace.principals). */
  principals?: PrincipalConfig[];
  /** Connect the workspace to workspace.git on the feature branch instead of its configured branch. */
  git?: boolean;
}

/** One deploy target (or, with `environments`, one per environment) for `command: matrix`. */
export interface TargetConfig {
  /** Default: the workspace name (or the environment). Letters, digits, `.`, `_`, `-`. */
  name?: string;
  environment?: string;
  environments?: string[];
  /** Default: the config's workspace for that environment; `{{ environment }}` allowed in the name. */
  workspace?: { id?: string; name?: string };
}

export interface DeployConfig {
  version: 1;
  workspace: {
    id?: string;
    name?: string;
    description?: string;
    capacity?: { id?: string; name?: string };
    principals?: PrincipalConfig[];
    principalsFile?: string;
    git?: GitConfig;
  };
  items?: {
    directory?: string;
    parameterFile?: string;
    types?: string[];
    exclude?: string[];
    /** Shortcuts whose name this regex matches at its start are neither deployed nor deleted. */
    shortcutExclude?: string;
    deleteOrphans?: boolean;
    /** A parameter rule that is not applied (no value for the environment, no match) is an error. */
    strictParameters?: boolean;
    /** Post-definition steps whose refusal only warns instead of failing the deploy. */
    optionalSteps?: ('activate-value-set' | 'publish-environment' | 'shortcut')[];
    /** Share (0–1) of the workspace's items delete-orphans may delete in one run (default 0.5). */
    maxDeleteRatio?: number;
    /** A repository that selects no item is accepted (otherwise refused). */
    allowEmpty?: boolean;
    folders?: boolean;
    maxFileBytes?: number;
    /** How changed items are written (the `strategy` input overrides it): auto, graph (default) or bulk. */
    strategy?: 'auto' | 'graph' | 'bulk';
  };
  naming?: Record<string, string>;
  features?: FeatureConfig;
  profile?: 'default' | 'production';
  secrets?: { keyVault?: string };
  telemetry?: { connectionString?: string };
  resilience?: ResilienceConfig;
  branches?: BranchesConfig;
  targets?: TargetConfig[];
  environments?: Record<
    string,
    Omit<DeployConfig, 'version' | 'environments' | 'branches' | 'targets'> | null
  >;
}

/** The config after the environment overlay and templating, plus where each value came from. */
export interface LoadedConfig {
  file: string;
  dir: string;
  config: DeployConfig;
  environment?: string;
  /** Location of a config value, e.g. locate(['items','directory']); prefers the overlay's line. */
  locate(pathSegs: readonly (string | number)[]): SourceLocation;
}

export function loadConfig(file: string, environment?: string): LoadedConfig {
  const abs = path.resolve(file);
  const src = readYamlFile(abs, 'config file');
  if (!src.data || typeof src.data !== 'object' || Array.isArray(src.data)) {
    throw new ConfigError('config file must be a YAML mapping (version: 1, workspace: …, items: …)', {
      location: { file: abs, line: 1, col: 1 },
    });
  }
  const raw = src.data as Record<string, unknown>;
  // `dev:` with nothing under it is an empty overlay, not an error.
  if (raw.environments && typeof raw.environments === 'object') {
    for (const [k, v] of Object.entries(raw.environments))
      if (v === null) (raw.environments as Record<string, unknown>)[k] = {};
  }
  // Validated by code generated from the schema ahead of time: compiling it here would cost every run ~100 ms.
  if (!validateConfig(raw))
    throw schemaError((validateConfig as unknown as { errors?: ErrorObject[] }).errors ?? [], src);

  const config = raw as unknown as DeployConfig;
  let overlayPath: string[] | undefined;
  let merged: DeployConfig = config;
  if (environment) {
    const known = Object.keys(config.environments ?? {});
    if (config.environments && !known.includes(environment)) {
      // A typo would otherwise deploy without the environment's overlay (and without its profile).
      throw new ConfigError(`environment '${environment}' is not defined in the config`, {
        location: src.locate(['environments'], true),
        field: 'environment',
        fix: `use one of: ${known.join(', ')} (or add '${environment}:' under environments:)`,
      });
    }
    const overlay = config.environments?.[environment];
    if (overlay) {
      overlayPath = ['environments', environment];
      merged = deepMerge(config, overlay) as DeployConfig;
    }
  }
  delete (merged as Partial<DeployConfig>).environments;
  merged = applyTemplates(merged, { environment: environment ?? '' }, src) as DeployConfig;

  const locate = (segs: readonly (string | number)[]): SourceLocation => {
    if (overlayPath) {
      const inOverlay = src.locate([...overlayPath, ...segs]);
      const overlayRoot = src.locate(overlayPath);
      if (inOverlay.line !== overlayRoot.line || segs.length === 0) return inOverlay;
    }
    return src.locate(segs);
  };

  if (!merged.workspace.id && !merged.workspace.name) {
    throw new ConfigError('workspace needs an id or a name', {
      location: src.locate(['workspace']),
      field: 'workspace',
      fix: "add 'name: my-workspace' (created when missing) or 'id: <workspace guid>' under workspace:",
    });
  }
  return { file: abs, dir: path.dirname(abs), config: merged, environment, locate };
}

function schemaError(errors: ErrorObject[], src: YamlSource): ConfigError {
  // Prefer the most specific message: unknown keys and enum/type errors over `anyOf` noise.
  const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors[0]!;
  const segs = e.instancePath.split('/').slice(1).map(unescapePointer);
  const field = segs.join('.') || '(top level)';
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const allowed = Object.keys(propertiesAt(segs)).join(', ');
    return new ConfigError(`unknown key '${key}'${segs.length ? ` in ${field}` : ' at the top level'}`, {
      location: src.locate([...segs, key], true),
      field: [...segs, key].join('.'),
      fix: allowed ? `use one of: ${allowed}` : 'remove it',
    });
  }
  if (e.keyword === 'required') {
    const missing = String((e.params as { missingProperty: string }).missingProperty);
    return new ConfigError(`missing required key '${missing}'${segs.length ? ` in ${field}` : ''}`, {
      location: src.locate(segs),
      field: [...segs, missing].join('.'),
      fix: missing === 'version' ? "add 'version: 1' at the top" : `add '${missing}:'`,
    });
  }
  let fix: string | undefined;
  if (e.keyword === 'enum')
    fix = `use one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  else if (e.keyword === 'const')
    fix = `set it to ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  else if (e.keyword === 'pattern' && String(e.schemaPath).includes('id'))
    fix = 'use a GUID like 00000000-0000-0000-0000-000000000000';
  // Say what was written, never the schema's raw pattern.
  if (e.keyword === 'pattern') {
    const written = writtenAt(src.data, segs);
    const what = fix ? 'is not a GUID' : 'is not of the form this field takes';
    return new ConfigError(`${field} '${String(written)}' ${what}`, {
      location: src.locate(segs),
      field,
      fix,
    });
  }
  if (e.keyword === 'type') {
    const types = ([] as string[]).concat((e.params as { type: string | string[] }).type);
    const written = writtenAt(src.data, segs);
    return new ConfigError(
      `invalid value for ${field}: must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${JSON.stringify(written)}`,
      { location: src.locate(segs), field, fix },
    );
  }
  return new ConfigError(`invalid value for ${field}: ${e.message}`, {
    location: src.locate(segs),
    field,
    fix,
  });
}

/** The value the file has at a path (for messages that say what was written). */
function writtenAt(data: unknown, segs: readonly string[]): unknown {
  return segs.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    data,
  );
}

/** JSON Schema types as the YAML author knows them. */
const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
}

function propertiesAt(segs: string[]): Record<string, unknown> {
  let s = configSchema as SchemaNode;
  for (const seg of segs) {
    const next =
      s.properties?.[seg] ??
      (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined) ??
      s.items;
    if (!next) return {};
    s = next;
  }
  return s.properties ?? {};
}

export function deepMerge(base: unknown, over: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
    return out;
  }
  return over === undefined ? base : over;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{{ environment }}` in any string value; an unknown variable is an error at its line. */
function applyTemplates(
  value: unknown,
  vars: Record<string, string>,
  src: YamlSource,
  at: (string | number)[] = [],
): unknown {
  // Targets name their own environments: `command: matrix` fills each in (commands/matrix.ts).
  if (at.length === 1 && at[0] === 'targets') return value;
  // The branch name template is filled in per branch (settings/branch.ts), not here.
  if (typeof value === 'string' && at[0] === 'branches' && at[1] === 'name')
    return value.replace(/\{\{\s*environment\s*\}\}/g, vars.environment || '{{ environment }}');
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g, (_m, name: string) => {
      if (name in vars) {
        if (name === 'environment' && !vars.environment) {
          throw new ConfigError(`'{{ environment }}' is used but no environment was given`, {
            location: src.locate(at),
            field: at.join('.'),
            fix: "pass the 'environment' input (e.g. environment: dev)",
          });
        }
        return vars[name]!;
      }
      throw new ConfigError(`unknown template variable '{{ ${name} }}'`, {
        location: src.locate(at),
        field: at.join('.'),
        fix: `available: ${Object.keys(vars)
          .map((v) => `{{ ${v} }}`)
          .join(', ')}`,
      });
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => applyTemplates(v, vars, src, [...at, i]));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = applyTemplates(v, vars, src, [...at, k]);
    return out;
  }
  return value;
}
