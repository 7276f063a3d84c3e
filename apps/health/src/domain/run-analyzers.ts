import type { CheckResult, HealthScope, HealthStatus } from '@swarmops/contracts';
import type { Analyzer, AnalyzerContext } from './analyzer.js';
import { inScope, resolveScope } from './scope.js';
import type { ResolvedScope } from './scope.js';
import type { ClusterSnapshot } from './snapshot.js';
import { verdictOf } from './verdict.js';

/** The result of running the analyzers over one snapshot. */
export interface AnalysisResult {
  scope: ResolvedScope;
  status: HealthStatus;
  checks: CheckResult[];
}

/**
 * Runs every analyzer over the snapshot and keeps the results of the scope. An analyzer that throws yields a
 * `warn` naming it (a bug in one analyzer must not hide the others). For a node, service or stack scope, each
 * analyzer of that kind that found nothing about a target subject adds an `ok` line for it.
 */
export function runAnalyzers(
  analyzers: readonly Analyzer[],
  snapshot: ClusterSnapshot,
  ctx: AnalyzerContext,
  request: { scope: HealthScope; target?: string | undefined },
): AnalysisResult {
  const scope = resolveScope(snapshot, request.scope, request.target);
  const checks: CheckResult[] = [];
  for (const analyzer of analyzers) {
    const results = safely(analyzer, snapshot, ctx).filter((check) => inScope(scope, check));
    checks.push(...results, ...okLines(analyzer, scope, results));
  }
  return { scope, status: verdictOf(checks), checks };
}

function safely(analyzer: Analyzer, snapshot: ClusterSnapshot, ctx: AnalyzerContext): CheckResult[] {
  try {
    return analyzer.analyze(snapshot, ctx);
  } catch (error) {
    return [
      {
        id: analyzer.id,
        status: 'warn',
        severity: 'low',
        subject: 'cluster',
        message: `the ${analyzer.id} analyzer could not run: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'report this as a Swarmops bug with the health service log',
      },
    ];
  }
}

function okLines(analyzer: Analyzer, scope: ResolvedScope, results: CheckResult[]): CheckResult[] {
  if (scope.subjects === null) return [];
  const kind = scope.scope === 'node' ? 'node' : 'service';
  if (analyzer.subjectKind !== kind) return [];
  const seen = new Set(results.map((r) => r.subject));
  return [...scope.subjects]
    .filter((subject) => subject.startsWith(`${kind}:`) && !seen.has(subject))
    .map((subject) => ({
      id: analyzer.id,
      status: 'ok' as const,
      severity: 'info' as const,
      subject,
      message: `no problem found: ${analyzer.title}`,
    }));
}
