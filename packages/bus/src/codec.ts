const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON-encodes a value for a NATS payload. */
export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Result of {@link decodeJson}: the parsed value, or `ok: false` when the payload is not JSON. */
export type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a NATS payload as JSON without throwing. An empty payload is not JSON. */
export function decodeJson(data: Uint8Array): Decoded {
  if (data.length === 0) return { ok: false, reason: 'payload is empty' };
  try {
    return { ok: true, value: JSON.parse(decoder.decode(data)) as unknown };
  } catch {
    return { ok: false, reason: 'payload is not valid JSON' };
  }
}
