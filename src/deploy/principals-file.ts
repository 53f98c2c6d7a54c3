/**
 * Principals from `workspace.principalsFile` (the seeds' `principal_id,role,description,type` file).
 * Parsing and line-numbered validation belong to src/settings/principals.ts; this adapts its entries.
 */
import path from 'node:path';
import { ConfigError } from '../errors';
import type { RunSettings } from '../settings/settings';
import type { PrincipalEntry } from './workspace';

export async function filePrincipals(s: RunSettings): Promise<PrincipalEntry[]> {
  const rel = s.config.workspace.principalsFile;
  if (!rel) return [];
  const file = path.resolve(s.loaded.dir, rel);
  throw new ConfigError(`principals file '${file}' cannot be read yet`, {
    location: s.loaded.locate(['workspace', 'principalsFile']),
    field: 'workspace.principalsFile',
    fix: 'list the principals under workspace.principals for now',
  });
}
