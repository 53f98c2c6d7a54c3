/**
 * The Settings phase: every input and the config file parsed once, into one frozen `RunSettings`,
 * before telemetry starts or any network call. Nothing after this phase reads an input again.
 */
import path from 'node:path';
import { ConfigError } from '../errors';
import { isGuid } from '../guid';
import type { Host } from '../hosts/host';
import { resolveCloud, type CloudEndpoints } from '../identity/clouds';
import { hasSecretReference, SecretManager } from '../identity/secrets';
import { detectBranch, parseBranchList } from './branch';
import { planAuth, type AuthKind, type AuthPlan } from './auth';
import { loadConfig, type DeployConfig, type LoadedConfig } from './config';
import { parseBool, resolveFeatures, type Features } from './features';
import { deepFreeze, type DeepReadonly } from './freeze';
import { COMMANDS, INPUTS, STRATEGIES, inputSpec } from './inputs';

export type Strategy = (typeof STRATEGIES)[number];

export type Command = (typeof COMMANDS)[number];
export type { AuthKind };

/** How to reach Fabric and sign in: all a config-less command (rollback) needs. */
export interface ConnectionSettings {
  readonly auth: AuthPlan;
  readonly cloud: CloudEndpoints;
}

/** What every command reads, config file or not (`rollback --journal` has none). */
export interface BaseSettings {
  readonly connection: ConnectionSettings;
  /** `lock-wait-seconds` in ms; absent when not given (the lock's own default: fail at once). */
  readonly lockWaitMs?: number;
}

/** Everything a run needs, parsed and validated before the first network call. Frozen. */
export interface RunSettings extends BaseSettings {
  readonly command: Command;
  readonly environment?: string;
  readonly config: DeepReadonly<DeployConfig>;
  readonly loaded: DeepReadonly<LoadedConfig>;
  readonly workspace: { readonly id?: string; readonly name?: string; readonly description?: string };
  readonly itemsDirectory: string;
  readonly parameterFile?: string;
  readonly deleteOrphans: boolean;
  /** `strict-parameters`: parameter rules that would not be applied stop the run before any write. */
  readonly strictParameters: boolean;
  /** Largest share (0–1) of the workspace's items delete-orphans may delete in one run. */
  readonly maxDeleteRatio: number;
  /** A repository that selects no item is accepted (never together with delete-orphans). */
  readonly allowEmpty: boolean;
  readonly maxParallel: number;
  /** `strategy`: how changed items are written (graph, bulk, or auto: chosen per run). */
  readonly strategy: Strategy;
  /** `destroy-workspace`: destroy also deletes the workspace when nothing unmanaged is left in it. */
  readonly destroyWorkspace: boolean;
  /** `plan-file` (deploy): the reviewed plan to apply, absolute. */
  readonly planFile?: string;
  /** `fail-on-drift` (plan), or command drift: the run fails when the workspace drifted. */
  readonly failOnDrift: boolean;
  readonly features: Readonly<Features>;
  readonly production: boolean;
  /** Service endpoints given as inputs or in the config; may hold `${secret:NAME}` until resolved. */
  readonly inputs: { readonly keyVaultUrl?: string; readonly telemetryConnectionString?: string };
  /**
   * What the run reports back to the CI system: `comment-on-pr` (the summary as one pull-request comment,
   * updated in place), `deployment-status` (a GitHub deployment for the environment), and the GitHub
   * token for both (`github-token`, else GITHUB_TOKEN; masked when read).
   */
  readonly ci: {
    readonly comment: boolean;
    readonly deploymentStatus: boolean;
    readonly githubToken?: string;
  };
  /** Feature-branch workspaces: the branch (input or CI variables), and branch-gc's live list and age. */
  readonly branches: {
    readonly branch?: string;
    readonly live?: readonly string[];
    readonly maxAgeDays?: number;
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
  maskSecretInputs(host);
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
  const strategy = readStrategy(host, config.items?.strategy);
  const deleteOrphans = booleanInput(host, 'delete-orphans') ?? config.items?.deleteOrphans ?? false;
  const strictParameters = booleanInput(host, 'strict-parameters') ?? config.items?.strictParameters ?? false;
  const maxDeleteRatio = deleteRatio(host, config.items?.maxDeleteRatio);
  const allowEmpty = booleanInput(host, 'allow-empty') ?? config.items?.allowEmpty ?? false;
  const destroyWorkspace = booleanInput(host, 'destroy-workspace') ?? false;
  const lockWaitMs = lockWait(host);
  const planFileInput = get('plan-file');
  if (planFileInput && command !== 'deploy')
    throw new ConfigError(
      `input 'plan-file' is given to command '${command}': only deploy applies a plan file`,
      {
        field: 'plan-file',
        fix: "run 'plan' to make a plan file (its plan-file output), then 'deploy' with plan-file set to it",
      },
    );
  const planFile = planFileInput ? path.resolve(planFileInput) : undefined;
  const failOnDriftInput = booleanInput(host, 'fail-on-drift');
  if (failOnDriftInput && command !== 'plan' && command !== 'drift')
    throw new ConfigError(`input 'fail-on-drift' is given to command '${command}': it is for plan`, {
      field: 'fail-on-drift',
      fix: "use command 'drift' (or 'plan' with fail-on-drift: true) in a scheduled job",
    });
  const failOnDrift = command === 'drift' || (failOnDriftInput ?? false);

  const branches = readBranchInputs(host, env);
  const ci = readCiInputs(host, env);

  const features = resolveFeatures({ config: config.features, env, input: get('features'), production });

  return deepFreeze({
    command,
    environment,
    config,
    loaded,
    workspace,
    itemsDirectory,
    parameterFile,
    deleteOrphans,
    strictParameters,
    maxDeleteRatio,
    allowEmpty,
    maxParallel,
    strategy,
    lockWaitMs,
    destroyWorkspace,
    planFile,
    failOnDrift,
    features,
    production,
    branches,
    ci,
    connection: readConnection(host, { env, baseDir: loaded.dir }),
    inputs: {
      keyVaultUrl: get('key-vault-url') ?? config.secrets?.keyVault,
      telemetryConnectionString: get('telemetry-connection-string') ?? config.telemetry?.connectionString,
    },
  }) as RunSettings;
}

/** `strategy`: the input beats the config (items.strategy, already checked by the schema), then graph. */
function readStrategy(host: Host, fromConfig: Strategy | undefined): Strategy {
  const raw = host.getInput('strategy')?.trim() || undefined;
  const value = raw ?? fromConfig ?? inputSpec('strategy').default!;
  if (!(STRATEGIES as readonly string[]).includes(value))
    throw new ConfigError(`input 'strategy' has the unknown value '${value}'`, {
      field: 'strategy',
      fix: `use one of: ${STRATEGIES.join(', ')}`,
    });
  return value as Strategy;
}

/** The settings of `rollback --journal`: how to reach Fabric and how long to wait for the lock. */
export function resolveBaseSettings(host: Host, env: NodeJS.ProcessEnv = process.env): BaseSettings {
  const connection = readConnection(host, { env });
  return deepFreeze({ connection, lockWaitMs: lockWait(host) });
}

/**
 * The inputs that say how to reach and sign in to Fabric, as a validated auth plan and the cloud's
 * endpoints. `${secret:NAME}` in them is resolved here from the environment (and `.env` on the CLI)
 * only: Key Vault itself needs the credential they make. `baseDir` anchors a relative certificate
 * path and the `.env` file.
 */
export function readConnection(
  host: Host,
  opts: { env?: NodeJS.ProcessEnv; baseDir?: string } = {},
): ConnectionSettings {
  maskSecretInputs(host);
  const env = opts.env ?? process.env;
  const baseDir = opts.baseDir ?? process.cwd();
  let local: SecretManager | undefined;
  const get = (name: string): string | undefined => {
    const value = readInput(host, name);
    if (!hasSecretReference(value)) return value;
    local ??= localSecrets(host, env, baseDir);
    return local.resolveLocalReferences(value, { field: name });
  };
  const cloud = resolveCloud({
    cloud: get('cloud'),
    fabricApiUrl: get('fabric-api-url'),
    authorityHost: get('authority-host'),
    graphUrl: get('graph-url'),
  });
  const auth = planAuth(
    {
      kind: get('auth')!,
      tenantId: get('tenant-id'),
      clientId: get('client-id'),
      clientSecret: get('client-secret'),
      certificate: get('certificate'),
      certificatePassword: get('certificate-password'),
      token: get('token'),
      audience: get('audience'),
      connectedServiceName: get('connected-service-name'),
      cloud,
      env,
      cwd: baseDir,
    },
    host,
  );
  return deepFreeze({ auth, cloud });
}

/** `${secret:NAME}` from the environment, the host's secret variables and (CLI) `.env` beside the config. */
export function localSecrets(host: Host, env: NodeJS.ProcessEnv, baseDir: string): SecretManager {
  return new SecretManager({
    enabled: false,
    required: false,
    env: { ...env, ...host.secretVariables?.() },
    dotenvPath: host.kind === 'cli' ? path.join(baseDir, '.env') : undefined,
    host,
  });
}

function maskSecretInputs(host: Host): void {
  for (const spec of INPUTS) if (spec.secret) readInput(host, spec.name);
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

function readCiInputs(host: Host, env: NodeJS.ProcessEnv): RunSettings['ci'] {
  const comment = booleanInput(host, 'comment-on-pr') ?? false;
  const deploymentStatus = booleanInput(host, 'deployment-status') ?? false;
  // The Action passes the job token (its declared default); a CLI step in a workflow sets GITHUB_TOKEN.
  const githubToken = readInput(host, 'github-token') ?? (env.GITHUB_TOKEN?.trim() || undefined);
  if (githubToken) host.setSecret(githubToken);
  return { comment, deploymentStatus, githubToken };
}

function readBranchInputs(host: Host, env: NodeJS.ProcessEnv): RunSettings['branches'] {
  const raw = host.getInput('max-age-days')?.trim();
  let maxAgeDays: number | undefined;
  if (raw) {
    maxAgeDays = Number(raw);
    if (!Number.isFinite(maxAgeDays) || maxAgeDays <= 0)
      throw new ConfigError(`input 'max-age-days' must be a number of days > 0, not '${raw}'`, {
        field: 'max-age-days',
        fix: 'e.g. max-age-days: 14',
      });
  }
  return {
    branch: detectBranch(host.getInput('branch'), env),
    live: parseBranchList(host.getInput('live-branches')),
    maxAgeDays,
  };
}

/**
 * `max-delete-ratio` as a share 0–1: the input ('0.3' or '30%') beats `items.maxDeleteRatio`, which
 * beats the catalog default (0.5).
 */
function deleteRatio(host: Host, fromConfig: number | undefined): number {
  const raw = host.getInput('max-delete-ratio')?.trim();
  if (!raw) return fromConfig ?? Number(inputSpec('max-delete-ratio').default);
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(raw);
  const ratio = percent ? Number(percent[1]) / 100 : Number(raw);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new ConfigError(
      `input 'max-delete-ratio' must be a share from 0 to 1 or a percentage, not '${raw}'`,
      { field: 'max-delete-ratio', fix: 'e.g. max-delete-ratio: 0.5 (or 50%); 1 allows deleting every item' },
    );
  }
  return ratio;
}

/** `lock-wait-seconds` in ms; undefined when not given. */
function lockWait(host: Host): number | undefined {
  const raw = host.getInput('lock-wait-seconds')?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new ConfigError(`input 'lock-wait-seconds' must be a number of seconds ≥ 0, not '${raw}'`, {
      field: 'lock-wait-seconds',
      fix: 'e.g. lock-wait-seconds: 600 (0 fails at once when another deploy holds the workspace)',
    });
  }
  return seconds * 1000;
}
