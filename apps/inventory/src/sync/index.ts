export { createInventorySync } from './inventory-sync.js';
export type { InventorySync, InventorySyncOptions, ReconcileResult } from './inventory-sync.js';
export { createDockerSource } from '../adapters/docker-source.js';
export type { DockerSource, DockerSourceOptions } from '../adapters/docker-source.js';
export { createInventoryWriter } from '../adapters/inventory-writer.js';
export type {
  ApplyInput,
  ApplyResult,
  InventoryWriter,
  InventoryWriterOptions,
} from '../adapters/inventory-writer.js';
