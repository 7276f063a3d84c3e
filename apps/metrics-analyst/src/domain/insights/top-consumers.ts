import { InsightKind } from '@swarmops/contracts';
import {
  formatBytes,
  formatCores,
  formatPercent,
  evidenceValue,
  nodeSubject,
  serviceSubject,
} from './format.js';
import type { RankedInsight } from './ranked.js';
import { CONSUMER_SHARE, TOP_CONSUMERS, type Resource } from './thresholds.js';

export interface Consumption {
  /** A service name or a node hostname. */
  readonly name: string;
  /** The service's stack ("" for none); absent for a node. */
  readonly stack?: string;
  /** Mean over the window: cores or bytes. */
  readonly mean: number;
  /** Highest sample in the window. */
  readonly peak: number;
}

export interface TopConsumersInput {
  readonly resource: Resource;
  readonly scope: 'service' | 'node';
  readonly consumers: readonly Consumption[];
  /** The cluster's schedulable cores or bytes (sum over nodes); null when unknown. */
  readonly capacity: number | null;
  readonly promql: readonly string[];
  readonly top?: number;
}

function severityOf(share: number | null): RankedInsight['insight']['severity'] {
  if (share === null) return 'info';
  if (share >= CONSUMER_SHARE.high) return 'high';
  if (share >= CONSUMER_SHARE.medium) return 'medium';
  if (share >= CONSUMER_SHARE.low) return 'low';
  return 'info';
}

/**
 * The heaviest consumers of one resource, ranked by their mean over the window (the burner first).
 * Severity by share of the cluster's capacity; score = share (or share of the total used when the
 * capacity is unknown), so the ranking among them survives the overall sort.
 */
export function buildTopConsumers(input: TopConsumersInput): RankedInsight[] {
  const sorted = input.consumers.filter((c) => c.mean > 0).sort((a, b) => b.mean - a.mean);
  const total = sorted.reduce((sum, c) => sum + c.mean, 0);
  const format = input.resource === 'cpu' ? formatCores : formatBytes;
  const what = input.resource === 'cpu' ? 'CPU' : 'memory';
  return sorted.slice(0, input.top ?? TOP_CONSUMERS).map((c, index) => {
    const share = input.capacity ? c.mean / input.capacity : null;
    const subject = input.scope === 'service' ? serviceSubject(c.name) : nodeSubject(c.name);
    const ofCapacity = share === null ? '' : ` (${formatPercent(share)} of the cluster's capacity)`;
    return {
      score: share ?? c.mean / total,
      focus: [input.resource],
      insight: {
        kind: InsightKind.topConsumer,
        severity: severityOf(share),
        subject,
        summary:
          `${subject} is #${index + 1} by ${what}: ${format(c.mean)} on average over the window${ofCapacity},` +
          ` peak ${format(c.peak)}.`,
        evidence: {
          promql: [...input.promql],
          values: {
            rank: index + 1,
            ...(c.stack === undefined ? {} : { stack: c.stack }),
            [input.resource === 'cpu' ? 'meanCores' : 'meanBytes']: evidenceValue(c.mean),
            [input.resource === 'cpu' ? 'peakCores' : 'peakBytes']: evidenceValue(c.peak),
            shareOfCapacity: evidenceValue(share),
            shareOfUsage: evidenceValue(total > 0 ? c.mean / total : null),
          },
        },
        recommendation:
          input.scope === 'service'
            ? `Check that ${c.name}'s ${what} use is expected; if not, profile it or set a limit (get_service_usage ${c.name} suggests sizes).`
            : `Spread the heaviest services off ${c.name} (placement constraints or more nodes) if it stays this busy.`,
      },
    };
  });
}
