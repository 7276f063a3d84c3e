import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import type { BusLogger, RpcEndpoint } from '@swarmops/bus';
import type { Database } from '@swarmops/db';
import { createHealingDeployer } from './healing-deployer.js';
import { createHealingEndpoints } from './handlers.js';
import { createHealingRepo } from './healing-repo.js';
import { createHealingCore } from './listener.js';
import type { HealingListener } from './listener.js';

export { decideHealing, Guardrail } from './decide.js';
export type { HealingDecision } from './decide.js';
export { createHealingCore } from './listener.js';
export type { HealingListener } from './listener.js';
export { createHealingRepo } from './healing-repo.js';
export type { HealingRepo } from './healing-repo.js';
export { createHealingDeployer, HEALING_REQUESTED_BY } from './healing-deployer.js';
export type { HealingDeployer } from './healing-deployer.js';

/** What the healing handlers and listener share. */
export interface HealingDeps {
  db: Database;
  /** The swarm id health reports for. */
  clusterId: () => Promise<string>;
  logger: BusLogger;
  now?: () => Date;
  newId?: () => string;
}

/** The listener's extra needs: the bus (to reach the deployer) and the global hourly cap. */
export interface HealingListenerDeps extends HealingDeps {
  nc: NatsConnection;
  /** HEALTH_HEALING_MAX_PER_HOUR. */
  maxPerHour: number;
  /** Milliseconds to wait for a restart to converge. Default 180 000. */
  deployerTimeoutMs?: number;
}

/** `policy.set`, `policy.list`, `healing.list` (HealthRpc.policySet / policyList / healingList). */
export function createHealingHandlers(deps: HealingDeps): RpcEndpoint[] {
  const repo = createHealingRepo(deps.db, {
    now: deps.now ?? (() => new Date()),
    newId: deps.newId ?? randomUUID,
  });
  return createHealingEndpoints({ repo, clusterId: deps.clusterId });
}

/** The `healing` RunListener: acts on failing checks with a policy not `off` (see docs/self-healing.md). */
export function createHealingListener(deps: HealingListenerDeps): HealingListener {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  return createHealingCore({
    repo: createHealingRepo(deps.db, { now, newId }),
    deployer: createHealingDeployer(deps.nc, { timeoutMs: deps.deployerTimeoutMs ?? 180_000 }),
    logger: deps.logger,
    maxPerHour: deps.maxPerHour,
    now,
    newId,
  });
}
