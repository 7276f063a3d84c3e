import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MetricNames } from '../domain/metric-names.js';
import { defineExporterMetrics } from './exporter-metrics.js';
import { publishSnapshot } from './publish-snapshot.js';
import type { EnginePart, ExporterSnapshot, SwarmPart } from './snapshot.js';

const service = (
  name: string,
  extra: Partial<SwarmPart['services'][number]> = {},
): SwarmPart['services'][number] => ({
  service: name,
  serviceId: `id-${name}`,
  stack: 'shop',
  mode: 'replicated',
  desired: 2,
  running: 2,
  tasksByState: { running: 2 },
  cpuLimitCores: undefined,
  cpuReservationCores: undefined,
  memoryLimitBytes: undefined,
  memoryReservationBytes: undefined,
  failedTaskIds: [],
  restarts: 0,
  ...extra,
});
const swarm = (services: SwarmPart['services'], up = true): SwarmPart => ({
  engine: 'swarm',
  up,
  durationSeconds: 0.01,
  errors: up ? 0 : 1,
  nodes: up
    ? [
        {
          node: 'vm',
          nodeId: 'n1',
          role: 'manager',
          availability: 'active',
          status: 'ready',
          engineVersion: '20.10.24',
          leader: true,
          cpuCores: 2,
          memoryBytes: 8e9,
        },
      ]
    : [],
  services: up ? services : [],
});
const engine = (usage: EnginePart['usage'], up = true, errors = up ? 0 : 1): EnginePart => ({
  engine: 'vm',
  up,
  durationSeconds: 0.02,
  errors,
  usage: up ? usage : [],
  filesystem: up ? { sizeBytes: 100, availBytes: 40 } : undefined,
});
const snap = (s: SwarmPart, e: EnginePart): ExporterSnapshot => ({
  collectedAt: new Date(0),
  durationSeconds: 0.03,
  swarm: s,
  engines: [e],
});
const usage = (name: string) => ({
  service: name,
  stack: 'shop',
  cpuSeconds: 12.5,
  memoryBytes: 1024,
  rxBytes: 10,
  txBytes: 20,
  containers: 2,
});

function setup() {
  const registry = new Registry();
  const metrics = defineExporterMetrics(registry, () => Promise.resolve());
  return { registry, publish: (s: ExporterSnapshot) => publishSnapshot(metrics, s) };
}

describe('publishSnapshot', () => {
  it('registers every MetricNames metric with its type', async () => {
    const { registry } = setup();
    const metrics = await registry.getMetricsAsJSON();
    expect(metrics.map((m) => m.name).sort()).toEqual(Object.values(MetricNames).sort());
    const counters = metrics.filter((m) => String(m.type) === 'counter').map((m) => m.name);
    expect(counters.sort()).toEqual(
      [
        MetricNames.serviceRestarts,
        MetricNames.serviceCpuSeconds,
        MetricNames.serviceNetworkReceiveBytes,
        MetricNames.serviceNetworkTransmitBytes,
        MetricNames.collectErrors,
      ].sort(),
    );
  });

  it('publishes nodes, services, usage and the filesystem with the documented labels', async () => {
    const { registry, publish } = setup();
    publish(
      snap(swarm([service('shop_api', { memoryLimitBytes: 256, restarts: 3 })]), engine([usage('shop_api')])),
    );
    const text = await registry.metrics();
    expect(text).toContain('swarm_node_up{node="vm",node_id="n1",role="manager"} 1');
    expect(text).toContain('swarm_node_availability{node="vm",node_id="n1",availability="active"} 1');
    expect(text).toContain('swarm_node_availability{node="vm",node_id="n1",availability="drain"} 0');
    expect(text).toContain(
      'swarm_node_info{node="vm",node_id="n1",role="manager",availability="active",status="ready",engine_version="20.10.24",leader="true"} 1',
    );
    expect(text).toContain('swarm_node_cpu_cores{node="vm",node_id="n1"} 2');
    expect(text).toContain(
      'swarm_service_replicas_desired{service="shop_api",service_id="id-shop_api",stack="shop",mode="replicated"} 2',
    );
    expect(text).toContain(
      'swarm_service_tasks{service="shop_api",service_id="id-shop_api",stack="shop",state="running"} 2',
    );
    expect(text).toContain(
      'swarm_service_memory_limit_bytes{service="shop_api",service_id="id-shop_api",stack="shop"} 256',
    );
    expect(text).not.toContain('swarm_service_cpu_limit_cores{');
    expect(text).toContain(
      'swarm_service_restarts_total{service="shop_api",service_id="id-shop_api",stack="shop"} 3',
    );
    expect(text).toContain('swarm_service_cpu_seconds_total{service="shop_api",stack="shop",node="vm"} 12.5');
    expect(text).toContain(
      'swarm_service_network_transmit_bytes_total{service="shop_api",stack="shop",node="vm"} 20',
    );
    expect(text).toContain('swarm_node_filesystem_avail_bytes{node="vm"} 40');
    expect(text).toContain('swarm_exporter_engine_up{engine="swarm"} 1');
    expect(text).toContain('swarm_exporter_collect_errors_total{engine="vm"} 0');
  });

  it('drops the series of a removed service at the next publish', async () => {
    const { registry, publish } = setup();
    publish(
      snap(swarm([service('shop_api'), service('shop_old')]), engine([usage('shop_api'), usage('shop_old')])),
    );
    publish(snap(swarm([service('shop_api')]), engine([usage('shop_api')])));
    const text = await registry.metrics();
    expect(text).toContain('service="shop_api"');
    expect(text).not.toContain('shop_old');
  });

  it("leaves a failed part's series out and counts its errors monotonically", async () => {
    const { registry, publish } = setup();
    publish(snap(swarm([service('shop_api')]), engine([usage('shop_api')])));
    publish(snap(swarm([], false), engine([], false)));
    publish(snap(swarm([], false), engine([], true, 2)));
    const text = await registry.metrics();
    expect(text).toContain('swarm_exporter_engine_up{engine="swarm"} 0');
    expect(text).toContain('swarm_exporter_collect_errors_total{engine="swarm"} 2');
    expect(text).toContain('swarm_exporter_collect_errors_total{engine="vm"} 3');
    expect(text).toContain('swarm_exporter_engine_up{engine="vm"} 1');
    expect(text).not.toContain('swarm_node_up{');
    expect(text).not.toContain('swarm_service_replicas_running{');
  });
});
