import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { testNatsUrl } from './env.js';
import { uniqueStreamName, uniqueSubject } from './nats-names.js';

/** A connection to the test NATS server plus unique names, cleaned up by {@link NatsFixture.cleanup}. */
export interface NatsFixture {
  readonly url: string;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** A unique subject under `test.<prefix>.`. */
  uniqueSubject(prefix: string): string;
  /** A unique stream name; a stream of that name is deleted in cleanup if it exists. */
  uniqueStream(prefix: string): string;
  /** Deletes every stream named by {@link uniqueStream} and closes the connection. */
  cleanup(): Promise<void>;
}

/**
 * Connects to `NATS_URL` with JetStream, failing loudly when the server is not there.
 *
 * @example
 * const nats = await natsFixture();
 * try { ... } finally { await nats.cleanup(); }
 */
export async function natsFixture(name = 'testkit'): Promise<NatsFixture> {
  const url = testNatsUrl();
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: url, name, timeout: 5000 });
  } catch (cause) {
    throw new Error(`NATS not reachable at ${url}: run ./swarmops test (${String(cause)})`, { cause });
  }
  const jsm = await jetstreamManager(nc).catch(async (cause: unknown) => {
    await nc.close();
    throw new Error(`JetStream not enabled on ${url}: start nats-server with -js (run ./swarmops test)`, {
      cause,
    });
  });
  const streams: string[] = [];
  return {
    url,
    nc,
    js: jetstream(nc),
    jsm,
    uniqueSubject,
    uniqueStream(prefix: string) {
      const stream = uniqueStreamName(prefix);
      streams.push(stream);
      return stream;
    },
    async cleanup() {
      try {
        for (const stream of streams) {
          await jsm.streams.delete(stream).catch(() => false);
        }
      } finally {
        await nc.close();
      }
    },
  };
}
