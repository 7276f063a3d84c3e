import type { Analyzer } from '../analyzer.js';

/** Node, manager, swarm certificate, resource, object-age and platform analyzers. */
export const NODE_ANALYZERS: Analyzer[] = [];
