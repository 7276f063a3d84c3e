import { z } from 'zod';
import { LabelsSchema, TimestampSchema } from './common.js';

/**
 * What the platform keeps of a swarm config or secret: metadata only. Secret data never leaves
 * Docker; config data is read only by backup, on demand.
 */
export const ConfigMetaSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  labels: LabelsSchema,
  stack: z.string().min(1).nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type ConfigMeta = z.infer<typeof ConfigMetaSchema>;

/** A swarm secret's metadata. There is deliberately no field for its value. */
export const SecretMetaSchema = ConfigMetaSchema.extend({
  driver: z.string().nullable().optional(),
});
export type SecretMeta = z.infer<typeof SecretMetaSchema>;
