import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { InventoryKind } from '@swarmops/contracts';

/** What a reconcile covered: everything, a targeted refresh after Docker events, or the task poll. */
export type ReconcileKind = 'full' | 'targeted' | 'tasks';

/** The inventory metrics, registered on the service's registry. */
export interface InventoryMetrics {
  reconcileDuration: Histogram<'kind' | 'outcome'>;
  dockerEvents: Counter<'type'>;
  objects: Gauge<'kind'>;
  /** Records that a change was applied now (feeds `inventory_last_change_age_seconds`). */
  changeApplied(at: Date): void;
  /** Sets `inventory_objects` for the kinds counted. */
  setObjects(counts: Partial<Record<InventoryKind, number>>): void;
}

/** Creates the inventory metrics on `registry`; `now` is the clock of the change-age gauge. */
export function createInventoryMetrics(
  registry: Registry,
  now: () => Date = () => new Date(),
): InventoryMetrics {
  let lastChange: Date | undefined;
  const registers = [registry];
  const objects = new Gauge({
    name: 'inventory_objects',
    help: 'Objects inventory holds in PostgreSQL per kind (node, service, task, stack, network, config, secret).',
    labelNames: ['kind'] as const,
    registers,
  });
  new Gauge({
    name: 'inventory_last_change_age_seconds',
    help: 'Seconds since inventory last applied a change of the cluster to PostgreSQL (0 until one is known).',
    registers,
    collect() {
      if (lastChange === undefined) return;
      this.set(Math.max(0, (now().getTime() - lastChange.getTime()) / 1000));
    },
  });
  return {
    reconcileDuration: new Histogram({
      name: 'inventory_reconcile_duration_seconds',
      help: 'Duration of one reconcile (Docker read, diff and write) in seconds, by kind (full, targeted, tasks) and outcome (ok, error).',
      labelNames: ['kind', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    dockerEvents: new Counter({
      name: 'inventory_docker_events_total',
      help: 'Docker engine events received, by object type (service, node, container, network, config, secret).',
      labelNames: ['type'] as const,
      registers,
    }),
    objects,
    changeApplied(at) {
      lastChange = at;
    },
    setObjects(counts) {
      for (const [kind, count] of Object.entries(counts)) objects.set({ kind }, count);
    },
  };
}
