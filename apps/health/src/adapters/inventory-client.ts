import type { NatsConnection } from '@nats-io/nats-core';
import { request } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { ClusterSummary, ConfigMeta, Node, SecretMeta, ServiceDetail, Task } from '@swarmops/contracts';
import type { ServiceFacts } from '../domain/snapshot.js';

/** What health reads from inventory (over NATS; inventory answers from PostgreSQL). */
export interface InventoryReads {
  nodes(): Promise<Node[]>;
  services(): Promise<ServiceFacts[]>;
  tasks(): Promise<Task[]>;
  configs(): Promise<ConfigMeta[]>;
  secrets(): Promise<SecretMeta[]>;
  summary(): Promise<ClusterSummary>;
  service(id: string): Promise<ServiceDetail>;
}

const PAGE = 1000;

/** {@link InventoryReads} over the bus, reading every page of each list. */
export function createInventoryClient(nc: NatsConnection, timeoutMs = 10_000): InventoryReads {
  const opts = { timeoutMs };
  async function all<T>(
    page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  ) {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const data = await page(cursor);
      items.push(...data.items);
      cursor = data.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return items;
  }
  return {
    nodes: () => all((cursor) => request(nc, InventoryRpc.nodesList, { limit: PAGE, cursor }, opts)),
    services: async () =>
      (await all((cursor) =>
        request(nc, InventoryRpc.servicesList, { limit: PAGE, cursor, includeSpec: true }, opts),
      )) as ServiceFacts[],
    tasks: () => all((cursor) => request(nc, InventoryRpc.tasksList, { limit: PAGE, cursor }, opts)),
    configs: () => all((cursor) => request(nc, InventoryRpc.configsList, { limit: PAGE, cursor }, opts)),
    secrets: () => all((cursor) => request(nc, InventoryRpc.secretsList, { limit: PAGE, cursor }, opts)),
    summary: () => request(nc, InventoryRpc.clusterSummary, {}, opts),
    service: (id) => request(nc, InventoryRpc.servicesGet, { id }, opts),
  };
}
