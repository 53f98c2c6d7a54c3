import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Never part of what users read: installed, generated or scratch folders. */
const SKIP = new Set(['node_modules', '.git', '.tmp', 'dist', 'coverage', 'results', '.mirror']);

/** The repository's files whose name matches `pattern`, relative to `root`, with their text. */
export function textFiles(root: string, pattern: RegExp): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(e.name)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (pattern.test(e.name))
        out.push({ path: path.relative(root, full), text: readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
