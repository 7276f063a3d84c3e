import type { z } from 'zod';
import { replySchema } from './reply.js';

/**
 * The contract of one request/reply subject: its request schema and the schema of `data`
 * in a successful reply. Both ends validate with it.
 */
export interface RpcContract<Req extends z.ZodType = z.ZodType, Data extends z.ZodType = z.ZodType> {
  readonly subject: string;
  readonly request: Req;
  readonly data: Data;
  readonly reply: ReturnType<typeof replySchema<Data>>;
}

/** The request type of a contract (what the caller passes, before defaults). */
export type RpcInput<C extends RpcContract> = z.input<C['request']>;
/** The request type a handler receives (after defaults). */
export type RpcRequest<C extends RpcContract> = z.output<C['request']>;
/** The data type of a successful reply. */
export type RpcData<C extends RpcContract> = z.output<C['data']>;

/**
 * Declares a request/reply contract.
 *
 * @example
 * const NodesList = defineRpc({ subject: Subjects.inventory.nodesList, request: ListNodesRequestSchema, data: listDataSchema(NodeSchema) });
 */
export function defineRpc<Req extends z.ZodType, Data extends z.ZodType>(def: {
  subject: string;
  request: Req;
  data: Data;
}): RpcContract<Req, Data> {
  return { ...def, reply: replySchema(def.data) };
}
