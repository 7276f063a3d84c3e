import { describe, expect, it } from 'vitest';
import { diffSnapshot } from './diff.js';
import { byId } from './entry.js';
import { preferFresher } from './prefer-fresher.js';

describe('preferFresher', () => {
  it('keeps rows written after the read began, neither overwritten nor deleted', () => {
    const stored = {
      service: byId([
        { id: 'new', name: 'new', doc: { v: 2 }, writtenAt: 2000 },
        { id: 'old', name: 'old', doc: { v: 1 }, writtenAt: 500 },
        { id: 'born', name: 'born', doc: { v: 1 }, writtenAt: 2000 },
      ]),
    };
    const next = preferFresher(stored, { service: byId([{ id: 'new', name: 'new', doc: { v: 1 } }]) }, 1000);
    expect(diffSnapshot(stored, next).map((c) => [c.op, c.id])).toEqual([['delete', 'old']]);
  });
});
