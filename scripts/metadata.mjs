// Regenerates action.yml, the task's task.json and vss-extension.json from the input catalog
// (src/settings/inputs.ts) and VERSION (src/version.ts). `--check` only reports stale files (exit 1).
// There is no TS runner in the project, so the generator is compiled with esbuild into a temp dir first.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileTs } from './bundle/compile-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'metadata-'));
try {
  const entry = await compileTs(root, 'src/hosts/metadata.ts', tmp);
  const m = await import(pathToFileURL(entry).href);
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, text] of m.metadataFiles()) {
    const target = path.join(root, file);
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {}
    if (current === text) continue;
    if (check) {
      console.error(`${file} is out of date: run npm run metadata`);
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
