import type { Analyzer } from '../analyzer.js';
import { NODE_ANALYZERS } from './node-analyzers.js';
import { SERVICE_ANALYZERS } from './service-analyzers.js';

/** Every analyzer, in report order. */
export const ALL_ANALYZERS: readonly Analyzer[] = [...NODE_ANALYZERS, ...SERVICE_ANALYZERS];
