export { outbox, processedEvents } from './platform.js';
export { nodes, services, stacks, tasks } from './inventory.js';
