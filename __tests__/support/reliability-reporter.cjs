/**
 * Prints the reliability suite's tally at the end of a jest run (issue #11, item 11): the tests of
 * __tests__/reliability/ and of every file whose header names issue #11, with how many passed.
 */
const { readFileSync } = require('node:fs');
const path = require('node:path');

const isReliability = (file) => {
  if (file.split(path.sep).includes('reliability')) return true;
  try {
    return /issue #11\b/.test(readFileSync(file, 'utf8').slice(0, 1500));
  } catch {
    return false;
  }
};

class ReliabilityReporter {
  onRunComplete(_contexts, results) {
    const files = results.testResults.filter((r) => isReliability(r.testFilePath));
    if (!files.length) return;
    const count = (k) => files.reduce((n, f) => n + f[k], 0);
    const passed = count('numPassingTests');
    const failed = count('numFailingTests') + files.filter((f) => f.testExecError).length;
    const cases = passed + failed + count('numPendingTests');
    process.stderr.write(
      `\nReliability suite: ${cases} cases in ${files.length} files, ${passed} passed, ${failed} failed` +
        `${count('numPendingTests') ? `, ${count('numPendingTests')} skipped` : ''}` +
        ' (sweeps print their own per-case tally above; docs/reliability.md)\n',
    );
  }
}
module.exports = ReliabilityReporter;
