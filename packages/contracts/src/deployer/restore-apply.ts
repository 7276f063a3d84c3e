import { z } from 'zod';
import { RestoreObjectKindSchema } from '../backup/restore.js';
import { LabelsSchema, TimestampSchema } from '../model/common.js';
import { ServiceReplicasSchema } from './deployment.js';
import { TimeoutSecondsSchema } from './requests.js';

// `swarmops.deployer.restore.apply`: backup's restore puts objects back through the deployer, which records a
// deployment of kind `restore` with a step per object and reports progress like any deployment.
//
// Every object is given by NAME, never by id: a service's networks, configs and secrets are referenced by name
// and the deployer resolves them on the target swarm, so an archive restores into a fresh swarm too.
// Applying is idempotent: an object whose live spec already equals the given one is left `unchanged`.

const SpecSchema = z.looseObject({ Name: z.string().min(1) });

export const RestoreApplyItemSchema = z.discriminatedUnion('kind', [
  /** The swarm's settings (`docker swarm update`); only Orchestration, Raft, Dispatcher, CAConfig.NodeCertExpiry and TaskDefaults are applied. */
  z.strictObject({ kind: z.literal('swarm'), name: z.literal('swarm'), spec: z.looseObject({}) }),
  /** A node's labels and availability, matched by hostname. */
  z.strictObject({
    kind: z.literal('node'),
    name: z.string().min(1),
    labels: LabelsSchema,
    availability: z.enum(['active', 'pause', 'drain']),
  }),
  /** `spec` as the network create body (Name, Driver, Attachable, Internal, IPAM, Options, Labels, ...). */
  z.strictObject({ kind: z.literal('network'), name: z.string().min(1), spec: SpecSchema }),
  /** A config spec with its Data (base64). Configs are immutable: a differing live one is reported, not replaced. */
  z.strictObject({ kind: z.literal('config'), name: z.string().min(1), spec: SpecSchema }),
  /**
   * A secret spec with its Data (base64) from the operator's secrets file. Never logged, never in a step, event
   * or reply. Secrets are immutable: an existing one of that name is left as it is.
   */
  z.strictObject({ kind: z.literal('secret'), name: z.string().min(1), spec: SpecSchema }),
  /**
   * A service spec with references by name: `TaskTemplate.Networks[].Target` is a network NAME,
   * `ContainerSpec.Secrets[]` / `Configs[]` carry SecretName / ConfigName (their ids are ignored).
   */
  z.strictObject({ kind: z.literal('service'), name: z.string().min(1), spec: SpecSchema }),
  /** A recorded stack version, put back into the deployer's history when that version is missing. */
  z.strictObject({
    kind: z.literal('stack-version'),
    name: z.string().min(1),
    stack: z.string().min(1),
    version: z.number().int().positive(),
    compose: z.string().min(1),
    env: z.record(z.string(), z.string()).default({}),
    strategy: z.string().min(1),
    deployedAt: TimestampSchema,
  }),
]);
export type RestoreApplyItem = z.infer<typeof RestoreApplyItemSchema>;

export const RestoreApplyRequestSchema = z.strictObject({
  /** The restore this belongs to (backup's restoreId), recorded on the deployment. */
  restoreId: z.uuid(),
  /** The stack the items belong to, or null for cluster-wide objects; one active deployment per stack. */
  stack: z.string().min(1).nullable(),
  items: z.array(RestoreApplyItemSchema).min(1).max(2000),
  wait: z.boolean().default(true),
  timeoutSeconds: TimeoutSecondsSchema.optional(),
  deploymentId: z.uuid().optional(),
  requestedBy: z.string().min(1).max(255).optional(),
});

export const RestoreApplyOutcomeSchema = z.object({
  kind: RestoreObjectKindSchema,
  name: z.string(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'skipped', 'failed']),
  error: z.string().optional(),
});
export type RestoreApplyOutcome = z.infer<typeof RestoreApplyOutcomeSchema>;

export const RestoreApplyDataSchema = z.object({
  deploymentId: z.uuid(),
  status: z.enum(['succeeded', 'failed', 'running']),
  outcomes: z.array(RestoreApplyOutcomeSchema),
  /** Convergence of the services created or updated. */
  services: z.array(ServiceReplicasSchema),
});
export type RestoreApplyData = z.infer<typeof RestoreApplyDataSchema>;
