import http from 'node:http';
import net from 'node:net';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** GET over TCP (`url`) or a unix socket (`socketPath` + `path`), bounded by `timeoutMs`. */
export function httpGet(
  target: { url: string } | { socketPath: string; path: string },
  timeoutMs = 2_000,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const options: http.RequestOptions =
      'url' in target
        ? { ...urlParts(target.url), timeout: timeoutMs }
        : { socketPath: target.socketPath, path: target.path, timeout: timeoutMs };
    const req = http.get(options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

function urlParts(url: string): http.RequestOptions {
  const u = new URL(url);
  return { hostname: u.hostname, port: u.port, path: `${u.pathname}${u.search}` };
}

/** Connects and returns the first line the server sends (NATS sends `INFO {...}`). */
export function tcpFirstLine(host: string, port: number, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let data = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString();
      const end = data.indexOf('\n');
      if (end >= 0) {
        socket.destroy();
        resolve(data.slice(0, end));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('connection closed before a line arrived')));
  });
}

/** Whether something accepts TCP connections on host:port. */
export function tcpOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns true or `timeoutMs` passes. `abort` is asked between polls
 * (e.g. "did the process exit?") and ends the wait early with its reason.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; abort?: () => string | undefined },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return { ok: true };
    const aborted = options.abort?.();
    if (aborted !== undefined) return { ok: false, reason: aborted };
    if (Date.now() >= deadline) return { ok: false, reason: `not ready after ${options.timeoutMs / 1000} s` };
    await sleep(options.intervalMs ?? 200);
  }
}
