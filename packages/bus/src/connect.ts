import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { silentLogger } from './logger.js';
import type { BusLogger } from './logger.js';

/** Options for {@link connectBus}. */
export interface ConnectBusOptions {
  /** One URL or a comma-separated list, e.g. `nats://127.0.0.1:4222`. */
  url: string;
  /** Connection name shown by the server (`connz`); use the service name. */
  name: string;
  logger?: BusLogger;
  /** Milliseconds between client pings; at most 20000. Default 10000. */
  pingIntervalMs?: number;
  /** Milliseconds between reconnect attempts to the same server. Default 1000. */
  reconnectTimeWaitMs?: number;
  /** Milliseconds to wait for the first connection. Default 5000. */
  timeoutMs?: number;
}

/**
 * Connects to NATS for the life of a service: reconnects forever (`maxReconnectAttempts: -1`),
 * pings at most every 20 s so a dead server is noticed quickly, and logs every status change.
 *
 * @example const nc = await connectBus({ url: config.NATS_URL, name: 'inventory', logger });
 */
export async function connectBus({
  url,
  name,
  logger = silentLogger,
  pingIntervalMs = 10_000,
  reconnectTimeWaitMs = 1000,
  timeoutMs = 5000,
}: ConnectBusOptions): Promise<NatsConnection> {
  const nc = await connect({
    servers: url.split(',').map((s) => s.trim()),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: reconnectTimeWaitMs,
    pingInterval: Math.min(pingIntervalMs, 20_000),
    maxPingOut: 3,
    timeout: timeoutMs,
  });
  logger.info({ server: nc.getServer(), name }, 'nats connected');
  void logStatus(nc, logger);
  return nc;
}

async function logStatus(nc: NatsConnection, logger: BusLogger): Promise<void> {
  for await (const s of nc.status()) {
    switch (s.type) {
      case 'disconnect':
        logger.warn({ server: s.server }, 'nats disconnected');
        break;
      case 'reconnect':
        logger.info({ server: s.server }, 'nats reconnected');
        break;
      case 'reconnecting':
        logger.debug({}, 'nats reconnecting');
        break;
      case 'error':
        logger.error({ err: s.error.message }, 'nats error');
        break;
      case 'staleConnection':
        logger.warn({}, 'nats connection stale');
        break;
      case 'slowConsumer':
        logger.warn({ subject: s.sub.getSubject(), pending: s.pending }, 'nats slow consumer');
        break;
      case 'ldm':
        logger.warn({ server: s.server }, 'nats server entering lame duck mode');
        break;
      case 'close':
        logger.info({}, 'nats connection closed');
        break;
      default:
        break;
    }
  }
}
