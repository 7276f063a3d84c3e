import type { NatsConnection } from '@nats-io/nats-core';
import { endpoint, serve } from '@swarmops/bus';
import { MetricsRpc } from '@swarmops/contracts';

/**
 * A real NATS micro service answering every MetricsRpc contract with empty results, for the gateway's
 * tests (the real metrics-analyst is test/e2e's; a test answering MetricsRpc its own way stops this one first): an analysis without insights, a query without series,
 * a service usage without numbers (its stack read from the name). It reads nothing and changes nothing.
 */
export async function serveMetricsStandIn(nc: NatsConnection) {
  const service = await serve(nc, { name: 'metrics-test', version: '0.0.0' }, [
    endpoint(MetricsRpc.analyze, (req) => ({ window: req.window, insights: [] })),
    endpoint(MetricsRpc.query, (req) => ({
      resultType: 'vector' as const,
      series: [],
      query: { promql: req.promql, start: null, end: Math.floor(Date.now() / 1000), step: null },
      points: 0,
      truncated: false,
      warnings: [],
    })),
    endpoint(MetricsRpc.serviceUsage, (req) => {
      const stat = { current: null, p50: null, p95: null, max: null };
      return {
        service: req.service,
        // A stack's services are `<stack>_<name>`, as the other stand-ins read them.
        stack: req.service.includes('_') ? req.service.slice(0, req.service.lastIndexOf('_')) : null,
        window: req.window,
        replicas: { desired: null, running: null },
        cpu: { ...stat, limitCores: null, reservationCores: null },
        memory: { ...stat, limitBytes: null, reservationBytes: null },
        network: { receiveBytesPerSecond: null, transmitBytesPerSecond: null },
        restarts: null,
        recommended: null,
        insights: [],
        promql: [],
      };
    }),
  ]);
  let stopped: Promise<unknown> | undefined;
  // Idempotent: a test that serves its own MetricsRpc stand-in stops this one first.
  return { stop: () => (stopped ??= service.stop()) };
}
