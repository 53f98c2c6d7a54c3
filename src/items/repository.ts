import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { combineProblems, ConfigError, formatLocation, problemsOf } from '../errors';
import { isGuid, ZERO_GUID } from '../guid';
import { at, isRecord } from './json';
import { ITEM_TYPES, isKnownType, itemTypeInfo, typeLike } from './types';
import { checkUnique, workspaceFolders } from './repo-checks';
import { ReadOptions, RepoFile, RepoItem, RepositoryScan } from './repo-item';
import { byCodePoint, isBinary, lineOf, parseJson } from './repo-text';

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

function rel(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/');
}

async function isFile(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}
