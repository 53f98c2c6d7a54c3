import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';

/** One file of an item folder, as it will be sent (path relative to the item folder, posix). */
export interface RepoFile {
  path: string;
  absPath: string;
  bytes: Buffer;
}

/** An item folder in the fabric-cicd layout: `<Name>.<Type>/.platform` plus its definition files. */
export interface RepoItem {
  type: string;
  displayName: string;
  description?: string;
  logicalId: string;
  /** Absolute folder path. */
  dir: string;
  /** Folder path relative to the items directory (posix), e.g. `sub/Hello.Notebook`. */
  relDir: string;
  /** Workspace folder the item lives in (`/a/b`), '' for the root. */
  folderPath: string;
  /** Every file of the folder except `.platform`, sorted by path. */
  files: RepoFile[];
  /** The parsed `.platform`. */
  platform: Record<string, any>;
  platformFile: string;
  /** The `.platform` text as it is on disk (for line numbers and for sending it unchanged). */
  platformText: string;
}

export interface ReadOptions {
  /** Item types in scope; all when absent. */
  types?: string[];
  /** Regexes on displayName; matching items are skipped. */
  exclude?: string[];
  /** Where the directory setting came from, for error messages. */
  configLocation?: { file: string; line?: number; col?: number };
}

/** Reads every item folder under `dir`. Pure reading and validation: nothing is sent anywhere. */
export async function readRepository(dir: string, options: ReadOptions = {}): Promise<RepoItem[]> {
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new ConfigError(`items directory '${dir}' does not exist`, {
      location: options.configLocation,
      field: 'items.directory',
      fix: 'point items.directory (or the items-directory input) at the folder holding your <Name>.<Type> item folders',
    });
  }
  const items: RepoItem[] = [];
  await walk(root, root, items);
  const excludes = (options.exclude ?? []).map((r) => new RegExp(r));
  const inScope = items.filter(
    (i) => (!options.types || options.types.includes(i.type)) && !excludes.some((r) => r.test(i.displayName)),
  );
  checkUnique(inScope);
  return inScope.sort((a, b) => a.relDir.localeCompare(b.relDir));
}

const ITEM_DIR = /^(.+)\.([A-Za-z][A-Za-z0-9]*)$/;

async function walk(root: string, dir: string, out: RepoItem[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const hasPlatform = entries.some((e) => e.isFile() && e.name === '.platform');
  if (hasPlatform) {
    out.push(await readItem(root, dir));
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.git') || e.name === 'node_modules') continue;
    const child = path.join(dir, e.name);
    if (ITEM_DIR.test(e.name) && !(await exists(path.join(child, '.platform')))) {
      throw new ConfigError(`item folder '${rel(root, child)}' has no .platform file`, {
        location: { file: child },
        fix: 'add a .platform file with metadata.type, metadata.displayName and config.logicalId (export it from Fabric Git integration)',
      });
    }
    await walk(root, child, out);
  }
}

async function readItem(root: string, dir: string): Promise<RepoItem> {
  const platformFile = path.join(dir, '.platform');
  const text = await fs.readFile(platformFile, 'utf8');
  let platform: Record<string, any>;
  try {
    platform = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec(String((err as Error).message));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
    throw new ConfigError(`.platform is not valid JSON: ${(err as Error).message}`, {
      location: { file: platformFile, line },
      fix: 'repair the JSON (a trailing comma or a missing quote is the usual cause)',
    });
  }
  const meta = platform?.metadata ?? {};
  const need = (field: string, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ConfigError(`.platform has no ${field}`, {
        location: { file: platformFile, line: lineOf(text, field.split('.').pop()!) },
        field,
        fix: `set ${field} in ${rel(root, platformFile)}`,
      });
    }
  };
  need('metadata.type', meta.type);
  need('metadata.displayName', meta.displayName);
  need('config.logicalId', platform?.config?.logicalId);
  const files: RepoFile[] = [];
  await collectFiles(dir, dir, files);
  const relDir = rel(root, dir);
  const parent = path.posix.dirname(relDir);
  return {
    type: meta.type,
    displayName: meta.displayName,
    description: typeof meta.description === 'string' ? meta.description : undefined,
    logicalId: platform.config.logicalId,
    dir,
    relDir,
    folderPath: parent === '.' ? '' : '/' + parent,
    files: files.sort((a, b) => a.path.localeCompare(b.path)),
    platform,
    platformFile,
    platformText: text,
  };
}

async function collectFiles(itemDir: string, dir: string, out: RepoFile[]): Promise<void> {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) await collectFiles(itemDir, abs, out);
    else if (e.isFile() && !(dir === itemDir && e.name === '.platform')) {
      out.push({ path: rel(itemDir, abs), absPath: abs, bytes: await fs.readFile(abs) });
    }
  }
}

function checkUnique(items: RepoItem[]): void {
  const byLogical = new Map<string, RepoItem>();
  const byName = new Map<string, RepoItem>();
  for (const item of items) {
    const zero = /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(item.logicalId);
    const dup = byLogical.get(item.logicalId);
    if (dup && !zero) {
      throw new ConfigError(`two items have the same logicalId ${item.logicalId}: '${dup.relDir}' and '${item.relDir}'`, {
        location: { file: item.platformFile, line: lineOf(fileText(item), 'logicalId') },
        field: 'config.logicalId',
        fix: 'give one of them a new GUID as config.logicalId',
      });
    }
    byLogical.set(item.logicalId, item);
    const key = `${item.type}/${item.displayName.toLowerCase()}`;
    const twin = byName.get(key);
    if (twin) {
      throw new ConfigError(`two ${item.type} items are named '${item.displayName}': '${twin.relDir}' and '${item.relDir}'`, {
        location: { file: item.platformFile, line: lineOf(fileText(item), 'displayName') },
        field: 'metadata.displayName',
        fix: 'rename one of them (Fabric keeps names unique per type in a workspace)',
      });
    }
    byName.set(key, item);
  }
}

function fileText(item: RepoItem): string {
  return item.platformText;
}

function lineOf(text: string, key: string): number | undefined {
  const idx = text.indexOf(`"${key}"`);
  return idx < 0 ? undefined : text.slice(0, idx).split('\n').length;
}

function rel(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/');
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}
