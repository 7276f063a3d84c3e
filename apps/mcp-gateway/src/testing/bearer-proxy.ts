import { createServer, request } from 'node:http';
import type { Server } from 'node:http';

/**
 * A loopback reverse proxy that adds `Authorization: Bearer <token>` to every request and
 * forwards it unchanged otherwise (Host and Origin included, so the gateway's own DNS rebinding
 * checks still decide). It stands in for a client that holds a token, for test clients (the
 * conformance suite) that cannot be given one.
 */
export async function startBearerProxy(options: { port: number; targetPort: number; token: string }) {
  const server: Server = createServer((req, res) => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port: options.targetPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, authorization: `Bearer ${options.token}` },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${options.port}/mcp`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
