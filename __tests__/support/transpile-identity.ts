import { transpileSources } from './transpile';

/** src/identity and what it imports, as plain ESM for drivers run in a child `node`. */
export function transpileIdentity(): string {
  return transpileSources('identity', [
    'src/identity',
    'src/errors.ts',
    'src/guid.ts',
    'src/settings/inputs.ts',
    'src/settings/auth.ts',
  ]).dir;
}
