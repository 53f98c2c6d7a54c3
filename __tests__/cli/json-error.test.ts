/**
 * `--json` on a failed run carries the error that ended it as data (code, message, file, line, col,
 * field), and a bad GUID is named by the value written, never by the schema's pattern. Through the bundle.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBundle } from '../support/bundle';

test('plan --json with a workspace id that is not a GUID: error {code, message, file, line, col, field}, exit 1', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-json-error-'));
  mkdirSync(path.join(dir, 'items'));
  const config = path.join(dir, 'fabric-deploy.yml');
  writeFileSync(config, 'version: 1\nworkspace:\n  id: not-a-guid\nitems:\n  directory: items\n');
  const r = await runBundle(['plan', '--config', config, '--json', '--auth', 'token', '--token', 'x'], {});
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout) as { result: string; error: Record<string, unknown> };
  expect(out.result).toBe('failed');
  expect(out.error).toEqual({
    code: 'ConfigError',
    message:
      "workspace.id 'not-a-guid' is not a GUID [workspace.id] — fix: use a GUID like 00000000-0000-0000-0000-000000000000",
    file: config,
    line: 3,
    col: 7,
    field: 'workspace.id',
  });
  expect(r.stderr).not.toContain('must match pattern');
});
