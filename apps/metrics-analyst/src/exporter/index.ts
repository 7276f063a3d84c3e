export { createExporter, type Exporter, type ExporterEngine, type ExporterOptions } from './exporter.js';
export {
  SWARM_PART,
  type EnginePart,
  type ExporterSnapshot,
  type PartStatus,
  type SwarmPart,
} from './snapshot.js';
export type { StatFs } from './engine-filesystem.js';
