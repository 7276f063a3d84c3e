import { z } from 'zod';
import { ListRequestSchema } from '../paging.js';
import { TaskStateSchema } from '../model/task.js';

// Requests are strict: an unknown filter is refused with INVALID_REQUEST naming it.

const Name = z.string().min(1).max(255);

/** A label filter: `key` (present) or `key=value`. */
export const LabelFilterSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^=\s]+(=.*)?$/, 'expected `key` or `key=value`');

export const NodesListRequestSchema = z.strictObject({
  ...ListRequestSchema.shape,
  role: z.enum(['manager', 'worker']).optional(),
  status: z.enum(['ready', 'down', 'unknown']).optional(),
  label: LabelFilterSchema.optional(),
});

/** `id` is a node id or a hostname. */
export const NodesGetRequestSchema = z.strictObject({ id: Name });

export const ServicesListRequestSchema = z.strictObject({
  ...ListRequestSchema.shape,
  stack: Name.optional(),
  /** Substring of the service name. */
  name: Name.optional(),
  label: LabelFilterSchema.optional(),
  /** Add each service's Docker `spec` (as `services.get` returns it) to the items. */
  includeSpec: z.boolean().optional(),
});

/** `id` is a service id or a service name. */
export const ServicesGetRequestSchema = z.strictObject({ id: Name });

export const TasksListRequestSchema = z.strictObject({
  ...ListRequestSchema.shape,
  /** Service id or name. */
  service: Name.optional(),
  /** Node id or hostname. */
  node: Name.optional(),
  state: TaskStateSchema.optional(),
});

export const StacksListRequestSchema = z.strictObject({ ...ListRequestSchema.shape });
export const StacksGetRequestSchema = z.strictObject({ name: Name });

export const NamedListRequestSchema = z.strictObject({
  ...ListRequestSchema.shape,
  stack: Name.optional(),
  label: LabelFilterSchema.optional(),
});

export const ClusterSummaryRequestSchema = z.strictObject({});
