/**
 * The Fabric errorCodes Fabric Deploy explains: what each means and what to do. `hintFor` (errors.ts)
 * puts the hint into every FabricApiError message, and `npm run docs` writes the same table into
 * docs/reference/errors.md, so the message and the docs cannot disagree.
 */
export interface FabricErrorHint {
  /** The HTTP status Fabric usually answers with it. */
  status: number;
  /** What Fabric means by it, for the docs. */
  meaning: string;
  /** The fix, as the error message says it; given the role the call needed, when it is a permission error. */
  hint?: string | ((requiredRole?: string) => string);
  /** What Fabric Deploy does about it on its own before it reports it (retries, waits, fallbacks). */
  handled?: string;
}

const permission = (requiredRole?: string): string =>
  `${requiredRole ? `This call needs ${requiredRole}` : 'This call needs a higher workspace role'}: grant the deploying identity that role in the workspace (Manage access), then re-run`;

function role(meaning: string): FabricErrorHint {
  return { status: 403, meaning, hint: permission };
}

/** Said for any 5xx answer without an entry of its own. */
export const SERVER_ERROR_HINT =
  'the Fabric service failed or is unavailable; it was retried; check https://support.fabric.microsoft.com/support and re-run';

export const FABRIC_ERROR_HINTS: Readonly<Record<string, FabricErrorHint>> = {
  InsufficientPrivileges: role(
    'the identity lacks the workspace role (or tenant permission) this call needs',
  ),
  InsufficientWorkspaceRole: role("the identity's role in the workspace is too low for this call"),
  PrincipalNotWorkspaceAdmin: role(
    'the call (e.g. a Git connection, a role assignment) needs workspace Admin',
  ),
  Forbidden: role('the service refused the call for this identity (no specific code given)'),
  InsufficientScopes: {
    status: 403,
    meaning: 'the (delegated) token was issued without a Fabric scope the call needs',
    hint: 'the delegated token lacks a Fabric scope (e.g. Workspace.ReadWrite.All, Item.ReadWrite.All); request https://api.fabric.microsoft.com/.default',
  },
  CapacityNotInActiveState: {
    status: 400,
    meaning: 'the capacity is paused, suspended or still starting',
    hint: 'the capacity is paused or inactive: resume it (Azure portal → Microsoft Fabric capacity → Resume) or pick an active capacity, then re-run',
  },
  CapacityNotFound: {
    status: 404,
    meaning: 'no capacity with this id is visible to the identity',
    hint: 'check the capacity id and give the deploying identity Contributor or Admin on the capacity (Admin portal → Capacity settings → Contributor permissions)',
  },
  InsufficientPermissionsOverCapacity: {
    status: 403,
    meaning: 'the identity may not assign workspaces to this capacity',
    hint: 'check the capacity id and give the deploying identity Contributor or Admin on the capacity (Admin portal → Capacity settings → Contributor permissions)',
  },
  WorkspaceNotFound: {
    status: 404,
    meaning:
      'no workspace with this id, or one the identity is not a member of (Fabric answers both the same)',
    hint: 'the identity is not a member of the workspace, or the id is wrong: check workspace-id (the GUID after /groups/ in the portal URL) and add the deploying identity to the workspace (Manage access, Contributor or higher)',
  },
  WorkspaceHasNoCapacityAssigned: {
    status: 400,
    meaning: 'Fabric items (lakehouses, notebooks, pipelines…) need a workspace on a Fabric capacity',
    hint: 'Fabric items need the workspace on a Fabric capacity: set workspace.capacity in the config',
  },
  TokenExpired: {
    status: 401,
    meaning: 'the access token expired',
    hint: 'the access token expired and a fresh one was refused: check the credential (secret or certificate expiry, federated credential subject) and the runner clock',
    handled: 'a fresh token is requested and the call sent once more',
  },
  Unauthorized: {
    status: 401,
    meaning: 'the token was refused (wrong audience, or the identity may not use Fabric APIs)',
    hint: "check that the token's audience is https://api.fabric.microsoft.com and that the tenant setting 'Service principals can use Fabric APIs' includes this identity",
  },
  InvalidToken: {
    status: 401,
    meaning: 'the token is malformed, for another resource, or from another cloud',
    hint: "check that the token's audience is https://api.fabric.microsoft.com and that the tenant setting 'Service principals can use Fabric APIs' includes this identity",
  },
  TokenIsMissing: {
    status: 401,
    meaning: 'the call carried no bearer token',
    hint: "check that the token's audience is https://api.fabric.microsoft.com and that the tenant setting 'Service principals can use Fabric APIs' includes this identity",
  },
  ItemDisplayNameAlreadyInUse: {
    status: 409,
    meaning: 'another item of the workspace holds the name (created by hand, or soft-deleted)',
    hint: 'an item of this name already exists in the workspace (perhaps created by hand or soft-deleted): rename the item, remove the other one, or let the deploy adopt it',
    handled:
      'after a recent delete the name is waited for while no item of that name can be listed; an item an earlier, lost attempt of the same create made is taken as the result (no second item)',
  },
  ItemDisplayNameNotAvailableYet: {
    status: 400,
    meaning: 'the name was freed by a recent delete and Fabric still reserves it',
    hint: 'the name was freed by a recent delete and stays reserved for a few minutes: re-run shortly',
    handled: 'retried, and a create waits up to 5 minutes for the name',
  },
  WorkspaceNameAlreadyExists: {
    status: 409,
    meaning:
      'workspace names are unique in the tenant, and another workspace (maybe one you cannot see) has it',
    hint: 'workspace names are unique across the tenant and another workspace (maybe one you cannot see) uses it: choose another name or give workspace.id',
  },
  PrincipalAlreadyHasWorkspaceRolePermissions: {
    status: 409,
    meaning: 'the principal already has a role in the workspace',
    hint: 'the principal already has a role in this workspace (the creator is Admin automatically): update the assignment instead',
  },
  PrincipalNotFound: {
    status: 400,
    meaning: 'no Entra principal has this id',
    hint: "use the principal's Entra object id (for a service principal the enterprise application's object id, not the appId)",
  },
  InvalidPrincipalType: {
    status: 400,
    meaning: 'the id is of another kind of principal than the type given',
    hint: "use the principal's Entra object id (for a service principal the enterprise application's object id, not the appId)",
  },
  PrincipalTypeNotSupported: {
    status: 400,
    meaning: 'this operation or item type cannot be called by a service principal',
    hint: 'this operation or item type does not support service principals: deploy it with a user identity or exclude it',
  },
  FeatureNotAvailable: {
    status: 403,
    meaning: 'a tenant setting or the capacity SKU does not allow this',
    hint: 'a Fabric tenant setting blocks this (e.g. service principal access, workspace creation): ask a Fabric admin to enable it',
  },
  TenantSwitchDisabled: {
    status: 403,
    meaning: 'a Fabric tenant setting (admin portal) is off for this identity',
    hint: 'a Fabric tenant setting blocks this (e.g. service principal access, workspace creation): ask a Fabric admin to enable it',
  },
  WorkspaceItemsLimitExceeded: {
    status: 400,
    meaning: 'the workspace reached its item limit (soft-deleted items count)',
    hint: 'the workspace holds too many items (soft-deleted items count too): delete unused items',
  },
  FolderNotEmpty: {
    status: 400,
    meaning: 'a folder with items in it cannot be deleted',
    hint: 'only empty folders can be deleted: move or delete its items first',
  },
  WorkspaceHeadMismatch: {
    status: 409,
    meaning: 'the workspace moved on since its Git status was read',
    hint: 'the workspace changed since the Git status was read: read the status again and retry',
  },
  WorkspacePreviousOperationInProgress: {
    status: 409,
    meaning: 'another Git operation (commit, update, initialize) is still running on the workspace',
    hint: 'another Git operation is running on this workspace: wait for it to finish and re-run',
  },
  OperationDeadlineExceeded: {
    status: 0,
    meaning:
      "a long-running operation did not finish within Fabric Deploy's deadline (resilience.lroTimeoutMinutes, 20 by default; an environment's publish: 60 minutes); Fabric may still finish it",
    hint: 'the operation may still finish in Fabric; raise resilience.lroTimeoutMinutes in fabric-deploy.yml (20 minutes by default) for slow operations, or re-run: the deploy is idempotent',
  },
  TooManyRequests: {
    status: 429,
    meaning: 'Fabric throttled this identity (about 200 calls a minute)',
    hint: 'Fabric throttled this identity (200 calls/min): lower max-parallel or resilience.rateLimitPerMinute, or re-run later',
    handled:
      'waited out, never sooner than Retry-After, within a budget of 15 minutes per call (these waits do not use up the retries); the client rate limit slows down after each one',
  },
  RequestBlocked: {
    status: 429,
    meaning: 'Fabric blocked the caller for a while after sustained throttling',
    hint: 'Fabric throttled this identity (200 calls/min): lower max-parallel or resilience.rateLimitPerMinute, or re-run later',
  },
  ItemsHaveProtectedLabels: {
    status: 400,
    meaning: 'the bulk export refused items with a protected sensitivity label',
    handled: 'those items are read one by one (getDefinition) and the export goes on without them',
  },
};
