import { z } from 'zod';
import { PlanSchema } from './plan.js';
import { DeploymentStatusSchema, ServiceReplicasSchema } from './deployment.js';

/** The reply of a stack deploy or stack rollback (the fixed `deploy_stack` output, plus `error`). */
export const DeployStackDataSchema = z.object({
  deploymentId: z.uuid(),
  status: DeploymentStatusSchema,
  stack: z.string(),
  version: z.number().int().nonnegative(),
  services: z.array(ServiceReplicasSchema),
  plan: PlanSchema.optional(),
  /** Why the deployment failed or was rolled back. */
  error: z.string().optional(),
});
export type DeployStackData = z.infer<typeof DeployStackDataSchema>;

/** The reply of a scale (the fixed `scale_service` output, plus the deployment id). */
export const ServiceScaleDataSchema = z.object({
  service: z.string(),
  replicas: z.object({ desired: z.number().int().nonnegative(), running: z.number().int().nonnegative() }),
  converged: z.boolean(),
  deploymentId: z.uuid(),
});
export type ServiceScaleData = z.infer<typeof ServiceScaleDataSchema>;

/** The reply of an image update or a service rollback. */
export const ServiceChangeDataSchema = z.object({
  deploymentId: z.uuid(),
  status: DeploymentStatusSchema,
  service: z.string(),
  image: z.string(),
  replicas: z.object({ desired: z.number().int().nonnegative(), running: z.number().int().nonnegative() }),
  error: z.string().optional(),
});
export type ServiceChangeData = z.infer<typeof ServiceChangeDataSchema>;

/** The reply of a stack removal. */
export const RemoveStackDataSchema = z.object({
  deploymentId: z.uuid(),
  status: DeploymentStatusSchema,
  stack: z.string(),
  removed: z.object({
    services: z.array(z.string()),
    networks: z.array(z.string()),
    configs: z.array(z.string()),
    secrets: z.array(z.string()),
  }),
  error: z.string().optional(),
});
export type RemoveStackData = z.infer<typeof RemoveStackDataSchema>;

/** The reply of a node availability change. */
export const NodeUpdateDataSchema = z.object({
  nodeId: z.string(),
  hostname: z.string(),
  availability: z.enum(['active', 'pause', 'drain']),
  previous: z.enum(['active', 'pause', 'drain']),
});
export type NodeUpdateData = z.infer<typeof NodeUpdateDataSchema>;
