import { describe, expect, it } from 'vitest';
import { decodeJson, encodeJson } from './codec.js';

describe('codec', () => {
  it('round-trips JSON and reports empty or broken payloads without throwing', () => {
    expect(decodeJson(encodeJson({ a: [1] }))).toEqual({ ok: true, value: { a: [1] } });
    expect(decodeJson(new Uint8Array())).toEqual({ ok: false, reason: 'payload is empty' });
    expect(decodeJson(new TextEncoder().encode('{'))).toEqual({
      ok: false,
      reason: 'payload is not valid JSON',
    });
  });
});
