import { expect, test } from '@jest/globals';
import type { DeploymentReport, ItemOutcome } from '../../src/report/model';
import { COMMENT_LIMIT_CHARS, renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/report/summary';

const WS = '8d3c1e52-9b0a-4f7e-a1c2-3d4e5f607182';

function report(over: Partial<DeploymentReport> = {}): DeploymentReport {
  return {
    command: 'deploy',
    deploymentId: 'a1b2c3d4-0000-4000-8000-000000000001',
    environment: 'prod',
    result: 'succeeded',
    workspace: { id: WS, name: 'sales-prod' },
    items: [
      {
        name: 'nb_load',
        type: 'Notebook',
        action: 'create',
        status: 'done',
        durationMs: 1200,
        retries: 2,
        folder: 'etl',
      },
      { name: 'Sales', type: 'SemanticModel', action: 'update', status: 'done', durationMs: 13_100 },
      { name: 'lh', type: 'Lakehouse', action: 'unchanged', status: 'done' },
    ],
    startedAt: new Date('2026-01-02T03:04:05Z'),
    durationMs: 125_000,
    warnings: ['capacity F2 is small'],
    hasChanges: true,
    ...over,
  };
}

test('headline with result and environment, facts with workspace link and duration', () => {
  const md = renderSummary(report());
  expect(md.split('\n')[0]).toBe('## ✅ Fabric Deployment succeeded — prod');
  expect(md).toContain(`| Workspace | [sales-prod](https://app.fabric.microsoft.com/groups/${WS}) |`);
  expect(md).toContain('| Environment | prod |');
  expect(md).toContain('| Duration | 2 min 5 s |');
  expect(md).toContain('| Items | 1 create, 1 update, 1 unchanged |');
  expect(md).toContain('| Retries | 2 |');
  expect(md).toContain('| Deployment id | `a1b2c3d4-0000-4000-8000-000000000001` |');
});

test('a row per item with action, status, duration and retries', () => {
  const md = renderSummary(report());
  expect(md).toContain('| etl/nb_load | Notebook | create | done | 1.2 s | 2 |');
  expect(md).toContain('| Sales | SemanticModel | update | done | 13.1 s | 0 |');
  expect(md).toContain('| lh | Lakehouse | unchanged | done |  | 0 |');
  // Few warnings: all in the callout at the top, no list repeating them at the end.
  expect(md).toContain('> [!WARNING]\n> **1 warning**\n>\n> - capacity F2 is small\n');
  expect(md).not.toContain('### Warnings');
});

test('failed and rolled back: the error, the rollback section and item errors; cells cannot break the table', () => {
  const md = renderSummary(
    report({
      result: 'rolled-back',
      error: 'create item failed: InternalServerError',
      items: [
        {
          name: 'a|b\nc',
          type: 'Notebook',
          action: 'create',
          status: 'failed',
          error: 'boom | <b>bad</b>\nline2',
        },
      ],
      rollback: [
        { action: 'item.create', target: "Notebook 'nb_n1'", result: 'undone' },
        { action: 'item.update', target: "Notebook 'nb_a'", result: 'failed', error: 'EntityNotFound' },
      ],
      leftInPlace: undefined,
    }),
  );
  expect(md.split('\n')[0]).toBe('## ↩️ Fabric Deployment failed and was rolled back — prod');
  expect(md).toContain('> **Error:** create item failed: InternalServerError');
  expect(md).toContain('| a\\|b c | Notebook | create | failed: boom \\| &lt;b&gt;bad&lt;/b&gt; line2 |');
  expect(md).toContain('### Rollback');
  expect(md).toContain("| Notebook 'nb_n1' | item.create | undone |");
  expect(md).toContain("| Notebook 'nb_a' | item.update | failed: EntityNotFound |");
});

test('sections from the deploy (plan, principals, Git) are kept; a Rollback section is not doubled', () => {
  const md = renderSummary(
    report({
      result: 'rolled-back',
      rollback: [{ action: 'item.create', target: 'x', result: 'undone' }],
      sections: [
        { title: 'Principals', markdown: '| Principal | Role |\n|---|---|\n| Fabric Admins | Admin |' },
        { title: 'Git', markdown: 'Connected to contoso/sales@main' },
        { title: 'Rollback', markdown: 'custom rollback table' },
      ],
    }),
  );
  expect(md).toContain('### Principals');
  expect(md).toContain('### Git\n\nConnected to contoso/sales@main');
  expect(md.match(/### Rollback/g)).toHaveLength(1);
  expect(md).toContain('custom rollback table');
});

test('left in place when rollback is off', () => {
  const md = renderSummary(report({ result: 'failed', leftInPlace: ["item.create Notebook 'nb_n1'"] }));
  expect(md.split('\n')[0]).toBe('## ❌ Fabric Deployment failed — prod');
  expect(md).toContain("### Left in place (rollback is off)\n\n- item.create Notebook 'nb_n1'");
});

test('a plan says whether it has changes', () => {
  expect(renderSummary(report({ command: 'plan', hasChanges: false })).split('\n')[0]).toBe(
    '## 📋 Fabric Plan no changes — prod',
  );
  expect(renderSummary(report({ command: 'plan', hasChanges: true })).split('\n')[0]).toBe(
    '## 📋 Fabric Plan has changes — prod',
  );
});

test('a huge run stays under the 1 MiB limit: item rows are cut with a note, the rest is kept', () => {
  const items: ItemOutcome[] = [];
  for (let i = 0; i < 20_000; i++)
    items.push({
      name: `notebook_${i}_${'x'.repeat(40)}`,
      type: 'Notebook',
      action: 'update',
      status: 'done',
      durationMs: 1000 + i,
      retries: i % 3,
    });
  const md = renderSummary(report({ items, sections: [{ title: 'Git', markdown: 'committed abc123' }] }));
  const size = Buffer.byteLength(md);
  expect(size).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
  expect(size).toBeGreaterThan(SUMMARY_LIMIT_BYTES * 0.9);
  expect(md).toMatch(
    /Summary cut to stay under the 1 MiB job-summary limit: \d+ of 20000 item rows are not shown/,
  );
  expect(md).toContain('| notebook_0_');
  // What comes after the items (sections) survives the cut, and the warnings at the top.
  expect(md).toContain('### Git');
  expect(md).toContain('> - capacity F2 is small');
});

test('sections alone over the limit: cut at a line end with a note', () => {
  const big = Array.from({ length: 30_000 }, (_, i) => `- line ${i} ${'é'.repeat(30)}`).join('\n');
  const md = renderSummary(report({ sections: [{ title: 'Plan', markdown: big }] }));
  expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
  expect(md).toMatch(/Summary cut to stay under the 1 MiB job-summary limit/);
  expect(md).not.toContain('\uFFFD');
});

test('no secret: the scrub option masks registered values everywhere', () => {
  const secret = 'p@ss-w0rd-9876';
  const md = renderSummary(report({ error: `login failed with ${secret}`, warnings: [`value ${secret}`] }), {
    scrub: (s) => s.split(secret).join('***'),
  });
  expect(md).not.toContain(secret);
  expect(md).toContain('login failed with ***');
});

test('a plan over the comment limit: the longest diff is cut with a note, the small one and every row kept', () => {
  const big = Array.from({ length: 20_000 }, (_, i) => `+line ${i}`).join('\n');
  const item = (name: string, diff: string) => ({
    key: `Notebook/${name}`,
    type: 'Notebook',
    name,
    action: 'update' as const,
    folder: '',
    dependsOn: [],
    reason: 'changed notebook-content.py',
    parts: [{ path: 'notebook-content.py', change: 'change' as const, added: 1, removed: 0, diff }],
  });
  const plan = {
    version: 1 as const,
    deploymentId: 'd',
    createdAt: '2026-01-02T03:04:05Z',
    workspace: { action: 'unchanged' as const, name: 'ws' },
    principals: [],
    folders: [],
    items: [item('nb_big', big), item('nb_small', '@@ -1,1 +1,1 @@\n-old\n+new small line')],
    unmanaged: [],
    hasChanges: true,
    counts: { update: 2 },
    warnings: [],
  };
  const md = renderSummary(report({ command: 'plan', plan, items: [] }), { limitChars: COMMENT_LIMIT_CHARS });
  expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS);
  expect(md).toContain('+new small line');
  expect(md).toContain('| nb_big | Notebook | update |');
  expect(md).toMatch(/… \d+ more lines of this diff not shown \(the 65,536-character comment limit\)/);
  expect(renderSummary(report({ command: 'plan', plan, items: [] }), { limitBytes: Infinity })).toContain(
    '+line 19999',
  );
});
