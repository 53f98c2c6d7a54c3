/**
 * `fabric-deploy init`: a new project's files — fabric-deploy.yml, a principals file, a parameter.yml
 * stub, a GitHub workflow and an Azure Pipelines YAML — never overwriting one without `--force`; and
 * `init --from-workspace`: an existing workspace's folders and item definitions exported into the
 * fabric-cicd layout, so that deploying the result back into that workspace writes nothing.
 *
 * The export reads everything first and writes only once every read succeeded: a workspace the
 * identity cannot read leaves no half-written folder behind.
 */
import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext } from '../context';
import { UserError } from '../errors';
import { FabricApiError } from '../fabric/errors';
import type { DefinitionPart, Folder, Item, RoleAssignment } from '../fabric/types';
import { isLockFolder } from '../deploy/lock';
import { folderPaths } from '../deploy/plan/folders';
import { mapLimit } from '../deploy/pool';
import { exportWorkspaceIds } from '../items/transform';
import { ITEM_TYPES, SERVICE_MADE_TYPES } from '../items/types';
import type { BaseSettings } from '../settings/settings';
import { CONFIG_SCHEMA_COMMENT } from '../version';
import { resolveWorkspace } from './workspaces';

export interface InitOptions {
  /** Where the project goes (default: the current directory). */
  directory: string;
  /** The workspace name's base: the config names `<base>-{{ environment }}`. */
  name: string;
  capacity?: string;
  environments: string[];
  /** Items folder, relative to `directory` (default `workspace`). */
  itemsDirectory: string;
  force?: boolean;
}

export interface InitResult {
  files: string[];
  items?: number;
  folders?: number;
  workspace?: { id: string; name: string };
}

const PLATFORM_SCHEMA =
  'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json';

/** Environment names as the config takes them. */
export function parseEnvironments(raw: string | undefined): string[] {
  const envs = (raw ?? 'dev,test,prod')
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = envs.find((e) => !/^[A-Za-z][A-Za-z0-9_-]*$/.test(e));
  if (bad || !envs.length)
    throw new UserError(`'${bad ?? raw}' is not an environment name`, {
      field: 'environments',
      fix: 'give names of letters, digits, - and _, comma-separated (e.g. dev,test,prod)',
    });
  return envs;
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function configText(o: InitOptions, exported?: { name: string; id: string; items?: number }): string {
  const envs = o.environments;
  // A project without items would be refused ("selects no item"); say so where the user will look.
  const empty = !exported || exported.items === 0;
  const lines = [
    CONFIG_SCHEMA_COMMENT,
    '# Fabric Deploy configuration (docs: https://github.com/fabric-deploy/fabric-deploy#configuration-fabric-deployyml)',
    '# Relative paths are resolved from this file. `{{ environment }}` is the environment input.',
    'version: 1',
    '',
    'workspace:',
    exported
      ? `  name: ${yamlString(exported.name)} # exported from workspace ${exported.id}; use "${o.name}-{{ environment }}" for one per environment`
      : `  name: ${yamlString(`${o.name}-{{ environment }}`)} # found by name, created when missing`,
    o.capacity
      ? `  capacity: { name: ${yamlString(o.capacity)} } # or id: <capacity guid>`
      : '  # capacity: { name: "F64 Production" } # lakehouses, notebooks and pipelines need one',
    '  principalsFile: principals.csv # principal_id,role,description,type — roles are added or updated, never removed',
    '',
    'items:',
    `  directory: ${yamlString(o.itemsDirectory)} # <Name>.<Type>/.platform + definition files (fabric-cicd layout)`,
    `  parameterFile: ${yamlString(`${o.itemsDirectory}/parameter.yml`)}`,
    ...(empty
      ? [
          `  allowEmpty: true # no items yet: delete this line once ${o.itemsDirectory}/ has item folders (an empty selection is refused, to catch a wrong path)`,
        ]
      : []),
    '',
    '# Feature-branch workspaces (command: branch-up / branch-down / branch-gc):',
    'branches:',
    `  base: ${yamlString(o.name)}`,
    '  name: "{{ base }}-{{ branch }}"',
    '',
    'environments:',
    ...envs.map((e) =>
      e === 'prod'
        ? '  prod:\n    profile: production # retry, rollback, telemetry, Key Vault and a health check are mandatory'
        : `  ${e}: {}`,
    ),
    '',
  ];
  return lines.join('\n');
}

function principalsText(roles: readonly RoleAssignment[] = []): string {
  return [
    '# principal_id,role,description,type — one principal a line (object ids; a UPN works for users).',
    '# Every deploy gives these their role; a principal not listed here is left as it is.',
    'principal_id,role,description,type',
    ...roles.map(
      (r) =>
        `${r.principal.id},${r.role},${(r.principal.userDetails?.userPrincipalName ?? r.principal.displayName ?? '').replace(/[,\n]/g, ' ')},${r.principal.type}`,
    ),
    '',
  ].join('\n');
}

function parameterText(envs: readonly string[]): string {
  return [
    '# fabric-cicd parameter.yml: per-environment values applied while deploying.',
    '# https://microsoft.github.io/fabric-cicd/latest/how_to/parameterization/',
    'find_replace:',
    '  # - find_value: "dev-storage-account"',
    '  #   replace_value:',
    ...envs.map((e) => `  #     ${e}: "${e}-storage-account"`),
    '  #   item_type: "Notebook"',
    '',
  ].join('\n');
}

function githubWorkflow(o: InitOptions): string {
  const [first] = o.environments;
  const last = o.environments[o.environments.length - 1]!;
  return `# Plan on pull requests, deploy main. Needs repository variables AZURE_TENANT_ID and AZURE_CLIENT_ID
# (an Entra ID app with a federated credential for this repository).
name: Fabric deploy
on:
  pull_request:
    branches: [main]
  push:
    branches: [main]
permissions:
  id-token: write
  contents: read
concurrency:
  group: fabric-deploy-\${{ github.event_name == 'pull_request' && github.head_ref || '${last}' }}
  cancel-in-progress: false
jobs:
  plan:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: fabric-deploy/fabric-deploy@v0
        with:
          command: plan
          config: fabric-deploy.yml
          environment: ${first}
          auth: oidc
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          client-id: \${{ vars.AZURE_CLIENT_ID }}
  deploy:
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    environment: ${last}
    steps:
      - uses: actions/checkout@v4
      - uses: fabric-deploy/fabric-deploy@v0
        with:
          config: fabric-deploy.yml
          environment: ${last}
          auth: oidc
          tenant-id: \${{ vars.AZURE_TENANT_ID }}
          client-id: \${{ vars.AZURE_CLIENT_ID }}
`;
}

function azurePipeline(o: InitOptions): string {
  const [first] = o.environments;
  const last = o.environments[o.environments.length - 1]!;
  return `# Plan on pull requests, deploy main. Needs an AzureRM service connection "fabric" (workload identity federation).
trigger:
  branches:
    include: [main]
pr:
  branches:
    include: [main]
pool:
  vmImage: ubuntu-latest
steps:
  - checkout: self
  - task: FabricDeploy@0
    condition: eq(variables['Build.Reason'], 'PullRequest')
    inputs:
      command: plan
      config: fabric-deploy.yml
      environment: ${first}
      connectedServiceName: fabric
  - task: FabricDeploy@0
    condition: and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'))
    inputs:
      config: fabric-deploy.yml
      environment: ${last}
      connectedServiceName: fabric
`;
}

/** The files of a new project (relative path → text). */
export function scaffoldFiles(
  o: InitOptions,
  exported?: { name: string; id: string; roles?: RoleAssignment[]; items?: number },
): Map<string, string> {
  return new Map([
    ['fabric-deploy.yml', configText(o, exported)],
    ['principals.csv', principalsText(exported?.roles)],
    [path.join(o.itemsDirectory, 'parameter.yml'), parameterText(o.environments)],
    [path.join('.github', 'workflows', 'fabric-deploy.yml'), githubWorkflow(o)],
    ['azure-pipelines.yml', azurePipeline(o)],
  ]);
}

/** Refuses (all problems at once) to overwrite any file without --force; writes nothing then. */
async function writeAll(dir: string, files: Map<string, string>, force: boolean): Promise<string[]> {
  const existing = [...files.keys()].filter((f) => existsSync(path.join(dir, f)));
  if (existing.length && !force)
    throw new UserError(
      `init would overwrite ${existing.length} existing file${existing.length === 1 ? '' : 's'}: ${existing.join(', ')}`,
      {
        field: 'directory',
        fix: 'run it in an empty folder (--directory), or pass --force to overwrite them; nothing was written',
      },
    );
  const written: string[] = [];
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    written.push(file);
  }
  return written;
}

export async function initProject(o: InitOptions): Promise<InitResult> {
  const files = await writeAll(path.resolve(o.directory), scaffoldFiles(o), Boolean(o.force));
  return { files };
}

/** A file or folder name for a display name (Fabric allows characters file systems do not). */
function safeName(s: string): string {
  return [...s].map((c) => (/[/\\:*?"<>|]/.test(c) || c.charCodeAt(0) < 32 ? '_' : c)).join('');
}

function platformText(item: Item): string {
  const metadata: Record<string, string> = { type: item.type, displayName: item.displayName };
  if (item.description) metadata.description = item.description;
  return (
    JSON.stringify(
      { $schema: PLATFORM_SCHEMA, metadata, config: { version: '2.0', logicalId: item.id } },
      null,
      2,
    ) + '\n'
  );
}

/**
 * A part as it goes on disk: in the workspace references a deploy rewrites (`workspaceId`,
 * `default_lakehouse_workspace_id`, …), the workspace's own id becomes the zero GUID ("this
 * workspace", which a deploy turns into the target's id); nothing else changes. Item ids stay: each
 * item's logicalId is its id, so a deploy maps them to the target's items.
 */
function partBytes(p: DefinitionPart, item: Item, workspaceId: string): Buffer {
  const raw = Buffer.from(p.payload, 'base64');
  if (ITEM_TYPES[item.type]?.rewriteIds === false) return raw;
  const text = raw.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(raw) || text.includes('\u0000')) return raw;
  return Buffer.from(exportWorkspaceIds(text, workspaceId), 'utf8');
}

export async function exportWorkspace(
  ctx: CommandContext<BaseSettings>,
  ref: string,
  o: InitOptions,
): Promise<InitResult> {
  const ws = await resolveWorkspace(ctx, ref);
  const cannotRead = (err: unknown, what: string): never => {
    if (err instanceof FabricApiError && (err.status === 401 || err.status === 403))
      throw new UserError(
        `this identity cannot read ${what} of workspace '${ws.displayName}' (${err.errorCode})`,
        {
          field: 'from-workspace',
          fix: 'give the identity the Contributor role (or higher) in the workspace: exporting definitions needs it; nothing was written',
          cause: err,
        },
      );
    throw err;
  };
  const [items, folders, roles] = await Promise.all([
    ctx.client.listItems(ws.id).catch((e) => cannotRead(e, 'the items')),
    ctx.client.listFolders(ws.id).catch((e) => cannotRead(e, 'the folders')) as Promise<Folder[]>,
    ctx.client.listRoleAssignments(ws.id).catch(() => [] as RoleAssignment[]),
  ]);
  const paths = folderPaths(folders.filter((f) => !isLockFolder(f)));
  const exportable = items.filter((i) => !SERVICE_MADE_TYPES.has(i.type));
  ctx.log.info(
    `exporting ${exportable.length} items and ${paths.size} folders of '${ws.displayName}' (${ws.id})`,
  );
  const definitions = await mapLimit(exportable, 8, async (item) => {
    try {
      return await ctx.client.getItemDefinition(ws.id, item.id);
    } catch (err) {
      // Items without a definition API (some types) are exported as their .platform alone.
      if (err instanceof FabricApiError && err.status === 400) {
        ctx.log.warn(
          `${item.type} '${item.displayName}': no definition to export (${err.errorCode}); .platform only`,
        );
        return { parts: [] };
      }
      return cannotRead(err, `the definition of ${item.type} '${item.displayName}'`);
    }
  });
  // Everything is read: now the files.
  const dir = path.resolve(o.directory);
  const files = scaffoldFiles(o, {
    name: ws.displayName,
    id: ws.id,
    roles,
    items: exportable.length,
  });
  const binary = new Map<string, Buffer>();
  const taken = new Set<string>();
  exportable.forEach((item, i) => {
    const folder = (item.folderId && paths.get(item.folderId)?.replace(/^\/+/, '')) || '';
    let rel = path.join(
      o.itemsDirectory,
      ...folder.split('/').filter(Boolean).map(safeName),
      `${safeName(item.displayName)}.${item.type}`,
    );
    if (taken.has(rel.toLowerCase())) rel = `${rel}-${item.id.slice(0, 8)}`;
    taken.add(rel.toLowerCase());
    files.set(path.join(rel, '.platform'), platformText(item));
    for (const p of definitions[i]!.parts) {
      if (p.path === '.platform') continue;
      binary.set(path.join(rel, ...p.path.split('/')), partBytes(p, item, ws.id));
    }
  });
  // Folders that hold no item still exist in the workspace: keep them with a .gitkeep? The layout
  // has no way to say "an empty folder", so they are reported instead.
  const used = new Set(exportable.map((i) => i.folderId).filter(Boolean));
  const empty = folders.filter(
    (f) => !isLockFolder(f) && !used.has(f.id) && !folders.some((c) => c.parentFolderId === f.id),
  );
  if (empty.length)
    ctx.log.warn(
      `${empty.length} empty folder${empty.length === 1 ? '' : 's'} not exported (the layout has items only): ${empty.map((f) => paths.get(f.id)).join(', ')}`,
    );
  const all = new Map<string, string | Buffer>([...files, ...binary]);
  const existing = [...all.keys()].filter((f) => existsSync(path.join(dir, f)));
  if (existing.length && !o.force)
    throw new UserError(
      `init --from-workspace would overwrite ${existing.length} existing file${existing.length === 1 ? '' : 's'}: ${existing.slice(0, 10).join(', ')}${existing.length > 10 ? ', …' : ''}`,
      {
        field: 'directory',
        fix: 'export into an empty folder (--directory), or pass --force; nothing was written',
      },
    );
  const written: string[] = [];
  for (const [rel, content] of all) {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
    written.push(file);
  }
  return {
    files: written,
    items: exportable.length,
    folders: paths.size,
    workspace: { id: ws.id, name: ws.displayName },
  };
}
