/**
 * Principals from `workspace.principalsFile` (the seeds' `principal_id,role,description,type` file).
 * Parsing and line-numbered validation are src/settings/principals.ts; this adds where each entry
 * was written, so a failed Graph look-up points at its line.
 */
import path from 'node:path';
import type { RunSettings } from '../settings/settings';
import { readPrincipalsFile } from '../settings/principals';
import { readTextFile } from '../settings/text-file';
import type { PrincipalEntry } from './workspace';

export async function filePrincipals(s: RunSettings): Promise<PrincipalEntry[]> {
  const rel = s.config.workspace.principalsFile;
  if (!rel) return [];
  const file = path.resolve(s.loaded.dir, rel);
  const entries = readPrincipalsFile(file, s.loaded.locate(['workspace', 'principalsFile']));
  const lines = readTextFile(file, 'principals file').split(/\r?\n/);
  return entries.map((p) => {
    const key = (p.id ?? p.upn ?? '').toLowerCase();
    const i = lines.findIndex(
      (l) => l.trim().toLowerCase().startsWith(key) || l.toLowerCase().includes(`"${key}"`),
    );
    return { ...p, source: 'file' as const, location: { file, line: i >= 0 ? i + 1 : undefined } };
  });
}
