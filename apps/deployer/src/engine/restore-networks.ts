import type Dockerode from 'dockerode';
import { errorMessage } from '@swarmops/bus';
import type { RestoreApplyItem } from '@swarmops/contracts';
import { statusOf } from '../adapters/docker-stack.js';
import { isNameTaken, networkCreateBody, nextNetworkMove } from '../domain/restore/network-recovery.js';
import { sleep } from './bounded.js';
import type { Run } from './run.js';
import type { EngineDeps } from './types.js';

type NetworkItem = Extract<RestoreApplyItem, { kind: 'network' }>;

/** How long a restore waits for Swarm to finish deleting a network it has to create again. */
export const NETWORK_RECREATE_TIMEOUT_MS = 60_000;

/** Creates the networks a restore's services need, from the restore's own network items. */
export interface NetworkRecovery {
  /** Whether the restore carries network `name`'s item (and so can create it). */
  has(name: string): boolean;
  /**
   * The id of a usable network `name`, creating it from its item when it is missing. `staleId`, when given,
   * is a listed id the engine no longer accepts (Swarm is deleting it): wait until it is gone, polling, then
   * create the network — for at most {@link NETWORK_RECREATE_TIMEOUT_MS}. Concurrent calls for the same
   * network share one attempt.
   */
  ensure(name: string, staleId: string | null, service: string): Promise<string>;
}

/** A {@link NetworkRecovery} over `items` (the restore's items; only the networks are used). */
export function createNetworkRecovery(
  deps: EngineDeps,
  run: Run,
  items: readonly RestoreApplyItem[],
  timeoutMs = NETWORK_RECREATE_TIMEOUT_MS,
): NetworkRecovery {
  const networks = new Map<string, NetworkItem>();
  for (const item of items) if (item.kind === 'network') networks.set(item.name, item);
  const attempts = new Map<string, Promise<string>>();
  return {
    has: (name) => networks.has(name),
    ensure(name, staleId, service) {
      const item = networks.get(name);
      if (item === undefined) return Promise.reject(new Error(`network ${name} is not in this restore`));
      const key = `${name}\n${staleId ?? ''}`;
      let attempt = attempts.get(key);
      if (attempt === undefined) {
        attempt = recreate(deps, run, item, staleId, service, timeoutMs);
        attempts.set(key, attempt);
      }
      return attempt;
    },
  };
}

async function recreate(
  deps: EngineDeps,
  run: Run,
  item: NetworkItem,
  staleId: string | null,
  service: string,
  timeoutMs: number,
): Promise<string> {
  const deadline = deps.now().getTime() + timeoutMs;
  const stale = new Set(staleId === null ? [] : [staleId]);
  const why = staleId === null ? 'it was missing' : 'the listed one was being deleted';
  for (;;) {
    const names = await deps.docker.networkNames();
    const listed = Object.keys(names).filter((id) => names[id] === item.name);
    const move = nextNetworkMove(listed, stale);
    if (move.action === 'use') return move.id;
    if (move.action === 'create') {
      try {
        const body = networkCreateBody(item.name, item.spec) as unknown as Dockerode.NetworkCreateOptions;
        const id = await deps.docker.createNetwork(body);
        await run.step(
          'restore-network',
          'succeeded',
          `created network ${item.name} for service ${service} (${why})`,
          item.name,
          { outcome: 'created' },
        );
        return id;
      } catch (err) {
        // Swarm still lists it (deleting): wait and try again.
        if (!isNameTaken(statusOf(err), errorMessage(err))) throw err;
      }
    }
    if (deps.now().getTime() >= deadline) {
      throw new Error(
        `network ${item.name} is still being deleted by Swarm after ${Math.round(timeoutMs / 1000)} s; run the restore again once it is gone`,
      );
    }
    await sleep(deps.pollMs ?? 500);
  }
}
