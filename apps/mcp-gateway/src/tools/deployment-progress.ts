import type { Msg } from '@nats-io/nats-core';
import { DeployerEventType, DeploymentProgressSchema, eventSubject } from '@swarmops/contracts';
import type { DeploymentProgress } from '@swarmops/contracts';
import type { ToolContext } from './tool.js';

/** The core NATS subject the deployer's progress events arrive on. */
export const PROGRESS_SUBJECT = eventSubject(DeployerEventType.deploymentProgress);

/** The progress data of one event, or undefined when the message is not a valid progress event. */
export function progressOf(msg: Pick<Msg, 'json'>): DeploymentProgress | undefined {
  try {
    const envelope = msg.json<{ data?: unknown }>();
    const parsed = DeploymentProgressSchema.safeParse(envelope?.data);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` (the deployer request) while relaying the progress events of `deploymentId` to the
 * client as MCP progress notifications, in arrival order, only while the value grows (MCP requires
 * it). Subscribes before `work` starts, so no event of the deployment is missed; unsubscribes
 * afterwards, and relays what had already arrived before returning.
 */
export async function withProgress<T>(
  ctx: Pick<ToolContext, 'nc' | 'progress'>,
  deploymentId: string,
  work: () => Promise<T>,
): Promise<T> {
  let last = Number.NEGATIVE_INFINITY;
  let relayed: Promise<void> = Promise.resolve();
  const sub = ctx.nc.subscribe(PROGRESS_SUBJECT, {
    callback: (err, msg) => {
      if (err !== null) return;
      const p = progressOf(msg);
      if (p === undefined || p.deploymentId !== deploymentId || p.progress <= last) return;
      last = p.progress;
      const update = { progress: p.progress, total: p.total, message: p.message };
      // A failed notification (client gone) must not fail the deployment call.
      relayed = relayed.then(() => ctx.progress(update)).catch(() => undefined);
    },
  });
  try {
    return await work();
  } finally {
    sub.unsubscribe();
    await relayed;
  }
}
