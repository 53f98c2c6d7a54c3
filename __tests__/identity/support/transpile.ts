import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from '../../support/paths';

/**
 * Transpiles src/identity and what it imports into .tmp/ (inside the project, so bare imports still
 * resolve from node_modules) as plain ESM, for drivers run in a child `node`: the only way to give
 * the real code a fresh process environment (NODE_EXTRA_CA_CERTS, PATH for `az`).
 */
export function transpileIdentity(): string {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const out = mkdtempSync(path.join(ROOT, '.tmp', 'identity-'));
  const files = [
    ...readdirSync(path.join(ROOT, 'src', 'identity'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/identity/${f}`),
    'src/errors.ts',
    'src/hosts/inputs.ts',
  ];
  for (const rel of files) {
    const source = readFileSync(path.join(ROOT, rel), 'utf8');
    let js = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
    }).outputText;
    // Node's ESM loader needs the extension the bundler-style sources leave out.
    js = js.replace(
      /(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g,
      (_m, pre: string, q: string, spec: string) => `${pre}${q}${spec}.js${q}`,
    );
    const target = path.join(out, rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  return out;
}
