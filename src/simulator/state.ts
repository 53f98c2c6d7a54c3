/**
 * Default seed data and state helpers. Ids are fixed so tests, the demo and
 * docs can refer to them (docs/simulator.md "Defaults").
 */
import type { SimState, CapacityRec, ConnectionRec, WorkspaceRec, WorkspaceRole } from './types';

export const DEFAULTS = {
  tenantId: '5b4c6f7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
  /** The user every ready-made token (CLI, issueToken()) belongs to. */
  adminUser: {
    id: 'a11ce000-0000-4000-8000-00000000a001',
    userPrincipalName: 'admin@contoso.onmicrosoft.com',
    displayName: 'Sim Admin',
  },
  viewerUser: {
    id: 'b0b00000-0000-4000-8000-00000000b002',
    userPrincipalName: 'bob@contoso.onmicrosoft.com',
    displayName: 'Bob Viewer',
  },
  otherUser: {
    id: 'c4a71e00-0000-4000-8000-00000000c003',
    userPrincipalName: 'carol@contoso.onmicrosoft.com',
    displayName: 'Carol Contributor',
  },
  /** The deploy app registration (client credentials flows). */
  deployApp: {
    clientId: 'd3b10e00-0000-4000-8000-0000000000d1',
    servicePrincipalId: 'd3b10e00-0000-4000-8000-0000000005d1',
    displayName: 'fabric-deploy-sim',
    secret: 'sim-client-secret',
  },
  /** The GitHub Actions OIDC subject the deploy app trusts out of the box. */
  federated: {
    issuer: 'https://token.actions.githubusercontent.com',
    subject: 'repo:contoso/fabric-project:ref:refs/heads/main',
    audience: 'api://AzureADTokenExchange',
  },
  managedIdentity: {
    clientId: 'e1e1e100-0000-4000-8000-0000000000e1',
    principalId: 'e1e1e100-0000-4000-8000-0000000005e1',
    displayName: 'fabric-deploy-mi',
  },
  groups: {
    admins: { id: 'f0000000-0000-4000-8000-0000000000f1', displayName: 'Fabric Admins' },
    engineers: { id: 'f0000000-0000-4000-8000-0000000000f2', displayName: 'Data Engineers' },
  },
  capacities: {
    production: 'c0000000-0000-4000-8000-000000000064',
    dev: 'c0000000-0000-4000-8000-000000000002',
    paused: 'c0000000-0000-4000-8000-000000000004',
  },
  gitConnections: {
    github: '9c000000-0000-4000-8000-00000000a001',
    azureDevOps: '9c000000-0000-4000-8000-00000000a002',
  },
  /** Data connections a semantic model can be bound to (semantic_model_binding). */
  connections: {
    salesSql: '5c000000-0000-4000-8000-00000000c001',
    web: '5c000000-0000-4000-8000-00000000c002',
  },
  vaultName: 'sim-vault',
} as const;

export const ROLE_RANK: Record<WorkspaceRole, number> = { Viewer: 1, Contributor: 2, Member: 3, Admin: 4 };
export const ROLES: WorkspaceRole[] = ['Admin', 'Member', 'Contributor', 'Viewer'];

export function defaultCapacities(): Record<string, CapacityRec> {
  const list: CapacityRec[] = [
    {
      id: DEFAULTS.capacities.production,
      displayName: 'F64 Production',
      sku: 'F64',
      region: 'West Europe',
      state: 'Active',
    },
    { id: DEFAULTS.capacities.dev, displayName: 'F2 Dev', sku: 'F2', region: 'West Europe', state: 'Active' },
    {
      id: DEFAULTS.capacities.paused,
      displayName: 'F4 Paused',
      sku: 'F4',
      region: 'North Europe',
      state: 'Inactive',
    },
  ];
  return Object.fromEntries(list.map((c) => [c.id, c]));
}

export function defaultConnections(): Record<string, ConnectionRec> {
  const list: ConnectionRec[] = [
    {
      id: DEFAULTS.connections.salesSql,
      displayName: 'Sales SQL (sim)',
      connectivityType: 'ShareableCloud',
      connectionDetails: { type: 'SQL', path: 'sales.database.windows.net;sales' },
      privacyLevel: 'Organizational',
    },
    {
      id: DEFAULTS.connections.web,
      displayName: 'Contoso Web (sim)',
      connectivityType: 'ShareableCloud',
      connectionDetails: { type: 'Web', path: 'https://www.contoso.com' },
      privacyLevel: 'Public',
    },
  ];
  return Object.fromEntries(list.map((c) => [c.id, c]));
}

export function createInitialState(): SimState {
  const d = DEFAULTS;
  return {
    version: 1,
    tenantId: d.tenantId,
    workspaces: {},
    items: {},
    folders: {},
    sparkPools: {},
    capacities: defaultCapacities(),
    operations: {},
    deploymentPipelines: {},
    nameReservations: [],
    gitRemotes: {},
    gitConnections: {
      [d.gitConnections.github]: {
        id: d.gitConnections.github,
        displayName: 'GitHub PAT (sim)',
        gitProviderType: 'GitHub',
      },
      [d.gitConnections.azureDevOps]: {
        id: d.gitConnections.azureDevOps,
        displayName: 'Azure DevOps Source Control (sim)',
        gitProviderType: 'AzureDevOps',
      },
    },
    connections: defaultConnections(),
    directory: {
      users: [
        { ...d.adminUser, mail: d.adminUser.userPrincipalName },
        { ...d.viewerUser, mail: d.viewerUser.userPrincipalName },
        { ...d.otherUser, mail: d.otherUser.userPrincipalName },
        {
          id: 'a0e57000-0000-4000-8000-0000000000a4',
          userPrincipalName: 'guest_fabrikam.com#EXT#@contoso.onmicrosoft.com',
          displayName: 'Guest User',
        },
      ],
      groups: [
        { ...d.groups.admins, securityEnabled: true, mailEnabled: false, members: [d.adminUser.id] },
        { ...d.groups.engineers, securityEnabled: true, mailEnabled: false, members: [d.otherUser.id] },
      ],
      servicePrincipals: [
        {
          id: d.deployApp.servicePrincipalId,
          appId: d.deployApp.clientId,
          displayName: d.deployApp.displayName,
        },
        {
          id: d.managedIdentity.principalId,
          appId: d.managedIdentity.clientId,
          displayName: d.managedIdentity.displayName,
        },
      ],
    },
    apps: [
      {
        clientId: d.deployApp.clientId,
        displayName: d.deployApp.displayName,
        servicePrincipalId: d.deployApp.servicePrincipalId,
        secrets: [d.deployApp.secret],
        certificates: [],
        federatedCredentials: [{ ...d.federated, name: 'github-main' }],
      },
    ],
    managedIdentities: [{ ...d.managedIdentity }],
    vaults: { [d.vaultName]: {} },
    tenantSettings: { servicePrincipalsCanUseFabricApis: true, servicePrincipalsCanCreateWorkspaces: true },
    telemetry: [],
  };
}

/** Effective workspace role of a caller: direct assignment or through group membership. */
export function effectiveRole(
  state: SimState,
  ws: WorkspaceRec,
  oid: string | undefined,
): WorkspaceRole | undefined {
  if (!oid) return undefined;
  let best: WorkspaceRole | undefined;
  const groupsOf = new Set(state.directory.groups.filter((g) => g.members.includes(oid)).map((g) => g.id));
  for (const ra of ws.roles) {
    const applies =
      ra.principal.id === oid || (ra.principal.type === 'Group' && groupsOf.has(ra.principal.id));
    if (applies && (!best || ROLE_RANK[ra.role] > ROLE_RANK[best])) best = ra.role;
  }
  return best;
}

/** Merge a partial seed (POST /_sim/state) into the state: arrays are appended/replaced by id, maps merged. */
export function mergeSeed(state: SimState, seed: Record<string, any>): void {
  const mergeById = <T extends Record<string, any>>(list: T[], add: T[] | undefined, key: keyof T = 'id') => {
    for (const x of add ?? []) {
      const i = list.findIndex((y) => y[key] === x[key]);
      if (i >= 0) list[i] = { ...list[i], ...x };
      else list.push(x);
    }
  };
  for (const k of [
    'workspaces',
    'items',
    'folders',
    'sparkPools',
    'capacities',
    'gitRemotes',
    'gitConnections',
    'deploymentPipelines',
    'connections',
  ] as const) {
    const v = seed[k];
    if (!v) continue;
    const target = state[k] as Record<string, any>;
    const entries: [string, any][] = Array.isArray(v) ? v.map((x: any) => [x.id, x]) : Object.entries(v);
    for (const [id, rec] of entries)
      target[id] = { ...(target[id] ?? {}), ...rec, ...(rec.id || Array.isArray(v) ? {} : { id }) };
  }
  if (seed.directory) {
    mergeById(state.directory.users, seed.directory.users);
    mergeById(state.directory.groups, seed.directory.groups);
    mergeById(state.directory.servicePrincipals, seed.directory.servicePrincipals);
  }
  // Backward-friendly aliases: top-level users/groups/servicePrincipals.
  mergeById(state.directory.users, seed.users);
  mergeById(state.directory.groups, seed.groups);
  mergeById(state.directory.servicePrincipals, seed.servicePrincipals);
  if (seed.apps) {
    for (const a of seed.apps) {
      const app = { secrets: [], certificates: [], federatedCredentials: [], displayName: a.clientId, ...a };
      if (!app.servicePrincipalId) app.servicePrincipalId = a.clientId;
      mergeById(state.apps, [app], 'clientId');
      if (!state.directory.servicePrincipals.some((s) => s.appId === app.clientId)) {
        state.directory.servicePrincipals.push({
          id: app.servicePrincipalId,
          appId: app.clientId,
          displayName: app.displayName,
        });
      }
    }
  }
  if (seed.managedIdentities) mergeById(state.managedIdentities, seed.managedIdentities, 'clientId');
  if (seed.vaults) {
    for (const [vault, secrets] of Object.entries<any>(seed.vaults)) {
      state.vaults[vault] ??= {};
      Object.assign(state.vaults[vault], secrets);
    }
  }
  if (seed.tenantSettings) Object.assign(state.tenantSettings, seed.tenantSettings);
  // Workspaces seeded without the bookkeeping fields get sensible defaults.
  for (const ws of Object.values(state.workspaces)) {
    ws.description ??= '';
    ws.type ??= 'Workspace';
    ws.roles ??= [];
    ws.gitCredentials ??= {};
    ws.capacityAssignmentProgress ??= 'Completed';
    ws.createdTime ??= new Date().toISOString();
  }
}
