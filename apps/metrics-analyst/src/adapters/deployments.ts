import type { NatsConnection } from '@nats-io/nats-core';
import { errorMessage, request } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import { DeployerRpc, isAppError } from '@swarmops/contracts';
import type { DeploymentSummary } from '@swarmops/contracts';
import type { DeploymentSource } from '../ports.js';

/** One page of the deployer's history, newest first (`DeployerRpc.deploymentsList`). */
export type ListDeployments = (query: {
  limit: number;
  cursor?: string;
  stack?: string;
}) => Promise<{ items: DeploymentSummary[]; nextCursor: string | null }>;

/** Options of {@link createDeploymentSource}. */
export interface DeploymentSourceOptions {
  list: ListDeployments;
  logger: BusLogger;
  /** Deployments asked for per request. */
  pageSize?: number;
  /** Stops paging after this many pages: correlation needs the window, not the whole history. */
  maxPages?: number;
}

/**
 * The deployer's history for correlation. Pages newest first until a page reaches deployments older than
 * `since`. When the deployer cannot be asked (not running, timing out, failing), correlation is skipped:
 * the warning is logged and no deployments are returned, so the rest of the analysis still answers.
 */
export function createDeploymentSource({
  list,
  logger,
  pageSize = 200,
  maxPages = 20,
}: DeploymentSourceOptions): DeploymentSource {
  return {
    async since(since, { stacks }) {
      const wanted = stacks === undefined ? undefined : new Set(stacks);
      // One stack is filtered by the deployer; several are filtered here.
      const stack = stacks?.length === 1 ? stacks[0] : undefined;
      const found: DeploymentSummary[] = [];
      let cursor: string | undefined;
      try {
        for (let page = 0; page < maxPages; page++) {
          const { items, nextCursor } = await list({
            limit: pageSize,
            ...(cursor === undefined ? {} : { cursor }),
            ...(stack === undefined ? {} : { stack }),
          });
          let older = false;
          for (const item of items) {
            if (Date.parse(item.startedAt) < since.getTime()) {
              older = true;
              break;
            }
            if (wanted === undefined || wanted.has(item.stack)) found.push(item);
          }
          if (older || nextCursor === null) return found;
          cursor = nextCursor;
        }
        logger.warn(
          { pages: maxPages, since: since.toISOString() },
          'deployment history cut at the page cap',
        );
        return found;
      } catch (err) {
        logger.warn(
          { err: errorMessage(err), code: isAppError(err) ? err.code : undefined },
          'deployer history unavailable: correlation with deployments skipped',
        );
        return [];
      }
    },
  };
}

/** {@link ListDeployments} over NATS. */
export function natsDeploymentsList(nc: NatsConnection, timeoutMs: number): ListDeployments {
  return (query) => request(nc, DeployerRpc.deploymentsList, query, { timeoutMs });
}
