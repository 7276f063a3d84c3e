import { describe, expect, it } from 'vitest';
import { decodeAuditCursor, encodeAuditCursor } from './cursor.js';

describe('audit cursor', () => {
  it('round-trips a keyset position', () => {
    const c = { time: '2026-01-01T00:00:00.123Z', id: '0b0e1c9e-8a8c-4c53-9d1d-3c8a4c2b1f00' };
    expect(decodeAuditCursor(encodeAuditCursor(c))).toEqual(c);
  });

  it('refuses anything else, naming the cursor', () => {
    for (const bad of [
      'x',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["no","x"]').toString('base64url'),
    ]) {
      expect(() => decodeAuditCursor(bad)).toThrow(/cursor/);
    }
  });
});
