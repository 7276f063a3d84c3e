import { z } from 'zod';

/** What `status` shows about the Docker engine. */
export interface DockerFacts {
  readonly version: string;
  readonly swarm: string;
  readonly role: 'manager' | 'worker' | 'none';
  readonly managers: number;
  readonly nodes: number;
}

const DockerInfoSchema = z.looseObject({
  ServerVersion: z.string(),
  Swarm: z.looseObject({
    LocalNodeState: z.string(),
    ControlAvailable: z.boolean().optional(),
    Managers: z.number().optional(),
    Nodes: z.number().optional(),
  }),
});

/** Parses `docker info --format '{{json .}}'` (or GET /info). */
export function parseDockerInfo(json: string): DockerFacts {
  const info = DockerInfoSchema.parse(JSON.parse(json));
  const state = info.Swarm.LocalNodeState;
  const role = state !== 'active' ? 'none' : info.Swarm.ControlAvailable ? 'manager' : 'worker';
  return {
    version: info.ServerVersion,
    swarm: state === '' ? 'inactive' : state,
    role,
    managers: info.Swarm.Managers ?? 0,
    nodes: info.Swarm.Nodes ?? 0,
  };
}

/** What nats-server announces in the INFO line it sends on connect. */
export interface NatsFacts {
  readonly version: string;
  readonly jetstream: boolean;
}

const NatsInfoSchema = z.looseObject({ version: z.string(), jetstream: z.boolean().optional() });

/** Parses the first protocol line, `INFO {...}`; undefined when it is not one. */
export function parseNatsInfoLine(line: string): NatsFacts | undefined {
  const match = /^INFO\s+(\{.*\})\s*$/.exec(line.trim());
  if (!match?.[1]) return undefined;
  const parsed = NatsInfoSchema.safeParse(JSON.parse(match[1]));
  return parsed.success
    ? { version: parsed.data.version, jetstream: parsed.data.jetstream ?? false }
    : undefined;
}
