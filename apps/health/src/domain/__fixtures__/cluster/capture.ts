// Records a ClusterSnapshot fixture from a real inventory (over NATS), the real Docker engine (swarm inspect)
// and live platform probes. Not part of the service: run by hand, see README.md in this folder.
//   cd apps/health && ../../bench/node_modules/.bin/tsx src/domain/__fixtures__/cluster/capture.ts <out.json>
// Reads NATS_URL, DATABASE_URL, DOCKER_HOST, CAPTURE_SERVICES (default `inventory,deployer`) and
// CAPTURE_INVENTORY_RESYNC_SECONDS (the inventory's INVENTORY_RESYNC_SECONDS, default 30).
import { writeFileSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import Docker from 'dockerode';
import pg from 'pg';
import { request } from '@swarmops/bus';
import { EVENTS_STREAM, InventoryRpc } from '@swarmops/contracts';
import type { ClusterSnapshot, PlatformProbe, ServiceFacts, SwarmFacts } from '../../snapshot.js';

type Page<T> = { items: T[]; nextCursor?: string | null | undefined };

async function all<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

const page = (cursor: string | undefined) => ({ limit: 1000, ...(cursor ? { cursor } : {}) });

async function timed(part: string, fn: () => Promise<string>): Promise<PlatformProbe> {
  const t0 = performance.now();
  try {
    const detail = await fn();
    return { part, ok: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10, detail };
  } catch (error) {
    return { part, ok: false, latencyMs: null, detail: String(error) };
  }
}

async function probes(nc: NatsConnection, services: string[]): Promise<PlatformProbe[]> {
  const out: PlatformProbe[] = [];
  out.push(await timed('nats', async () => `rtt ${await nc.rtt()} ms to ${nc.getServer()}`));
  out.push(
    await timed('jetstream', async () => {
      const info = await (await jetstreamManager(nc)).streams.info(EVENTS_STREAM);
      return `stream ${EVENTS_STREAM}: ${info.state.messages} messages`;
    }),
  );
  out.push(
    await timed('postgres', async () => {
      const client = new pg.Client({
        connectionString: process.env.DATABASE_URL,
        connectionTimeoutMillis: 3000,
      });
      await client.connect();
      try {
        await client.query('SELECT 1');
      } finally {
        await client.end();
      }
      return 'SELECT 1 answered';
    }),
  );
  for (const name of services) {
    out.push(
      await timed(`service:${name}`, async () => {
        const reply = await nc.request(`$SRV.PING.${name}`, undefined, { timeout: 2000 });
        return `$SRV.PING answered by ${reply.json<{ id: string }>().id}`;
      }),
    );
  }
  return out;
}

async function swarmFacts(): Promise<SwarmFacts | null> {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const docker = new Docker({ socketPath: host.replace(/^unix:\/\//, ''), timeout: 10_000 });
  try {
    const raw = (await docker.swarmInspect()) as {
      TLSInfo?: { TrustRoot?: string };
      Spec?: { CAConfig?: { NodeCertExpiry?: number } };
      UpdatedAt?: string;
      CreatedAt?: string;
    };
    const expiryNs = raw.Spec?.CAConfig?.NodeCertExpiry;
    return {
      trustRootPem: raw.TLSInfo?.TrustRoot ?? null,
      nodeCertExpirySeconds: expiryNs === undefined ? null : expiryNs / 1e9,
      createdAt: raw.CreatedAt ?? raw.UpdatedAt ?? null,
    };
  } catch {
    return null;
  }
}

async function capture(out: string): Promise<void> {
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const opts = { timeoutMs: 10_000 };
    const nodes = await all((c) => request(nc, InventoryRpc.nodesList, page(c), opts));
    const services = (await all((c) =>
      request(nc, InventoryRpc.servicesList, { ...page(c), includeSpec: true }, opts),
    )) as ServiceFacts[];
    const tasks = await all((c) => request(nc, InventoryRpc.tasksList, page(c), opts));
    const configs = await all((c) => request(nc, InventoryRpc.configsList, page(c), opts));
    const secrets = await all((c) => request(nc, InventoryRpc.secretsList, page(c), opts));
    const summary = await request(nc, InventoryRpc.clusterSummary, {}, opts);
    const services_ = (process.env.CAPTURE_SERVICES ?? 'inventory,deployer').split(',').filter(Boolean);
    const platform = await probes(nc, services_);
    platform.splice(3, 0, {
      part: 'inventory',
      ok: true,
      latencyMs: null,
      detail: `cluster.summary answered; last full reconcile ${summary.lastReconcileAt ?? 'never'}`,
      evidence: {
        resyncSeconds: Number(process.env.CAPTURE_INVENTORY_RESYNC_SECONDS ?? 30),
        lastReconcileAt: summary.lastReconcileAt,
        lastChangeAt: summary.lastChangeAt,
      },
    });
    const snapshot: ClusterSnapshot = {
      clusterId: summary.clusterId,
      takenAt: new Date().toISOString(),
      nodes,
      services,
      tasks,
      configs,
      secrets,
      summary,
      swarm: await swarmFacts(),
      platform,
      disk: null,
      nodeStatusChanges: [],
    };
    writeFileSync(out, `${JSON.stringify(snapshot, null, 2)}\n`);
  } finally {
    await nc.close();
  }
}

const out = process.argv[2];
if (out === undefined) throw new Error('usage: capture.ts <out.json>');
await capture(out);
