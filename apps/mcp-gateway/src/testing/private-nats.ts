import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A nats-server of the test's own on a free port, so the inventory responder the test serves is
 * the only one answering `swarmops.inventory.*` (a running platform may serve the same subjects on
 * the shared server). Fails loudly when nats-server is not installed.
 */
export async function startPrivateNats(): Promise<{
  url: string;
  nc: NatsConnection;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (err) =>
      reject(new Error(`nats-server could not start (apt-get install nats-server): ${err.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}`)));
  });
  const url = `nats://127.0.0.1:${port}`;
  let nc: NatsConnection | undefined;
  for (let attempt = 0; attempt < 50 && nc === undefined; attempt++) {
    nc = await Promise.race([connect({ servers: url, timeout: 1000 }).catch(() => undefined), exited]);
    if (nc === undefined) await new Promise((r) => setTimeout(r, 100));
  }
  if (nc === undefined) throw new Error(`nats-server on ${url} never accepted a connection`);
  const conn = nc;
  return {
    url,
    nc: conn,
    async stop() {
      await conn.close();
      child.kill('SIGTERM');
    },
  };
}
