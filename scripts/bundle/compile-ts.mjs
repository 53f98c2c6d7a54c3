// Compiles one TypeScript entry (and what it imports) into a single ES module in `outDir`, for scripts
// that run project code without a TS runner (metadata, benchmarks). Returns the file's path.
import * as esbuild from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export async function compileTs(root, entry, outDir) {
  const outfile = path.join(outDir, 'index.js');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // CommonJS dependencies call require() for Node built-ins; an ES module has none of its own.
    banner: {
      js: "import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);",
    },
  });
  writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}\n');
  return outfile;
}
