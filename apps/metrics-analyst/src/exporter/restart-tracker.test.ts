import { describe, expect, it } from 'vitest';
import { createRestartTracker } from './restart-tracker.js';

describe('createRestartTracker', () => {
  it('counts the failed tasks present at start, then each new one once', () => {
    const tracker = createRestartTracker();
    expect(tracker.observe([{ serviceId: 's', failedTaskIds: ['a', 'b'] }]).get('s')).toBe(2);
    expect(tracker.observe([{ serviceId: 's', failedTaskIds: ['a', 'b'] }]).get('s')).toBe(2);
    expect(tracker.observe([{ serviceId: 's', failedTaskIds: ['a', 'b', 'c'] }]).get('s')).toBe(3);
  });

  it('stays monotonic when old tasks drop out of the task history', () => {
    const tracker = createRestartTracker();
    tracker.observe([{ serviceId: 's', failedTaskIds: ['a', 'b', 'c'] }]);
    expect(tracker.observe([{ serviceId: 's', failedTaskIds: ['c', 'd'] }]).get('s')).toBe(4);
    expect(tracker.observe([{ serviceId: 's', failedTaskIds: [] }]).get('s')).toBe(4);
  });

  it('reports 0 for a healthy service and forgets a removed one', () => {
    const tracker = createRestartTracker();
    tracker.observe([
      { serviceId: 's', failedTaskIds: ['a'] },
      { serviceId: 'ok', failedTaskIds: [] },
    ]);
    const counts = tracker.observe([{ serviceId: 'ok', failedTaskIds: [] }]);
    expect([...counts]).toEqual([['ok', 0]]);
    expect(tracker.observe([{ serviceId: 's', failedTaskIds: ['a'] }]).get('s')).toBe(1);
  });
});
