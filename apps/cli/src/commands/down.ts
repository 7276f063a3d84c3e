import type { Context } from '../context.js';
import { step } from '../output.js';
import { stopAll } from '../parts/stop-all.js';

/** `swarmops down`: stops what `up` started, by pid. */
export async function downCommand(ctx: Context): Promise<number> {
  step('stopping what swarmops started');
  await stopAll(ctx);
  step('down');
  return 0;
}
