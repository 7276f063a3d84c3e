import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createInventoryMetrics } from './metrics.js';

describe('createInventoryMetrics', () => {
  it('reports the age of the last change from the injected clock', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const registry = new Registry();
    const metrics = createInventoryMetrics(registry, () => clock);
    expect(await registry.getSingleMetricAsString('inventory_last_change_age_seconds')).toContain(
      'inventory_last_change_age_seconds 0',
    );
    metrics.changeApplied(new Date('2026-01-01T00:00:00Z'));
    clock = new Date('2026-01-01T00:00:42.5Z');
    expect(await registry.getSingleMetricAsString('inventory_last_change_age_seconds')).toContain(
      'inventory_last_change_age_seconds 42.5',
    );
  });

  it('names every metric <noun>_<unit> with help', async () => {
    const registry = new Registry();
    const metrics = createInventoryMetrics(registry);
    metrics.setObjects({ service: 3 });
    metrics.dockerEvents.inc({ type: 'service' });
    metrics.reconcileDuration.observe({ kind: 'full', outcome: 'ok' }, 0.2);
    const text = await registry.metrics();
    expect(text).toContain('inventory_objects{kind="service"} 3');
    expect(text).toContain('inventory_docker_events_total{type="service"} 1');
    expect(text).toContain('inventory_reconcile_duration_seconds_count{kind="full",outcome="ok"} 1');
    expect(text).toMatch(/# HELP inventory_reconcile_duration_seconds \w+/);
  });
});
