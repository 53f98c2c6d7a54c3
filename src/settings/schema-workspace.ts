/**
 * The `workspace:` part of the fabric-deploy.yml schema (schema.ts): the workspace, its capacity, its
 * principals and its Git connection. `description`, `default` and `examples` are annotations only: they
 * feed the editor (the published schema) and docs/reference/configuration.md, never the validation.
 */
import { GUID_PATTERN } from '../guid';

export const uuid = {
  type: 'string',
  pattern: GUID_PATTERN,
};

const guid = (description: string) => ({
  ...uuid,
  description,
  examples: ['6e335e92-a2a2-4b5a-970a-bd6a89fbb765'],
});

const role = {
  enum: ['Admin', 'Member', 'Contributor', 'Viewer'],
  description: 'The workspace role the principal gets.',
};

export const principal = {
  type: 'object',
  additionalProperties: false,
  description:
    'A role in the workspace for a user, group or service principal: one of id (with type), upn, group or appId, and role. Roles are added or updated, never removed.',
  properties: {
    id: guid('The Entra object id of the principal (give its type too).'),
    upn: {
      type: 'string',
      minLength: 3,
      description: "A user's sign-in name, resolved to its object id through Microsoft Graph.",
      examples: ['ana@contoso.com'],
    },
    group: {
      type: 'string',
      minLength: 1,
      description: "A group's display name, resolved to its object id through Microsoft Graph.",
      examples: ['Data Engineers'],
    },
    appId: guid(
      "A service principal's application (client) id, resolved to its enterprise application's object id through Microsoft Graph.",
    ),
    type: {
      enum: ['User', 'Group', 'ServicePrincipal', 'ServicePrincipalProfile'],
      description: 'The kind of principal an id is (upn, group and appId imply it).',
    },
    role,
    description: {
      type: 'string',
      description: 'A label for messages and the plan (e.g. who the id is).',
      examples: ['deployment pipeline'],
    },
    parentPrincipalId: guid(
      'For a ServicePrincipalProfile: the object id of the service principal that owns the profile.',
    ),
  },
  required: ['role'],
};

export const capacity = {
  type: 'object',
  additionalProperties: false,
  description:
    'The Fabric capacity the workspace is assigned to (by id or name); it must be active and the identity Contributor or Admin on it. Assigned when the workspace is on another capacity or none.',
  properties: {
    id: guid('The capacity id.'),
    name: {
      type: 'string',
      minLength: 1,
      description: 'The capacity display name (must be unique among the capacities the identity sees).',
      examples: ['F64 Production'],
    },
  },
};

const git = {
  type: 'object',
  additionalProperties: false,
  description:
    'Connects the workspace to a Git repository (Fabric Git integration). A workspace connected elsewhere is refused before any write.',
  properties: {
    provider: { enum: ['GitHub', 'AzureDevOps'], description: 'The Git provider.' },
    owner: {
      type: 'string',
      description: 'GitHub: the organisation or user that owns the repository (required for GitHub).',
      examples: ['contoso'],
    },
    organization: {
      type: 'string',
      description: 'Azure DevOps: the organisation (required for AzureDevOps).',
      examples: ['contoso'],
    },
    project: {
      type: 'string',
      description: 'Azure DevOps: the project (required for AzureDevOps).',
      examples: ['Analytics'],
    },
    repository: { type: 'string', description: 'The repository name.', examples: ['sales-fabric'] },
    branch: { type: 'string', description: 'The branch the workspace follows.', examples: ['main'] },
    directory: {
      type: 'string',
      default: '/',
      description: 'The folder of the repository that holds the workspace items.',
      examples: ['/workspace'],
    },
    connectionId: guid(
      'GitHub: the id of a Fabric source-control connection (Manage connections) holding the GitHub credentials (required for GitHub).',
    ),
    initialize: {
      enum: ['None', 'PreferRemote', 'PreferWorkspace'],
      default: 'None',
      description:
        'After connecting, initialize the connection: PreferRemote takes the repository content, PreferWorkspace the workspace content; None leaves it to the portal.',
    },
    updateFromGit: {
      type: 'boolean',
      default: false,
      description:
        "Update the workspace from the branch's head after connecting (nothing is written when the workspace is already at that commit).",
    },
  },
  required: ['provider', 'repository', 'branch'],
};

export const workspace = {
  type: 'object',
  additionalProperties: false,
  description:
    'The target workspace: by id (it must exist) or by name (found case-insensitively, created when missing). The workspace-id / workspace-name inputs override it.',
  examples: [
    {
      name: 'sales-{{ environment }}',
      capacity: { name: 'F64 Production' },
      principals: [{ upn: 'ana@contoso.com', role: 'Member' }],
    },
  ],
  properties: {
    id: guid('The workspace id (the GUID after /groups/ in its portal URL); takes precedence over name.'),
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 256,
      description:
        'The workspace display name; created when no workspace has it. `{{ environment }}` is replaced by the environment.',
      examples: ['sales-{{ environment }}'],
    },
    description: {
      type: 'string',
      maxLength: 4000,
      description: "The workspace description; updated when the workspace's differs.",
      examples: ['Sales analytics, deployed from Git'],
    },
    capacity,
    principals: {
      type: 'array',
      items: principal,
      description:
        'Role assignments to add or update (never removed); demoting the deploying identity from Admin is refused.',
    },
    principalsFile: {
      type: 'string',
      description:
        'A CSV file of principals (principal_id,role,description,type), relative to this file; added to principals.',
      examples: ['principals.csv'],
    },
    git,
  },
};
