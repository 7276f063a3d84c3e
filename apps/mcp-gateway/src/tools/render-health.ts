import type { CheckResult, HealthReport, HealthReportSummary } from '@swarmops/contracts';
import { MAX_TEXT_LINES, bound } from './render.js';

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;
const STATUS_RANK = { fail: 0, warn: 1, ok: 2 } as const;

/** Failing checks first, then warnings, each by severity; the order a person should read them in. */
export function worstFirst(checks: readonly CheckResult[]): CheckResult[] {
  return [...checks].sort(
    (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
}

/** `FAIL critical node.status node:w1: message (fix: ...)`. */
export function renderCheck(c: CheckResult): string {
  const fix = c.fix === undefined ? '' : ` (fix: ${c.fix})`;
  return `${c.status.toUpperCase()} ${c.severity} ${c.id} ${c.subject}: ${c.message}${fix}`;
}

function scopeOf(r: Pick<HealthReport, 'scope' | 'target'>): string {
  return r.target === null ? r.scope : `${r.scope} ${r.target}`;
}

/** `degraded: cluster, 40 ok / 1 warn / 0 fail (report <id>, checked <at>, 85 ms)`. */
export function reportHeadline(r: Omit<HealthReport, 'checks'>): string {
  const { ok, warn, fail } = r.counts;
  return (
    `${r.status}: ${scopeOf(r)}, ${ok} ok / ${warn} warn / ${fail} fail ` +
    `(report ${r.reportId}, ${r.trigger}, checked ${r.checkedAt}, ${Math.round(r.durationMs)} ms)`
  );
}

/** A report: the headline, then the problems worst first; the passing checks only as a count. */
export function renderReport(r: HealthReport, note?: string): string {
  const problems = worstFirst(r.checks.filter((c) => c.status !== 'ok'));
  const lines = [reportHeadline(r)];
  if (note !== undefined) lines.push(note);
  const shown = problems.slice(0, MAX_TEXT_LINES - 3);
  lines.push(...shown.map((c) => `- ${renderCheck(c)}`));
  if (problems.length > shown.length) {
    lines.push(`… ${problems.length - shown.length} more problems in structuredContent.checks`);
  }
  if (problems.length === 0) lines.push(`No problems: all ${r.checks.length} checks passed.`);
  else lines.push('Evidence of every check is in structuredContent.checks[].evidence.');
  return bound(lines.join('\n'));
}

/** One history line: the headline and the ids of its problems. */
export function renderSummaryLine(s: HealthReportSummary): string {
  const ids = [...new Set(worstFirst(s.problems).map((c) => `${c.id} ${c.subject}`))];
  const shown = ids.slice(0, 3).join(', ');
  const more = ids.length > 3 ? `, +${ids.length - 3} more` : '';
  return `${reportHeadline(s)}${ids.length === 0 ? '' : `; problems: ${shown}${more}`}`;
}
