// Writes the generated reference docs (docs/reference/*.md, docs/fabric-deploy.schema.json) from their
// sources in src/ (src/docs/index.ts). `--check` only reports stale files (exit 1); `--out DIR` writes
// into DIR instead of the repository (the docs test compares that with the committed files).
// There is no TS runner in the project, so the generator is compiled with esbuild into a temp dir first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFiles } from './bundle/generated-files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
await generateFiles({
  root,
  entry: 'src/docs/index.ts',
  exportName: 'referenceFiles',
  out: outAt >= 0 ? path.resolve(args[outAt + 1] ?? '') : root,
  check: args.includes('--check'),
  script: 'docs',
});
