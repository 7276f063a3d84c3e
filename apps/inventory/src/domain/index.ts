export type { Doc, Entry, Snapshot } from './entry.js';
export { byId, KINDS } from './entry.js';
export type { RawConfigOrSecret, RawNetwork, RawNode, RawService, RawSwarm, RawTask } from './raw-docker.js';
export { STACK_LABEL, labelsOf, stackOf } from './labels.js';
export { hostOf, nodeEntry, normalizeNode } from './normalize-node.js';
export { normalizeService, serviceEntry, type ServiceContext } from './normalize-service.js';
export { countRunning, normalizeTask, taskEntry } from './normalize-task.js';
export {
  configEntry,
  networkEntry,
  normalizeConfig,
  normalizeNetwork,
  normalizeSecret,
  secretEntry,
} from './normalize-meta.js';
export { deriveStacks } from './derive-stacks.js';
export { deepEqual } from './deep-equal.js';
export { diffKind, diffSnapshot, fieldChanges, type Change, type FieldChange } from './diff.js';
export { eventsFor, type InventoryEvent } from './events.js';
export { loadScopeOf, planNext, type LoadScope, type Observation } from './plan.js';
export { swarmFacts } from './swarm-facts.js';
export { preferFresher } from './prefer-fresher.js';
