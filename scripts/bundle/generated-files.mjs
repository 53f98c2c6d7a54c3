// Runs a TypeScript generator of committed files (compiled by compileTs into a temp dir) and writes what
// it returns, or with `check` only reports the stale ones (exit code 1, naming the npm script to run).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileTs } from './compile-ts.mjs';

/**
 * `entry` (repo-relative .ts) exports `exportName`: () => Iterable<[file, text]>. Files are written
 * under `out` (the repository root by default).
 */
export async function generateFiles({ root, entry, exportName, out = root, check = false, script }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'generated-'));
  try {
    const mod = await import(pathToFileURL(await compileTs(root, entry, tmp)).href);
    let stale = false;
    for (const [file, text] of mod[exportName]()) {
      const target = path.join(out, file);
      let current;
      try {
        current = readFileSync(target, 'utf8');
      } catch {}
      if (current === text) continue;
      if (check) {
        console.error(`${file} is out of date: run npm run ${script}`);
        stale = true;
      } else {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text);
        console.log(`wrote ${file}`);
      }
    }
    if (stale) process.exitCode = 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
