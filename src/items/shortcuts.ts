/**
 * A Lakehouse's `shortcuts.metadata.json` (what Fabric Git integration exports): a list of OneLake
 * shortcuts `{name, path, target}`, read as fabric-cicd reads it (after parameter.yml, logical ids and
 * workspace ids are applied to the text), each with the line it was written at.
 */
import path from 'node:path';
import { ConfigError, type SourceLocation } from '../errors';
import type { Shortcut } from '../fabric/types';
import { isRecord } from './json';
import { parseJson } from './repo-text';

export const SHORTCUTS_FILE = 'shortcuts.metadata.json';

/** A Lakehouse folder's shortcuts file, if it has one (no other type has shortcuts). */
export function shortcutsFile<F extends { path: string }>(item: {
  type: string;
  files: readonly F[];
}): F | undefined {
  return item.type === 'Lakehouse' ? item.files.find((f) => f.path === SHORTCUTS_FILE) : undefined;
}

export interface ShortcutEntry {
  shortcut: Shortcut;
  /** Where the entry's `name` is written in the repository's file. */
  at: SourceLocation;
}

/** `/Tables/dbo/` → `Tables/dbo`: fabric-cicd's files have a leading slash, the service answers without. */
export function shortcutPath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
}

/** Identity of a shortcut in its lakehouse: path and name (as fabric-cicd keys them), without case. */
export function shortcutKey(s: Pick<Shortcut, 'path' | 'name'>): string {
  return `${shortcutPath(s.path)}/${s.name}`.toLowerCase();
}

/** The OneLake target of a shortcut, when it has one. */
export function oneLakeTarget(
  s: Shortcut,
): { workspaceId: string; itemId: string; path: string } | undefined {
  const o = s.target.oneLake;
  if (!isRecord(o)) return undefined;
  return {
    workspaceId: String(o.workspaceId ?? ''),
    itemId: String(o.itemId ?? ''),
    path: String(o.path ?? ''),
  };
}

/**
 * The target as the service stores it, for comparing: `type`, and the kind's own fields (fabric-cicd's
 * `artifactType` is not kept; ids and the OneLake path without case).
 */
export function targetDigest(s: Shortcut): string {
  const t = s.target;
  const one = oneLakeTarget(s);
  if (one)
    return JSON.stringify([
      'OneLake',
      one.workspaceId.toLowerCase(),
      one.itemId.toLowerCase(),
      shortcutPath(one.path).toLowerCase(),
      isRecord(t.oneLake) ? (t.oneLake.connectionId ?? null) : null,
    ]);
  const kind = Object.keys(t).find((k) => k !== 'type' && isRecord(t[k]));
  return JSON.stringify([String(t.type ?? kind ?? ''), kind ? sorted(t[kind]) : null]);
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (!isRecord(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .filter((k) => v[k] !== null && v[k] !== undefined)
      .sort()
      .map((k) => [k, sorted(v[k])]),
  );
}

/** What a shortcut is sent as: path without its leading slash, the target as written. */
export function shortcutBody(s: Shortcut): Shortcut {
  return { path: shortcutPath(s.path), name: s.name, target: s.target };
}

/**
 * The shortcuts of `text` (the file after parameter.yml and the id rewrites), each located in `raw` (the
 * file as written). A file that is not a list of `{name, path, target}` is an error at its line.
 */
export function parseShortcuts(text: string, file: string, raw = text): ShortcutEntry[] {
  const fix = `${SHORTCUTS_FILE} is a JSON list of {"name", "path", "target"} as Fabric Git integration exports it`;
  const json = parseJson(text, file, fix);
  if (json === null) return [];
  if (!Array.isArray(json))
    throw new ConfigError(`${path.basename(file)} must be a JSON list of shortcuts`, {
      location: { file, line: 1 },
      field: 'shortcuts',
      fix,
    });
  let from = 0;
  return json.map((s, i) => {
    const name = isRecord(s) && typeof s.name === 'string' ? s.name : undefined;
    const found = name === undefined ? -1 : findName(raw, name, from);
    if (found >= 0) from = found + 1;
    const at: SourceLocation = { file, line: found >= 0 ? raw.slice(0, found).split('\n').length : 1 };
    if (
      !isRecord(s) ||
      !name?.trim() ||
      typeof s.path !== 'string' ||
      !isRecord(s.target) ||
      Object.keys(s.target).length === 0
    )
      throw new ConfigError(
        `${path.basename(file)}: shortcut ${i + 1}${name ? ` '${name}'` : ''} needs a name, a path (under Files or Tables) and a target`,
        { location: at, field: `shortcuts[${i}]`, fix },
      );
    return { shortcut: { name, path: s.path, target: s.target }, at };
  });
}

function findName(raw: string, name: string, from: number): number {
  const re = new RegExp(`"name"\\s*:\\s*${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
  re.lastIndex = from;
  const m = re.exec(raw);
  return m ? m.index : -1;
}
