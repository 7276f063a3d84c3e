import { z } from 'zod';

/** What `status` shows about Prometheus: its version and how its scrape targets fare. */
export interface PrometheusFacts {
  readonly version: string;
  readonly targetsUp: number;
  readonly targetsTotal: number;
  /** Targets not scraped yet (health `unknown`): right after a start or reload. */
  readonly targetsPending: number;
  /** Every target whose last scrape failed, with Prometheus' error. */
  readonly down: readonly { readonly job: string; readonly instance: string; readonly error: string }[];
}

const BuildInfoSchema = z.object({ status: z.literal('success'), data: z.object({ version: z.string() }) });

const TargetsSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    activeTargets: z.array(
      z.object({
        labels: z.record(z.string(), z.string()),
        health: z.string(),
        lastError: z.string().optional(),
      }),
    ),
  }),
});

/** Combines the bodies of /api/v1/status/buildinfo and /api/v1/targets?state=active. */
export function parsePrometheusFacts(buildInfo: unknown, targets: unknown): PrometheusFacts {
  const version = BuildInfoSchema.parse(buildInfo).data.version;
  const active = TargetsSchema.parse(targets).data.activeTargets;
  const pending = active.filter((t) => t.health === 'unknown').length;
  const down = active
    .filter((t) => t.health !== 'up' && t.health !== 'unknown')
    .map((t) => ({
      job: t.labels.job ?? '?',
      instance: t.labels.instance ?? '?',
      error: t.lastError ? t.lastError : t.health,
    }));
  return {
    version,
    targetsUp: active.length - down.length - pending,
    targetsTotal: active.length,
    targetsPending: pending,
    down,
  };
}

/** The status row's detail, e.g. "prometheus 2.42.0, 5/7 targets up, 1 not scraped yet, down: inventory". */
export function describePrometheus(facts: PrometheusFacts): string {
  const parts = [`prometheus ${facts.version}, ${facts.targetsUp}/${facts.targetsTotal} targets up`];
  if (facts.targetsPending > 0) parts.push(`${facts.targetsPending} not scraped yet`);
  if (facts.down.length > 0) parts.push(`down: ${facts.down.map((d) => d.job).join(', ')}`);
  return parts.join(', ');
}
