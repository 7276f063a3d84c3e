import { z } from 'zod';
import { TimestampSchema } from '../model/common.js';

/** The status of a deployment record. `planned` is a dry run that changed nothing. */
export const DeploymentStatus = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  rolledBack: 'rolled-back',
  planned: 'planned',
} as const;
export type DeploymentStatus = (typeof DeploymentStatus)[keyof typeof DeploymentStatus];
export const DeploymentStatusSchema = z.enum(
  Object.values(DeploymentStatus) as [DeploymentStatus, ...DeploymentStatus[]],
);

/** How a new version replaces the old one. See docs/deployer.md for how traffic moves in each. */
export const Strategy = { rolling: 'rolling', blueGreen: 'blue-green', canary: 'canary' } as const;
export type Strategy = (typeof Strategy)[keyof typeof Strategy];
export const StrategySchema = z.enum(Object.values(Strategy) as [Strategy, ...Strategy[]]);

/** What a deployment record is for. */
export const DeploymentKind = {
  deploy: 'deploy',
  scale: 'scale',
  updateImage: 'update-image',
  rollbackService: 'rollback-service',
  rollbackStack: 'rollback-stack',
  remove: 'remove',
  /** `service.restart`: a force update that replaces every task of one service. */
  restart: 'restart',
  /** `restore.apply`: backup's restore putting archived objects back. */
  restore: 'restore',
} as const;
export type DeploymentKind = (typeof DeploymentKind)[keyof typeof DeploymentKind];
export const DeploymentKindSchema = z.enum(
  Object.values(DeploymentKind) as [DeploymentKind, ...DeploymentKind[]],
);

/** How a deployment found in flight at deployer start-up was finished. */
export const DeploymentRecovery = { resumed: 'resumed', rolledBack: 'rolled-back' } as const;
export type DeploymentRecovery = (typeof DeploymentRecovery)[keyof typeof DeploymentRecovery];
export const DeploymentRecoverySchema = z.enum(['resumed', 'rolled-back']);

/** Desired and running replicas of one service (running = tasks in state running, healthy where checked). */
export const ServiceReplicasSchema = z.object({
  name: z.string(),
  replicas: z.object({ desired: z.number().int().nonnegative(), running: z.number().int().nonnegative() }),
});
export type ServiceReplicas = z.infer<typeof ServiceReplicasSchema>;

/** One entry of a deployment's timeline. */
export const DeploymentStepSchema = z.object({
  seq: z.number().int().nonnegative(),
  at: TimestampSchema,
  /** e.g. `validate`, `create-network`, `update-service`, `converge`, `switch-traffic`, `rollback`. */
  name: z.string(),
  status: z.enum(['started', 'succeeded', 'failed', 'info']),
  message: z.string(),
  /** The object the step is about, e.g. `shop_api`. */
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type DeploymentStep = z.infer<typeof DeploymentStepSchema>;

/** A deployment: one change to the cluster made by the deployer, with its step timeline. */
export const DeploymentSchema = z.object({
  id: z.uuid(),
  stack: z.string(),
  kind: DeploymentKindSchema,
  /** The stack version this deployment applies (for scale and image updates, the version it modified). */
  version: z.number().int().nonnegative(),
  strategy: StrategySchema.nullable(),
  status: DeploymentStatusSchema,
  requestedBy: z.string().nullable(),
  startedAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  /** Why it failed or was rolled back; null while running or after success. */
  error: z.string().nullable(),
  recovery: DeploymentRecoverySchema.nullable(),
  services: z.array(ServiceReplicasSchema),
  steps: z.array(DeploymentStepSchema),
});
export type Deployment = z.infer<typeof DeploymentSchema>;

/** A deployment without its timeline, as listed. */
export const DeploymentSummarySchema = DeploymentSchema.omit({ steps: true });
export type DeploymentSummary = z.infer<typeof DeploymentSummarySchema>;

/** The `data` of `deployment.progress` events (also relayed as MCP progress notifications). */
export const DeploymentProgressSchema = z.object({
  deploymentId: z.uuid(),
  stack: z.string(),
  /** Completed units of work so far and the total known now (may grow). */
  progress: z.number().nonnegative(),
  total: z.number().nonnegative().optional(),
  message: z.string(),
});
export type DeploymentProgress = z.infer<typeof DeploymentProgressSchema>;

/** The `data` of `deployment.started|succeeded|failed|rolled-back` events. */
export const DeploymentEventDataSchema = DeploymentSummarySchema;

/** Every event type the deployer emits. */
export const DeployerEventType = {
  deploymentStarted: 'deployment.started',
  deploymentProgress: 'deployment.progress',
  deploymentSucceeded: 'deployment.succeeded',
  deploymentFailed: 'deployment.failed',
  deploymentRolledBack: 'deployment.rolled-back',
} as const;
export type DeployerEventType = (typeof DeployerEventType)[keyof typeof DeployerEventType];
