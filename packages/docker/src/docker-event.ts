/** One message of the Engine API `/events` stream, with its time as exact nanoseconds. */
export interface DockerEvent {
  /** Object kind: `container`, `service`, `node`, `network`, `config`, `secret`, ... */
  Type: string;
  /** What happened: `create`, `update`, `remove`, `start`, `die`, ... */
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  /** `local` or `swarm`. */
  scope?: string;
  /** Seconds since the epoch. */
  time: number;
  /** Nanoseconds since the epoch, exact (a JSON number this large loses precision in a double). */
  timeNano: bigint;
}

/**
 * Parses one line of the events stream. Returns `undefined` for a line that is not a
 * well-formed event (so one bad line never stops the stream).
 */
export function parseDockerEvent(line: string): DockerEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const obj = raw as Record<string, unknown>;
  const actor = (obj.Actor ?? {}) as { ID?: unknown; Attributes?: unknown };
  const type = typeof obj.Type === 'string' ? obj.Type : obj.Type === undefined ? obj.type : undefined;
  const action = typeof obj.Action === 'string' ? obj.Action : obj.status;
  const timeNano = exactTimeNano(line, obj);
  if (typeof type !== 'string' || typeof action !== 'string' || timeNano === undefined) return undefined;
  const event: DockerEvent = {
    Type: type,
    Action: action,
    Actor: {
      ID: typeof actor.ID === 'string' ? actor.ID : typeof obj.id === 'string' ? obj.id : '',
      Attributes: isStringRecord(actor.Attributes) ? actor.Attributes : {},
    },
    time: typeof obj.time === 'number' ? obj.time : Number(timeNano / 1_000_000_000n),
    timeNano,
  };
  if (typeof obj.scope === 'string') event.scope = obj.scope;
  return event;
}

/** The identity used to recognise the same event delivered twice: time, object id and action. */
export function eventKey(event: Pick<DockerEvent, 'timeNano' | 'Actor' | 'Action' | 'Type'>): string {
  return `${event.timeNano}|${event.Type}|${event.Actor.ID}|${event.Action}`;
}

function exactTimeNano(line: string, obj: Record<string, unknown>): bigint | undefined {
  const match = /"timeNano"\s*:\s*(\d+)/.exec(line);
  if (match?.[1] !== undefined) return BigInt(match[1]);
  if (typeof obj.time === 'number' && Number.isFinite(obj.time))
    return BigInt(Math.trunc(obj.time)) * 1_000_000_000n;
  return undefined;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value as Record<string, unknown>).every((v) => typeof v === 'string')
  );
}
