import type { Context } from '../context.js';
import { allReady, renderStatusTable } from '../domain/status-table.js';
import type { PartStatus } from '../domain/status-table.js';
import { say, sayJson } from '../output.js';
import { dockerStatus } from '../parts/docker.js';
import { natsStatus } from '../parts/nats.js';
import { postgresStatus } from '../parts/postgres.js';
import { prometheusStatus } from '../parts/prometheus.js';
import { discoverServices, serviceStatus } from '../parts/services.js';

/** Probes every part: docker, nats, postgres, prometheus, then each declared service. */
export async function collectStatus(ctx: Context): Promise<PartStatus[]> {
  const services = discoverServices(ctx);
  return Promise.all([
    dockerStatus(ctx),
    natsStatus(ctx),
    postgresStatus(ctx),
    prometheusStatus(ctx),
    ...services.map((svc) => serviceStatus(ctx, svc)),
  ]);
}

/** `swarmops status [--json]`: exit code 0 when every part is ready, 1 otherwise. */
export async function statusCommand(ctx: Context, options: { json?: boolean }): Promise<number> {
  const parts = await collectStatus(ctx);
  if (options.json) sayJson({ ready: allReady(parts), parts });
  else say(renderStatusTable(parts));
  return allReady(parts) ? 0 : 1;
}
