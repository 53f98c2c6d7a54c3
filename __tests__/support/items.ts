import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors';

export { SHARED_SAMPLE as SAMPLE } from './paths';

/** A `.platform` in the Git-integration format. */
export function platform(
  type: string,
  displayName: string,
  logicalId: string,
  extra: Record<string, unknown> = {},
): string {
  return (
    JSON.stringify(
      {
        $schema:
          'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json',
        metadata: { type, displayName, ...extra },
        config: { version: '2.0', logicalId },
      },
      null,
      2,
    ) + '\n'
  );
}

const made: string[] = [];
// Registered in every test file that imports the helpers.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (path → content) under a new temporary directory and returns it. */
export function makeRepo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-items-'));
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** The UserError thrown by `fn` (sync or async); fails the test when nothing is thrown. */
export async function caught(fn: () => unknown): Promise<UserError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected an error, nothing was thrown');
}

/** Line (1-based) of the first line of `text` containing `needle`. */
export function lineContaining(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not in text`);
  return i + 1;
}

export function decode(payload: string): string {
  return Buffer.from(payload, 'base64').toString('utf8');
}
