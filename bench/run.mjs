// `npm run bench`: compiles bench/runner.ts (and what it imports from src/) with ncc into a temp
// dir, then runs it as plain ESM. Arguments go to the runner, e.g.
//   npm run bench -- --scale 0.05 --items 500 --sweep 4,8,16,32 --max-parallel 16 --only generated
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const out = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-build-'));
try {
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      path.join(root, 'bench', 'runner.ts'),
      '-o',
      out,
      '--quiet',
      '--target',
      'es2022',
      '--transpile-only',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type: 'module' }));
  const entry = readdirSync(out).find((f) => f === 'index.js' || f === 'index.mjs');
  if (!entry) throw new Error(`ncc produced no entry in ${out}`);
  const r = spawnSync(process.execPath, [path.join(out, entry), ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
