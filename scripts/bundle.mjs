// Builds the two committed bundles with @vercel/ncc: dist/index.js (Action, task and CLI) and
// dist/simulator.js (the Fabric simulator). Output is deterministic so a stale dist/ shows up as a diff.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const bundles = [
  { entry: 'src/index.ts', name: 'index' },
  { entry: 'src/simulator/main.ts', name: 'simulator' },
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const b of bundles) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `ncc-${b.name}-`));
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      path.join(root, b.entry),
      '-o',
      tmp,
      '--license',
      'licenses.txt',
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
  // ncc names the entry index.js and chunks <n>.index.js; give each bundle its own folder for chunks.
  for (const f of readdirSync(tmp)) {
    const target = f === 'index.js' ? `${b.name}.js` : f === 'licenses.txt' ? `${b.name}.licenses.txt` : f;
    cpSync(path.join(tmp, f), path.join(out, target), { recursive: true });
  }
  rmSync(tmp, { recursive: true, force: true });
}
// dist/ is ESM like the sources.
writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
if (!existsSync(path.join(out, 'index.js'))) throw new Error('bundle failed: no dist/index.js');
console.log(`bundled into ${path.relative(root, out) || '.'}: ${readdirSync(out).join(', ')}`);
