import { endpoint } from '@swarmops/bus';
import type { BusLogger, RpcEndpoint } from '@swarmops/bus';
import { AppError, DeployerRpc } from '@swarmops/contracts';
import type { NodeUpdateData } from '@swarmops/contracts';
import type { NodeDocker } from '../adapters/docker-nodes.js';
import { dockerError } from '../adapters/docker-stack.js';
import { findNode, guardNodeUpdate } from '../domain/node-guard.js';

/** What the node handler needs. */
export interface NodeHandlerDeps {
  nodes: NodeDocker;
  logger: BusLogger;
}

/** node.update: availability changes, never draining or pausing the last active manager. */
export function createNodeHandlers({ nodes, logger }: NodeHandlerDeps): RpcEndpoint[] {
  // One change at a time, so two concurrent drains cannot both see the other manager still active.
  let queue: Promise<unknown> = Promise.resolve();
  return [
    endpoint(DeployerRpc.nodeUpdate, (req) => {
      const next = queue.then(async (): Promise<NodeUpdateData> => {
        const all = await nodes.list();
        const target = findNode(all, req.node);
        if (target === undefined) {
          throw new AppError('NOT_FOUND', `node ${req.node} not found`, { details: { node: req.node } });
        }
        const verdict = guardNodeUpdate(all, target, req.availability);
        if (!verdict.allowed) {
          logger.warn({ node: target.hostname, requestedBy: req.requestedBy }, verdict.message);
          throw new AppError('FORBIDDEN', verdict.message, {
            details: { node: target.hostname, guardrail: verdict.guardrail },
          });
        }
        const previous = target.availability;
        if (previous !== req.availability) {
          try {
            await nodes.setAvailability(target, req.availability);
          } catch (err) {
            throw dockerError(`updating node ${target.hostname}`, err);
          }
        }
        logger.info(
          {
            node: target.hostname,
            availability: req.availability,
            previous,
            reason: req.reason,
            requestedBy: req.requestedBy,
          },
          'node availability set',
        );
        return { nodeId: target.id, hostname: target.hostname, availability: req.availability, previous };
      });
      queue = next.catch(() => undefined);
      return next;
    }),
  ];
}
