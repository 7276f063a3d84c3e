import { describe, expect, it } from 'vitest';
import { requireEnv } from './env.js';
import { uniqueStreamName, uniqueSubject } from './nats-names.js';

describe('requireEnv', () => {
  it('returns a set variable', () => {
    expect(requireEnv('X', { X: 'nats://h:1' })).toBe('nats://h:1');
  });

  it('fails loudly naming the variable and what to run when unset or blank', () => {
    expect(() => requireEnv('NATS_URL', {})).toThrow(/NATS_URL not set: run \.\/swarmops test/);
    expect(() => requireEnv('NATS_URL', { NATS_URL: ' ' })).toThrow(/NATS_URL not set/);
  });
});

describe('unique names', () => {
  it('gives distinct subjects under test. and valid stream names', () => {
    const a = uniqueSubject('rpc.echo');
    expect(a).toMatch(/^test\.rpc\.echo\.[0-9a-f]{10}$/);
    expect(uniqueSubject('rpc.echo')).not.toBe(a);
    expect(uniqueStreamName('my events')).toMatch(/^T_MY_EVENTS_[0-9a-f]{10}$/);
  });
});
