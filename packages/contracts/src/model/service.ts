import { z } from 'zod';
import { DockerIdSchema, LabelsSchema } from './common.js';

/** A port a service publishes. `mode: host` binds on each node; `ingress` uses the routing mesh. */
export const PublishedPortSchema = z.object({
  target: z.number().int().min(1).max(65535),
  published: z.number().int().min(1).max(65535).optional(),
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
  mode: z.enum(['ingress', 'host']).default('ingress'),
});

/** Desired and running replica counts. For a global service `desired` is the number of eligible nodes. */
export const ReplicaCountsSchema = z.object({
  desired: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
});

/** A swarm service as the platform reports it. */
export const ServiceSchema = z.looseObject({
  id: DockerIdSchema,
  name: z.string().min(1),
  image: z.string().min(1),
  mode: z.enum(['replicated', 'global']),
  replicas: ReplicaCountsSchema,
  constraints: z.array(z.string()),
  labels: LabelsSchema,
  stack: z.string().min(1).nullable(),
  ports: z.array(PublishedPortSchema).optional(),
  networks: z.array(z.string()).optional(),
  updateStatus: z
    .object({ state: z.string(), message: z.string().optional(), startedAt: z.string().optional() })
    .nullable()
    .optional(),
});
export type Service = z.infer<typeof ServiceSchema>;
