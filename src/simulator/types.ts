/**
 * Public option/handle types and the shape of the simulator's state.
 * The state is plain JSON (no classes, no Maps) so it can be dumped by
 * `GET /_sim/state`, persisted with `statePath` and seeded by `POST /_sim/state`.
 */

export type WorkspaceRole = 'Admin' | 'Member' | 'Contributor' | 'Viewer';
export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal' | 'ServicePrincipalProfile';

/** A fault-injection rule (see docs/simulator.md "Faults"). */
export interface FaultRule {
  /** HTTP method to match (case-insensitive); any method when absent. */
  method?: string;
  /**
   * Path pattern matched against the URL path (no query): a glob where `*` is one
   * segment and `**` any number of segments, or a regex written as `/…/` or starting with `^`.
   */
  path: string;
  action: FaultAction;
  /** Apply this many times, then the rule is spent. Unlimited when absent. */
  times?: number;
  /**
   * Let this many matching requests through untouched first (they count in `seen`): "the 12th Fabric
   * call" is `{ path: '/v1/**', skip: 11, times: 1 }`.
   */
  skip?: number;
  /** Set by the simulator: matching requests seen so far (skipped ones included). */
  seen?: number;
  /** Apply with this probability (0..1), drawn from the seeded generator. */
  probability?: number;
  /** Set by the simulator. */
  id?: string;
  /** Set by the simulator: how many times it fired. */
  hits?: number;
}

export type FaultAction =
  | { status: number; errorCode?: string; message?: string; retryAfter?: number }
  /** Destroy the connection before the request is read: nothing is applied. */
  | { reset: true }
  /** Process the request fully (state changes), then destroy the connection without an answer. */
  | { dropResponse: true }
  /**
   * Wait, then go on. Plain form: wait before the request is read (a client giving up meanwhile
   * means nothing is applied). `after: true`: process the request first, then hold back the answer.
   */
  | { delayMs: number; after?: boolean }
  | { lroFail: { errorCode: string; message?: string } }
  /**
   * A bulk import (bulkImportDefinitions) runs, but the item of this display name (and type, when
   * given) ends with this status (default Failed: left as it was) instead of Succeeded.
   */
  | { itemStatus: { displayName: string; type?: string; status?: 'Failed' | 'SucceededDespiteFailures' } }
  | { hang: true };

export interface SimulatorOptions {
  /** 0 = ephemeral (default). */
  port?: number;
  /** Port of the HTTPS companion server; 0 = ephemeral (default). */
  tlsPort?: number;
  /** 'fast' (default) for tests, 'realistic' for the demo and benchmarks. */
  profile?: 'fast' | 'realistic';
  /** List page size (default 100). */
  pageSize?: number;
  faults?: FaultRule[];
  /** Persist state to this JSON file across restarts. */
  statePath?: string;
  /** Seed for every random choice the simulator makes (fault probabilities, latency jitter). */
  seed?: number;
  /** Token bucket per identity; default 200 in realistic, off in fast unless set. */
  rateLimitPerMinute?: number;
  /** Bucket for GET /v1/operations/* per identity; defaults to rateLimitPerMinute. */
  lroRateLimitPerMinute?: number;
  /** Override LRO duration for every type. */
  lroDelayMs?: number;
  /** Retry-After sent on LROs (realistic 20, fast 0). */
  retryAfterSeconds?: number;
  /** Multiplies every realistic duration, latency and the throttle window (benchmarks use 0.01). */
  timeScale?: number;
  /** Item types whose create answers 201 synchronously instead of 202. */
  syncCreateTypes?: string[];
  /** How long a display name stays reserved after a delete (ItemDisplayNameNotAvailableYet). */
  nameReservationMs?: number;
  /** Require a capacity on the workspace before Fabric (non-Power BI) items can be created. */
  requireCapacity?: boolean;
  /** Validate request bodies against the Fabric spec (default true). */
  validateRequests?: boolean;
  /** Record every exchange in memory (`sim.exchanges`) for contract checks. Also enabled by env SIM_CONTRACT_LOG=<file>. */
  recordExchanges?: boolean;
  quiet?: boolean;
}

export interface IssueTokenClaims {
  oid: string;
  appid: string;
  tid: string;
  aud: string;
  expiresInSeconds: number;
  /** User principal name, for user tokens. */
  upn: string;
}

export interface RunningSimulator {
  url: string;
  fabricApiUrl: string;
  tlsUrl: string;
  authorityHost: string;
  keyVaultUrl: string;
  graphUrl: string;
  appInsightsConnectionString: string;
  managedIdentityEndpoint: string;
  caCertPath: string;
  caCertPem: string;
  tenantId: string;
  issueToken(claims?: Partial<IssueTokenClaims>): string;
  state: SimState;
  /** Every request/response handled, when recording is on (options.recordExchanges or SIM_CONTRACT_LOG). */
  exchanges: Exchange[];
  close(): Promise<void>;
  /** Observe every handled request (the CLI prints them to stderr). */
  onRequest(fn: (e: RequestLogEntry) => void): void;
}

/** One recorded HTTP exchange on the Fabric API, for contract validation. */
export interface Exchange {
  method: string;
  path: string;
  query: string;
  requestBody?: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody?: unknown;
  /** Set when an injected fault produced this answer (contract checks skip it: faults may break the contract on purpose). */
  fault?: string;
}

export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  oid?: string;
  /** The caller's `User-Agent` header, when sent. */
  userAgent?: string;
  /** The caller's `x-ms-correlation-id` header, when sent. */
  correlationId?: string;
  errorCode?: string;
  fault?: string;
}

// ---------------------------------------------------------------- state

export interface PrincipalRef {
  id: string;
  type: PrincipalType;
}

export interface RoleAssignmentRec {
  principal: PrincipalRef & { displayName?: string; details?: Record<string, unknown> };
  role: WorkspaceRole;
}

export interface GitProviderDetailsRec {
  gitProviderType: 'GitHub' | 'AzureDevOps' | string;
  repositoryName: string;
  branchName: string;
  directoryName: string;
  ownerName?: string;
  organizationName?: string;
  projectName?: string;
  customDomainName?: string;
}

export interface GitItemSnapshot {
  logicalId: string;
  type: string;
  displayName: string;
  description?: string;
  /** Hash of the definition content; equal hashes mean "same content". */
  hash: string;
  parts?: DefinitionPart[];
}

export interface WorkspaceGitRec {
  provider: GitProviderDetailsRec;
  state: 'Connected' | 'ConnectedAndInitialized';
  connectionType: 'Full' | 'Selective';
  credentials: { source: 'ConfiguredConnection' | 'Automatic' | 'None'; connectionId?: string };
  workspaceHead?: string;
  lastSyncTime?: string;
  /** Remote content at workspaceHead: the common base of workspace and remote. */
  baseline: GitItemSnapshot[];
  /** Set when initializeConnection picked a direction. */
  pendingAction?: 'None' | 'UpdateFromGit' | 'CommitToGit';
}

export interface WorkspaceRec {
  id: string;
  displayName: string;
  description: string;
  type: 'Workspace' | 'Personal' | 'AdminWorkspace';
  capacityId?: string;
  domainId?: string;
  capacityAssignmentProgress: 'Completed' | 'InProgress' | 'Failed';
  /** epoch ms when an in-progress capacity assignment completes */
  capacityAssignmentDoneAt?: number;
  roles: RoleAssignmentRec[];
  git?: WorkspaceGitRec;
  /** Per-identity Git credentials (myGitCredentials), keyed by oid. */
  gitCredentials: Record<
    string,
    { source: 'ConfiguredConnection' | 'Automatic' | 'None'; connectionId?: string }
  >;
  createdTime: string;
}

export interface DefinitionPart {
  path: string;
  payload: string;
  payloadType: string;
}

export interface ItemDefinitionRec {
  format?: string;
  parts: DefinitionPart[];
}

export interface ItemRec {
  id: string;
  workspaceId: string;
  type: string;
  displayName: string;
  description: string;
  folderId?: string;
  logicalId: string;
  definition?: ItemDefinitionRec;
  creationPayload?: Record<string, unknown>;
  /** Type-specific properties (Lakehouse sqlEndpointProperties, Warehouse connectionString, …). */
  properties?: Record<string, unknown>;
  /** epoch ms: provisioning (SQL endpoint, environment publish) completes then */
  readyAt?: number;
  /** For SQLEndpoint items: the lakehouse they belong to. */
  parentItemId?: string;
  sensitivityLabelId?: string;
  /** SemanticModel: the connection each data source (type + path) is bound to (bindConnection). */
  connectionBindings?: { connectionId: string; type: string; path: string }[];
  /** Data items: the OneLake shortcuts in it (POST …/items/{id}/shortcuts). */
  shortcuts?: ShortcutRec[];
  /** Data items: OneLake folders that hold data (`Files/raw`, `Tables/sales`), seeded; a shortcut target must exist. */
  oneLakePaths?: string[];
  createdTime: string;
  lastUpdatedTime: string;
}

/** A OneLake shortcut as the service answers it: `path` without a leading slash, `target` with its `type`. */
export interface ShortcutRec {
  path: string;
  name: string;
  target: Record<string, unknown>;
}

/** A Fabric connection (GET /v1/connections): what a semantic model's data source can be bound to. */
export interface ConnectionRec {
  id: string;
  displayName: string;
  connectivityType: string;
  connectionDetails: { type: string; path: string };
  /** The gateway it runs through; for cloud connections the tenant's virtual gateway (the list always has one). */
  gatewayId?: string;
  privacyLevel?: string;
  credentialDetails?: {
    credentialType: string;
    singleSignOnType?: string;
    connectionEncryption?: string;
    skipTestConnection?: boolean;
  };
  /** Cloud connections (ShareableCloud, PersonalCloud) carry both flags in the recorded list. */
  allowConnectionUsageInGateway?: boolean;
  allowUsageInUserControlledCode?: boolean;
  createdDateTime?: string;
  /** Set by bindConnection (connectionRecency.lastBoundDateTime). */
  lastBoundDateTime?: string;
  /** Object ids that may use it (absent: everyone). */
  users?: string[];
}

export interface FolderRec {
  id: string;
  workspaceId: string;
  displayName: string;
  parentFolderId?: string;
}

export interface CapacityRec {
  id: string;
  displayName: string;
  sku: string;
  region: string;
  state: 'Active' | 'Inactive' | string;
  /** Principal ids (oids) with admin/contributor on the capacity; absent = everyone. */
  admins?: string[];
}

export interface OperationRec {
  id: string;
  status: 'NotStarted' | 'Running' | 'Succeeded' | 'Failed' | 'Undefined';
  createdTimeUtc: string;
  lastUpdatedTimeUtc: string;
  /** epoch ms */
  startAt: number;
  doneAt: number;
  kind: string;
  ownerOid?: string;
  retryAfter: number;
  hasResult: boolean;
  result?: unknown;
  error?: { errorCode: string; message: string };
  /** Fault injection: end Failed with this error instead of applying. */
  failWith?: { errorCode: string; message: string };
}

export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  members: string[];
}

export interface DirectoryServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
}

export interface FederatedCredential {
  issuer: string;
  subject: string;
  audience: string;
  name?: string;
}

export interface AppRegistration {
  clientId: string;
  displayName: string;
  /** Object id of the service principal (what tokens carry as oid). */
  servicePrincipalId: string;
  secrets: string[];
  /** PEM certificates (public) accepted for client assertions. */
  certificates: string[];
  federatedCredentials: FederatedCredential[];
}

export interface ManagedIdentityRec {
  clientId: string;
  principalId: string;
  displayName: string;
}

export interface SecretVersionRec {
  version: string;
  value: string;
  contentType?: string;
  enabled: boolean;
  created: number;
  updated: number;
  tags?: Record<string, string>;
}

export interface NameReservation {
  workspaceId: string;
  type: string;
  name: string;
  until: number;
}

export interface GitRemoteRec {
  head: string;
  items: GitItemSnapshot[];
}

export interface SparkPoolRec {
  id: string;
  workspaceId: string;
  name: string;
  type: 'Workspace' | 'Capacity';
  nodeFamily: string;
  nodeSize: string;
  autoScale: { enabled: boolean; minNodeCount: number; maxNodeCount: number };
  dynamicExecutorAllocation: { enabled: boolean; minExecutors: number; maxExecutors: number };
}

/** A deployment pipeline stage (order from 0); `workspaceId` once a workspace is assigned. */
export interface PipelineStageRec {
  id: string;
  order: number;
  displayName: string;
  description: string;
  isPublic: boolean;
  workspaceId?: string;
}

/** One step of a stage deploy: an item, its diff state before the deploy, and how it went. */
export interface PipelineStepRec {
  index: number;
  itemType: string;
  sourceItemId: string;
  sourceItemDisplayName: string;
  targetItemId?: string;
  targetItemDisplayName?: string;
  preDeploymentDiffState: 'New' | 'Different' | 'NoDifference';
  status: 'NotStarted' | 'Running' | 'Succeeded' | 'Failed';
  error?: { errorCode: string; message: string };
}

export interface PipelineOperationRec {
  id: string;
  /** The LRO (`/v1/operations/{id}`) that carries it out. */
  lroId: string;
  type: 'Deploy';
  sourceStageId: string;
  targetStageId: string;
  note?: string;
  performedBy: { id: string; type: string };
  startAt: number;
  doneAt: number;
  endedAt?: number;
  status: 'NotStarted' | 'Running' | 'Succeeded' | 'Failed';
  steps: PipelineStepRec[];
}

export interface DeploymentPipelineRec {
  id: string;
  displayName: string;
  description: string;
  stages: PipelineStageRec[];
  /** Pipeline roles (only Admin exists). */
  roles: { id: string; principal: RoleAssignmentRec['principal']; role: 'Admin' }[];
  /** Items paired across adjacent stages by a deploy (target item ← source item). */
  links: { sourceItemId: string; targetItemId: string; deployedAt: string }[];
  operations: PipelineOperationRec[];
}

export interface SimState {
  version: 1;
  tenantId: string;
  workspaces: Record<string, WorkspaceRec>;
  items: Record<string, ItemRec>;
  folders: Record<string, FolderRec>;
  sparkPools: Record<string, SparkPoolRec>;
  capacities: Record<string, CapacityRec>;
  operations: Record<string, OperationRec>;
  deploymentPipelines: Record<string, DeploymentPipelineRec>;
  nameReservations: NameReservation[];
  /** Git remotes keyed by provider/owner-or-org/project/repo/branch/directory. */
  gitRemotes: Record<string, GitRemoteRec>;
  /** Fabric connection ids usable as ConfiguredConnection Git credentials. */
  gitConnections: Record<string, { id: string; displayName: string; gitProviderType: string }>;
  /** Data connections (the Connections API), keyed by lower-case id. */
  connections: Record<string, ConnectionRec>;
  directory: {
    users: DirectoryUser[];
    groups: DirectoryGroup[];
    servicePrincipals: DirectoryServicePrincipal[];
  };
  apps: AppRegistration[];
  managedIdentities: ManagedIdentityRec[];
  /** Key Vault secrets: vault name → secret name → versions (oldest first). */
  vaults: Record<string, Record<string, SecretVersionRec[]>>;
  /** Tenant settings that gate service principals. */
  tenantSettings: {
    servicePrincipalsCanUseFabricApis: boolean;
    servicePrincipalsCanCreateWorkspaces: boolean;
    /** A default sensitivity label policy: new items get this label (the recorded real tenant has one). */
    defaultSensitivityLabelId?: string;
    /** Labels with protection: items carrying one cannot be bulk-exported (ItemsHaveProtectedLabels). */
    protectedSensitivityLabelIds?: string[];
  };
  /** App Insights envelopes received (not persisted). */
  telemetry: unknown[];
}
