// `npm run check:dist`: dist/ is committed, so rebuilding it from the sources into a temp dir must give
// exactly the committed files. Lists what differs and exits 1 (then run `npm run bundle` and commit dist/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const fresh = mkdtempSync(path.join(os.tmpdir(), 'dist-check-'));
try {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs'), fresh], {
    cwd: root,
    stdio: 'pipe',
  });
  const want = files(fresh);
  const have = new Set(files(dist));
  const problems = [
    ...want.filter((f) => !have.has(f)).map((f) => `missing: dist/${f}`),
    ...[...have].filter((f) => !want.includes(f)).map((f) => `not built any more: dist/${f}`),
    ...want
      .filter(
        (f) => have.has(f) && !readFileSync(path.join(fresh, f)).equals(readFileSync(path.join(dist, f))),
      )
      .map((f) => `stale: dist/${f}`),
  ];
  if (problems.length) {
    console.error(
      `dist/ does not match the sources:\n  ${problems.join('\n  ')}\nrun \`npm run bundle\` and commit dist/`,
    );
    process.exitCode = 1;
  } else console.log(`dist/ matches the sources (${want.length} files)`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
