import { describe, expect, it } from 'vitest';
import { NodeStatusLog } from './node-status-log.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, s));

describe('NodeStatusLog', () => {
  it('records a flip only when the status differs from the last one known', () => {
    const log = new NodeStatusLog(60_000);
    expect(log.observe('n1', 'w1', 'ready', at(0))).toBe(false);
    expect(log.observe('n1', 'w1', 'down', at(5))).toBe(true);
    // The event and the next snapshot see the same flip: counted once.
    expect(log.observe('n1', 'w1', 'down', at(6))).toBe(false);
    expect(log.observe('n1', 'w1', 'ready', at(20))).toBe(true);
    expect(log.recent(at(30))).toEqual([
      { nodeId: 'n1', hostname: 'w1', status: 'down', at: at(5).toISOString() },
      { nodeId: 'n1', hostname: 'w1', status: 'ready', at: at(20).toISOString() },
    ]);
  });

  it('forgets changes older than its window', () => {
    const log = new NodeStatusLog(10_000);
    log.observe('n1', 'w1', 'ready', at(0));
    log.observe('n1', 'w1', 'down', at(1));
    log.observe('n1', 'w1', 'ready', at(15));
    expect(log.recent(at(20)).map((c) => c.status)).toEqual(['ready']);
  });
});
