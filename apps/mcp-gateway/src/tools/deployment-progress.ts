import type { Msg } from '@nats-io/nats-core';
import { DeployerEventType, DeploymentProgressSchema, eventSubject } from '@swarmops/contracts';
import type { DeploymentProgress } from '@swarmops/contracts';
import { eventData, relayProgress } from './event-progress.js';
import type { ToolContext } from './tool.js';

/** The core NATS subject the deployer's progress events arrive on. */
export const PROGRESS_SUBJECT = eventSubject(DeployerEventType.deploymentProgress);

/** The progress data of one event, or undefined when the message is not a valid progress event. */
export function progressOf(msg: Pick<Msg, 'json'>): DeploymentProgress | undefined {
  return eventData(msg, (data) => {
    const parsed = DeploymentProgressSchema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  });
}

/**
 * Runs `work` (the deployer request) while relaying the progress events of `deploymentId` to the
 * client as MCP progress notifications (see {@link relayProgress}).
 */
export function withProgress<T>(
  ctx: Pick<ToolContext, 'nc' | 'progress'>,
  deploymentId: string,
  work: () => Promise<T>,
): Promise<T> {
  return relayProgress(
    ctx,
    PROGRESS_SUBJECT,
    (msg) => {
      const p = progressOf(msg);
      if (p === undefined || p.deploymentId !== deploymentId) return undefined;
      return { progress: p.progress, total: p.total, message: p.message };
    },
    work,
  );
}
