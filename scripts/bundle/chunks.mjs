// Gives esbuild's chunks names that say what they hold and keeps each source map true to its file.
// esbuild names shared chunks `chunk-<hash>` and dynamic-import targets after their file (`index`, `esm`);
// here each becomes the package or source module that weighs most in it, without a hash, so a change in
// src/ rewrites only the chunks that hold it. Source maps keep only the mappings into src/: stack traces
// point at our code; frames inside a dependency stay on the bundled file (and the maps stay small).
import { decode, encode } from '@jridgewell/sourcemap-codec';
import path from 'node:path';

/** Modules whose package name says too little about the chunk they start. */
const LABELS = {
  'node_modules/undici/index.js': 'undici-fetch',
  'scripts/bundle/undici-slim.cjs': 'undici-api',
};

/** `node_modules/@azure/identity/dist/esm/index.js` → `azure-identity`; `src/hosts/github.ts` → `github`. */
export function moduleLabel(input) {
  if (LABELS[input]) return LABELS[input];
  const parts = input.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) {
    const scoped = parts[nm + 1]?.startsWith('@');
    return (scoped ? `${parts[nm + 1].slice(1)}-${parts[nm + 2]}` : parts[nm + 1]).toLowerCase();
  }
  if (input.startsWith('stub:')) return 'stub';
  return path.basename(input).replace(/\.[^.]+$/, '');
}

/** What weighs most in an output: `{ label: bytes }` by package (dependencies) or module (src/). */
export function weights(output) {
  const by = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const label = moduleLabel(input);
    by[label] = (by[label] ?? 0) + bytesInOutput;
  }
  return Object.entries(by).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * New names for every output under `chunks/`: dynamic-import targets after their module, shared chunks
 * after their heaviest package or module. The heaviest chunk gets the plain name; a lighter one that
 * would have the same gets `-entry` (a dynamic import's facade) or `-shared`. Deterministic: the order
 * depends only on the metafile.
 */
export function chunkNames(metafile, chunkDir) {
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const taken = new Set();
  const names = new Map();
  const outputs = Object.entries(metafile.outputs)
    .filter(([f]) => f.endsWith('.js') && path.basename(path.dirname(f)) === chunkDir)
    .map(([f, o]) => ({
      f,
      o,
      label: o.entryPoint ? moduleLabel(o.entryPoint) : (weights(o)[0]?.[0] ?? 'runtime'),
    }))
    .sort((a, b) => b.o.bytes - a.o.bytes || cmp(a.label, b.label) || cmp(a.f, b.f));
  for (const { f, o, label } of outputs) {
    let name = label;
    if (taken.has(name)) name = `${label}-${o.entryPoint ? 'entry' : 'shared'}`;
    for (let n = 2; taken.has(name); n++) name = `${label}-${n}`;
    taken.add(name);
    names.set(path.basename(f), `${name}.js`);
  }
  return names;
}

/**
 * Renames chunk references in one output's code (import specifiers, the sourceMappingURL comment) and
 * shifts the map's generated columns on each edited line by what the edit added or removed.
 */
export function renameReferences(code, map, names) {
  const re = /[A-Za-z0-9_$-]+-[A-Z0-9]{8}\.js/g;
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const edits = []; // [line, column, delta]
  let line = 0;
  const out = code.replace(re, (m, offset) => {
    const to = names.get(m);
    if (!to) return m;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    edits.push([line, offset - lineStarts[line], to.length - m.length]);
    return to;
  });
  if (map && edits.length) {
    const lines = decode(map.mappings);
    for (const [l, col, delta] of edits.reverse()) {
      for (const seg of lines[l] ?? []) if (seg[0] > col) seg[0] += delta;
    }
    map.mappings = encode(lines);
  }
  return out;
}

/**
 * Drops mappings into anything outside src/ (a segment with only a column ends the previous mapping, so a
 * dependency's code is never attributed to ours), then the unused sources and names.
 */
export function keepSourceMappings(
  map,
  keep = (source) => /(^|\/)src\//.test(source) && !source.includes('node_modules'),
) {
  const lines = decode(map.mappings);
  const sourceIndex = new Map();
  const nameIndex = new Map();
  const sources = [];
  const names = [];
  for (const segs of lines) {
    const kept = [];
    for (const seg of segs) {
      if (seg.length === 1 || !keep(map.sources[seg[1]])) {
        if (kept.length && kept[kept.length - 1].length > 1) kept.push([seg[0]]);
        continue;
      }
      const src = map.sources[seg[1]];
      if (!sourceIndex.has(src)) sourceIndex.set(src, sources.push(src) - 1);
      const next = [seg[0], sourceIndex.get(src), seg[2], seg[3]];
      if (seg.length === 5) {
        const name = map.names[seg[4]];
        if (!nameIndex.has(name)) nameIndex.set(name, names.push(name) - 1);
        next.push(nameIndex.get(name));
      }
      kept.push(next);
    }
    segs.length = 0;
    segs.push(...kept);
  }
  return { version: 3, sources, names, mappings: encode(lines) };
}
