import { describe, expect, it } from 'vitest';
import { formatCounts, parseVitestReport, sumCounts } from './test-results.js';

describe('test result summing', () => {
  it('reads the counts from a vitest JSON report', () => {
    const text = JSON.stringify({
      numPassedTests: 7,
      numFailedTests: 1,
      numFailedTestSuites: 1,
      testResults: [],
    });
    expect(parseVitestReport(text)).toEqual({ passed: 7, failed: 1 });
  });

  it('counts a suite that failed to load as a failure', () => {
    const text = JSON.stringify({ numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 2 });
    expect(parseVitestReport(text)).toEqual({ passed: 3, failed: 2 });
  });

  it('rejects a report without counts', () => {
    expect(() => parseVitestReport('{}')).toThrow();
  });

  it('sums packages and prints the closing line', () => {
    const total = sumCounts([
      { passed: 3, failed: 0 },
      { passed: 10, failed: 2 },
    ]);
    expect(formatCounts(total)).toBe('13 passed, 2 failed');
    expect(formatCounts(sumCounts([]))).toBe('0 passed, 0 failed');
  });
});
