import { z } from 'zod';
import { TimestampSchema } from '../model/common.js';
import { ServiceSchema } from '../model/service.js';
import { TaskSchema } from '../model/task.js';

/** A recent task failure of a service: which task, where, and what Docker said. */
export const TaskErrorSchema = z.object({
  taskId: z.string(),
  nodeId: z.string().nullable(),
  state: z.string(),
  error: z.string(),
  at: TimestampSchema,
});
export type TaskError = z.infer<typeof TaskErrorSchema>;

/** The answer to `services.get`: the service, its Docker spec, its tasks and its last task errors. */
export const ServiceDetailSchema = z.object({
  service: ServiceSchema,
  /** The Docker ServiceSpec as the engine holds it (secret values are never part of a spec). */
  spec: z.record(z.string(), z.unknown()),
  tasks: z.object({
    desired: z.number().int().nonnegative(),
    running: z.number().int().nonnegative(),
    items: z.array(TaskSchema),
  }),
  lastTaskErrors: z.array(TaskErrorSchema),
});
export type ServiceDetail = z.infer<typeof ServiceDetailSchema>;
