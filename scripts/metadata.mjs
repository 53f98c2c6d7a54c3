// Regenerates action.yml, the task's task.json and vss-extension.json from the input catalog
// (src/settings/inputs.ts) and VERSION (src/version.ts). `--check` only reports stale files (exit 1).
// There is no TS runner in the project, so the generator is compiled with esbuild into a temp dir first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFiles } from './bundle/generated-files.mjs';

await generateFiles({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  entry: 'src/hosts/metadata.ts',
  exportName: 'metadataFiles',
  check: process.argv.includes('--check'),
  script: 'metadata',
});
