import { z } from 'zod';

/** The kinds of object inventory tracks. */
export const InventoryKind = {
  node: 'node',
  service: 'service',
  task: 'task',
  stack: 'stack',
  network: 'network',
  config: 'config',
  secret: 'secret',
} as const;
export type InventoryKind = (typeof InventoryKind)[keyof typeof InventoryKind];
export const InventoryKindSchema = z.enum(
  Object.values(InventoryKind) as [InventoryKind, ...InventoryKind[]],
);

/** One changed field: its value before and after (`null` when the field did not exist). */
export const FieldChangeSchema = z.object({ old: z.unknown(), new: z.unknown() });

/**
 * The `data` of every inventory event (`node.down`, `service.scaled`, `task.state-changed`, ...):
 * which object, and each field that changed with its old and new value. A created object has
 * every field with `old: null`; a removed one has `new: null`.
 */
export const InventoryChangeSchema = z.object({
  kind: InventoryKindSchema,
  id: z.string().min(1),
  name: z.string(),
  changes: z.record(z.string(), FieldChangeSchema),
});
export type InventoryChange = z.infer<typeof InventoryChangeSchema>;

/** Every event type inventory emits. */
export const InventoryEventType = {
  nodeJoined: 'node.joined',
  nodeUpdated: 'node.updated',
  nodeReady: 'node.ready',
  nodeDown: 'node.down',
  nodeRemoved: 'node.removed',
  serviceCreated: 'service.created',
  serviceUpdated: 'service.updated',
  serviceScaled: 'service.scaled',
  serviceRemoved: 'service.removed',
  taskStateChanged: 'task.state-changed',
  stackCreated: 'stack.created',
  stackUpdated: 'stack.updated',
  stackRemoved: 'stack.removed',
  networkCreated: 'network.created',
  networkUpdated: 'network.updated',
  networkRemoved: 'network.removed',
  configCreated: 'config.created',
  configUpdated: 'config.updated',
  configRemoved: 'config.removed',
  secretCreated: 'secret.created',
  secretUpdated: 'secret.updated',
  secretRemoved: 'secret.removed',
} as const;
export type InventoryEventType = (typeof InventoryEventType)[keyof typeof InventoryEventType];
