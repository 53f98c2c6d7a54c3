import path from 'node:path';
import { ConfigError } from '../errors';
import { isGuid } from '../guid';
import type { Host } from '../hosts/host';
import { AUTH_KINDS, CLOUDS, COMMANDS, INPUTS, inputSpec } from '../hosts/inputs';
import { loadConfig, type DeployConfig, type LoadedConfig } from './config';
import { parseBool, resolveFeatures, type Features } from './features';

export type Command = (typeof COMMANDS)[number];
export type AuthKind = (typeof AUTH_KINDS)[number];

/** Everything a run needs, parsed and validated before the first network call. */
export interface RunSettings {
  command: Command;
  environment?: string;
  config: DeployConfig;
  loaded: LoadedConfig;
  workspace: { id?: string; name?: string; description?: string };
  itemsDirectory: string;
  parameterFile?: string;
  deleteOrphans: boolean;
  maxParallel: number;
  features: Features;
  production: boolean;
  inputs: {
    auth: AuthKind;
    tenantId?: string;
    clientId?: string;
    clientSecret?: string;
    certificate?: string;
    certificatePassword?: string;
    token?: string;
    audience?: string;
    connectedServiceName?: string;
    cloud: (typeof CLOUDS)[number];
    fabricApiUrl?: string;
    authorityHost?: string;
    graphUrl?: string;
    keyVaultUrl?: string;
    telemetryConnectionString?: string;
  };
}

/** Reads an input, masks it when secret, checks it against its allowed values. */
export function readInput(host: Host, name: string): string | undefined {
  const spec = inputSpec(name);
  const raw = host.getInput(name)?.trim();
  const value = raw === undefined || raw === '' ? spec.default : raw;
  if (spec.secret && raw && !(name === 'certificate' && looksLikePath(raw))) host.setSecret(raw);
  if (value !== undefined && spec.options && !spec.options.includes(value)) {
    throw new ConfigError(`input '${name}' has the unknown value '${value}'`, {
      field: name,
      fix: `use one of: ${spec.options.join(', ')}`,
    });
  }
  return value;
}

export function resolveSettings(host: Host, env: NodeJS.ProcessEnv = process.env): RunSettings {
  // Secrets first: mask every secret input before anything else can log.
  for (const spec of INPUTS) if (spec.secret) readInput(host, spec.name);
  const get = (name: string) => readInput(host, name);
  const command = get('command') as Command;
  const environment = get('environment');
  const configPath = path.resolve(get('config')!);
  const loaded = loadConfig(configPath, environment);
  const config = loaded.config;
  const production = config.profile === 'production';

  const itemsDirInput = get('items-directory');
  const itemsDirectory = itemsDirInput
    ? path.resolve(itemsDirInput)
    : path.resolve(loaded.dir, config.items?.directory ?? '.');
  const paramInput = get('parameter-file');
  const parameterFile = paramInput
    ? path.resolve(paramInput)
    : config.items?.parameterFile
      ? path.resolve(loaded.dir, config.items.parameterFile)
      : undefined;

  const wsId = get('workspace-id');
  if (wsId && !isGuid(wsId)) {
    throw new ConfigError(`input 'workspace-id' is not a GUID: '${wsId}'`, {
      field: 'workspace-id',
      fix: 'use the workspace id from its Fabric URL (…/groups/<id>/…)',
    });
  }
  const wsName = get('workspace-name');
  const workspace = {
    id: wsId ?? (wsName ? undefined : config.workspace.id),
    name: wsName ?? config.workspace.name,
    description: config.workspace.description,
  };

  // An explicit input beats the config, which beats the catalog default.
  const maxParallelRaw = host.getInput('max-parallel')?.trim() || undefined;
  const maxParallel = Number(
    maxParallelRaw ?? config.resilience?.maxParallel ?? inputSpec('max-parallel').default,
  );
  if (!Number.isInteger(maxParallel) || maxParallel < 1 || maxParallel > 64) {
    throw new ConfigError(
      `input 'max-parallel' must be a whole number from 1 to 64, not '${maxParallelRaw}'`,
      {
        field: 'max-parallel',
        fix: 'set max-parallel to e.g. 8',
      },
    );
  }
  const deleteOrphans = booleanInput(host, 'delete-orphans') ?? config.items?.deleteOrphans ?? false;
  // Read again where they are used (deploy/command.ts); checked here so a typo fails before sign-in.
  booleanInput(host, 'destroy-workspace');
  const lockWait = host.getInput('lock-wait-seconds')?.trim();
  if (lockWait && !(Number(lockWait) >= 0)) {
    throw new ConfigError(`input 'lock-wait-seconds' must be a number of seconds ≥ 0, not '${lockWait}'`, {
      field: 'lock-wait-seconds',
      fix: 'e.g. lock-wait-seconds: 600 (0 fails at once when another deploy holds the workspace)',
    });
  }

  const features = resolveFeatures({ config: config.features, env, input: get('features'), production });

  return {
    command,
    environment,
    config,
    loaded,
    workspace,
    itemsDirectory,
    parameterFile,
    deleteOrphans,
    maxParallel,
    features,
    production,
    inputs: {
      ...readConnectionInputs(host),
      keyVaultUrl: get('key-vault-url') ?? config.secrets?.keyVault,
      telemetryConnectionString: get('telemetry-connection-string') ?? config.telemetry?.connectionString,
    },
  };
}

/** The inputs that say how to reach and sign in to Fabric; all a config-less command (rollback) needs. */
export function readConnectionInputs(
  host: Host,
): Omit<RunSettings['inputs'], 'keyVaultUrl' | 'telemetryConnectionString'> {
  for (const spec of INPUTS) if (spec.secret) readInput(host, spec.name);
  const get = (name: string) => readInput(host, name);
  return {
    auth: get('auth') as AuthKind,
    tenantId: get('tenant-id'),
    clientId: get('client-id'),
    clientSecret: get('client-secret'),
    certificate: get('certificate'),
    certificatePassword: get('certificate-password'),
    token: get('token'),
    audience: get('audience'),
    connectedServiceName: get('connected-service-name'),
    cloud: get('cloud') as RunSettings['inputs']['cloud'],
    fabricApiUrl: get('fabric-api-url'),
    authorityHost: get('authority-host'),
    graphUrl: get('graph-url'),
  };
}

/** A certificate input that names a file stays readable in messages; PEM or base64 PFX text is masked. */
function looksLikePath(value: string): boolean {
  // A base64 PFX is thousands of characters; a path is short.
  return !value.includes('-----BEGIN') && !/[\r\n]/.test(value) && value.length < 1024;
}

/** A true/false input; undefined when not given; anything else is refused before any network call. */
function booleanInput(host: Host, name: string): boolean | undefined {
  const raw = host.getInput(name)?.trim();
  if (!raw) return undefined;
  const b = parseBool(raw);
  if (b === undefined) {
    throw new ConfigError(`input '${name}' must be true or false, not '${raw}'`, {
      field: name,
      fix: `set ${name}: true or false`,
    });
  }
  return b;
}
