import type { MsgHdrs } from '@nats-io/nats-core';
import type { RpcContract, RpcData, RpcRequest } from '@swarmops/contracts';
import type { BusLogger } from '../logger.js';

/** What a handler gets besides its validated request. */
export interface RpcContext {
  /** The subject the request arrived on. */
  subject: string;
  /** The request's NATS headers (trace context included). */
  headers: MsgHdrs | undefined;
  /** The service logger with `subject` bound. */
  logger: BusLogger;
}

/**
 * Handles one validated request and returns the reply data. Throw an `AppError` to reply with its
 * code; anything else thrown is replied as `INTERNAL`.
 */
export type RpcHandler<C extends RpcContract> = (
  request: RpcRequest<C>,
  ctx: RpcContext,
) => Promise<RpcData<C>> | RpcData<C>;

/** A contract paired with its handler; build one with {@link endpoint}. */
export interface RpcEndpoint {
  readonly contract: RpcContract;
  readonly handler: (request: unknown, ctx: RpcContext) => unknown;
}

/**
 * Pairs a contract with a handler typed by that contract, for {@link serve}.
 *
 * @example endpoint(NodesList, async (req) => ({ items: await repo.list(req), nextCursor: null }))
 */
export function endpoint<C extends RpcContract>(contract: C, handler: RpcHandler<C>): RpcEndpoint {
  return { contract, handler: handler as RpcEndpoint['handler'] };
}
