/**
 * Test support for the deploy engine: a project on disk, a RunContext made by the product's
 * createRunContext around a MemoryHost and the simulator, and snapshots of what the simulator holds.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunContext } from '../../src/context';
import { createRunContext } from '../../src/run-context';
import type { FabricClientOptions } from '../../src/fabric/client';
import type { FabricTokenProvider } from '../../src/identity/provider';
import { staticTokenProvider } from '../../src/identity/token';
import type { AuditRecord, Telemetry } from '../../src/report/telemetry-types';
import { resolveSettings } from '../../src/settings/settings';
import type { RunningSimulator } from '../../src/simulator';
import type { PrincipalDirectory } from '../../src/deploy/workspace';
import { MemoryHost } from './memory-host';

export { SHARED_SAMPLE as SAMPLE } from './paths';

export function platform(type: string, name: string, logicalId: string, description?: string): string {
  return (
    JSON.stringify(
      {
        $schema:
          'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json',
        metadata: { type, displayName: name, ...(description ? { description } : {}) },
        config: { version: '2.0', logicalId },
      },
      null,
      2,
    ) + '\n'
  );
}

/** Deterministic logical ids: lid(1) = 00000000-0000-4000-8000-000000000001. */
export const lid = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface ItemSpec {
  type: string;
  name: string;
  n: number;
  /** File name → content; logical ids of other items make references. */
  files?: Record<string, string>;
  folder?: string;
  description?: string;
}

export const notebook = (
  name: string,
  n: number,
  body = `print('${name}')`,
  refs: number[] = [],
  folder?: string,
): ItemSpec => ({
  type: 'Notebook',
  name,
  n,
  folder,
  files: {
    'notebook-content.py': `# Fabric notebook source\n${refs.map((r) => `# uses ${lid(r)}\n`).join('')}${body}\n`,
  },
});

export const pipeline = (name: string, n: number, refs: number[] = []): ItemSpec => ({
  type: 'DataPipeline',
  name,
  n,
  files: {
    'pipeline-content.json': JSON.stringify(
      {
        properties: {
          activities: refs.map((r) => ({
            type: 'TridentNotebook',
            typeProperties: { notebookId: lid(r), workspaceId: '00000000-0000-0000-0000-000000000000' },
          })),
        },
      },
      null,
      2,
    ),
  },
});

/** Writes a project (fabric-deploy.yml + items/) into a new temp dir and returns it. */
export function project(config: string, items: ItemSpec[], extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-deploy-'));
  writeFileSync(path.join(dir, 'fabric-deploy.yml'), config);
  mkdirSync(path.join(dir, 'items'), { recursive: true });
  writeItems(dir, items);
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export function writeItems(dir: string, items: ItemSpec[]): void {
  for (const it of items) {
    const folder = path.join(
      dir,
      'items',
      ...(it.folder ? it.folder.split('/') : []),
      `${it.name}.${it.type}`,
    );
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, '.platform'), platform(it.type, it.name, lid(it.n), it.description));
    for (const [f, text] of Object.entries(it.files ?? {})) {
      mkdirSync(path.dirname(path.join(folder, f)), { recursive: true });
      writeFileSync(path.join(folder, f), text);
    }
  }
}

export function config(workspace: string, more = ''): string {
  return `version: 1\nworkspace:\n  name: ${workspace}\n${more}items:\n  directory: items\n`;
}

/** A config (from `config()`) that accepts a repository with no item: workspace-only set-ups. */
export const allowEmpty = (cfg: string) => `${cfg}  allowEmpty: true\n`;

export interface Recorded {
  audit: AuditRecord[];
  events: { name: string; properties?: Record<string, unknown> }[];
  metrics: { name: string; value: number }[];
}

export interface TestRun {
  ctx: RunContext;
  host: MemoryHost;
  rec: Recorded;
}

/** A RunContext for `dir` against the simulator; `inputs` are host inputs (command, max-parallel, …). */
export function makeContext(
  sim: RunningSimulator,
  dir: string,
  inputs: Record<string, string> = {},
  opts: {
    directory?: PrincipalDirectory;
    env?: NodeJS.ProcessEnv;
    temp?: string;
    client?: Partial<FabricClientOptions>;
  } = {},
): TestRun {
  const temp = opts.temp ?? mkdtempSync(path.join(os.tmpdir(), 'fd-tmp-'));
  const host = new MemoryHost(
    {
      config: path.join(dir, 'fabric-deploy.yml'),
      auth: 'token',
      token: 'x',
      'fabric-api-url': sim.fabricApiUrl,
      ...inputs,
    },
    'cli',
    temp,
  );
  const settings = resolveSettings(host, opts.env ?? {});
  const token = sim.issueToken();
  const tokens = {
    ...staticTokenProvider(token),
    kind: 'token',
    description: 'test token',
    tokenFor: async () => token,
  } as unknown as FabricTokenProvider;
  const rec: Recorded = { audit: [], events: [], metrics: [] };
  const telemetry: Telemetry = {
    event: (name, properties) => rec.events.push({ name, properties }),
    metric: (name, value) => rec.metrics.push({ name, value }),
    dependency: () => {},
    exception: () => {},
    flush: async () => {},
  };
  const ctx = createRunContext({
    host,
    settings,
    tokens,
    telemetry,
    audit: { record: (e: AuditRecord) => rec.audit.push(e), close: async () => {} },
    directory: opts.directory,
    // Quick clocks and no client-side throttling: the simulator answers at once.
    client: {
      maxConcurrency: false,
      rateLimit: false,
      retry: { retries: 2, baseDelayMs: 5 },
      lro: { initialDelayMs: 10, minIntervalMs: 5, maxIntervalMs: 50 },
      ...opts.client,
    },
  });
  return { ctx, host, rec };
}

/** The folders of this tool (locks, old released markers) in one workspace, by name: [] after every run. */
export function toolFolders(sim: RunningSimulator, workspaceName: string): string[] {
  const st = sim.state;
  const ws = Object.values(st.workspaces).find((w) => w.displayName === workspaceName);
  return Object.values(st.folders)
    .filter((f) => f.workspaceId === ws?.id && /^fabric-deploy-/.test(f.displayName))
    .map((f) => f.displayName);
}

/** Everything a deploy can change in one workspace, in a comparable form (lock folders left out). */
export function snapshot(sim: RunningSimulator, workspaceName: string) {
  const st = sim.state;
  const ws = Object.values(st.workspaces).find((w) => w.displayName === workspaceName);
  if (!ws) return undefined;
  const folders = Object.values(st.folders).filter(
    (f) => f.workspaceId === ws.id && !/^fabric-deploy-(lock|done) /.test(f.displayName),
  );
  const folderPath = (id?: string): string => {
    if (!id) return '';
    const f = st.folders[id];
    return f ? `${folderPath(f.parentFolderId)}/${f.displayName}` : '?';
  };
  const items = Object.values(st.items)
    .filter((i) => i.workspaceId === ws.id && i.type !== 'SQLEndpoint')
    .map((i) => ({
      id: i.id,
      type: i.type,
      name: i.displayName,
      description: i.description ?? '',
      folder: folderPath(i.folderId),
      parts: (i.definition?.parts ?? [])
        .filter((p) => p.path !== '.platform')
        .map((p) => `${p.path}:${p.payload}`)
        .sort(),
    }))
    .sort((a, b) => `${a.type}/${a.name}`.localeCompare(`${b.type}/${b.name}`));
  return {
    id: ws.id,
    description: ws.description,
    capacityId: ws.capacityId,
    roles: ws.roles.map((r) => `${r.principal.id}:${r.role}`).sort(),
    git: ws.git ? `${ws.git.provider.repositoryName}@${ws.git.provider.branchName}` : undefined,
    folders: folders.map((f) => folderPath(f.id)).sort(),
    items,
  };
}

/** The simulator's request log (Fabric API only), from index `from`. */
export async function requests(
  sim: RunningSimulator,
  from = 0,
): Promise<{ method: string; path: string; status: number }[]> {
  const res = await fetch(`${sim.url}/_sim/requests`);
  const body = (await res.json()) as { value: { method: string; path: string; status: number }[] };
  return body.value.filter((r) => r.path.startsWith('/v1/')).slice(from);
}

export const isWrite = (r: { method: string; path: string }) =>
  r.method !== 'GET' && !/\/(getDefinition|bulkExportDefinitions)$/.test(r.path);

export async function writesSince(sim: RunningSimulator, from: number) {
  return (await requests(sim, from)).filter(isWrite);
}

export async function requestCount(sim: RunningSimulator): Promise<number> {
  return (await requests(sim)).length;
}

export async function addFault(sim: RunningSimulator, rule: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  if (!res.ok) throw new Error(`fault not accepted: ${res.status} ${await res.text()}`);
}

export async function clearFaults(sim: RunningSimulator): Promise<void> {
  await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
}

/** A directory that knows a few principals (what Microsoft Graph would answer). */
export function fakeDirectory(known: {
  users?: Record<string, string>;
  groups?: Record<string, string>;
  apps?: Record<string, string>;
}): PrincipalDirectory {
  const miss = (what: string) => {
    throw Object.assign(new Error(`${what} was not found in the directory`), { name: 'UserError' });
  };
  return {
    userByUpn: async (upn) => (known.users?.[upn] ? { id: known.users[upn]! } : miss(`user '${upn}'`)),
    groupByName: async (n) => (known.groups?.[n] ? { id: known.groups[n]! } : miss(`group '${n}'`)),
    servicePrincipalByAppId: async (a) => (known.apps?.[a] ? { id: known.apps[a]! } : miss(`app ${a}`)),
  };
}
