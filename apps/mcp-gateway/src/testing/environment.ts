import { pgFixture, requireDocker } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { serveBackupStandIn } from './backup-responder.js';
import { serveDeployerStandIn } from './deployer-responder.js';
import { startHttpGateway } from './gateway-fixture.js';
import { serveHealthStandIn } from './health-responder.js';
import { serveInventoryFromDocker } from './inventory-responder.js';
import { serveMetricsStandIn } from './metrics-responder.js';
import type { InventoryResponderOptions } from './inventory-responder.js';
import { startPrivateNats } from './private-nats.js';

/**
 * Everything a gateway integration test needs, all real: a private nats-server, an inventory
 * responder reading the real Docker engine, a deployer stand-in answering the deployer contracts, a health stand-in answering HealthRpc, a backup stand-in answering BackupRpc, a metrics stand-in answering MetricsRpc, a
 * fresh migrated PostgreSQL database, and the HTTP gateway. `close()` undoes it all. `responder`
 * slows chosen subjects down.
 */
export async function startEnvironment(env?: Record<string, string>, responder?: InventoryResponderOptions) {
  const docker = await requireDocker();
  const nats = await startPrivateNats();
  let pg: PgFixture | undefined;
  try {
    pg = await pgFixture();
    const inventory = await serveInventoryFromDocker(nats.nc, docker, responder);
    const deployer = await serveDeployerStandIn(nats.nc);
    const health = await serveHealthStandIn(
      nats.nc,
      async (name) => (await inventory.inventory.services()).find((s) => s.name === name)?.stack ?? null,
    );
    const backup = await serveBackupStandIn(nats.nc);
    const metrics = await serveMetricsStandIn(nats.nc);
    const gateway = await startHttpGateway({ natsUrl: nats.url, pool: pg.pool, databaseUrl: pg.url, env });
    const db = pg;
    return {
      docker,
      nats,
      pg: db,
      responder: inventory,
      deployer,
      health,
      backup,
      metrics,
      gateway,
      async close() {
        await gateway.close();
        await metrics.stop();
        await backup.stop();
        await health.stop();
        await deployer.stop();
        await inventory.stop();
        await db.cleanup();
        await nats.stop();
      },
    };
  } catch (err) {
    await pg?.cleanup();
    await nats.stop();
    throw err;
  }
}
export type TestEnvironment = Awaited<ReturnType<typeof startEnvironment>>;
