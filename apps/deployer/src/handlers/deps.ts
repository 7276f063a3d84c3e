import type { BusLogger } from '@swarmops/bus';
import type { NodeDocker } from '../adapters/docker-nodes.js';
import type { Engine } from '../engine/engine.js';

/** What every handler needs: the engine, and the node adapter for availability changes. */
export interface HandlerDeps {
  engine: Engine;
  nodes: NodeDocker;
  logger: BusLogger;
}
