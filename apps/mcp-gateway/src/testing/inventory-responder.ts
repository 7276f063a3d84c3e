import type { NatsConnection } from '@nats-io/nats-core';
import type Docker from 'dockerode';
import { endpoint, serve } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { AppError, ErrorCode, InventoryRpc } from '@swarmops/contracts';
import { dockerInventory } from './docker-inventory.js';

function page<T>(items: T[], limit: number, cursor: string | undefined) {
  const start = cursor === undefined ? 0 : Number(cursor);
  const slice = items.slice(start, start + limit);
  return { items: slice, nextCursor: start + limit < items.length ? String(start + limit) : null };
}

/** Options of {@link serveInventoryFromDocker}. */
export interface InventoryResponderOptions {
  /** Milliseconds a subject's handler waits before it replies (a slow service, for cancellation tests). */
  delayMs?: Readonly<Record<string, number>>;
}

/**
 * A real NATS micro service answering the inventory subjects the gateway calls, from the real
 * Docker engine (until apps/inventory serves them). Counts requests per subject, so tests can
 * prove a refused call sent nothing, and replies per subject, so they can see a handler finish.
 */
export async function serveInventoryFromDocker(
  nc: NatsConnection,
  docker: Docker,
  { delayMs = {} }: InventoryResponderOptions = {},
) {
  const inv = dockerInventory(docker);
  const counts = new Map<string, number>();
  const count = (subject: string) => counts.set(subject, (counts.get(subject) ?? 0) + 1);
  const replies = new Map<string, number>();
  const slowed = (e: RpcEndpoint): RpcEndpoint => ({
    contract: e.contract,
    handler: async (req, ctx) => {
      const data: unknown = await e.handler(req, ctx);
      const delay = delayMs[e.contract.subject] ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      replies.set(e.contract.subject, (replies.get(e.contract.subject) ?? 0) + 1);
      return data;
    },
  });
  const findService = async (id: string) => {
    const s = (await inv.services()).find((x) => x.id === id || x.name === id);
    if (s === undefined) throw new AppError(ErrorCode.NOT_FOUND, `service ${id} not found`);
    return s;
  };
  const endpoints = [
    endpoint(InventoryRpc.nodesList, async (req) => {
      count(InventoryRpc.nodesList.subject);
      const nodes = (await inv.nodes()).filter(
        (n) =>
          (req.role === undefined || n.role === req.role) &&
          (req.status === undefined || n.status === req.status),
      );
      return page(nodes, req.limit, req.cursor);
    }),
    endpoint(InventoryRpc.servicesList, async (req) => {
      count(InventoryRpc.servicesList.subject);
      const all = (await inv.services()).filter(
        (s) =>
          (req.stack === undefined || s.stack === req.stack) &&
          (req.name === undefined || s.name.includes(req.name)),
      );
      return page(all, req.limit, req.cursor);
    }),
    endpoint(InventoryRpc.servicesGet, async (req) => {
      count(InventoryRpc.servicesGet.subject);
      const s = await findService(req.id);
      const tasks = (await inv.tasks()).filter((t) => t.serviceId === s.id);
      return {
        service: s,
        spec: {},
        tasks: { desired: s.replicas.desired, running: s.replicas.running, items: tasks },
        lastTaskErrors: [],
      };
    }),
    endpoint(InventoryRpc.tasksList, async (req) => {
      count(InventoryRpc.tasksList.subject);
      let tasks = await inv.tasks();
      if (req.service !== undefined) {
        const s = await findService(req.service);
        tasks = tasks.filter((t) => t.serviceId === s.id);
      }
      if (req.state !== undefined) tasks = tasks.filter((t) => t.state === req.state);
      return page(tasks, req.limit, req.cursor);
    }),
    endpoint(InventoryRpc.stacksList, async (req) => {
      count(InventoryRpc.stacksList.subject);
      return page(await inv.stacks(), req.limit, req.cursor);
    }),
    endpoint(InventoryRpc.stacksGet, async (req) => {
      count(InventoryRpc.stacksGet.subject);
      const s = (await inv.stacks()).find((x) => x.name === req.name);
      if (s === undefined) throw new AppError(ErrorCode.NOT_FOUND, `stack ${req.name} not found`);
      return s;
    }),
    endpoint(InventoryRpc.clusterSummary, async () => {
      count(InventoryRpc.clusterSummary.subject);
      return inv.summary();
    }),
  ];
  const service = await serve(nc, { name: 'inventory-test', version: '0.0.0' }, endpoints.map(slowed));
  return {
    inventory: inv,
    /** Requests answered, all subjects together. */
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    count: (subject: string) => counts.get(subject) ?? 0,
    /** Replies a subject's handler has finished (and sent). */
    replied: (subject: string) => replies.get(subject) ?? 0,
    stop: () => service.stop(),
  };
}
