import { InsightKind, type Insight } from '@swarmops/contracts';
import { evidenceValue, serviceSubject } from './format.js';
import type { RankedInsight } from './ranked.js';
import { RESTARTS } from './thresholds.js';

export interface ErrorsInput {
  readonly service: string;
  readonly stack: string;
  /** Task failures (the exporter's restarts counter) in the window. */
  readonly restarts: number | null;
  /** Tasks in state failed or rejected now (in the service's task history). */
  readonly failedTasks: number | null;
  readonly desired: number | null;
  readonly running: number | null;
  readonly promql: readonly string[];
}

const ORDER: Insight['severity'][] = ['info', 'low', 'medium', 'high', 'critical'];
const worst = (a: Insight['severity'], b: Insight['severity']): Insight['severity'] =>
  ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;

/**
 * Restarts in the window (≥ 10 high, ≥ 3 medium, ≥ 1 low) and fewer running tasks than desired (none
 * running: high; some: medium), as one insight per service with the worse severity.
 */
export function buildErrors(input: ErrorsInput): RankedInsight[] {
  const restarts = Math.round(input.restarts ?? 0);
  const desired = input.desired ?? 0;
  const running = input.running ?? 0;
  const short = input.desired !== null && input.running !== null && running < desired;
  if (restarts < 1 && !short) return [];
  let severity: Insight['severity'] = 'info';
  const parts: string[] = [];
  if (restarts >= 1) {
    severity = restarts >= RESTARTS.high ? 'high' : restarts >= RESTARTS.medium ? 'medium' : 'low';
    parts.push(`${restarts} task failure${restarts === 1 ? '' : 's'} in the window`);
  }
  if (short) {
    severity = worst(severity, running === 0 ? 'high' : 'medium');
    parts.push(`${running} of ${desired} tasks running`);
  }
  const subject = serviceSubject(input.service);
  return [
    {
      score: Math.min((restarts + (desired - running)) / 100, 1),
      focus: ['errors'],
      insight: {
        kind: InsightKind.errors,
        severity,
        subject,
        summary: `${subject}: ${parts.join('; ')}.`,
        evidence: {
          promql: [...input.promql],
          values: {
            stack: input.stack,
            restartsInWindow: restarts,
            failedTasks: evidenceValue(input.failedTasks),
            desiredReplicas: evidenceValue(input.desired),
            runningReplicas: evidenceValue(input.running),
          },
        },
        recommendation: `Read why the tasks fail: diagnose_service ${input.service} (task errors, exit codes, logs); fix the image, command or resources, or roll back.`,
      },
    },
  ];
}
