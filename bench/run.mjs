// `npm run bench`: compiles bench/runner.ts (and what it imports from src/) with esbuild into a temp
// dir, then runs it as plain ESM. Arguments go to the runner, e.g.
//   npm run bench -- --scale 0.05 --items 500 --sweep 4,8,16,32 --max-parallel 16 --only generated
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTs } from '../scripts/bundle/compile-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-build-'));
try {
  const entry = await compileTs(root, 'bench/runner.ts', out);
  const r = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
