import { z } from 'zod';
import { ListRequestSchema } from '../paging.js';
import { DeploymentStatusSchema, StrategySchema } from './deployment.js';

// Requests are strict: an unknown field is refused with INVALID_REQUEST naming it.

/** A stack name as `docker stack deploy` accepts it, short enough to leave room for service suffixes. */
export const StackNameSchema = z
  .string()
  .min(1)
  .max(48)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/,
    'expected letters, digits, `_` or `-`, starting with a letter or digit',
  );

/** A service by full name (`shop_api`) or id. */
export const ServiceRefSchema = z.string().min(1).max(255);

/** The compose file text (YAML), at most 1 MiB. */
export const ComposeTextSchema = z
  .string()
  .min(1, 'the compose file is empty')
  .max(1024 * 1024, 'the compose file is larger than 1 MiB');

/** Values for `${VAR}` / `${VAR:-default}` interpolation. Never logged or echoed. */
export const ComposeEnvSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string());

/** Wait up to this long for convergence (seconds). */
export const TimeoutSecondsSchema = z.number().int().min(5).max(3600);
export const DEPLOY_TIMEOUT_DEFAULT_SECONDS = 300;

/** Fields every mutating request carries. */
const MutationShape = {
  /** Wait for the end (true) or return `{ status: 'running' }` at once and report progress as events. */
  wait: z.boolean().default(true),
  timeoutSeconds: TimeoutSecondsSchema.optional(),
  /** Chosen by the caller so it can follow progress events before the reply arrives; also makes retries idempotent. */
  deploymentId: z.uuid().optional(),
  /** Who asked (the gateway passes the principal); recorded on the deployment. */
  requestedBy: z.string().min(1).max(255).optional(),
};

/** Canary settings (strategy `canary`). */
export const CanaryOptionsSchema = z.strictObject({
  /** Replicas of the new version run beside the old ones during the window. */
  replicas: z.number().int().min(1).max(100).default(1),
  /** How long the canary is watched before promotion. */
  windowSeconds: z.number().int().min(1).max(3600).default(30),
  /** Optional PromQL; the canary is withdrawn if its result exceeds `prometheusMax` at any check. */
  prometheusQuery: z.string().min(1).max(4096).optional(),
  prometheusMax: z.number().optional(),
});
export type CanaryOptions = z.infer<typeof CanaryOptionsSchema>;

export const DeployStackRequestSchema = z.strictObject({
  name: StackNameSchema,
  compose: ComposeTextSchema,
  env: ComposeEnvSchema.optional(),
  strategy: StrategySchema.default('rolling'),
  /** Return the plan and change nothing. */
  dryRun: z.boolean().default(false),
  canary: CanaryOptionsSchema.optional(),
  ...MutationShape,
});

export const PlanStackRequestSchema = z.strictObject({
  name: StackNameSchema,
  compose: ComposeTextSchema,
  env: ComposeEnvSchema.optional(),
});

export const RemoveStackRequestSchema = z.strictObject({ name: StackNameSchema, ...MutationShape });

export const RollbackStackRequestSchema = z.strictObject({
  name: StackNameSchema,
  /** The recorded version whose compose file is re-applied. */
  version: z.number().int().positive(),
  strategy: StrategySchema.default('rolling'),
  ...MutationShape,
});

export const ServiceScaleRequestSchema = z.strictObject({
  service: ServiceRefSchema,
  replicas: z.number().int().min(0).max(1000),
  ...MutationShape,
});

export const ServiceUpdateRequestSchema = z.strictObject({
  service: ServiceRefSchema,
  /** The new image reference, e.g. `registry.example.com/api:1.4.2`. */
  image: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[^\s]+$/, 'an image reference has no spaces'),
  ...MutationShape,
});

export const ServiceRollbackRequestSchema = z.strictObject({ service: ServiceRefSchema, ...MutationShape });

export const DeploymentsListRequestSchema = z.strictObject({
  ...ListRequestSchema.shape,
  stack: StackNameSchema.optional(),
  status: DeploymentStatusSchema.optional(),
});

export const DeploymentsGetRequestSchema = z.strictObject({ id: z.uuid() });

/**
 * Restart a service: `docker service update --force`. Every task is replaced under the service's update
 * config; a paused update is superseded by this one. Health's self-healing uses it.
 */
export const ServiceRestartRequestSchema = z.strictObject({
  service: ServiceRefSchema,
  /** Why, recorded on the deployment (e.g. `health: service.update paused`). */
  reason: z.string().min(1).max(500).optional(),
  ...MutationShape,
});

/** Change a node's availability (`docker node update --availability`). Draining moves its tasks away. */
export const NodeUpdateRequestSchema = z.strictObject({
  /** Node id or hostname. */
  node: z.string().min(1).max(255),
  availability: z.enum(['active', 'pause', 'drain']),
  reason: z.string().min(1).max(500).optional(),
  requestedBy: z.string().min(1).max(255).optional(),
});
