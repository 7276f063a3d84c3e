import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** How a deployment ended, as the `outcome` label. */
export type DeploymentOutcome = 'succeeded' | 'failed' | 'rolled-back' | 'planned';

/** The deployer metrics, registered on the service's registry. */
export interface DeployerMetrics {
  deployments: Counter<'kind' | 'strategy' | 'outcome'>;
  duration: Histogram<'kind' | 'strategy' | 'outcome'>;
  running: Gauge;
}

/** Creates the deployer metrics on `registry`. */
export function createDeployerMetrics(registry: Registry): DeployerMetrics {
  const registers = [registry];
  const labelNames = ['kind', 'strategy', 'outcome'] as const;
  return {
    deployments: new Counter({
      name: 'deployments_total',
      help: 'Deployments finished, by kind (deploy, scale, update-image, rollback-service, rollback-stack, remove), strategy (rolling, blue-green, canary, none) and outcome (succeeded, failed, rolled-back, planned).',
      labelNames,
      registers,
    }),
    duration: new Histogram({
      name: 'deployment_duration_seconds',
      help: 'Wall time of a deployment from its record to its end (convergence or rollback included), in seconds.',
      labelNames,
      buckets: [0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800],
      registers,
    }),
    running: new Gauge({
      name: 'deployments_running',
      help: 'Deployments this deployer is running now (recovered ones included).',
      registers,
    }),
  };
}
