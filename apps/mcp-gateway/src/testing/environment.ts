import { pgFixture, requireDocker } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { startHttpGateway } from './gateway-fixture.js';
import { serveInventoryFromDocker } from './inventory-responder.js';
import { startPrivateNats } from './private-nats.js';

/**
 * Everything a gateway integration test needs, all real: a private nats-server, an inventory
 * responder reading the real Docker engine, a fresh migrated PostgreSQL database, and the HTTP
 * gateway. `close()` undoes it all.
 */
export async function startEnvironment(env?: Record<string, string>) {
  const docker = await requireDocker();
  const nats = await startPrivateNats();
  let pg: PgFixture | undefined;
  try {
    pg = await pgFixture();
    const responder = await serveInventoryFromDocker(nats.nc, docker);
    const gateway = await startHttpGateway({ natsUrl: nats.url, pool: pg.pool, databaseUrl: pg.url, env });
    const db = pg;
    return {
      docker,
      nats,
      pg: db,
      responder,
      gateway,
      async close() {
        await gateway.close();
        await responder.stop();
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
