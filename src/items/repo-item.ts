/**
 * An item folder as the repository scan reads it: its files, its `.platform` facts, byPath references.
 */
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
