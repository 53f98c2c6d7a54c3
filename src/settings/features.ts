import { ConfigError } from '../errors';
import type { FeatureConfig } from './config';

export interface Features {
  retry: boolean;
  circuitBreaker: boolean;
  rollback: boolean;
  telemetry: boolean;
  keyVault: boolean;
  healthChecks: boolean;
  /** Deploy Lakehouse shortcuts (shortcuts.metadata.json), as fabric-cicd's enable_shortcut_publish flag does. */
  shortcuts: boolean;
}

export type FeatureName = keyof Features;

export const DEFAULT_FEATURES: Features = {
  retry: true,
  circuitBreaker: true,
  rollback: true,
  telemetry: false,
  keyVault: false,
  healthChecks: false,
  shortcuts: false,
};

/** The seeds' environment variables keep working (FEATURE_USE_AZURE_KEYVAULT is their older spelling). */
const ENV_FLAGS: Record<string, FeatureName> = {
  FEATURE_USE_RETRY_LOGIC: 'retry',
  FEATURE_USE_CIRCUIT_BREAKER: 'circuitBreaker',
  FEATURE_USE_ROLLBACK: 'rollback',
  FEATURE_USE_TELEMETRY: 'telemetry',
  FEATURE_USE_KEY_VAULT: 'keyVault',
  FEATURE_USE_AZURE_KEYVAULT: 'keyVault',
  FEATURE_USE_HEALTH_CHECKS: 'healthChecks',
  FEATURE_USE_SHORTCUTS: 'shortcuts',
};

/** `features` input names (kebab-case). */
const INPUT_FLAGS: Record<string, FeatureName> = {
  retry: 'retry',
  'circuit-breaker': 'circuitBreaker',
  rollback: 'rollback',
  telemetry: 'telemetry',
  'key-vault': 'keyVault',
  'health-checks': 'healthChecks',
  shortcuts: 'shortcuts',
};

/** What the production profile forces on; turning one of them off explicitly is an error. */
export const PRODUCTION_FORCED: FeatureName[] = [
  'retry',
  'circuitBreaker',
  'rollback',
  'telemetry',
  'keyVault',
  'healthChecks',
];

/**
 * defaults < config (with its environment overlay) < FEATURE_USE_* variables < `features` input;
 * the production profile then forces its set on.
 */
export function resolveFeatures(opts: {
  config?: FeatureConfig;
  env: NodeJS.ProcessEnv;
  input?: string;
  production: boolean;
}): Features {
  const f: Features = { ...DEFAULT_FEATURES };
  const explicitOff = new Map<FeatureName, string>();
  for (const [k, v] of Object.entries(opts.config ?? {})) {
    f[k as FeatureName] = v as boolean;
    if (v === false) explicitOff.set(k as FeatureName, `features.${k}: false in the config`);
  }
  for (const [name, flag] of Object.entries(ENV_FLAGS)) {
    const raw = opts.env[name];
    if (raw === undefined || raw === '') continue;
    const value = parseBool(raw);
    if (value === undefined) {
      throw new ConfigError(`environment variable ${name} has the value '${raw}'`, {
        field: name,
        fix: `set ${name} to true or false`,
      });
    }
    f[flag] = value;
    if (!value) explicitOff.set(flag, `${name}=false`);
    else explicitOff.delete(flag);
  }
  for (const token of (opts.input ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const off = token.startsWith('-');
    const name = off ? token.slice(1) : token;
    const flag = INPUT_FLAGS[name];
    if (!flag) {
      throw new ConfigError(`unknown feature '${name}' in the 'features' input`, {
        field: 'features',
        fix: `use a comma-separated list of: ${Object.keys(INPUT_FLAGS).join(', ')} (a leading - turns one off)`,
      });
    }
    f[flag] = !off;
    if (off) explicitOff.set(flag, `'-${name}' in the features input`);
    else explicitOff.delete(flag);
  }
  if (opts.production) {
    for (const flag of PRODUCTION_FORCED) {
      const why = explicitOff.get(flag);
      if (why) {
        throw new ConfigError(`the production profile requires ${flag}, but ${why} turns it off`, {
          field: 'features',
          fix: `remove ${why}, or use another profile for this environment`,
        });
      }
      f[flag] = true;
    }
  }
  return f;
}

export function parseBool(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  return undefined;
}
