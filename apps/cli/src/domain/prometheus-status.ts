import { z } from 'zod';

/** What `status` shows about Prometheus: its version and how its scrape targets fare. */
export interface PrometheusFacts {
  readonly version: string;
  readonly targetsUp: number;
  readonly targetsTotal: number;
  /** Every target that is not up, with Prometheus' last scrape error. */
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
  const down = active
    .filter((t) => t.health !== 'up')
    .map((t) => ({
      job: t.labels.job ?? '?',
      instance: t.labels.instance ?? '?',
      error: t.lastError ? t.lastError : t.health,
    }));
  return { version, targetsUp: active.length - down.length, targetsTotal: active.length, down };
}

/** The status row's detail, e.g. "prometheus 2.42.0, 6/7 targets up (down: inventory)". */
export function describePrometheus(facts: PrometheusFacts): string {
  const base = `prometheus ${facts.version}, ${facts.targetsUp}/${facts.targetsTotal} targets up`;
  if (facts.down.length === 0) return base;
  return `${base} (down: ${facts.down.map((d) => d.job).join(', ')})`;
}
