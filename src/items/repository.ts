import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { combineProblems, ConfigError, formatLocation, problemsOf, type SourceLocation } from '../errors';
import { isGuid, ZERO_GUID } from '../guid';
import { at, isRecord } from './json';
import { ITEM_TYPES, isKnownType, itemTypeInfo, typeLike } from './types';

/** One file of an item folder, as it will be sent (path relative to the item folder, posix). */
export interface RepoFile {
  path: string;
  absPath: string;
  bytes: Buffer;
  /** Sent exactly as read (images, wheels, …): never decoded, never rewritten. */
  binary: boolean;
}

/** A Report's `definition.pbir` `datasetReference.byPath`, resolved to the semantic model folder it names. */
export interface DatasetByPath {
  /** As written, e.g. `../ABC.SemanticModel`. */
  path: string;
  file: string;
  line?: number;
  model: { logicalId: string; displayName: string; relDir: string };
}

/** An item folder in the fabric-cicd layout: `<Name>.<Type>/.platform` plus its definition files. */
export interface RepoItem {
  type: string;
  displayName: string;
  description?: string;
  logicalId: string;
  /**
   * Identity of the item inside this tool (graph keys): the logicalId, or `Type:Name` for items exported with
   * the zero logicalId (several may share it).
   */
  key: string;
  /** Absolute folder path. */
  dir: string;
  /** Folder path relative to the items directory (posix), e.g. `sub/Hello.Notebook`. */
  relDir: string;
  /** Workspace folder the item lives in (`/a/b`), '' for the root. `.children` never makes a folder. */
  folderPath: string;
  /**
   * Every file of the folder except `.platform` and the type's excluded sub-folders (`.pbi/`, `.children/`),
   * sorted by path.
   */
  files: RepoFile[];
  /** The parsed `.platform`. */
  platform: Record<string, unknown>;
  platformFile: string;
  /** The `.platform` text as it is on disk (for line numbers and for sending it unchanged). */
  platformText: string;
  /** logicalId of the Eventhouse whose `.children/` holds this KQLDatabase. */
  parentLogicalId?: string;
  /** Reports bound to a semantic model of the repository by relative path. */
  datasetByPath?: DatasetByPath;
}

export interface ReadOptions {
  /** Item types in scope; all when absent. */
  types?: readonly string[];
  /** Regexes on displayName; matching items are skipped. */
  exclude?: readonly string[];
  /** Where the directory setting came from, for error messages. */
  configLocation?: { file: string; line?: number; col?: number };
  /** Largest file accepted in an item folder, in bytes (default 25 MiB). */
  maxFileBytes?: number;
}

export interface RepositoryScan {
  /** Absolute items directory. */
  root: string;
  /** Items in scope, sorted by folder path. */
  items: RepoItem[];
  /**
   * Items of the repository left out by `types` / `exclude`, sorted by folder path. They are not deployed, but
   * references to them are: their logical ids map to the deployed item of the same type and name (fabric-cicd
   * maps every repository item), and parameter checks look at their files too.
   */
  outOfScope: RepoItem[];
  /** Workspace folders the items in scope need, parents before children (`/a`, `/a/b`). */
  folders: string[];
  /** Things worth telling the user that do not stop a deploy (unknown item types, …). */
  warnings: string[];
}

export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Reads every item folder under `dir`. Pure reading and validation: nothing is sent anywhere. */
export async function readRepository(dir: string, options: ReadOptions = {}): Promise<RepoItem[]> {
  return (await scanRepository(dir, options)).items;
}

/** `readRepository` plus the workspace folders and the warnings. */
export async function scanRepository(dir: string, options: ReadOptions = {}): Promise<RepositoryScan> {
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new ConfigError(`items directory '${dir}' does not exist`, {
      location: options.configLocation,
      field: 'items.directory',
      fix: 'point items.directory (or the items-directory input) at the folder holding your <Name>.<Type> item folders',
    });
  }
  const excludes = (options.exclude ?? []).map((r) => {
    try {
      return new RegExp(r);
    } catch (err) {
      throw new ConfigError(
        `items.exclude '${r}' is not a valid regular expression: ${(err as Error).message}`,
        {
          location: options.configLocation,
          field: 'items.exclude',
          fix: 'escape special characters (e.g. \\. for a dot) or fix the pattern',
        },
      );
    }
  });
  const st: WalkState = {
    root,
    rootReal: await fs.realpath(root),
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    found: [],
    warnings: [],
    visited: new Set(),
    pendingByPath: new Map(),
    problems: [],
  };
  await walk(st, root, [], undefined);

  const sorted = [...st.found].sort((a, b) => byCodePoint(a.relDir, b.relDir));
  const wanted = (i: RepoItem) =>
    (!options.types || options.types.includes(i.type)) && !excludes.some((r) => r.test(i.displayName));
  const inScope = sorted.filter(wanted);
  const outOfScope = sorted.filter((i) => !wanted(i));
  keep(st, () => checkUnique(inScope));
  for (const item of inScope) keep(st, () => resolveByPath(st, item));
  // Every item folder's problem at once: a broken .platform never hides the next folder's.
  if (st.problems.length) throw combineProblems(st.problems);
  return {
    root,
    items: inScope,
    outOfScope,
    folders: workspaceFolders(root, inScope),
    warnings: st.warnings,
  };
}

interface WalkState {
  root: string;
  rootReal: string;
  maxFileBytes: number;
  found: RepoItem[];
  warnings: string[];
  /** Real paths of directories already walked: a symlink loop inside the repository is walked once. */
  visited: Set<string>;
  /** Reports whose byPath target is resolved once every item folder is known. */
  pendingByPath: Map<RepoItem, { path: string; file: string; line?: number }>;
  /** The problems of every folder, reported together once the walk is done. */
  problems: ConfigError[];
}

/** Runs one folder's check; its problem is kept and the walk goes on. */
function keep<T>(st: WalkState, check: () => T): T | undefined {
  try {
    return check();
  } catch (err) {
    const p = problemsOf(err);
    if (!p) throw err;
    st.problems.push(...p);
    return undefined;
  }
}

/** `Name.Type` with a known type: a folder that must be an item folder. */
function looksLikeItemFolder(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && isKnownType(name.slice(dot + 1));
}

/** `segs`: the path of `dir` below the items directory; an item's workspace folder is its parent directory. */
async function walk(st: WalkState, dir: string, segs: string[], parent: RepoItem | undefined): Promise<void> {
  const real = await fs.realpath(dir);
  if (st.visited.has(real)) return;
  st.visited.add(real);
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const platform = entries.find((e) => e.name === '.platform');
  if (platform && (await entryKind(st, dir, platform)) === 'file') {
    const folderPath = parent ? parent.folderPath : segs.length > 1 ? '/' + segs.slice(0, -1).join('/') : '';
    let item: RepoItem;
    try {
      item = await readItem(st, dir, folderPath, parent);
    } catch (err) {
      const p = problemsOf(err);
      if (!p) throw err;
      st.problems.push(...p);
      return;
    }
    st.found.push(item);
    // An Eventhouse's KQL databases are items of their own, in the Eventhouse's workspace folder.
    if (itemTypeInfo(item.type).excludes.includes('.children/')) {
      const children = entries.find((e) => e.name === '.children');
      if (children && (await entryKind(st, dir, children)) === 'dir')
        await walk(st, path.join(dir, '.children'), [], item);
    }
    return;
  }
  for (const e of entries.sort((a, b) => byCodePoint(a.name, b.name))) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    if ((await entryKind(st, dir, e)) !== 'dir') continue;
    const child = path.join(dir, e.name);
    if (looksLikeItemFolder(e.name) && !(await isFile(path.join(child, '.platform')))) {
      st.problems.push(
        new ConfigError(`item folder '${rel(st.root, child)}' has no .platform file`, {
          location: { file: child },
          fix: 'add a .platform file with metadata.type, metadata.displayName and config.logicalId (export it from Fabric Git integration), or rename the folder',
        }),
      );
      continue;
    }
    await walk(st, child, [...segs, e.name], parent);
  }
}

/**
 * What a directory entry is, following symbolic links only while they stay inside the items directory:
 * a link leading outside would deploy content nobody reviewed in this repository.
 */
async function entryKind(st: WalkState, dir: string, e: Dirent): Promise<'file' | 'dir' | 'other'> {
  if (e.isFile()) return 'file';
  if (e.isDirectory()) return 'dir';
  if (!e.isSymbolicLink()) return 'other';
  const abs = path.join(dir, e.name);
  const target = await fs.realpath(abs).catch(() => undefined);
  if (!target) {
    throw new ConfigError(`'${rel(st.root, abs)}' is a broken symbolic link`, {
      location: { file: abs },
      fix: 'remove the link or make it point at a file inside the items directory',
    });
  }
  if (target !== st.rootReal && !target.startsWith(st.rootReal + path.sep)) {
    throw new ConfigError(
      `'${rel(st.root, abs)}' is a symbolic link to '${target}', outside the items directory`,
      {
        location: { file: abs },
        fix: 'copy the content into the repository instead of linking to it; only links inside the items directory are followed',
      },
    );
  }
  const s = await fs.stat(target);
  return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
}

async function readItem(
  st: WalkState,
  dir: string,
  folderPath: string,
  parent: RepoItem | undefined,
): Promise<RepoItem> {
  const platformFile = path.join(dir, '.platform');
  const text = (await readChecked(st, platformFile)).toString('utf8');
  const platform = parseJson(
    text,
    platformFile,
    'repair the JSON of .platform (a trailing comma or a missing quote is the usual cause)',
  );
  if (!isRecord(platform)) {
    throw new ConfigError('.platform must be a JSON object with metadata and config', {
      location: { file: platformFile, line: 1 },
    });
  }
  const meta = isRecord(platform.metadata) ? platform.metadata : {};
  const config = isRecord(platform.config) ? platform.config : {};
  function need(field: string, value: unknown): asserts value is string {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ConfigError(`.platform has no ${field}`, {
        // Missing key: point at its parent object.
        location: {
          file: platformFile,
          line: lineOf(text, field.split('.')[1]!) ?? lineOf(text, field.split('.')[0]!) ?? 1,
        },
        field,
        fix: `set ${field} in ${rel(st.root, platformFile)} (Fabric Git integration writes it on export)`,
      });
    }
  }
  need('metadata.type', meta.type);
  const displayName = meta.displayName;
  need('metadata.displayName', displayName);
  need('config.logicalId', config.logicalId);
  if (!isGuid(config.logicalId)) {
    throw new ConfigError(`config.logicalId '${config.logicalId}' is not a GUID`, {
      location: { file: platformFile, line: lineOf(text, 'logicalId') },
      field: 'config.logicalId',
      fix: 'use a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301 (any new GUID will do for a new item)',
    });
  }
  const type = meta.type;
  if (!isKnownType(type)) {
    const like = typeLike(type);
    if (like) {
      throw new ConfigError(`unknown item type '${type}'`, {
        location: { file: platformFile, line: lineOf(text, 'type') },
        field: 'metadata.type',
        fix: `spell it '${like}' (item types are case-sensitive)`,
      });
    }
    // At its line, so the host annotates the .platform file itself.
    st.warnings.push(
      `${formatLocation({ file: platformFile, line: lineOf(text, 'type') })}: item type '${type}' is not one of the ${Object.keys(ITEM_TYPES).length} known types; ` +
        'plan and deploy refuse it (leave it out with items.types or items.exclude)',
    );
  }
  const info = itemTypeInfo(type);
  const files: RepoFile[] = [];
  await collectFiles(st, dir, dir, info.excludes, files);
  const relDir = rel(st.root, dir);
  const logicalId = config.logicalId;
  const item: RepoItem = {
    type,
    displayName,
    description: typeof meta.description === 'string' ? meta.description : undefined,
    logicalId,
    key: logicalId === ZERO_GUID ? `${type}:${displayName}` : logicalId.toLowerCase(),
    dir,
    relDir,
    folderPath,
    files: files.sort((a, b) => byCodePoint(a.path, b.path)),
    platform,
    platformFile,
    platformText: text,
  };
  if (parent) item.parentLogicalId = parent.logicalId;
  if (type === 'Report') noteByPath(st, item);
  return item;
}

async function collectFiles(
  st: WalkState,
  itemDir: string,
  dir: string,
  excludes: readonly string[],
  out: RepoFile[],
): Promise<void> {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    const relPath = rel(itemDir, abs);
    const kind = await entryKind(st, dir, e);
    if (kind === 'dir') {
      // Excluded parts are not even read: `.pbi/cache.abf` can be hundreds of megabytes.
      if (excludes.includes(relPath + '/')) continue;
      // A link to a directory above this one would repeat forever.
      const [real, here] = await Promise.all([fs.realpath(abs), fs.realpath(dir)]);
      if (here === real || here.startsWith(real + path.sep)) {
        st.warnings.push(`${rel(st.root, abs)}: a link to a folder above it, not followed`);
        continue;
      }
      await collectFiles(st, itemDir, abs, excludes, out);
    } else if (kind === 'file' && !(dir === itemDir && e.name === '.platform')) {
      const bytes = await readChecked(st, abs);
      out.push({ path: relPath, absPath: abs, bytes, binary: isBinary(relPath, bytes) });
    }
  }
}

async function readChecked(st: WalkState, file: string): Promise<Buffer> {
  const { size } = await fs.stat(file);
  if (size > st.maxFileBytes) {
    throw new ConfigError(
      `'${rel(st.root, file)}' is ${size} bytes, over the limit of ${st.maxFileBytes} bytes for one file`,
      {
        location: { file },
        field: 'items.maxFileBytes',
        fix: 'keep large data out of item folders (Fabric rejects oversized definition parts), or raise items.maxFileBytes',
      },
    );
  }
  return fs.readFile(file);
}

function noteByPath(st: WalkState, item: RepoItem): void {
  const pbir = item.files.find((f) => f.path === 'definition.pbir');
  if (!pbir) return;
  const text = pbir.bytes.toString('utf8');
  const json = parseJson(text, pbir.absPath, 'repair the JSON of definition.pbir');
  const byPath = at(json, 'datasetReference', 'byPath');
  if (isRecord(byPath) && typeof byPath.path === 'string') {
    st.pendingByPath.set(item, { path: byPath.path, file: pbir.absPath, line: lineOf(text, 'path') });
  }
}

function resolveByPath(st: WalkState, item: RepoItem): void {
  const ref = st.pendingByPath.get(item);
  if (!ref) return;
  const target = path.resolve(item.dir, ref.path.replace(/\\/g, '/'));
  const where = { file: ref.file, line: ref.line };
  if (target !== st.root && !target.startsWith(st.root + path.sep)) {
    throw new ConfigError(
      `report '${item.displayName}' refers to '${ref.path}', outside the items directory`,
      {
        location: where,
        field: 'datasetReference.byPath.path',
        fix: 'keep the semantic model in the repository next to the report, or use a byConnection reference',
      },
    );
  }
  const model = st.found.find((i) => i.dir === target);
  if (!model || model.type !== 'SemanticModel') {
    throw new ConfigError(
      `report '${item.displayName}' refers to semantic model '${ref.path}', which is ${model ? `a ${model.type}` : 'not an item folder of the repository'}`,
      {
        location: where,
        field: 'datasetReference.byPath.path',
        fix: 'point byPath.path at the <Name>.SemanticModel folder (relative to the report folder), or use a byConnection reference',
      },
    );
  }
  item.datasetByPath = {
    path: ref.path,
    file: ref.file,
    line: ref.line,
    model: { logicalId: model.logicalId, displayName: model.displayName, relDir: model.relDir },
  };
}

/** Characters Fabric refuses in a folder name (fabric-cicd INVALID_FOLDER_CHAR_REGEX). */
const INVALID_FOLDER_CHARS = /[~"#.%&*:<>?/\\{|}]/;

function workspaceFolders(root: string, items: RepoItem[]): string[] {
  const folders = new Set<string>();
  for (const item of items) {
    if (!item.folderPath) continue;
    const segs = item.folderPath.slice(1).split('/');
    for (let i = 1; i <= segs.length; i++) {
      const folder = '/' + segs.slice(0, i).join('/');
      if (folders.has(folder)) continue;
      const name = segs[i - 1]!;
      const bad = INVALID_FOLDER_CHARS.exec(name);
      if (bad || name.trim() !== name) {
        throw new ConfigError(
          bad
            ? `folder '${folder.slice(1)}' cannot become a workspace folder: '${bad[0]}' is not allowed in folder names`
            : `folder '${folder.slice(1)}' cannot become a workspace folder: it starts or ends with a space`,
          {
            location: { file: path.join(root, ...segs.slice(0, i)) },
            fix: 'rename the folder without ~ " # . % & * : < > ? / \\ { | } and without leading or trailing spaces',
          },
        );
      }
      folders.add(folder);
    }
  }
  return [...folders].sort((a, b) => a.split('/').length - b.split('/').length || byCodePoint(a, b));
}

function checkUnique(items: RepoItem[]): void {
  const byLogical = new Map<string, RepoItem>();
  const byName = new Map<string, RepoItem>();
  for (const item of items) {
    const id = item.logicalId.toLowerCase();
    const dup = byLogical.get(id);
    if (dup && id !== ZERO_GUID) {
      throw new ConfigError(
        `two items have the same logicalId ${item.logicalId}: '${dup.relDir}' and '${item.relDir}'`,
        {
          location: { file: item.platformFile, line: lineOf(item.platformText, 'logicalId') },
          field: 'config.logicalId',
          fix: 'give one of them a new GUID as config.logicalId (a copied item folder keeps the original id)',
        },
      );
    }
    byLogical.set(id, item);
    const key = `${item.type}/${item.displayName.toLowerCase()}`;
    const twin = byName.get(key);
    if (twin) {
      throw new ConfigError(
        `two ${item.type} items are named '${item.displayName}': '${twin.relDir}' and '${item.relDir}'`,
        {
          location: { file: item.platformFile, line: lineOf(item.platformText, 'displayName') },
          field: 'metadata.displayName',
          fix: 'rename one of them (Fabric keeps names unique per type in a workspace, whatever the folder)',
        },
      );
    }
    byName.set(key, item);
  }
}

/** JSON.parse with the error's line (Node reports a position or, newer, a line and column). */
export function parseJson(text: string, file: string, fix: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const msg = String((err as Error).message);
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    const location: SourceLocation = lc
      ? { file, line: Number(lc[1]), col: Number(lc[2]) }
      : { file, line: pos ? text.slice(0, Number(pos[1])).split('\n').length : 1 };
    throw new ConfigError(`${path.basename(file)} is not valid JSON: ${msg}`, { location, fix });
  }
}

/** Line of the first `"key"` in a JSON text. */
export function lineOf(text: string, key: string): number | undefined {
  const idx = text.indexOf(`"${key}"`);
  return idx < 0 ? undefined : text.slice(0, idx).split('\n').length;
}

const BINARY_EXT = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'ico',
  'webp',
  'zip',
  'whl',
  'jar',
  'gz',
  'tgz',
  'pdf',
  'abf',
  'pbix',
  'xlsx',
  'docx',
  'pptx',
  'parquet',
  'avro',
  'orc',
  'exe',
  'dll',
  'so',
  'bin',
]);

/** Binary parts are sent byte for byte: known binary extensions, NUL bytes or invalid UTF-8. */
export function isBinary(file: string, bytes: Buffer): boolean {
  const dot = file.lastIndexOf('.');
  if (dot >= 0 && BINARY_EXT.has(file.slice(dot + 1).toLowerCase())) return true;
  if (bytes.includes(0)) return true;
  return !Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/** Locale-independent order, so that the same repository reads the same everywhere. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rel(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/');
}

async function isFile(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}
