import { InsightKind, type DeploymentSummary } from '@swarmops/contracts';
import { meanShift } from '../math/shift.js';
import type { Points } from '../math/trend.js';
import { evidenceValue, formatBytes, formatCores, formatPercent, serviceSubject } from './format.js';
import type { RankedInsight } from './ranked.js';
import {
  ABSOLUTE_FLOOR,
  CORRELATION_RELATIVE,
  CORRELATION_RELATIVE_HIGH,
  MIN_POINTS,
  type Resource,
} from './thresholds.js';

export interface ServiceResourceSeries {
  readonly service: string;
  readonly stack: string;
  readonly resource: Resource;
  readonly points: Points;
  readonly promql: string;
}

export interface CorrelationInput {
  readonly deployment: Pick<
    DeploymentSummary,
    'id' | 'stack' | 'version' | 'kind' | 'startedAt' | 'finishedAt' | 'status'
  >;
  /** Series of the deployment's stack's services. */
  readonly series: readonly ServiceResourceSeries[];
  /** Δ: the mean before is over [start − Δ, start], the mean after over [finish, finish + Δ]. */
  readonly spanSeconds: number;
}

/**
 * For one finished deployment, each of its stack's services whose CPU or memory mean moved by ≥ 50 %
 * (relative; any rise from 0) and by more than the absolute floor between [start − Δ, start] and
 * [finish, finish + Δ]. A rise of ≥ 2× (or from 0) is `high`, a smaller rise `medium`, a drop `info`.
 */
export function buildCorrelations(input: CorrelationInput): RankedInsight[] {
  const d = input.deployment;
  if (d.finishedAt === null) return [];
  const start = Date.parse(d.startedAt) / 1000;
  const finish = Date.parse(d.finishedAt) / 1000;
  const out: RankedInsight[] = [];
  for (const s of input.series) {
    if (s.stack !== d.stack) continue;
    const shift = meanShift(
      s.points,
      { from: start - input.spanSeconds, to: start },
      { from: finish, to: finish + input.spanSeconds },
      MIN_POINTS,
    );
    if (shift === null || Math.abs(shift.absolute) < ABSOLUTE_FLOOR[s.resource]) continue;
    if (shift.relative !== null && Math.abs(shift.relative) < CORRELATION_RELATIVE) continue;
    const rise = shift.absolute > 0;
    const big = shift.relative === null || shift.relative >= CORRELATION_RELATIVE_HIGH;
    const format = s.resource === 'cpu' ? formatCores : formatBytes;
    const what = s.resource === 'cpu' ? 'CPU' : 'memory';
    const subject = serviceSubject(s.service);
    const change =
      shift.relative === null
        ? 'from nothing'
        : shift.relative >= 9
          ? `×${(1 + shift.relative).toFixed(0)}`
          : `${shift.relative > 0 ? '+' : ''}${formatPercent(shift.relative)}`;
    out.push({
      score: shift.relative === null ? 1 : Math.min(Math.abs(shift.relative) / 10, 1),
      focus: [s.resource],
      insight: {
        kind: InsightKind.correlation,
        severity: !rise ? 'info' : big ? 'high' : 'medium',
        subject,
        summary: `${subject}'s ${what} went from ${format(shift.before)} to ${format(shift.after)} (${change}) after deployment ${d.id} of stack ${d.stack} version ${d.version} (${d.kind}, started ${d.startedAt}, finished ${d.finishedAt}).`,
        evidence: {
          promql: [s.promql],
          deploymentId: d.id,
          values: {
            stack: d.stack,
            version: d.version,
            deploymentKind: d.kind,
            deploymentStatus: d.status,
            startedAt: d.startedAt,
            finishedAt: d.finishedAt,
            before: evidenceValue(shift.before),
            after: evidenceValue(shift.after),
            relativeChange: evidenceValue(shift.relative),
            spanSeconds: input.spanSeconds,
          },
        },
        recommendation: rise
          ? `Compare stack ${d.stack} version ${d.version} with the version before it (get_deployment ${d.id}); roll back (rollback_stack ${d.stack}) if the rise is not intended.`
          : `Nothing to do if the drop is intended by version ${d.version}; check ${s.service} still serves.`,
      },
    });
  }
  return out;
}
