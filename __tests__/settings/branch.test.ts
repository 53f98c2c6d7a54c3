/** Branch slugs, workspace names from the template, and the marker branch-down and branch-gc trust. */
import {
  branchDescription,
  branchWorkspaceName,
  detectBranch,
  parseBranchList,
  readMarker,
  slugBranch,
} from '../../src/settings/branch';

test.each([
  ['feature/New KPIs', 'feature-New-KPIs'],
  ['bugfix/JIRA-123_fix', 'bugfix-JIRA-123_fix'],
  ['users/ana/été', 'users-ana-ete'],
  ['--weird//name--', 'weird-name'],
  ['🎉/x', 'x'],
  ['///', ''],
])('slug of %s is %s', (branch, slug) => expect(slugBranch(branch)).toBe(slug));

test('the workspace name fills the template and stays within the length, unique by hash', () => {
  expect(branchWorkspaceName('{{ base }}-{{ branch }}', 'sales', 'feature/x')).toBe('sales-feature-x');
  expect(branchWorkspaceName('pr {{branch}} ({{base}})', 'sales', 'a/b')).toBe('pr a-b (sales)');
  const a = branchWorkspaceName('{{ base }}-{{ branch }}', 'sales', `feature/${'a'.repeat(300)}-one`, 40);
  const b = branchWorkspaceName('{{ base }}-{{ branch }}', 'sales', `feature/${'a'.repeat(300)}-two`, 40);
  expect(a.length).toBeLessThanOrEqual(40);
  expect(a).not.toBe(b);
  expect(a).toMatch(/^sales-feature-a+-[0-9a-f]{6}$/);
  expect(() => branchWorkspaceName('{{ base }}-{{ branch }}', 'sales', '///')).toThrow(
    /has no letter or digit/,
  );
});

test('the marker round-trips, whatever the branch holds', () => {
  const m = { branch: 'feat/a;b]c', base: 'sales', created: new Date('2026-01-02T03:04:05Z') };
  expect(readMarker(`hello ${branchDescription(m)} bye`)).toEqual(m);
  expect(readMarker('no marker here')).toBeUndefined();
  expect(readMarker('[fabric-deploy:branch=x;base=y;created=not-a-date]')).toBeUndefined();
});

test('the branch comes from the input, else the pull request, else the pushed branch', () => {
  expect(detectBranch(' refs/heads/a ', {})).toBe('a');
  expect(detectBranch(undefined, { GITHUB_HEAD_REF: 'feature/pr', GITHUB_REF_NAME: '7/merge' })).toBe(
    'feature/pr',
  );
  expect(
    detectBranch(undefined, { GITHUB_HEAD_REF: '', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'dev' }),
  ).toBe('dev');
  expect(
    detectBranch(undefined, {
      SYSTEM_PULLREQUEST_SOURCEBRANCH: 'refs/heads/topic',
      BUILD_SOURCEBRANCH: 'refs/pull/1/merge',
    }),
  ).toBe('topic');
  expect(detectBranch(undefined, { BUILD_SOURCEBRANCH: 'refs/heads/main' })).toBe('main');
  expect(detectBranch(undefined, {})).toBeUndefined();
});

test('live branches: any separator, refs/heads/ and origin/ dropped', () => {
  expect(parseBranchList('main, refs/heads/a\norigin/b  c')).toEqual(['main', 'a', 'b', 'c']);
  expect(parseBranchList('  ')).toBeUndefined();
});
