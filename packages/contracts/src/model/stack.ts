import { z } from 'zod';
import { TimestampSchema } from './common.js';

/**
 * A stack: the services sharing a `com.docker.stack.namespace` label. The compose file, version
 * and deploy time are known once the deployer has recorded a deployment of it.
 */
export const StackSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'expected a stack name like `shop` or `shop-v2`'),
  services: z.array(z.string()),
  composeFile: z.string().nullable().optional(),
  version: z.number().int().positive().nullable().optional(),
  deployTime: TimestampSchema.nullable().optional(),
});
export type Stack = z.infer<typeof StackSchema>;
