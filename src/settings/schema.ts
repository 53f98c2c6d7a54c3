/**
 * JSON Schema of fabric-deploy.yml. Every object is closed (`additionalProperties: false`) so a typo
 * is an error with its line, not a silently ignored key.
 */
import { GUID_PATTERN } from '../guid';

const uuid = {
  type: 'string',
  pattern: GUID_PATTERN,
};
const role = { enum: ['Admin', 'Member', 'Contributor', 'Viewer'] };

const principal = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: uuid,
    upn: { type: 'string', minLength: 3 },
    group: { type: 'string', minLength: 1 },
    appId: uuid,
    type: { enum: ['User', 'Group', 'ServicePrincipal', 'ServicePrincipalProfile'] },
    role,
    description: { type: 'string' },
    parentPrincipalId: uuid,
  },
  required: ['role'],
};

const git = {
  type: 'object',
  additionalProperties: false,
  properties: {
    provider: { enum: ['GitHub', 'AzureDevOps'] },
    owner: { type: 'string' },
    organization: { type: 'string' },
    project: { type: 'string' },
    repository: { type: 'string' },
    branch: { type: 'string' },
    directory: { type: 'string' },
    connectionId: uuid,
    initialize: { enum: ['None', 'PreferRemote', 'PreferWorkspace'] },
    updateFromGit: { type: 'boolean' },
  },
  required: ['provider', 'repository', 'branch'],
};

const workspace = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: uuid,
    name: { type: 'string', minLength: 1, maxLength: 256 },
    description: { type: 'string', maxLength: 4000 },
    capacity: {
      type: 'object',
      additionalProperties: false,
      properties: { id: uuid, name: { type: 'string', minLength: 1 } },
    },
    principals: { type: 'array', items: principal },
    principalsFile: { type: 'string' },
    git,
  },
};

const items = {
  type: 'object',
  additionalProperties: false,
  properties: {
    directory: { type: 'string', minLength: 1 },
    parameterFile: { type: 'string' },
    types: { type: 'array', items: { type: 'string' } },
    exclude: { type: 'array', items: { type: 'string' } },
    deleteOrphans: { type: 'boolean' },
    strictParameters: { type: 'boolean' },
    optionalSteps: {
      type: 'array',
      items: { enum: ['activate-value-set', 'publish-environment'] },
    },
    maxDeleteRatio: { type: 'number', minimum: 0, maximum: 1 },
    allowEmpty: { type: 'boolean' },
    folders: { type: 'boolean' },
    maxFileBytes: { type: 'integer', minimum: 1 },
  },
};

const features = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retry: { type: 'boolean' },
    circuitBreaker: { type: 'boolean' },
    rollback: { type: 'boolean' },
    telemetry: { type: 'boolean' },
    keyVault: { type: 'boolean' },
  },
};

const resilience = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retries: { type: 'integer', minimum: 0, maximum: 10 },
    baseDelayMs: { type: 'integer', minimum: 0 },
    timeoutMs: { type: 'integer', minimum: 1000 },
    rateLimitPerMinute: { type: 'integer', minimum: 1 },
    maxParallel: { type: 'integer', minimum: 1, maximum: 64 },
    lroTimeoutMinutes: { type: 'number', minimum: 1 },
    breakerThreshold: { type: 'integer', minimum: 1 },
    breakerResetSeconds: { type: 'number', minimum: 1 },
  },
};

const common = {
  workspace,
  items,
  naming: { type: 'object', additionalProperties: { type: 'string' } },
  features,
  profile: { enum: ['default', 'production'] },
  secrets: {
    type: 'object',
    additionalProperties: false,
    properties: { keyVault: { type: 'string' } },
  },
  telemetry: {
    type: 'object',
    additionalProperties: false,
    properties: { connectionString: { type: 'string' } },
  },
  resilience,
};

/** Feature-branch workspaces (`branch-up`, `branch-down`, `branch-gc`). */
const branches = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 256 },
    base: { type: 'string', minLength: 1, maxLength: 200 },
    maxLength: { type: 'integer', minimum: 16, maximum: 256 },
    capacity: workspace.properties.capacity,
    principals: { type: 'array', items: principal },
    git: { type: 'boolean' },
  },
};

/** Many workspaces: the deploy targets `command: matrix` fans out (workspaces × environments). */
const targets = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
      environment: { type: 'string', minLength: 1 },
      environments: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      workspace: {
        type: 'object',
        additionalProperties: false,
        properties: { id: uuid, name: { type: 'string', minLength: 1, maxLength: 256 } },
      },
    },
  },
};

export const environmentOverlaySchema = {
  type: 'object',
  additionalProperties: false,
  properties: common,
};

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    ...common,
    branches,
    targets,
    environments: { type: 'object', additionalProperties: environmentOverlaySchema },
  },
  required: ['version', 'workspace'],
};
