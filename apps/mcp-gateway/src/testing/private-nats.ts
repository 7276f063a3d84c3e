import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { freePort, startPrivateNats as startServer } from '@swarmops/testkit';

export { freePort };

/**
 * A nats-server of the test's own (testkit) plus a connection to it, so the inventory responder the
 * test serves is the only one answering `swarmops.inventory.*`.
 */
export async function startPrivateNats(): Promise<{
  url: string;
  nc: NatsConnection;
  stop(): Promise<void>;
}> {
  const server = await startServer();
  const nc = await connect({ servers: server.url, timeout: 1000 });
  return {
    url: server.url,
    nc,
    async stop() {
      await nc.close();
      await server.stop();
    },
  };
}
