import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { endpoint, errorMessage, request } from '@swarmops/bus';
import type { BusLogger, RpcEndpoint } from '@swarmops/bus';
import { DeployerRpc, HealthRpc } from '@swarmops/contracts';
import type { DeploymentSummary, EventEnvelope } from '@swarmops/contracts';
import type { InventoryReads } from '../adapters/inventory-client.js';
import { readRecentEvents } from '../adapters/service-events.js';
import { describeServiceEvent, diagnose } from '../domain/diagnose.js';
import type { HealthRunner } from '../runner/runner.js';

/** What `service.diagnose` gathers from. */
export interface DiagnoseHandlerDeps {
  runner: HealthRunner;
  inventory: InventoryReads;
  nc: NatsConnection;
  js: JetStreamClient;
  logger: BusLogger;
  now: () => Date;
  /** How far back events are read (default 30 minutes). */
  eventsWindowMs?: number;
}

/**
 * `service.diagnose`: the service's detail from inventory (NOT_FOUND passes through), a run scoped to it,
 * its recent events from the stream and its stack's recent deployments. The events and deployments are
 * best effort: a deployer that does not answer leaves the list empty and is logged.
 */
export function createDiagnoseHandler(deps: DiagnoseHandlerDeps): RpcEndpoint {
  return endpoint(HealthRpc.serviceDiagnose, async (req) => {
    const detail = await deps.inventory.service(req.service);
    const { service } = detail;
    const since = new Date(deps.now().getTime() - (deps.eventsWindowMs ?? 30 * 60_000));
    const [report, events, deployments] = await Promise.all([
      deps.runner.run({ scope: 'service', target: service.name }, 'on-demand'),
      readRecentEvents(deps.js, { since }).catch((err: unknown) => {
        deps.logger.warn({ err: errorMessage(err) }, 'recent events unreadable');
        return [] as EventEnvelope[];
      }),
      service.stack === null
        ? Promise.resolve([] as DeploymentSummary[])
        : request(
            deps.nc,
            DeployerRpc.deploymentsList,
            { stack: service.stack, limit: 5 },
            { timeoutMs: 3000 },
          )
            .then((page) => page.items)
            .catch((err: unknown) => {
              deps.logger.warn({ err: errorMessage(err) }, 'deployments unreadable');
              return [] as DeploymentSummary[];
            }),
    ]);
    return diagnose({
      detail,
      checks: report.checks,
      events: events.flatMap((e) => describeServiceEvent(e, service) ?? []),
      deployments,
      now: deps.now(),
    });
  });
}
