import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { natsFixture } from '@swarmops/testkit';
import type { NatsFixture } from '@swarmops/testkit';
import { echoContract } from '../testing/echo-contract.fixture.js';
import { endpoint } from './endpoint.js';
import { request } from './request.js';
import { serve } from './serve.js';

describe('W3C trace context over NATS headers', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let nats: NatsFixture;

  beforeAll(async () => {
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    nats = await natsFixture('bus-trace-test');
  });

  afterAll(async () => {
    await nats.cleanup();
    await provider.shutdown();
    trace.disable();
    propagation.disable();
  });

  it('makes the responder span a child of the requester span', async () => {
    const contract = echoContract(nats.uniqueSubject('traced'));
    let seenTraceparent: string | undefined;
    const service = await serve(nats.nc, { name: 'trace-test', version: '0.1.0' }, [
      endpoint(contract, (req, ctx) => {
        seenTraceparent = ctx.headers?.get('traceparent');
        return { greeting: req.name };
      }),
    ]);
    try {
      await request(nats.nc, contract, { name: 'a', count: 1 });
    } finally {
      await service.stop();
    }

    const spans = exporter.getFinishedSpans().filter((s) => s.name === contract.subject);
    const client = spans.find((s) => s.kind === SpanKind.CLIENT);
    const server = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(client).toBeDefined();
    expect(server).toBeDefined();
    expect(server!.spanContext().traceId).toBe(client!.spanContext().traceId);
    expect(server!.parentSpanContext?.spanId).toBe(client!.spanContext().spanId);
    expect(seenTraceparent).toBe(`00-${client!.spanContext().traceId}-${client!.spanContext().spanId}-01`);
  });
});
