/**
 * The one catalog of inputs and outputs. `action.yml` and the task's `task.json` are generated from it
 * (`npm run metadata`), and a test fails when they drift. Names are kebab-case here and on GitHub,
 * camelCase on Azure DevOps and `--kebab-case` / `FABRIC_DEPLOY_SNAKE_CASE` on the CLI.
 */
export interface InputSpec {
  name: string;
  description: string;
  default?: string;
  /** Allowed values; anything else is refused with the list. */
  options?: readonly string[];
  /** Masked as soon as it is read. */
  secret?: boolean;
  /** Azure DevOps picker type (default `string`). */
  adoType?:
    'string' | 'boolean' | 'pickList' | 'multiLine' | 'filePath' | 'secureFile' | 'connectedService:AzureRM';
  /**
   * The config file can set this too: the default is then not written into action.yml / task.json, where
   * the runner would pass it as if the user had given it and it would override the config.
   */
  configurable?: boolean;
  /** Only on one host. */
  only?: 'github' | 'azure-devops';
  /**
   * The default action.yml declares, a workflow expression the runner evaluates (`${{ github.token }}`);
   * the core sees only what the runner passes, so `default` stays unset.
   */
  actionDefault?: string;
  group?: 'target' | 'auth' | 'advanced';
  /** The task's label when the name does not read well as one ("Azure Resource Manager connection"). */
  label?: string;
  /** The `auth` kinds that use this input: the task shows it only for them (visibleRule). */
  forAuth?: readonly AuthKind[];
  /** Where the docs say more: a path in the repository, with an anchor (linked from the task's help). */
  docs?: string;
}

export type AuthKind = (typeof AUTH_KINDS)[number];

export interface OutputSpec {
  name: string;
  description: string;
}

export const COMMANDS = [
  'deploy',
  'plan',
  'drift',
  'health',
  'destroy',
  'branch-up',
  'branch-down',
  'branch-gc',
  'matrix',
  'promote',
  'rollback',
] as const;
/** How a deploy writes its changed items (`strategy`, src/deploy/bulk/strategy.ts). */
export const STRATEGIES = ['auto', 'graph', 'bulk'] as const;
export const AUTH_KINDS = [
  'auto',
  'oidc',
  'client-secret',
  'certificate',
  'managed-identity',
  'azure-cli',
  'token',
] as const;
export const CLOUDS = ['public', 'usgov', 'china'] as const;

export const INPUTS: readonly InputSpec[] = [
  {
    name: 'command',
    label: 'Command',
    docs: 'README.md#inputs-and-outputs',
    description:
      'What to do: deploy, plan (writes nothing), drift (fails when the workspace differs from the repository; writes nothing), health, destroy; branch-up, branch-down, branch-gc (feature-branch workspaces); matrix (the targets as JSON for a fan-out); promote (deploy a Fabric deployment pipeline stage to the next); rollback (undo what a failed, cancelled or killed deploy of this job left, from its journal). See docs/workspaces.md, docs/promote.md and docs/reliability.md.',
    default: 'deploy',
    options: COMMANDS,
    adoType: 'pickList',
    group: 'target',
  },
  {
    name: 'config',
    label: 'Configuration file (fabric-deploy.yml)',
    docs: 'README.md#configuration-fabric-deployyml',
    description: 'Path to fabric-deploy.yml.',
    default: 'fabric-deploy.yml',
    adoType: 'filePath',
    group: 'target',
  },
  {
    name: 'environment',
    label: 'Environment',
    description:
      'Environment overlay to apply from the config (e.g. dev, prod); also the parameter.yml environment.',
    group: 'target',
  },
  {
    name: 'workspace-id',
    label: 'Workspace ID',
    description: 'Target workspace id (overrides the config).',
    group: 'target',
  },
  {
    name: 'workspace-name',
    label: 'Workspace name',
    description: 'Target workspace name (overrides the config); created when missing.',
    group: 'target',
  },
  {
    name: 'items-directory',
    label: 'Items folder',
    description: 'Folder of Fabric item folders in the fabric-cicd layout (overrides the config).',
    group: 'target',
  },
  {
    name: 'parameter-file',
    label: 'Parameter file (parameter.yml)',
    description: 'fabric-cicd parameter.yml (overrides the config).',
    group: 'target',
  },
  {
    name: 'auth',
    label: 'Authentication',
    docs: 'docs/identity.md',
    description:
      'How to authenticate: auto, oidc, client-secret, certificate, managed-identity, azure-cli or token.',
    default: 'auto',
    options: AUTH_KINDS,
    adoType: 'pickList',
    group: 'auth',
  },
  {
    name: 'connected-service-name',
    label: 'Azure Resource Manager connection',
    forAuth: ['auto', 'oidc'],
    docs: 'docs/identity.md',
    description:
      'Azure Resource Manager service connection (workload identity federation, service principal or managed identity).',
    adoType: 'connectedService:AzureRM',
    only: 'azure-devops',
    group: 'auth',
  },
  {
    name: 'tenant-id',
    label: 'Tenant ID',
    forAuth: ['client-secret', 'certificate', 'azure-cli'],
    description: 'Entra ID tenant id.',
    group: 'auth',
  },
  {
    name: 'client-id',
    label: 'Client ID',
    forAuth: ['client-secret', 'certificate', 'managed-identity'],
    description: 'Application (client) id of the service principal or user-assigned managed identity.',
    group: 'auth',
  },
  {
    name: 'client-secret',
    label: 'Client secret',
    forAuth: ['client-secret'],
    description: 'Client secret (prefer OIDC). Masked.',
    secret: true,
    group: 'auth',
  },
  {
    name: 'certificate',
    label: 'Certificate (path or PEM)',
    forAuth: ['certificate'],
    description: 'Path to a PEM or PFX certificate, or the PEM itself. Masked.',
    secret: true,
    group: 'auth',
  },
  {
    name: 'certificate-secure-file',
    label: 'Certificate (secure file)',
    only: 'azure-devops',
    adoType: 'secureFile',
    forAuth: ['certificate'],
    description:
      'A PEM or PFX certificate kept under Pipelines > Library > Secure files, instead of certificate: downloaded for the step only (mode 0600 in the agent temp folder, deleted when the step ends).',
    group: 'auth',
    docs: 'docs/identity.md#certificate-as-an-azure-pipelines-secure-file',
  },
  {
    name: 'certificate-password',
    label: 'Certificate password',
    forAuth: ['certificate'],
    description: 'Password of a PFX certificate. Masked.',
    secret: true,
    group: 'auth',
  },
  {
    name: 'token',
    label: 'Fabric API token',
    forAuth: ['token'],
    description: 'A bearer token for the Fabric API (auth: token). Masked.',
    secret: true,
    group: 'auth',
  },
  {
    name: 'audience',
    label: 'OIDC audience',
    forAuth: ['auto', 'oidc'],
    description:
      "Audience of the OIDC token requested from the host (default: the cloud's, api://AzureADTokenExchange on the public cloud).",
    group: 'auth',
  },
  {
    name: 'cloud',
    label: 'Azure cloud',
    description: 'Azure cloud: public, usgov or china.',
    default: 'public',
    options: CLOUDS,
    adoType: 'pickList',
    group: 'advanced',
  },
  {
    name: 'fabric-api-url',
    label: 'Fabric API URL',
    description: 'Fabric REST API base URL (overrides the cloud default; http only for loopback).',
    group: 'advanced',
  },
  {
    name: 'authority-host',
    label: 'Entra ID authority host',
    description: 'Entra ID authority host (overrides the cloud default).',
    group: 'advanced',
  },
  {
    name: 'graph-url',
    label: 'Microsoft Graph URL',
    description: 'Microsoft Graph base URL for principal look-ups (overrides the cloud default).',
    group: 'advanced',
  },
  {
    name: 'key-vault-url',
    label: 'Key Vault URL',
    docs: 'docs/identity.md',
    description: 'Azure Key Vault URL for ${secret:NAME} references.',
    group: 'advanced',
  },
  {
    name: 'features',
    label: 'Feature flags',
    description:
      'Comma-separated flags to turn on (retry, circuit-breaker, rollback, telemetry, key-vault, health-checks, shortcuts); a leading - turns one off.',
    group: 'advanced',
  },
  {
    name: 'telemetry-connection-string',
    label: 'Application Insights connection string',
    description: 'Application Insights connection string (telemetry must also be turned on). Masked.',
    secret: true,
    group: 'advanced',
  },
  {
    name: 'delete-orphans',
    configurable: true,
    description:
      'Delete items in the workspace that are not in the repository (after everything else succeeded).',
    default: 'false',
    adoType: 'boolean',
    group: 'advanced',
  },
  {
    name: 'strict-parameters',
    configurable: true,
    description:
      'Stop before any write when a parameter.yml rule would not be applied (no value for the environment, or nothing matched in the files its filters select); otherwise such rules are warnings, as in fabric-cicd.',
    default: 'false',
    adoType: 'boolean',
    group: 'advanced',
  },
  {
    name: 'max-delete-ratio',
    docs: 'docs/reliability.md#guards-against-mass-deletion',
    configurable: true,
    description:
      "The largest share of the workspace's items delete-orphans may delete in one run, as 0–1 or a percentage (default 0.5 = 50 %); a run that would delete more is refused before any write.",
    default: '0.5',
    group: 'advanced',
  },
  {
    name: 'allow-empty',
    label: 'Allow an empty repository',
    docs: 'docs/reliability.md#guards-against-mass-deletion',
    configurable: true,
    description:
      'Accept a repository that selects no item (an empty items directory, or types / exclude that leave nothing); refused otherwise. Never with delete-orphans.',
    default: 'false',
    adoType: 'boolean',
    group: 'advanced',
  },
  {
    name: 'max-parallel',
    label: 'Items deployed at once',
    docs: 'docs/performance.md',
    configurable: true,
    description: 'How many items deploy at once (16 measured best; see docs/performance.md).',
    default: '16',
    group: 'advanced',
  },
  {
    name: 'strategy',
    label: 'Deploy strategy',
    docs: 'docs/performance.md#deploy-strategy',
    configurable: true,
    description:
      'How changed items are written: graph (each item by its own create or update, in dependency order), bulk (the changed definitions in bulkImportDefinitions calls, Fabric beta; types it does not take go through the graph in the same run, each named in the plan) or auto (per run, whichever a cost model of calls, polling quota and chain length says is faster; the plan and the summary give the choice and the estimate).',
    default: 'graph',
    options: STRATEGIES,
    adoType: 'pickList',
    group: 'advanced',
  },
  {
    name: 'lock-wait-seconds',
    label: 'Wait for another deploy (seconds)',
    description: 'How long to wait for another deploy to the same workspace to finish (0: fail at once).',
    default: '0',
    group: 'advanced',
  },
  {
    name: 'plan-file',
    label: 'Apply this plan (plan file)',
    docs: 'docs/reliability.md#apply-what-was-reviewed',
    description:
      'command: deploy applies exactly this plan (the plan-file output of a plan run) and refuses, before any write, when the workspace or the repository changed since it was made.',
    adoType: 'filePath',
    group: 'advanced',
  },
  {
    name: 'fail-on-drift',
    label: 'Fail on drift',
    docs: 'docs/reliability.md#drift',
    description:
      'command: plan fails (CLI exit 2) when an item in the workspace differs from the repository, as command: drift does.',
    default: 'false',
    adoType: 'boolean',
    group: 'advanced',
  },
  {
    name: 'destroy-workspace',
    description: 'command: destroy also deletes the workspace, when nothing unmanaged is left in it.',
    default: 'false',
    adoType: 'boolean',
    group: 'advanced',
  },
  {
    name: 'comment-on-pr',
    label: 'Comment on the pull request',
    docs: 'examples/README.md',
    description:
      "On a pull-request run, post the plan (or the deploy's outcome) with its diffs as one comment on the pull request, updated in place on every run: one comment per workspace and environment. GitHub: needs 'permissions: pull-requests: write'. Azure Repos: a thread through System.AccessToken; the project's Build Service needs 'Contribute to pull requests'. Elsewhere nothing is posted.",
    default: 'false',
    adoType: 'boolean',
    group: 'advanced',
  },
  {
    name: 'deployment-status',
    description:
      "deploy, branch-up, branch-down — record the run as a GitHub deployment of the environment (the environment input, else the workspace name; a branch workspace is a transient environment named like it): in progress when it starts, then success or failure with the workspace URL; branch-down marks it inactive. Needs 'permissions: deployments: write'. For a job without an 'environment:' of its own (which makes a deployment already).",
    default: 'false',
    adoType: 'boolean',
    only: 'github',
    group: 'advanced',
  },
  {
    name: 'github-token',
    description:
      'Token for the pull-request comment and the deployment status (default: the job token, github.token; on the CLI the GITHUB_TOKEN variable). Masked.',
    actionDefault: '${{ github.token }}',
    secret: true,
    only: 'github',
    group: 'advanced',
  },
  {
    name: 'branch',
    docs: 'docs/workspaces.md',
    description:
      'branch-up / branch-down: the feature branch (default: the pull request source branch, else the pushed branch).',
    group: 'target',
  },
  {
    name: 'live-branches',
    docs: 'docs/workspaces.md',
    description:
      'branch-gc: the branches that still exist (comma, space or newline separated); branch workspaces of any other branch are deleted.',
    adoType: 'multiLine',
    group: 'target',
  },
  {
    name: 'max-age-days',
    label: 'Maximum age (days)',
    docs: 'docs/workspaces.md',
    description: 'branch-gc: also delete branch workspaces created more than this many days ago.',
    group: 'target',
  },
  {
    name: 'pipeline',
    label: 'Deployment pipeline',
    docs: 'docs/promote.md',
    description: 'promote: the Fabric deployment pipeline, by name or id.',
    group: 'target',
  },
  {
    name: 'source-stage',
    docs: 'docs/promote.md',
    description: 'promote: the stage to deploy from, by name (e.g. Development) or order (0 = first).',
    group: 'target',
  },
  {
    name: 'target-stage',
    docs: 'docs/promote.md',
    description:
      'promote: the stage to deploy to; must be the one after source-stage (default: that one). Given, it is checked.',
    group: 'target',
  },
  {
    name: 'promote-items',
    label: 'Items to promote',
    docs: 'docs/promote.md',
    description:
      'promote: only these items (comma or newline separated): `Name.Type` (e.g. `Sales.Report`), `*.Type` (every item of a type) or a bare `Name`. Default: every item of the stage.',
    adoType: 'multiLine',
    group: 'target',
  },
  {
    name: 'note',
    label: 'Deployment note',
    docs: 'docs/promote.md',
    description:
      "promote: a note for the deploy, shown in the pipeline's deployment history (at most 1024 characters).",
    group: 'target',
  },
  {
    name: 'journal-file',
    label: 'Journal file',
    docs: 'docs/reliability.md#killed-mid-deploy',
    description:
      "rollback: the journal to replay (the deploy's journal-file output). Default: the journal of the last deploy or destroy that ran in this job (in RUNNER_TEMP / Agent.TempDirectory).",
    adoType: 'filePath',
    group: 'target',
  },
  {
    name: 'preview-only',
    docs: 'docs/promote.md',
    description: 'promote: compare the two stages and report, deploying nothing.',
    default: 'false',
    adoType: 'boolean',
    group: 'target',
  },
];

export const OUTPUTS: readonly OutputSpec[] = [
  { name: 'workspace-id', description: 'Id of the target workspace.' },
  { name: 'workspace-url', description: 'Fabric portal URL of the target workspace.' },
  {
    name: 'matrix',
    description:
      'command: matrix — the targets as {"include": [...]} for strategy.matrix (fromJSON) on GitHub.',
  },
  {
    name: 'ado-matrix',
    description:
      'command: matrix — the targets as one leg per target, for an Azure Pipelines runtime matrix.',
  },
  { name: 'targets', description: 'command: matrix — how many targets.' },
  {
    name: 'deployment-id',
    description: 'Id of this deployment (correlation id in logs, audit and telemetry).',
  },
  {
    name: 'pipeline-operation-id',
    description: "command: promote — the stage deploy's id in the pipeline's deployment history.",
  },
  {
    name: 'result',
    description:
      'succeeded, rolled-back, rollback-incomplete (some undos failed: the log prints the command that finishes it) or failed.',
  },
  { name: 'has-changes', description: 'true when the plan has changes.' },
  { name: 'items', description: 'JSON array of {name, type, id, action}.' },
  { name: 'summary-file', description: 'Path of the markdown summary.' },
  { name: 'audit-log', description: 'Path of the JSONL audit log.' },
  { name: 'health', description: 'JSON report of the health checks (command: health).' },
  { name: 'plan-file', description: 'Path of the plan as JSON (the input plan-file of a later deploy).' },
  {
    name: 'drift',
    description:
      'command: drift (or plan with fail-on-drift) — JSON array of {type, name, what}: what differs between the workspace and the repository.',
  },
  {
    name: 'plan-markdown',
    description:
      'Path of the plan as markdown (plan and deploy): the table and every diff, uncut (the summary and the pull-request comment cut the longest diffs to fit).',
  },
  {
    name: 'journal-file',
    description:
      'Path of the transaction journal (for `fabric-deploy rollback --journal`; upload it as an artifact with if: always()).',
  },
];

export function camelCase(kebab: string): string {
  return kebab.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Azure DevOps names: camelCase, except the conventional `connectedServiceName`. */
export function adoName(kebab: string): string {
  return camelCase(kebab);
}

/** Every input name with a hyphen, longest first (so `workspace-id-x` is not read as `workspace-id`). */
let hyphenated: RegExp | undefined;

/**
 * A message as Azure Pipelines users know the inputs: `max-parallel` → `maxParallel`. CLI flags
 * (`--max-parallel`, as in a printed finish command) and longer words stay as they are.
 */
export function adoSpelling(text: string): string {
  hyphenated ??= new RegExp(
    `(?<![-\\w])(${[...new Set(INPUTS.map((i) => i.name).filter((n) => n.includes('-')))]
      .sort((a, b) => b.length - a.length)
      .join('|')})(?![-\\w])`,
    'g',
  );
  return text.replace(hyphenated, (name) => adoName(name));
}

/** CLI environment variable form: FABRIC_DEPLOY_WORKSPACE_ID. */
export function envName(kebab: string): string {
  return 'FABRIC_DEPLOY_' + kebab.toUpperCase().replace(/-/g, '_');
}

export function inputSpec(name: string): InputSpec {
  const spec = INPUTS.find((i) => i.name === name);
  if (!spec) throw new Error(`unknown input ${name}`);
  return spec;
}
