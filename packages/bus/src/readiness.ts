import type { NatsConnection } from '@nats-io/transport-node';

/**
 * A readiness check for `/readyz`: resolves when the connection is open and the server answers
 * a round trip, throws otherwise.
 */
export async function natsReadinessCheck(nc: NatsConnection): Promise<void> {
  if (nc.isClosed()) throw new Error('nats connection closed');
  if (nc.isDraining()) throw new Error('nats connection draining');
  await nc.rtt();
}
