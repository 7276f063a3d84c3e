import { Counter, Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { CombinedRegistry } from './exposition.js';

describe('combined /metrics', () => {
  it('renders each registry with its own default labels, collect callbacks included', async () => {
    const own = new Registry();
    own.setDefaultLabels({ service: 'metrics-analyst' });
    new Counter({ name: 'own_total', help: 'h', registers: [own] }).inc();
    const exporter = new Registry();
    new Gauge({
      name: 'swarm_node_up',
      help: 'h',
      labelNames: ['node'] as const,
      registers: [exporter],
      collect() {
        this.set({ node: 'n1' }, 1);
      },
    });
    const text = await new CombinedRegistry([own, exporter]).metrics();
    expect(text).toContain('own_total{service="metrics-analyst"} 1\n');
    expect(text).toContain('swarm_node_up{node="n1"} 1\n');
    expect(text).not.toMatch(/swarm_node_up\{[^}]*service=/);
  });
});
