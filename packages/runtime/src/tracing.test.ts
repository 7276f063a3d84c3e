import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { tracing } from '@opentelemetry/sdk-node';
import { describe, expect, it } from 'vitest';
import { startTracing } from './tracing.js';

interface Received {
  method: string;
  url: string;
  body: string;
}

/** A tiny OTLP/HTTP receiver on loopback that records every request. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { received, endpoint: `http://127.0.0.1:${port}`, close };
}

describe('startTracing', () => {
  it('is disabled without an endpoint or exporter', async () => {
    const handle = startTracing({ serviceName: 'inventory' });
    expect(handle.enabled).toBe(false);
    trace.getTracer('test').startSpan('ignored').end();
    await handle.shutdown();
  });

  it('POSTs spans to <endpoint>/v1/traces over OTLP/HTTP', async () => {
    const receiver = await startReceiver();
    try {
      const handle = startTracing({ serviceName: 'inventory', endpoint: `${receiver.endpoint}/` });
      expect(handle.enabled).toBe(true);
      trace.getTracer('test').startSpan('reconcile').end();
      await handle.shutdown();
      const posts = receiver.received.filter((r) => r.method === 'POST' && r.url === '/v1/traces');
      expect(posts.length).toBeGreaterThan(0);
      const body = posts.map((p) => p.body).join('\n');
      expect(body).toContain('reconcile');
      expect(body).toContain('inventory');
    } finally {
      await receiver.close();
    }
  });

  it('propagates W3C trace context and hands spans to a given exporter', async () => {
    const exporter = new tracing.InMemorySpanExporter();
    const handle = startTracing({ serviceName: 'deployer', exporter });
    try {
      const span = trace.getTracer('test').startSpan('deploy');
      const carrier: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), carrier);
      span.end();
      const { traceId, spanId } = span.spanContext();
      expect(carrier.traceparent).toBe(`00-${traceId}-${spanId}-01`);
      await handle.flush();
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['deploy']);
    } finally {
      await handle.shutdown();
    }
  });
});
