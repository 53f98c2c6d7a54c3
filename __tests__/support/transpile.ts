import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './paths';

/**
 * Transpiles source folders and files (relative to the project) into .tmp/ inside the project, so bare
 * imports still resolve from node_modules, as plain ESM: a child `node` then runs the real code with a
 * fresh environment (NODE_EXTRA_CA_CERTS, PATH), module cache (start-up cost) and event loop.
 */
export function transpileSources(name: string, sources: string[]): { dir: string; cleanup: () => void } {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const out = mkdtempSync(path.join(ROOT, '.tmp', `${name}-`));
  const files = sources.flatMap((rel) =>
    rel.endsWith('.ts')
      ? [rel]
      : readdirSync(path.join(ROOT, rel))
          .filter((f) => f.endsWith('.ts'))
          .map((f) => `${rel}/${f}`),
  );
  for (const rel of files) {
    let js = ts.transpileModule(readFileSync(path.join(ROOT, rel), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
    }).outputText;
    // Node's ESM loader needs the extensions the bundler-style sources leave out.
    js = js.replace(
      /(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g,
      (_m, pre: string, q: string, spec: string) => `${pre}${q}${spec}.js${q}`,
    );
    const target = path.join(out, rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  return { dir: out, cleanup: () => rmSync(out, { recursive: true, force: true }) };
}
