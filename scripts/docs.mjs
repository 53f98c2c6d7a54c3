// Writes the generated reference docs (docs/reference/*.md, docs/fabric-deploy.schema.json) from their
// sources in src/ (src/docs/index.ts). `--check` only reports stale files (exit 1); `--out DIR` writes
// into DIR instead of the repository (the docs test compares that with the committed files).
// There is no TS runner in the project, so the generator is compiled with esbuild into a temp dir first.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileTs } from './bundle/compile-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? path.resolve(args[outAt + 1] ?? '') : root;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'docs-'));
try {
  const entry = await compileTs(root, 'src/docs/index.ts', tmp);
  const { referenceFiles } = await import(pathToFileURL(entry).href);
  let stale = false;
  for (const [file, text] of referenceFiles()) {
    const target = path.join(out, file);
    let current;
    try {
      current = readFileSync(target, 'utf8');
    } catch {}
    if (current === text) continue;
    if (check) {
      console.error(`${file} is out of date: run npm run docs`);
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
