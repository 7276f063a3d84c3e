import { describe, expect, it } from 'vitest';
import { createMetrics } from '@swarmops/runtime';
import { createDeployerMetrics } from './metrics.js';

describe('createDeployerMetrics', () => {
  it('exposes deployments_total, deployment_duration_seconds and deployments_running', async () => {
    const registry = createMetrics({ service: 'deployer' });
    const metrics = createDeployerMetrics(registry);
    const labels = { kind: 'deploy', strategy: 'canary', outcome: 'rolled-back' };
    metrics.deployments.inc(labels);
    metrics.duration.observe(labels, 12.5);
    metrics.running.inc();
    const text = await registry.metrics();
    expect(text).toContain(
      'deployments_total{kind="deploy",strategy="canary",outcome="rolled-back",service="deployer"} 1',
    );
    expect(text).toMatch(/deployment_duration_seconds_sum\{[^}]*outcome="rolled-back"[^}]*\} 12\.5/);
    expect(text).toContain('deployments_running{service="deployer"} 1');
  });
});
