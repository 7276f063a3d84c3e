import { z } from 'zod';

/** What a deploy does to one object of the stack. */
export const PlanAction = {
  create: 'create',
  update: 'update',
  remove: 'remove',
  unchanged: 'unchanged',
} as const;
export type PlanAction = (typeof PlanAction)[keyof typeof PlanAction];
export const PlanActionSchema = z.enum(Object.values(PlanAction) as [PlanAction, ...PlanAction[]]);

/** The kinds of object a stack is made of. */
export const PlanObjectKind = {
  service: 'service',
  network: 'network',
  config: 'config',
  secret: 'secret',
} as const;
export type PlanObjectKind = (typeof PlanObjectKind)[keyof typeof PlanObjectKind];
export const PlanObjectKindSchema = z.enum(
  Object.values(PlanObjectKind) as [PlanObjectKind, ...PlanObjectKind[]],
);

/**
 * One changed field of an object, by its path in the Docker spec (e.g. `TaskTemplate.ContainerSpec.Image`).
 * Secret values never appear: a config or secret change shows only its content digest.
 */
export const PlanFieldChangeSchema = z.object({
  path: z.string(),
  old: z.unknown().optional(),
  new: z.unknown().optional(),
});
export type PlanFieldChange = z.infer<typeof PlanFieldChangeSchema>;

/** The planned change of one object. `restartsTasks` is true when Swarm will replace running tasks. */
export const PlanChangeSchema = z.object({
  kind: PlanObjectKindSchema,
  /** The compose name (e.g. `api`). */
  name: z.string(),
  /** The Docker object name (e.g. `shop_api`, `shop_app-config-3f2a9c1e`). */
  fullName: z.string(),
  action: PlanActionSchema,
  restartsTasks: z.boolean(),
  fields: z.array(PlanFieldChangeSchema),
});
export type PlanChange = z.infer<typeof PlanChangeSchema>;

/**
 * A warning about the compose file that does not stop the deploy: an unsupported key (named by its
 * path, e.g. `services.api.build`), or a policy exception an admin allowed.
 */
export const PlanWarningSchema = z.object({
  code: z.string(),
  /** Path of the key in the compose file, e.g. `services.api.deploy.resources.reservations.devices`. */
  path: z.string(),
  message: z.string(),
});
export type PlanWarning = z.infer<typeof PlanWarningSchema>;

/** A readable, field-level diff of a compose file against the live stack. Nothing is changed to make it. */
export const PlanSchema = z.object({
  stack: z.string(),
  /** The version this deploy would record (live version + 1). */
  version: z.number().int().positive(),
  changes: z.array(PlanChangeSchema),
  warnings: z.array(PlanWarningSchema),
  summary: z.object({
    create: z.number().int().nonnegative(),
    update: z.number().int().nonnegative(),
    remove: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    restarts: z.number().int().nonnegative(),
  }),
});
export type Plan = z.infer<typeof PlanSchema>;
