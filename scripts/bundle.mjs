// Builds the committed bundles with esbuild: dist/index.js (Action, task and CLI) with its named chunks in
// dist/chunks/, and dist/simulator.js (the Fabric simulator, a bundle of its own that a deploy never loads).
// ESM, minified, with source maps into src/; dist/licenses.txt lists what is bundled. The output depends
// only on the sources and node_modules, so a stale dist/ shows up as a diff (`npm run check:dist`).
//   node scripts/bundle.mjs [outDir] [--analyze] [--no-minify]
// --analyze prints what weighs what in each chunk; --no-minify gives readable code for a profile.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkNames, keepSourceMappings, renameReferences, weights } from './bundle/chunks.mjs';
import { licenseText } from './bundle/licenses.mjs';
import {
  inlineRelativeDynamicImports,
  lazyBuiltins,
  preferEsmBuilds,
  slimUndici,
  stubUnused,
} from './bundle/plugins.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const analyze = args.includes('--analyze');
const outArg = args.find((a) => !a.startsWith('--'));
const out = outArg ? path.resolve(outArg) : path.join(root, 'dist');
const DIST = path.join(root, 'dist'); // paths inside the bundles (source maps) are computed from here
const CHUNKS = 'chunks';
// node-forge (PFX certificates only) is a CommonJS file of its own beside the chunks: the Settings phase
// needs it synchronously, which a dynamic-import chunk cannot give.
const FORGE = 'node-forge.cjs';

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: DIST,
  write: false,
  metafile: true,
  minify: !args.includes('--no-minify'),
  // Class and function names survive minification: error names and messages stay readable.
  keepNames: true,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none', // collected into licenses.txt instead
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node built-ins; an ES module has none of its own.
  banner: {
    js: "import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);",
  },
};

const plugins = (o) => [
  stubUnused(o),
  slimUndici(root, o),
  lazyBuiltins(o),
  preferEsmBuilds(),
  inlineRelativeDynamicImports(),
];

const builds = {
  index: await esbuild.build({
    ...common,
    entryPoints: { index: 'src/index.ts', post: 'src/post.ts' },
    // src/identity/forge.ts requires it synchronously, from the chunk it lands in (asserted below).
    define: { FD_NODE_FORGE: JSON.stringify(`./${FORGE}`) },
    splitting: true,
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    entryNames: '[name]',
    plugins: plugins({ mustMatch: true }),
  }),
  'node-forge': await esbuild.build({
    ...common,
    entryPoints: { [`${CHUNKS}/node-forge`]: 'node-forge' },
    format: 'cjs',
    banner: {},
    outExtension: { '.js': '.cjs' },
    plugins: [],
  }),
  simulator: await esbuild.build({
    ...common,
    entryPoints: { simulator: 'src/simulator/main.ts' },
    plugins: plugins({ mustMatch: false }),
  }),
};

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, CHUNKS), { recursive: true });
const written = [];
const forgeUser = Object.entries(builds.index.metafile.outputs).find(
  ([, o]) => o.inputs['src/identity/forge.ts'],
)?.[0];
if (path.dirname(forgeUser ?? '') !== path.join(path.relative(root, DIST), CHUNKS))
  throw new Error(`src/identity/forge.ts must land in dist/${CHUNKS}/ (beside ${FORGE}), not ${forgeUser}`);
for (const [name, result] of Object.entries(builds)) {
  const names = name === 'index' ? chunkNames(result.metafile, CHUNKS) : new Map();
  const files = new Map(result.outputFiles.map((f) => [path.relative(DIST, f.path), f.text]));
  for (const [rel, text] of files) {
    if (!/\.c?js$/.test(rel)) continue;
    const map = keepSourceMappings(JSON.parse(files.get(`${rel}.map`)));
    const code = renameReferences(text, map, names);
    const target = path.join(path.dirname(rel), names.get(path.basename(rel)) ?? path.basename(rel));
    writeFileSync(path.join(out, target), code);
    writeFileSync(path.join(out, `${target}.map`), JSON.stringify(map) + '\n');
    written.push([
      target,
      Buffer.byteLength(code),
      result.metafile.outputs[path.relative(root, path.join(DIST, rel))],
    ]);
  }
}
// dist/ is ESM like the sources.
writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
writeFileSync(
  path.join(out, 'licenses.txt'),
  licenseText(root, Object.fromEntries(Object.entries(builds).map(([n, r]) => [n, r.metafile]))),
);

written.sort((a, b) => b[1] - a[1]);
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(
  `bundled into ${path.relative(root, out) || '.'}: ${written.length} files, ${kb(written.reduce((s, w) => s + w[1], 0))} of JavaScript`,
);
if (analyze) {
  for (const [file, bytes, meta] of written) {
    console.log(`${kb(bytes).padStart(8)}  ${file}`);
    for (const [label, b] of weights(meta).slice(0, 6)) console.log(`${kb(b).padStart(18)}  ${label}`);
  }
}
