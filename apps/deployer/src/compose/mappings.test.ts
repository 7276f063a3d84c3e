import { describe, expect, it } from 'vitest';

import { sortedRecord, toMappingWithEquals, toStringList, toStringMap } from './mappings.js';

describe('mappings', () => {
  it('reads environment lists and maps with docker nil semantics', () => {
    expect([...toMappingWithEquals(['A=1', 'B', 'C=', 'D=x=y'])]).toEqual([
      ['A', '1'],
      ['B', null],
      ['C', ''],
      ['D', 'x=y'],
    ]);
    expect([...toMappingWithEquals({ A: 1, B: null, C: '', D: true, E: 1.5 })]).toEqual([
      ['A', '1'],
      ['B', null],
      ['C', ''],
      ['D', 'true'],
      ['E', '1.5'],
    ]);
  });

  it('reads labels with empty values', () => {
    expect(toStringMap(['a=1', 'b'])).toEqual({ a: '1', b: '' });
    expect(toStringMap({ a: 1, b: null })).toEqual({ a: '1', b: '' });
    expect(toStringMap(['a:1'], ':')).toEqual({ a: '1' });
  });

  it('reads string lists', () => {
    expect(toStringList('a')).toEqual(['a']);
    expect(toStringList(['a', 1])).toEqual(['a', '1']);
    expect(toStringList(undefined)).toEqual([]);
  });

  it('sorts records by key', () => {
    expect(Object.keys(sortedRecord({ b: 1, a: 2, B: 3 }))).toEqual(['B', 'a', 'b']);
  });
});
