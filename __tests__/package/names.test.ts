/**
 * One name and one owner everywhere a user copies from: package.json, action.yml, the docs and examples
 * (`uses: fabric-deploy/fabric-deploy@v0`, `FabricDeploy@0`, `npx fabric-deploy`), never a placeholder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PUBLISHER, REPOSITORY, REPOSITORY_URL } from '../../src/hosts/metadata';
import { VERSION } from '../../src/version';
import { ROOT } from '../support/paths';
import { textFiles } from '../support/files';

const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json'));
const major = VERSION.split('.')[0];
const docs = textFiles(ROOT, /\.(md|ya?ml)$/);

test('package.json names the repository, its issues and its home page', () => {
  expect(REPOSITORY).toBe('fabric-deploy/fabric-deploy');
  expect(pkg.name).toBe('fabric-deploy');
  expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY_URL}.git` });
  expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
  expect(pkg.bugs).toEqual({ url: `${REPOSITORY_URL}/issues` });
  expect(pkg.author).toContain(PUBLISHER);
  expect(parse(read('action.yml')).author).toBe(PUBLISHER);
});

test('MIT everywhere: LICENSE, package.json', () => {
  expect(pkg.license).toBe('MIT');
  expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  expect(read('LICENSE')).toContain('Permission is hereby granted, free of charge');
});

test('every `uses:` of the Action names the one owner and a major tag, commit or exact version', () => {
  expect(docs.length).toBeGreaterThan(5);
  const uses: string[] = [];
  for (const f of docs) {
    for (const m of f.text.matchAll(/uses:\s*(\S+\/fabric-deploy)(@\S+)?/g)) {
      uses.push(`${f.path}: ${m[0]}`);
      expect(`${f.path}: ${m[1]}`).toBe(`${f.path}: ${REPOSITORY}`);
      expect(`${f.path}: ${m[2]}`).toMatch(/@(v\d+|v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
    }
  }
  expect(uses.length).toBeGreaterThan(2);
});

test('no placeholder or other owner is left in the docs', () => {
  for (const f of docs) {
    expect(`${f.path}: ${f.text}`).not.toMatch(/<owner>\/fabric-deploy|OWNER\/fabric-deploy/i);
    for (const m of f.text.matchAll(/(?<![\w.-])([\w.<>-]+)\/fabric-deploy@/g))
      expect(`${f.path}: ${m[1]}`).toBe(`${f.path}: ${PUBLISHER}`);
  }
});

test('Azure Pipelines steps use FabricDeploy@<current major>', () => {
  let seen = 0;
  for (const f of docs)
    for (const m of f.text.matchAll(/task:\s*FabricDeploy@(\S+)/g)) {
      seen++;
      expect(`${f.path}: ${m[1]}`).toBe(`${f.path}: ${major}`);
    }
  expect(seen).toBeGreaterThan(1);
});

test('the README shows the published forms for all three hosts', () => {
  const readme = read('README.md');
  expect(readme).toContain(`uses: ${REPOSITORY}@v${major}`);
  expect(readme).toContain(`task: FabricDeploy@${major}`);
  expect(readme).toMatch(/^npx fabric-deploy deploy /m);
});
