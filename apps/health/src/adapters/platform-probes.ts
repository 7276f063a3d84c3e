import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { errorMessage } from '@swarmops/bus';
import { EVENTS_STREAM } from '@swarmops/contracts';
import type { ClusterSummary } from '@swarmops/contracts';
import type pg from 'pg';
import type { PlatformProbe } from '../domain/snapshot.js';

/** What the probes reach. */
export interface PlatformProbeDeps {
  nc: NatsConnection;
  jsm: JetStreamManager;
  pool: pg.Pool;
  /** Swarmops services that must answer `$SRV.PING` (HEALTH_PLATFORM_SERVICES). */
  services: readonly string[];
  timeoutMs: number;
}

/** Probes NATS, JetStream, PostgreSQL and each platform service, in parallel. */
export async function probePlatform(deps: PlatformProbeDeps): Promise<PlatformProbe[]> {
  return Promise.all([
    probe('nats', deps.timeoutMs, async () => {
      const rtt = await deps.nc.rtt();
      return {
        detail: `round trip ${rtt} ms to ${deps.nc.getServer()}`,
        evidence: { server: deps.nc.getServer() },
      };
    }),
    probe('jetstream', deps.timeoutMs, async () => {
      const info = await deps.jsm.streams.info(EVENTS_STREAM);
      const { messages, bytes, consumer_count: consumers } = info.state;
      return {
        detail: `stream ${EVENTS_STREAM}: ${messages} messages`,
        evidence: { stream: EVENTS_STREAM, messages, bytes, consumers, replicas: info.config.num_replicas },
      };
    }),
    probe('postgres', deps.timeoutMs, async () => {
      await deps.pool.query('SELECT 1');
      return { detail: 'SELECT 1 answered' };
    }),
    ...deps.services.map((name) =>
      probe(`service:${name}`, deps.timeoutMs, async () => {
        const msg = await deps.nc.request(`$SRV.PING.${name}`, undefined, { timeout: deps.timeoutMs });
        const ping = msg.json<{ id?: string; version?: string }>();
        return {
          detail: `${name} answered $SRV.PING`,
          evidence: { instance: ping.id ?? null, version: ping.version ?? null },
        };
      }),
    ),
  ]);
}

/** The inventory freshness probe, from the summary read (or its failure). */
export function inventoryProbe(
  summary: { ok: true; value: ClusterSummary; latencyMs: number } | { ok: false; error: unknown },
): PlatformProbe {
  if (!summary.ok) {
    return {
      part: 'inventory',
      ok: false,
      latencyMs: null,
      detail: `inventory did not answer: ${errorMessage(summary.error)}`,
    };
  }
  const { lastReconcileAt, lastChangeAt } = summary.value;
  return {
    part: 'inventory',
    ok: true,
    latencyMs: summary.latencyMs,
    detail: `last full reconcile ${lastReconcileAt ?? 'never'}`,
    evidence: { lastReconcileAt, lastChangeAt },
  };
}

async function probe(
  part: string,
  timeoutMs: number,
  run: () => Promise<{ detail: string; evidence?: Record<string, unknown> }>,
): Promise<PlatformProbe> {
  const started = performance.now();
  try {
    const result = await withTimeout(run(), timeoutMs, part);
    return { part, ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10, ...result };
  } catch (err) {
    return { part, ok: false, latencyMs: null, detail: errorMessage(err) };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, part: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${part} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
