import type { Insight } from '@swarmops/contracts';

/** The `focus` values an insight answers to (besides `all`). */
export type InsightFocus = 'cpu' | 'memory' | 'errors' | 'capacity';

/**
 * An insight with what ranks it: `score` is its magnitude (a share of capacity, a ratio, a z-score scaled
 * to 0..1 — comparable within a severity), `focus` the focus values that include it.
 */
export interface RankedInsight {
  readonly insight: Insight;
  readonly score: number;
  readonly focus: readonly InsightFocus[];
}

const SEVERITY_ORDER: Record<Insight['severity'], number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

/**
 * Where an insight stands before severity: `high` and `critical` findings always lead; then, when the
 * question is about one resource (focus cpu or memory), the top consumers of it — "what is eating the CPU"
 * is answered by who eats it, before lesser findings such as a missing limit; then everything else.
 */
function tier(r: RankedInsight, focus: InsightFocus | 'all'): number {
  if (SEVERITY_ORDER[r.insight.severity] >= SEVERITY_ORDER.high) return 0;
  if ((focus === 'cpu' || focus === 'memory') && r.insight.kind === 'top-consumer') return 1;
  return 2;
}

/** By tier, then most severe first, then the larger magnitude, then by subject so equal inputs give one order. */
export function rankInsights(
  insights: readonly RankedInsight[],
  options: { readonly focus: InsightFocus | 'all'; readonly limit: number },
): Insight[] {
  return insights
    .filter((r) => options.focus === 'all' || r.focus.includes(options.focus))
    .sort(
      (a, b) =>
        tier(a, options.focus) - tier(b, options.focus) ||
        SEVERITY_ORDER[b.insight.severity] - SEVERITY_ORDER[a.insight.severity] ||
        b.score - a.score ||
        a.insight.subject.localeCompare(b.insight.subject) ||
        a.insight.kind.localeCompare(b.insight.kind),
    )
    .slice(0, options.limit)
    .map((r) => r.insight);
}
