// Regenerates action.yml and task.json from the input catalog (src/hosts/inputs.ts).
// There is no TS runner in the project, so the generator is compiled with ncc into a temp dir first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'metadata-'));
try {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      path.join(root, 'src/hosts/metadata.ts'),
      '-o',
      tmp,
      '--quiet',
      '--transpile-only',
    ],
    { stdio: 'inherit' },
  );
  writeFileSync(path.join(tmp, 'package.json'), '{"type":"module"}');
  const m = await import(pathToFileURL(path.join(tmp, 'index.js')).href);
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, text] of [
    ['action.yml', m.actionYaml()],
    ['task.json', m.taskJson()],
  ]) {
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
      writeFileSync(target, text);
      console.log(`wrote ${file}`);
    }
  }
  if (stale) process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
