import { InsightKind, type Insight } from '@swarmops/contracts';
import {
  evidenceValue,
  formatBytes,
  formatCores,
  formatPercent,
  nodeSubject,
  serviceSubject,
} from './format.js';
import type { RankedInsight } from './ranked.js';
import { SATURATION, type Resource } from './thresholds.js';

export interface ServiceSaturationInput {
  readonly service: string;
  readonly stack: string;
  readonly resource: Resource;
  /** Usage now (the mean of the window's recent quarter), summed over the service's tasks. */
  readonly usage: number;
  readonly running: number | null;
  /** Per task; null when not set. */
  readonly limit: number | null;
  readonly reservation: number | null;
  readonly promql: readonly string[];
}

function bySaturation(ratio: number, resource: Resource): Insight['severity'] | null {
  // Memory at its limit is an OOM kill; CPU at its limit is throttling: one step less severe.
  if (ratio >= SATURATION.critical) return resource === 'memory' ? 'critical' : 'high';
  if (ratio >= SATURATION.high) return 'high';
  if (ratio >= SATURATION.medium) return 'medium';
  return null;
}

/**
 * A service near its limits: usage ÷ (per-task limit × running tasks) ≥ 0.8 (medium), ≥ 0.9 (high),
 * ≥ 0.97 (critical for memory, high for CPU). Without a near limit, usage above the reservation × running
 * is `low`: the scheduler places by reservations and overcommits the node.
 */
export function buildServiceSaturation(input: ServiceSaturationInput): RankedInsight[] {
  const running = input.running ?? 0;
  if (running <= 0) return [];
  const format = input.resource === 'cpu' ? formatCores : formatBytes;
  const what = input.resource === 'cpu' ? 'CPU' : 'memory';
  const subject = serviceSubject(input.service);
  const values = {
    stack: input.stack,
    usage: evidenceValue(input.usage),
    runningTasks: running,
    limitPerTask: evidenceValue(input.limit),
    reservationPerTask: evidenceValue(input.reservation),
  };
  const base = { kind: InsightKind.saturation, subject } as const;
  if (input.limit !== null && input.limit > 0) {
    const ratio = input.usage / (input.limit * running);
    const severity = bySaturation(ratio, input.resource);
    if (severity !== null) {
      return [
        {
          score: ratio,
          focus: [input.resource, 'capacity'],
          insight: {
            ...base,
            severity,
            summary: `${subject} uses ${format(input.usage)} of ${what}, ${formatPercent(ratio)} of its limit (${format(input.limit)} × ${running} tasks).`,
            evidence: {
              promql: [...input.promql],
              values: { ...values, ratioToLimit: evidenceValue(ratio) },
            },
            recommendation:
              input.resource === 'memory'
                ? `Raise ${input.service}'s memory limit (its stack's compose file, then deploy_stack) or scale out (scale_service) before tasks are OOM-killed.`
                : `Raise ${input.service}'s CPU limit or scale out; it is being throttled.`,
          },
        },
      ];
    }
  }
  if (input.reservation !== null && input.reservation > 0) {
    const ratio = input.usage / (input.reservation * running);
    if (ratio > 1) {
      return [
        {
          score: Math.min(ratio / 10, 1),
          focus: [input.resource, 'capacity'],
          insight: {
            ...base,
            severity: 'low',
            summary: `${subject} uses ${format(input.usage)} of ${what}, ${formatPercent(ratio)} of what it reserves (${format(input.reservation)} × ${running} tasks).`,
            evidence: {
              promql: [...input.promql],
              values: { ...values, ratioToReservation: evidenceValue(ratio) },
            },
            recommendation: `Raise ${input.service}'s ${what} reservation so the scheduler does not overcommit its nodes.`,
          },
        },
      ];
    }
  }
  return [];
}

export interface NodeSaturationInput {
  readonly node: string;
  readonly resource: Resource;
  /** The node's usage now: the sum of the services' containers on it. */
  readonly usage: number;
  readonly capacity: number;
  readonly promql: readonly string[];
}

/** A node whose services' usage reaches ≥ 0.8 (medium), ≥ 0.9 (high), ≥ 0.97 of its capacity. */
export function buildNodeSaturation(input: NodeSaturationInput): RankedInsight[] {
  if (input.capacity <= 0) return [];
  const ratio = input.usage / input.capacity;
  const severity = bySaturation(ratio, input.resource);
  if (severity === null) return [];
  const format = input.resource === 'cpu' ? formatCores : formatBytes;
  const subject = nodeSubject(input.node);
  return [
    {
      score: ratio,
      focus: [input.resource, 'capacity'],
      insight: {
        kind: InsightKind.saturation,
        severity,
        subject,
        summary: `${subject}'s services use ${format(input.usage)}, ${formatPercent(ratio)} of its ${format(input.capacity)}.`,
        evidence: {
          promql: [...input.promql],
          values: {
            usage: evidenceValue(input.usage),
            capacity: evidenceValue(input.capacity),
            ratio: evidenceValue(ratio),
          },
        },
        recommendation: `Move services off ${input.node} (placement constraints), add a node, or lower limits of its heaviest services.`,
      },
    },
  ];
}
