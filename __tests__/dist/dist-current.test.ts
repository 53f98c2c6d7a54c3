/** dist/ is committed: rebuilding it from the sources must give exactly the committed files. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, ROOT } from '../support/paths';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

it('dist/ matches a fresh `npm run bundle`', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'dist-check-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), out], { cwd: ROOT, stdio: 'pipe' });
  const fresh = files(out);
  expect(files(DIST)).toEqual(fresh);
  const stale = fresh.filter((f) => !readFileSync(path.join(out, f)).equals(readFileSync(path.join(DIST, f))));
  // A non-empty list means: run `npm run bundle` and commit dist/.
  expect(stale).toEqual([]);
}, 180_000);
