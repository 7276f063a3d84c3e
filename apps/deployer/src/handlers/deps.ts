import type { Engine } from '../engine/engine.js';

/** What every handler needs: the engine. */
export interface HandlerDeps {
  engine: Engine;
}
