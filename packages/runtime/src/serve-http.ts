import { createAdaptorServer } from '@hono/node-server';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';

/** Options of {@link serveHttp}. */
export interface ServeHttpOptions {
  /** Port to listen on; 0 asks the OS for a free one (read it back from the handle). */
  port: number;
  /** Interface to bind, e.g. `127.0.0.1` or `0.0.0.0`. */
  host: string;
  /** PEM certificate and key: serve HTTPS with TLS 1.3 only, instead of plain HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

/** A listening server. */
export interface HttpServerHandle {
  /** The port actually bound (differs from the requested one when that was 0). */
  readonly port: number;
  /** The bound interface. */
  readonly host: string;
  /** Base URL, e.g. `http://127.0.0.1:7071`. */
  readonly url: string;
  /** Stop accepting connections, close idle keep-alive ones, and resolve once in-flight requests end. */
  close(): Promise<void>;
}

/**
 * Serve a hono app with `@hono/node-server`. Resolves once the port is bound; rejects when it
 * cannot be (e.g. `EADDRINUSE`).
 *
 * @example
 * ```ts
 * const server = await serveHttp(app, { port: config.HTTP_PORT, host: config.HTTP_HOST });
 * shutdown.add('http', () => server.close());
 * ```
 */
export async function serveHttp(app: Hono, { port, host, tls }: ServeHttpOptions): Promise<HttpServerHandle> {
  const server =
    tls === undefined
      ? createAdaptorServer({ fetch: app.fetch })
      : createAdaptorServer({
          fetch: app.fetch,
          createServer: createHttpsServer,
          serverOptions: { cert: tls.cert, key: tls.key, minVersion: 'TLSv1.3' },
        });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const scheme = tls === undefined ? 'http' : 'https';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    port: bound,
    host,
    url: `${scheme}://${urlHost}:${bound}`,
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      return closed;
    },
  };
}
