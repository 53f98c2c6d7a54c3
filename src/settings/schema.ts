/**
 * JSON Schema of fabric-deploy.yml. Every object is closed (`additionalProperties: false`) so a typo
 * is an error with its line, not a silently ignored key. The one source of the validation
 * (configValidator.generated.ts, from `validationSchema`), the published schema editors complete from
 * (docs/fabric-deploy.schema.json) and docs/reference/configuration.md (`npm run docs`): `description`,
 * `default` and `examples` here are annotations only and never change what is accepted.
 */
import { capacity, principal, uuid, workspace } from './schema-workspace';

const items = {
  type: 'object',
  additionalProperties: false,
  description: 'Where the items are and which of them this config deploys.',
  examples: [{ directory: 'workspace', parameterFile: 'workspace/parameter.yml', exclude: ['^scratch '] }],
  properties: {
    directory: {
      type: 'string',
      minLength: 1,
      default: '.',
      description:
        'The folder of item folders in the fabric-cicd layout (<Name>.<Type>/.platform and the definition files), relative to this file; nested folders become workspace folders. The items-directory input overrides it.',
      examples: ['workspace'],
    },
    parameterFile: {
      type: 'string',
      description:
        "fabric-cicd's parameter.yml (find_replace, key_value_replace, spark_pool…), relative to this file. The parameter-file input overrides it.",
      examples: ['workspace/parameter.yml'],
    },
    types: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Deploy only items of these types (all types when absent); references to the others are still resolved.',
      examples: [['Notebook', 'DataPipeline']],
    },
    exclude: {
      type: 'array',
      items: { type: 'string' },
      description: 'Regular expressions on the item display name: matching items are left out.',
      examples: [['^scratch ', '_old$']],
    },
    shortcutExclude: {
      type: 'string',
      minLength: 1,
      description:
        "With the shortcuts feature: a regular expression matched at the start of a shortcut's name (fabric-cicd's shortcut_exclude_regex); matching shortcuts are neither deployed nor deleted.",
      examples: ['^temp_'],
    },
    deleteOrphans: {
      type: 'boolean',
      default: false,
      description:
        'Delete items of the workspace that are not in the repository, after everything else succeeded (bounded by maxDeleteRatio). The delete-orphans input overrides it.',
    },
    strictParameters: {
      type: 'boolean',
      default: false,
      description:
        'Stop before any write when a parameter.yml rule would not be applied (no value for the environment, or nothing matched); otherwise such rules are warnings, as in fabric-cicd. The strict-parameters input overrides it.',
    },
    optionalSteps: {
      type: 'array',
      items: { enum: ['activate-value-set', 'publish-environment', 'shortcut'] },
      description:
        "Steps after an item's definition whose refusal only warns instead of failing (and rolling back) the deploy: a VariableLibrary's value-set activation, an Environment's publish, a Lakehouse shortcut the service refuses (fabric-cicd's continue_on_shortcut_failure).",
      examples: [['publish-environment']],
    },
    maxDeleteRatio: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.5,
      description:
        "The largest share (0–1) of the workspace's items deleteOrphans may delete in one run; a run that would delete more is refused before any write. The max-delete-ratio input overrides it.",
      examples: [0.2],
    },
    allowEmpty: {
      type: 'boolean',
      default: false,
      description:
        'Accept a repository that selects no item (otherwise refused, to catch a wrong path). Never with deleteOrphans. The allow-empty input overrides it.',
    },
    folders: {
      type: 'boolean',
      default: true,
      description:
        "Mirror the repository's nested folders as workspace folders; false: new items go to the workspace root and existing ones stay where they are.",
    },
    maxFileBytes: {
      type: 'integer',
      minimum: 1,
      default: 26214400,
      description: 'The largest file accepted in an item folder, in bytes (default 25 MiB).',
      examples: [52428800],
    },
    strategy: {
      enum: ['auto', 'graph', 'bulk'],
      default: 'graph',
      description:
        'How changed items are written: graph (one call per item, in dependency order), bulk (bulkImportDefinitions, Fabric beta; what it does not take goes through the graph) or auto (whichever its estimate says is faster). The strategy input overrides it.',
    },
  },
};

const flag = (description: string, dflt: boolean) => ({ type: 'boolean', default: dflt, description });

const features = {
  type: 'object',
  additionalProperties: false,
  description:
    'Feature flags. Precedence: defaults < this < the environment overlay < FEATURE_USE_* variables < the features input; profile: production forces all five on.',
  examples: [{ telemetry: true, keyVault: true }],
  properties: {
    retry: flag('Retry 408, 429, 5xx and network errors (FEATURE_USE_RETRY_LOGIC).', true),
    circuitBreaker: flag('A circuit breaker per Fabric endpoint group (FEATURE_USE_CIRCUIT_BREAKER).', true),
    rollback: flag('Undo what a failed deploy applied, from its journal (FEATURE_USE_ROLLBACK).', true),
    telemetry: flag(
      'Send telemetry to Application Insights (telemetry.connectionString; FEATURE_USE_TELEMETRY).',
      false,
    ),
    keyVault: flag(
      'Resolve ${secret:NAME} from Azure Key Vault (secrets.keyVault; FEATURE_USE_KEY_VAULT).',
      false,
    ),
    shortcuts: flag(
      "Deploy Lakehouse shortcuts (shortcuts.metadata.json) as fabric-cicd's enable_shortcut_publish does (FEATURE_USE_SHORTCUTS).",
      false,
    ),
  },
};

const resilience = {
  type: 'object',
  additionalProperties: false,
  description: 'How calls to Fabric are retried, paced and bounded; absent keys keep the defaults.',
  examples: [{ maxParallel: 8, rateLimitPerMinute: 150 }],
  properties: {
    retries: {
      type: 'integer',
      minimum: 0,
      maximum: 10,
      default: 3,
      description:
        'Retries of a failed call (408, 5xx, network errors); 429s are waited out apart from these.',
    },
    baseDelayMs: {
      type: 'integer',
      minimum: 0,
      default: 2000,
      description:
        'The first retry waits up to this long (full jitter), doubling each time; never sooner than Retry-After.',
    },
    timeoutMs: {
      type: 'integer',
      minimum: 1000,
      default: 60000,
      description: 'Time-out of one HTTP call, in milliseconds.',
    },
    rateLimitPerMinute: {
      type: 'integer',
      minimum: 1,
      default: 200,
      description:
        "Fabric's call quota per identity and minute; the client uses 90 % of it and slows down after each 429.",
      examples: [150],
    },
    maxParallel: {
      type: 'integer',
      minimum: 1,
      maximum: 64,
      default: 16,
      description: 'How many items deploy at once. The max-parallel input overrides it.',
      examples: [8],
    },
    lroTimeoutMinutes: {
      type: 'number',
      minimum: 1,
      default: 20,
      description:
        'How long to follow one long-running operation (an item create, a definition update) before giving up.',
      examples: [45],
    },
    breakerThreshold: {
      type: 'integer',
      minimum: 1,
      default: 5,
      description:
        'Consecutive failed calls (after their retries) that open the circuit of an endpoint group.',
    },
    breakerResetSeconds: {
      type: 'number',
      minimum: 1,
      default: 60,
      description: 'Seconds before an open circuit lets a trial call through.',
    },
  },
};

const common = {
  workspace,
  items,
  naming: {
    type: 'object',
    additionalProperties: {
      type: 'string',
      description: 'The rule of one item type (the key, e.g. Notebook).',
    },
    description:
      'Naming rules: item type → a regular expression (JavaScript syntax) every display name of that type must match; checked before any write.',
    examples: [{ Notebook: '^nb_[a-z0-9_]+$' }],
  },
  features,
  profile: {
    enum: ['default', 'production'],
    default: 'default',
    description:
      'production forces retry, circuit breaker, rollback, telemetry, Key Vault and a passing health check before any write, and refuses an attempt to turn one off.',
  },
  secrets: {
    type: 'object',
    additionalProperties: false,
    description:
      'Where ${secret:NAME} references in this file are resolved (Key Vault, then environment variables, then .env on the CLI).',
    examples: [{ keyVault: 'https://contoso-deploy.vault.azure.net' }],
    properties: {
      keyVault: {
        type: 'string',
        description: 'The Azure Key Vault URL. The key-vault-url input overrides it.',
        examples: ['https://contoso-deploy.vault.azure.net'],
      },
    },
  },
  telemetry: {
    type: 'object',
    additionalProperties: false,
    description: 'Application Insights telemetry (sent only when the telemetry feature is on).',
    examples: [{ connectionString: '${secret:AppInsightsConnectionString}' }],
    properties: {
      connectionString: {
        type: 'string',
        description:
          'The Application Insights connection string, best as a ${secret:NAME} reference. The telemetry-connection-string input overrides it.',
        examples: ['${secret:AppInsightsConnectionString}'],
      },
    },
  },
  resilience,
};

/** Feature-branch workspaces (`branch-up`, `branch-down`, `branch-gc`). */
const branches = {
  type: 'object',
  additionalProperties: false,
  description:
    'Feature-branch workspaces (command: branch-up, branch-down, branch-gc): how they are named, where they run and who may see them.',
  examples: [{ base: 'sales', name: '{{ base }}-{{ branch }}', capacity: { name: 'F2 Dev' } }],
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 256,
      default: '{{ base }}-{{ branch }}',
      description:
        'The workspace name template: {{ base }} and {{ branch }} (the branch as a slug); shortened with a hash of the branch beyond maxLength.',
      examples: ['{{ base }} [{{ branch }}]'],
    },
    base: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'The {{ base }} of the name (default: workspace.name).',
      examples: ['sales'],
    },
    maxLength: {
      type: 'integer',
      minimum: 16,
      maximum: 256,
      default: 256,
      description: "The longest workspace name (Fabric's limit is 256).",
      examples: [64],
    },
    capacity: {
      ...capacity,
      description: 'The capacity of branch workspaces (default: workspace.capacity).',
    },
    principals: {
      type: 'array',
      items: principal,
      description: 'Who gets a role in every branch workspace (default: workspace.principals).',
    },
    git: {
      type: 'boolean',
      default: false,
      description:
        'Connect each branch workspace to workspace.git on the feature branch instead of its configured branch.',
    },
  },
};

/** Many workspaces: the deploy targets `command: matrix` fans out (workspaces × environments). */
const targets = {
  type: 'array',
  minItems: 1,
  description:
    'Many workspaces: the deploy targets command: matrix turns into a GitHub strategy.matrix or an Azure Pipelines matrix (workspaces × environments).',
  examples: [
    [{ name: 'emea', environments: ['test', 'prod'], workspace: { name: 'sales-emea-{{ environment }}' } }],
  ],
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
        description:
          'The leg name (letters, digits, ., _, -); default: the workspace name (or the environment).',
        examples: ['emea'],
      },
      environment: {
        type: 'string',
        minLength: 1,
        description: 'The environment this target deploys.',
        examples: ['prod'],
      },
      environments: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description: 'One target per environment.',
        examples: [['test', 'prod']],
      },
      workspace: {
        type: 'object',
        additionalProperties: false,
        description:
          "The target's workspace (default: the config's for that environment); {{ environment }} allowed in the name.",
        properties: {
          id: { ...uuid, description: 'The workspace id.' },
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 256,
            description: 'The workspace name.',
            examples: ['sales-emea-{{ environment }}'],
          },
        },
      },
    },
  },
};

export const environmentOverlaySchema = {
  // `dev:` with nothing under it is an empty overlay (loadConfig reads it as {}).
  type: ['object', 'null'],
  additionalProperties: false,
  description:
    'An environment overlay: any top-level key but version, branches, targets and environments, merged over the top level when this environment is deployed.',
  properties: common,
};

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1, description: 'The format version of this file: 1.' },
    ...common,
    branches,
    targets,
    environments: {
      type: 'object',
      additionalProperties: environmentOverlaySchema,
      description:
        'Environment overlays by name (the environment input picks one; the same name picks the parameter.yml values). An environment that is not listed here is refused.',
      examples: [
        { dev: null, prod: { profile: 'production', workspace: { capacity: { name: 'F64 Production' } } } },
      ],
    },
  },
  required: ['version', 'workspace'],
};

const ANNOTATIONS = new Set(['description', 'default', 'examples']);

/** The schema without its annotations: what the generated validator is compiled from. */
export function validationSchema(schema: unknown = configSchema): unknown {
  if (Array.isArray(schema)) return schema.map((s) => validationSchema(s));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    // `properties` maps names to schemas: a property named like an annotation is kept.
    if (k === 'properties')
      out[k] = Object.fromEntries(Object.entries(v as object).map(([n, s]) => [n, validationSchema(s)]));
    else if (!ANNOTATIONS.has(k)) out[k] = validationSchema(v);
  }
  return out;
}
