import { describe, expect, it } from 'vitest';
import { createHttpApp } from './http-app.js';
import { createMetrics } from './metrics.js';
import { serveHttp } from './serve-http.js';

const app = () => createHttpApp({ service: 'health', registry: createMetrics({ service: 'health' }) });

describe('serveHttp', () => {
  it('binds a free port when asked for port 0 and serves the app until closed', async () => {
    const server = await serveHttp(app(), { port: 0, host: '127.0.0.1' });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const res = await fetch(`${server.url}/healthz`);
      expect(await res.json()).toEqual({ status: 'ok', service: 'health' });
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await server.close();
  });

  it('rejects when the port is taken', async () => {
    const first = await serveHttp(app(), { port: 0, host: '127.0.0.1' });
    try {
      await expect(serveHttp(app(), { port: first.port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
