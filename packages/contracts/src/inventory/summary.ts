import { z } from 'zod';
import { TimestampSchema } from '../model/common.js';

/** The answer to `cluster.summary`. */
export const ClusterSummarySchema = z.object({
  clusterId: z.string().min(1),
  counts: z.object({
    nodes: z.number().int().nonnegative(),
    managers: z.number().int().nonnegative(),
    workers: z.number().int().nonnegative(),
    nodesReady: z.number().int().nonnegative(),
    services: z.number().int().nonnegative(),
    tasks: z.number().int().nonnegative(),
    tasksRunning: z.number().int().nonnegative(),
    stacks: z.number().int().nonnegative(),
    networks: z.number().int().nonnegative(),
    configs: z.number().int().nonnegative(),
    secrets: z.number().int().nonnegative(),
  }),
  managers: z.array(
    z.object({
      id: z.string(),
      hostname: z.string(),
      leader: z.boolean(),
      reachability: z.enum(['reachable', 'unreachable', 'unknown']),
      status: z.enum(['ready', 'down', 'unknown']),
    }),
  ),
  leader: z.object({ id: z.string(), hostname: z.string() }).nullable(),
  /** Engine version to number of nodes running it. */
  engineVersions: z.record(z.string(), z.number().int().nonnegative()),
  /** When inventory last completed a full reconcile, and last applied a change. */
  lastReconcileAt: TimestampSchema.nullable(),
  lastChangeAt: TimestampSchema.nullable(),
});
export type ClusterSummary = z.infer<typeof ClusterSummarySchema>;
