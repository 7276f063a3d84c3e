import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { errorMessage, publishEvent } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import { createEvent, DeployerEventType, DeploymentProgressSchema } from '@swarmops/contracts';
import type { DeploymentProgress, DeploymentSummary, EventEnvelope } from '@swarmops/contracts';

const SOURCE = 'deployer';

/** Builds deployment events; ids and the clock injected. */
export interface DeploymentEvents {
  /** The envelope of a status event (started, succeeded, failed, rolled-back), for the outbox. */
  status(clusterId: string, summary: DeploymentSummary): EventEnvelope;
  /** Publishes a progress event directly (best effort: progress is never worth failing a deploy). */
  progress(clusterId: string, data: DeploymentProgress): Promise<void>;
}

/** Options of {@link createDeploymentEvents}. */
export interface DeploymentEventsOptions {
  js: JetStreamClient | null;
  logger: BusLogger;
  newId?: () => string;
  now?: () => Date;
}

const TYPE_BY_STATUS: Record<string, string> = {
  running: DeployerEventType.deploymentStarted,
  succeeded: DeployerEventType.deploymentSucceeded,
  failed: DeployerEventType.deploymentFailed,
  'rolled-back': DeployerEventType.deploymentRolledBack,
};

/** Creates the event builder/publisher. Progress goes to `swarmops.events.deployment.progress`. */
export function createDeploymentEvents({
  js,
  logger,
  newId = randomUUID,
  now = () => new Date(),
}: DeploymentEventsOptions): DeploymentEvents {
  const deps = { newId, now };
  return {
    status(clusterId, summary) {
      const type = TYPE_BY_STATUS[summary.status] ?? DeployerEventType.deploymentFailed;
      return createEvent(deps, { type, source: SOURCE, clusterId, data: { ...summary } });
    },
    async progress(clusterId, data) {
      if (js === null) return;
      const event = createEvent(deps, {
        type: DeployerEventType.deploymentProgress,
        source: SOURCE,
        clusterId,
        data: { ...DeploymentProgressSchema.parse(data) },
      });
      try {
        await publishEvent(js, event, { timeoutMs: 2000 });
      } catch (err) {
        logger.warn(
          { deploymentId: data.deploymentId, err: errorMessage(err) },
          'progress event not published',
        );
      }
    },
  };
}
