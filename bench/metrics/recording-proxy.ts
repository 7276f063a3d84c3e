// An HTTP proxy between metrics-analyst and Prometheus that records every request the analysis sends (method,
// path with query string, form body), so the baseline can send exactly the same PromQL straight to
// Prometheus. The analyst needs the Prometheus URL when it starts and Prometheus needs the analyst's port to
// scrape it: the proxy starts first and is pointed at Prometheus once it runs.
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { freePort } from '@swarmops/testkit/harness';

/** One request the analysis sent to Prometheus. */
export interface RecordedQuery {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
}

export interface RecordingProxy {
  readonly url: string;
  pointAt(port: number): void;
  /** Starts a fresh recording; returns the requests recorded since the previous call. */
  take(): RecordedQuery[];
  /** The most requests in flight at once since the last {@link RecordingProxy.take} (read it before). */
  maxInFlight(): number;
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const port = await freePort();
  let target: number | undefined;
  let recorded: RecordedQuery[] = [];
  let inFlight = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      if (path.startsWith('/api/v1/query')) {
        recorded.push({ method: req.method ?? 'GET', path, contentType: req.headers['content-type'], body });
      }
      if (target === undefined) {
        res.destroy();
        return;
      }
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      const done = () => (inFlight -= 1);
      const upstream = httpRequest(
        { host: '127.0.0.1', port: target, method: req.method, path, headers: forwardHeaders(req.headers) },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          up.once('end', done);
        },
      );
      upstream.once('error', () => {
        done();
        res.destroy();
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    pointAt: (next) => (target = next),
    take() {
      const out = recorded;
      recorded = [];
      peak = 0;
      return out;
    },
    maxInFlight: () => peak,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forwardHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { host: _host, connection: _connection, ...rest } = headers;
  return rest;
}

/**
 * Sends the recorded requests straight to Prometheus, at most `concurrency` at a time (the analysis's own
 * parallelism), and fails on any non-200 answer.
 */
export async function replay(prometheusUrl: string, queries: RecordedQuery[], concurrency: number) {
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const q = queries[next++]!;
      const res = await fetch(`${prometheusUrl}${q.path}`, {
        method: q.method,
        headers: q.contentType === undefined ? {} : { 'content-type': q.contentType },
        body: q.method === 'GET' ? undefined : q.body,
      });
      const text = await res.text();
      if (res.status !== 200)
        throw new Error(`replay of ${q.path} ${q.body} answered ${res.status}: ${text}`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
