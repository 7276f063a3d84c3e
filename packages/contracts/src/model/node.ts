import { z } from 'zod';
import { DockerIdSchema, LabelsSchema } from './common.js';

export const NodeRole = { manager: 'manager', worker: 'worker' } as const;
export type NodeRole = (typeof NodeRole)[keyof typeof NodeRole];

export const NodeStatus = { ready: 'ready', down: 'down', unknown: 'unknown' } as const;
export type NodeStatus = (typeof NodeStatus)[keyof typeof NodeStatus];

export const NodeAvailability = { active: 'active', pause: 'pause', drain: 'drain' } as const;
export type NodeAvailability = (typeof NodeAvailability)[keyof typeof NodeAvailability];

/** What a node offers the scheduler: CPUs (may be fractional) and memory in bytes. */
export const NodeResourcesSchema = z.object({
  cpus: z.number().nonnegative(),
  memoryBytes: z.number().int().nonnegative(),
});

/**
 * A swarm node as the platform reports it. The seed fields are required; the rest is added by
 * inventory when known. Loose, so newer producers can add fields without breaking older readers.
 */
export const NodeSchema = z.looseObject({
  id: DockerIdSchema,
  hostname: z.string().min(1),
  ipAddress: z.string().min(1),
  role: z.enum(['manager', 'worker']),
  status: z.enum(['ready', 'down', 'unknown']),
  availability: z.enum(['active', 'pause', 'drain']),
  resources: NodeResourcesSchema,
  labels: LabelsSchema,
  engineVersion: z.string().optional(),
  leader: z.boolean().optional(),
  reachability: z.enum(['reachable', 'unreachable', 'unknown']).optional(),
});
export type Node = z.infer<typeof NodeSchema>;
