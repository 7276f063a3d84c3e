import { describe, expect, it } from 'vitest';
import type { CallerPrincipal } from '../mcp/ports.js';
import { classifyForCancellation, createInFlightCalls } from './in-flight-calls.js';

const alice: CallerPrincipal = {
  id: 'token:alice',
  kind: 'pat',
  tokenId: 't1',
  role: 'viewer',
  stacks: null,
};
const bob: CallerPrincipal = { id: 'token:bob', kind: 'pat', tokenId: 't2', role: 'viewer', stacks: null };

describe('in-flight calls', () => {
  it('aborts the call the principal names, and only that one', () => {
    const calls = createInFlightCalls();
    const a1 = calls.track(alice, 1);
    const a2 = calls.track(alice, 2);
    const b1 = calls.track(bob, 1);
    expect(calls.cancel(alice, 1, 'stop')).toBe(true);
    expect(a1.signal.aborted).toBe(true);
    expect(a1.signal.reason).toBe('stop');
    expect(a2.signal.aborted).toBe(false);
    expect(b1.signal.aborted).toBe(false);
    expect(calls.cancel(alice, '1', 'stop')).toBe(false);
  });

  it('ignores a cancellation that matches two calls, and forgets released calls', () => {
    const calls = createInFlightCalls();
    const first = calls.track(alice, 7);
    const second = calls.track(alice, 7);
    expect(calls.cancel(alice, 7, 'stop')).toBe(false);
    expect(first.signal.aborted || second.signal.aborted).toBe(false);
    first.release();
    first.release();
    expect(calls.cancel(alice, 7, 'stop')).toBe(true);
    expect(second.signal.aborted).toBe(true);
    second.release();
    expect(calls.size()).toBe(0);
  });

  it('reads tool calls and cancellation notices from a POST body', () => {
    expect(classifyForCancellation({ jsonrpc: '2.0', id: 3, method: 'tools/call' })).toEqual({
      kind: 'call',
      id: 3,
    });
    expect(
      classifyForCancellation({ method: 'notifications/cancelled', params: { requestId: 3, reason: 'x' } }),
    ).toEqual({ kind: 'cancel', id: 3, reason: 'x' });
    expect(classifyForCancellation([{ id: 3, method: 'tools/call' }])).toBeUndefined();
    expect(classifyForCancellation({ id: 3, method: 'tools/list' })).toBeUndefined();
    expect(classifyForCancellation('nope')).toBeUndefined();
  });
});
