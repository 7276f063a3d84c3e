import type { Msg } from '@nats-io/nats-core';
import type { ToolContext } from './tool.js';

/** One MCP progress notification. */
export interface ProgressUpdate {
  progress: number;
  total?: number | undefined;
  message?: string | undefined;
}

/**
 * Runs `work` (the service request) while relaying the events on `subject` that `pick` turns into an
 * update (those of this call's operation) to the client as MCP progress notifications, in arrival
 * order, only while the value grows (MCP requires it). Subscribes before `work` starts, so no event
 * of the operation is missed; unsubscribes afterwards, and relays what had already arrived before
 * returning. A failed notification (client gone) never fails the call.
 */
export async function relayProgress<T>(
  ctx: Pick<ToolContext, 'nc' | 'progress'>,
  subject: string,
  pick: (msg: Msg) => ProgressUpdate | undefined,
  work: () => Promise<T>,
): Promise<T> {
  let last = Number.NEGATIVE_INFINITY;
  let relayed: Promise<void> = Promise.resolve();
  const sub = ctx.nc.subscribe(subject, {
    callback: (err, msg) => {
      if (err !== null) return;
      const update = pick(msg);
      if (update === undefined || update.progress <= last) return;
      last = update.progress;
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

/** The `data` of an event envelope parsed by `parse`, or undefined when the message is not such an event. */
export function eventData<T>(msg: Pick<Msg, 'json'>, parse: (data: unknown) => T | undefined): T | undefined {
  try {
    const envelope = msg.json<{ data?: unknown }>();
    return parse(envelope?.data);
  } catch {
    return undefined;
  }
}
