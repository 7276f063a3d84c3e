import { describe, expect, it } from 'vitest';
import { NdjsonLineSplitter } from './ndjson-lines.js';

describe('NdjsonLineSplitter', () => {
  it('joins a line split across chunks', () => {
    const s = new NdjsonLineSplitter();
    expect(s.push(Buffer.from('{"a":'))).toEqual([]);
    expect(s.push(Buffer.from('1}\n{"b"'))).toEqual(['{"a":1}']);
    expect(s.push(Buffer.from(':2}\n'))).toEqual(['{"b":2}']);
  });

  it('returns several lines from one chunk and drops blank lines and CR', () => {
    const s = new NdjsonLineSplitter();
    expect(s.push('{"a":1}\r\n\n{"b":2}\n{"c"')).toEqual(['{"a":1}', '{"b":2}']);
    expect(s.flush()).toEqual(['{"c"']);
  });

  it('keeps a multi-byte character cut between chunks', () => {
    const bytes = Buffer.from('{"n":"é"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const s = new NdjsonLineSplitter();
    expect(s.push(bytes.subarray(0, cut))).toEqual([]);
    expect(s.push(bytes.subarray(cut))).toEqual(['{"n":"é"}']);
  });
});
