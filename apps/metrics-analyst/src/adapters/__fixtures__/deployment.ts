import type { DeploymentSummary } from '@swarmops/contracts';

/** A succeeded rolling deploy `n` of `stack`, started (and finished) at `startedAt`, with a predictable id. */
export const deployment = (n: number, stack: string, startedAt: string): DeploymentSummary => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  stack,
  kind: 'deploy',
  version: n,
  strategy: 'rolling',
  status: 'succeeded',
  requestedBy: null,
  startedAt,
  finishedAt: startedAt,
  error: null,
  recovery: null,
  services: [],
});
