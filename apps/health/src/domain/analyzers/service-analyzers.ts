import type { Analyzer } from '../analyzer.js';

/** Service analyzers: replicas, pending tasks, crash loops, healthchecks, updates, image drift, hygiene. */
export const SERVICE_ANALYZERS: Analyzer[] = [];
