import { Registry, collectDefaultMetrics } from 'prom-client';

export type { Registry } from 'prom-client';

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Service name, added as the `service` label of every metric in the registry. */
  service: string;
}

/**
 * Create the service's own prom-client registry with the Node.js default metrics (process CPU,
 * memory, event-loop lag, GC, …) and a `service` label on every series. Register the service's
 * metrics on it (`new Counter({ name, help, labelNames, registers: [registry] })`) and serve it
 * with {@link createHttpApp}'s `/metrics`.
 */
export function createMetrics({ service }: MetricsOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
