export { createPromClient, type PromClientOptions } from './client.js';
export { PROMETHEUS_MAX_POINTS_PER_SERIES, planQuery, type QueryPlan } from './query-plan.js';
