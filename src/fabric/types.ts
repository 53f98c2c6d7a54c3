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
