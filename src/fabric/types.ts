/** Shapes of the Fabric REST API (v1) that the deploy tool reads and writes. Enums are open strings. */
export interface Workspace {
  id: string;
  displayName: string;
  description: string;
  type?: string;
  capacityId?: string;
  capacityAssignmentProgress?: 'Completed' | 'Failed' | 'InProgress' | string;
  domainId?: string;
}

export interface Capacity {
  id: string;
  displayName: string;
  sku: string;
  region: string;
  state: 'Active' | 'Inactive' | string;
}

export interface DefinitionPart {
  path: string;
  payload: string;
  payloadType: 'InlineBase64';
}

export interface ItemDefinition {
  format?: string;
  parts: DefinitionPart[];
}

/** The result of `bulkExportDefinitions`: each item's root, and every part under its root's path. */
export interface BulkExportResult {
  itemDefinitionsIndex: { id: string; rootPath: string }[];
  definitionParts: DefinitionPart[];
}

/** The body of `bulkImportDefinitions`: every item's parts under its workspace-folder-rooted path. */
export interface BulkImportRequest {
  definitionParts: DefinitionPart[];
  options?: { allowPairingByName?: boolean };
}

/** One item of a bulk import's result (ImportItemDefinitionsDetails). */
export interface BulkImportDetail {
  itemId?: string;
  itemDisplayName?: string;
  itemType?: string;
  itemLogicalId?: string;
  operationType?: 'Create' | 'Update' | string;
  operationStatus?: 'Succeeded' | 'Failed' | 'SucceededDespiteFailures' | string;
}

export interface BulkImportResult {
  importItemDefinitionsDetails: BulkImportDetail[];
}

export interface Item {
  id: string;
  displayName: string;
  description?: string;
  type: string;
  workspaceId: string;
  folderId?: string;
  properties?: Record<string, unknown>;
}

export interface CreateItemRequest {
  displayName: string;
  type: string;
  description?: string;
  folderId?: string;
  definition?: ItemDefinition;
  creationPayload?: Record<string, unknown>;
}

export interface Folder {
  id: string;
  displayName: string;
  workspaceId: string;
  parentFolderId?: string;
}

export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal' | 'ServicePrincipalProfile' | string;
export type WorkspaceRole = 'Admin' | 'Member' | 'Contributor' | 'Viewer';

export interface Principal {
  id: string;
  type: PrincipalType;
  displayName?: string;
  userDetails?: { userPrincipalName: string };
  groupDetails?: { groupType: string };
  servicePrincipalDetails?: { aadAppId: string };
  servicePrincipalProfileDetails?: { parentPrincipal: Principal };
}

export interface RoleAssignment {
  id: string;
  principal: Principal;
  role: WorkspaceRole;
}

export interface OperationState {
  status: 'NotStarted' | 'Running' | 'Succeeded' | 'Failed' | 'Undefined' | string;
  createdTimeUtc: string;
  lastUpdatedTimeUtc: string;
  percentComplete?: number | null;
  error?: FabricErrorBody | null;
}

export interface FabricErrorDetail {
  errorCode: string;
  message: string;
  relatedResource?: { resourceId: string; resourceType: string };
}

export interface FabricErrorBody {
  errorCode: string;
  message: string;
  requestId?: string;
  moreDetails?: FabricErrorDetail[];
  relatedResource?: { resourceId: string; resourceType: string };
  isRetriable?: boolean;
}

export interface GitProviderDetails {
  gitProviderType: 'GitHub' | 'AzureDevOps' | string;
  repositoryName: string;
  branchName: string;
  directoryName: string;
  ownerName?: string;
  organizationName?: string;
  projectName?: string;
}

export interface GitConnection {
  gitConnectionState: 'NotConnected' | 'Connected' | 'ConnectedAndInitialized' | string;
  gitProviderDetails?: GitProviderDetails | null;
  gitSyncDetails?: { head: string; lastSyncTime: string } | null;
}

export interface Paged<T> {
  value: T[];
  continuationToken?: string;
  continuationUri?: string;
}

// ---- additions for the full client

/** `GET /workspaces/{id}` answer: a workspace plus capacity assignment progress and identity. */
export interface WorkspaceInfo extends Workspace {
  capacityRegion?: string;
  workspaceIdentity?: { applicationId: string; servicePrincipalId: string };
  oneLakeEndpoints?: { blobEndpoint: string; dfsEndpoint: string };
}

export interface CreateWorkspaceRequest {
  displayName: string;
  description?: string;
  capacityId?: string;
  domainId?: string;
}

export interface UpdateWorkspaceRequest {
  displayName?: string;
  description?: string;
}

export interface AddRoleAssignmentRequest {
  principal: {
    id: string;
    type: PrincipalType;
    servicePrincipalProfileDetails?: { parentPrincipal: { id: string; type: PrincipalType } };
  };
  role: WorkspaceRole;
}

export interface UpdateItemRequest {
  displayName?: string;
  description?: string;
}

export interface CreateFolderRequest {
  displayName: string;
  parentFolderId?: string;
}

export interface GitCredentials {
  source: 'ConfiguredConnection' | 'Automatic' | 'None' | string;
  connectionId?: string;
}

export interface GitConnectRequest {
  gitProviderDetails: GitProviderDetails & { customDomainName?: string };
  myGitCredentials?: GitCredentials;
}

export interface InitializeGitConnectionRequest {
  initializationStrategy?: 'None' | 'PreferRemote' | 'PreferWorkspace';
}

export interface InitializeGitConnectionResponse {
  requiredAction: 'None' | 'UpdateFromGit' | 'CommitToGit' | string;
  workspaceHead?: string | null;
  remoteCommitHash?: string;
}

export interface ItemChange {
  itemMetadata: {
    itemIdentifier: { objectId?: string; logicalId?: string };
    itemType: string;
    displayName: string;
  };
  workspaceChange?: 'Added' | 'Deleted' | 'Modified' | string | null;
  remoteChange?: 'Added' | 'Deleted' | 'Modified' | string | null;
  conflictType: 'None' | 'Conflict' | 'SameChanges' | string;
}

export interface GitStatusResponse {
  workspaceHead: string;
  remoteCommitHash: string;
  changes: ItemChange[];
}

export interface UpdateFromGitRequest {
  remoteCommitHash: string;
  workspaceHead?: string | null;
  conflictResolution?: {
    conflictResolutionType: 'Workspace';
    conflictResolutionPolicy: 'PreferRemote' | 'PreferWorkspace';
  };
  options?: { allowOverrideItems?: boolean };
}

export interface CommitToGitRequest {
  mode: 'All' | 'Selective';
  workspaceHead?: string;
  comment?: string;
  items?: Array<{ objectId?: string; logicalId?: string }>;
}

export interface SqlEndpointProperties {
  id?: string;
  connectionString?: string;
  provisioningStatus?: 'Success' | 'InProgress' | 'Failed' | string;
}

export interface Lakehouse extends Item {
  properties?: {
    oneLakeTablesPath?: string;
    oneLakeFilesPath?: string;
    sqlEndpointProperties?: SqlEndpointProperties;
    defaultSchema?: string;
  };
}

export interface Warehouse extends Item {
  properties?: {
    connectionString?: string;
    createdDate?: string;
    lastUpdatedTime?: string;
    collationType?: string;
  };
}

export interface Environment extends Item {
  properties?: {
    publishDetails?: {
      state: 'Running' | 'Success' | 'Failed' | 'Cancelled' | 'Cancelling' | 'Waiting' | string;
      targetVersion?: string;
      startTime?: string;
      endTime?: string;
    };
  };
}

export interface VariableLibrary extends Item {
  properties?: { activeValueSetName?: string };
}

/** A data connection (`GET /v1/connections`, `/workspaces/{ws}/items/{id}/connections`). */
export interface Connection {
  id?: string;
  displayName?: string;
  gatewayId?: string;
  connectivityType: string;
  connectionDetails: { type: string; path: string };
}

/**
 * A OneLake shortcut (`/workspaces/{ws}/items/{id}/shortcuts`): created at `path` (under `Files` or `Tables`)
 * as `name`, pointing at `target` (`{type: 'OneLake', oneLake: {workspaceId, itemId, path}}`, or another store).
 */
export interface Shortcut {
  path: string;
  name: string;
  target: Record<string, unknown>;
}

/** What to do when a shortcut of that path and name exists (the service's default: Abort). */
export type ShortcutConflictPolicy = 'Abort' | 'GenerateUniqueName' | 'CreateOrOverwrite' | 'OverwriteOnly';

/** `POST /workspaces/{ws}/semanticModels/{id}/bindConnection`: connectivityType None unbinds the data source. */
export interface BindConnectionRequest {
  connectionBinding: {
    id?: string;
    connectivityType: string;
    connectionDetails: { type: string; path: string };
  };
}

export interface UpdateVariableLibraryRequest {
  properties: { activeValueSetName: string };
}

export interface SparkPool {
  id: string;
  name: string;
  type: 'Workspace' | 'Capacity' | string;
}
