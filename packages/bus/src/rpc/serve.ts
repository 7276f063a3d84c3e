import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NatsConnection } from '@nats-io/nats-core';
import { Svcm } from '@nats-io/services';
import type { Service, ServiceMsg } from '@nats-io/services';
import { encodeJson } from '../codec.js';
import { errorMessage, silentLogger } from '../logger.js';
import type { BusLogger } from '../logger.js';
import { extractTraceContext } from '../trace.js';
import type { RpcEndpoint } from './endpoint.js';
import { serviceErrorStatus } from './error-status.js';
import { handleRequest } from './handle-request.js';

/** Identity and options of a service started by {@link serve}. */
export interface ServeOptions {
  /** Service name shown by `$SRV.PING` (letters, digits, `-`, `_`), e.g. `inventory`. */
  name: string;
  /** Semantic version, e.g. `0.1.0`. */
  version: string;
  description?: string;
  /** Queue group shared by replicas; default `q` (the services framework default). */
  queue?: string;
  metadata?: Record<string, string>;
  logger?: BusLogger;
}

const tracer = trace.getTracer('@swarmops/bus');

/** The services-framework endpoint name for a subject: `swarmops.inventory.nodes.list` -> `swarmops_inventory_nodes_list`. */
export function endpointName(subject: string): string {
  return subject.replace(/[^-\w]/g, '_');
}

/**
 * Starts a NATS micro service answering `$SRV.PING`, `$SRV.INFO` and `$SRV.STATS`, with one endpoint
 * per contract. Each request is validated before its handler runs and each reply is validated
 * against the contract; errors reply `{ ok: false, error }` with `Nats-Service-Error(-Code)` headers.
 * The handler runs in a server span named after the subject, a child of the requester's span.
 *
 * @example
 * const svc = await serve(nc, { name: 'inventory', version: '0.1.0', logger }, [endpoint(NodesList, listNodes)]);
 * // later: await svc.stop();
 */
export async function serve(
  nc: NatsConnection,
  options: ServeOptions,
  endpoints: RpcEndpoint[],
): Promise<Service> {
  const { name, version, description = '', queue, metadata, logger = silentLogger } = options;
  const service = await new Svcm(nc).add({ name, version, description, queue, metadata });
  for (const ep of endpoints) {
    const subject = ep.contract.subject;
    const log = logger;
    service.addEndpoint(endpointName(subject), {
      subject,
      handler: (err, msg) => {
        if (err) {
          log.error({ subject, err: err.message }, 'endpoint subscription failed');
          return;
        }
        void respond(ep, msg, log).catch((e: unknown) => {
          log.error({ subject, err: errorMessage(e) }, 'reply failed');
        });
      },
    });
  }
  logger.info(
    { service: name, version, endpoints: endpoints.map((e) => e.contract.subject) },
    'service started',
  );
  return service;
}

async function respond(ep: RpcEndpoint, msg: ServiceMsg, logger: BusLogger): Promise<void> {
  const subject = ep.contract.subject;
  const parent = extractTraceContext(msg.headers);
  const span = tracer.startSpan(
    subject,
    {
      kind: SpanKind.SERVER,
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject },
    },
    parent,
  );
  try {
    const ctx = { subject, headers: msg.headers, logger };
    const reply = await context.with(trace.setSpan(parent, span), () => handleRequest(ep, msg.data, ctx));
    if (reply.ok) {
      msg.respond(encodeJson(reply));
      return;
    }
    span.setStatus({ code: SpanStatusCode.ERROR, message: reply.error.code });
    span.setAttribute('swarmops.error.code', reply.error.code);
    const description = `${reply.error.code}: ${reply.error.message}`.replace(/[\r\n]+/g, ' ');
    msg.respondError(serviceErrorStatus(reply.error.code), description, encodeJson(reply));
  } finally {
    span.end();
  }
}
