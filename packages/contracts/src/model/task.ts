import { z } from 'zod';
import { DockerIdSchema, TimestampSchema } from './common.js';

/** Swarm task states, in lifecycle order. */
export const TaskStates = [
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
] as const;
export const TaskStateSchema = z.enum(TaskStates);
export type TaskState = z.infer<typeof TaskStateSchema>;

/** One task of a service: a slot (replicated) or a node (global) with its observed and desired state. */
export const TaskSchema = z.looseObject({
  id: DockerIdSchema,
  serviceId: DockerIdSchema,
  serviceName: z.string().min(1).optional(),
  nodeId: DockerIdSchema.nullable(),
  slot: z.number().int().positive().nullable(),
  state: TaskStateSchema,
  desiredState: TaskStateSchema,
  message: z.string(),
  error: z.string().nullable(),
  containerId: z.string().nullable(),
  updatedAt: TimestampSchema,
  /** The image the task runs (`Spec.ContainerSpec.Image`, with `@sha256:` when resolved); absent in older rows. */
  image: z.string().min(1).optional(),
});
export type Task = z.infer<typeof TaskSchema>;
