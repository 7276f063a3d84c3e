import { z } from 'zod';

/** Counts of tests across every package's vitest JSON report. */
export interface TestCounts {
  readonly passed: number;
  readonly failed: number;
}

// The part of vitest's JSON reporter output we read (jest-compatible field names).
const VitestReportSchema = z.object({
  numPassedTests: z.number().int().nonnegative(),
  numFailedTests: z.number().int().nonnegative(),
  numFailedTestSuites: z.number().int().nonnegative().optional(),
});

/**
 * Parses one vitest JSON report. A suite that failed to load (syntax error, failing hook)
 * has no failed test of its own; it is counted as one failure so it can never pass silently.
 */
export function parseVitestReport(text: string): TestCounts {
  const report = VitestReportSchema.parse(JSON.parse(text));
  const brokenSuites = report.numFailedTests === 0 ? (report.numFailedTestSuites ?? 0) : 0;
  return { passed: report.numPassedTests, failed: report.numFailedTests + brokenSuites };
}

export function sumCounts(counts: readonly TestCounts[]): TestCounts {
  return counts.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }), {
    passed: 0,
    failed: 0,
  });
}

/** The closing line of `swarmops test`, exactly `N passed, N failed`. */
export function formatCounts(counts: TestCounts): string {
  return `${counts.passed} passed, ${counts.failed} failed`;
}
