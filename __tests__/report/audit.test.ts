import { expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuditLog, readAuditLog } from '../../src/report/audit';

const SECRET = 'cl13nt-s3cret-value';

test('one JSON line per change: identity, action, target, ids before/after, time, result, request id; never a secret', async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'audit-')), 'nested');
  const audit = await createAuditLog({
    dir,
    deploymentId: 'dep-1',
    scrub: (s) => s.split(SECRET).join('***'),
  });
  expect(audit.path).toBe(path.join(dir, 'fabric-deploy-audit-dep-1.jsonl'));
  expect(readFileSync(audit.path!, 'utf8')).toBe('');
  audit.setIdentity({
    objectId: 'oid-1',
    appId: 'app-1',
    tenantId: 'tid-1',
    ...({ token: 'eyJ.x.y' } as object),
  });
  audit.record({
    action: 'item.create',
    target: { type: 'Notebook', name: 'nb', id: 'item-1' },
    after: {
      folder: 'etl',
      logicalId: 'l-1',
      clientSecret: SECRET,
      nested: { password: 'x', note: `uses ${SECRET}` },
    },
    result: 'succeeded',
    requestId: 'req-1',
  });
  audit.record({
    action: 'workspace.update',
    target: { type: 'Workspace', id: 'ws-1' },
    before: { capacityId: 'cap-a' },
    after: { capacityId: 'cap-b' },
    result: 'failed',
    error: `update workspace failed: Forbidden (HTTP 403): no [requestId 0a1b2c3d-0000-4000-8000-000000000009] https://x/y?sig=${SECRET}`,
  });
  audit.record({
    action: 'rollback.item.create',
    target: { type: 'Notebook', id: 'item-1' },
    result: 'succeeded',
    identity: { objectId: 'other' },
    time: '2026-01-01T00:00:00.000Z',
  });
  await audit.close();

  const text = readFileSync(audit.path!, 'utf8');
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain('eyJ');
  const lines = readAuditLog(audit.path!);
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatchObject({
    seq: 1,
    deploymentId: 'dep-1',
    identity: { objectId: 'oid-1', appId: 'app-1', tenantId: 'tid-1' },
    action: 'item.create',
    target: { type: 'Notebook', name: 'nb', id: 'item-1' },
    after: {
      folder: 'etl',
      logicalId: 'l-1',
      clientSecret: '[redacted]',
      nested: { password: '[redacted]', note: 'uses ***' },
    },
    result: 'succeeded',
    requestId: 'req-1',
  });
  expect(Object.keys(lines[0]!.identity!)).toEqual(['objectId', 'appId', 'tenantId']);
  expect(new Date(lines[0]!.time).getTime()).toBeGreaterThan(Date.now() - 60_000);
  expect(lines[1]).toMatchObject({
    seq: 2,
    before: { capacityId: 'cap-a' },
    after: { capacityId: 'cap-b' },
    result: 'failed',
    requestId: '0a1b2c3d-0000-4000-8000-000000000009',
  });
  expect(lines[1]!.error).toContain('https://x/y');
  expect(lines[1]!.error).not.toContain('sig=');
  expect(lines[2]).toMatchObject({
    seq: 3,
    identity: { objectId: 'other' },
    time: '2026-01-01T00:00:00.000Z',
  });
});

test('an unwritable directory: no path, a warning, and recording never throws', async () => {
  const warnings: string[] = [];
  const log = {
    info() {},
    warn: (m: string) => warnings.push(m),
    error() {},
    debug() {},
    group: <T>(_n: string, fn: () => Promise<T>) => fn(),
  };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-')), 'f');
  (await import('node:fs')).writeFileSync(file, 'a file, not a directory');
  const audit = await createAuditLog({ dir: path.join(file, 'sub'), deploymentId: 'd', log });
  expect(audit.path).toBeUndefined();
  expect(() =>
    audit.record({ action: 'item.create', target: { type: 'Notebook' }, result: 'succeeded' }),
  ).not.toThrow();
  expect(warnings.join('\n')).toMatch(/cannot be written/);
});
