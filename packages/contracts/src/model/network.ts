import { z } from 'zod';
import { LabelsSchema } from './common.js';

/** A swarm-scoped network (overlay, or the ingress network). */
export const NetworkSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  driver: z.string(),
  scope: z.string(),
  attachable: z.boolean(),
  ingress: z.boolean(),
  internal: z.boolean(),
  labels: LabelsSchema,
  stack: z.string().min(1).nullable(),
});
export type Network = z.infer<typeof NetworkSchema>;
