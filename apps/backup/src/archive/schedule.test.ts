import { describe, expect, it } from 'vitest';
import { nextRun, parseSchedule, startScheduler } from './schedule.js';
import type { SetTimer } from './schedule.js';

/** A clock and timers that move only when the test says so. */
function fakeTime(start: string) {
  let now = new Date(start);
  const timers: { at: number; fire: () => void; cancelled: boolean }[] = [];
  const setTimer: SetTimer = (delayMs, fire) => {
    const timer = { at: now.getTime() + delayMs, fire, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const pending = () => timers.filter((timer) => !timer.cancelled);
  /** Moves the clock to `to`, firing due timers in order and letting promise callbacks run after each. */
  const advanceTo = async (to: string) => {
    const target = new Date(to).getTime();
    for (;;) {
      const due = pending()
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.cancelled = true;
      now = new Date(due.at);
      due.fire();
      for (let i = 0; i < 10; i += 1) await Promise.resolve();
    }
    now = new Date(target);
  };
  return { now: () => now, setTimer, pending, advanceTo };
}

describe('parseSchedule / nextRun', () => {
  it('computes the next run in UTC for 5- and 6-field expressions and nicknames', () => {
    const from = new Date('2026-11-27T22:00:00Z');
    expect(nextRun('0 3 * * *', from)?.toISOString()).toBe('2026-11-28T03:00:00.000Z');
    expect(nextRun('30 */5 * * * *', from)?.toISOString()).toBe('2026-11-27T22:00:30.000Z');
    expect(nextRun('@weekly', from)?.toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(nextRun('0 3 * * *', new Date('2026-11-28T03:00:00Z'))?.toISOString()).toBe(
      '2026-11-29T03:00:00.000Z',
    );
  });

  it('names BACKUP_SCHEDULE when the expression is not valid', () => {
    expect(() => parseSchedule('every day')).toThrow(
      /^BACKUP_SCHEDULE "every day" is not a valid cron expression/,
    );
    expect(() => parseSchedule('61 * * * *')).toThrow(/BACKUP_SCHEDULE "61 \* \* \* \*".*minute/);
    expect(() => parseSchedule('0 0 3 * * * 2030')).toThrow(/BACKUP_SCHEDULE/);
  });
});

describe('startScheduler', () => {
  it('runs at every scheduled time with the injected clock and timer', async () => {
    const time = fakeTime('2026-11-27T22:00:00Z');
    const runs: string[] = [];
    const scheduler = startScheduler({
      expr: '0 */6 * * *',
      now: time.now,
      setTimer: time.setTimer,
      run: (at) => {
        runs.push(`${at.toISOString()} at ${time.now().toISOString()}`);
        return Promise.resolve();
      },
    });
    expect(scheduler.nextAt()?.toISOString()).toBe('2026-11-28T00:00:00.000Z');
    await time.advanceTo('2026-11-28T13:00:00Z');
    expect(runs).toEqual([
      '2026-11-28T00:00:00.000Z at 2026-11-28T00:00:00.000Z',
      '2026-11-28T06:00:00.000Z at 2026-11-28T06:00:00.000Z',
      '2026-11-28T12:00:00.000Z at 2026-11-28T12:00:00.000Z',
    ]);
    expect(scheduler.nextAt()?.toISOString()).toBe('2026-11-28T18:00:00.000Z');
    scheduler.stop();
    expect(time.pending()).toEqual([]);
    expect(scheduler.nextAt()).toBeNull();
  });

  it('keeps going after a failed run and reports the error', async () => {
    const time = fakeTime('2026-11-27T22:00:00Z');
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = startScheduler({
      expr: '0 * * * *',
      now: time.now,
      setTimer: time.setTimer,
      run: () => {
        calls += 1;
        return Promise.reject(new Error(`boom ${calls}`));
      },
      onError: (error) => errors.push(error),
    });
    await time.advanceTo('2026-11-28T00:30:00Z');
    expect(calls).toBe(2);
    expect(errors.map(String)).toEqual(['Error: boom 1', 'Error: boom 2']);
    scheduler.stop();
  });

  it('skips the runs a long run overlapped instead of running them back to back', async () => {
    const time = fakeTime('2026-11-27T22:00:00Z');
    const started: string[] = [];
    let finish: () => void = () => undefined;
    const scheduler = startScheduler({
      expr: '*/10 * * * *',
      now: time.now,
      setTimer: time.setTimer,
      run: (at) => {
        started.push(at.toISOString());
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
    });
    await time.advanceTo('2026-11-27T22:10:00Z');
    expect(started).toEqual(['2026-11-27T22:10:00.000Z']);
    await time.advanceTo('2026-11-27T22:35:00Z');
    expect(time.pending()).toEqual([]);
    finish();
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    expect(scheduler.nextAt()?.toISOString()).toBe('2026-11-27T22:40:00.000Z');
    await time.advanceTo('2026-11-27T22:40:00Z');
    expect(started).toEqual(['2026-11-27T22:10:00.000Z', '2026-11-27T22:40:00.000Z']);
    scheduler.stop();
  });

  it('re-arms when the timer fires early and splits waits longer than setTimeout allows', async () => {
    const time = fakeTime('2026-11-27T22:00:00Z');
    const delays: number[] = [];
    const runs: string[] = [];
    const scheduler = startScheduler({
      expr: '0 0 1 1 *',
      now: time.now,
      setTimer: (delayMs, fire) => {
        delays.push(delayMs);
        return time.setTimer(delayMs, fire);
      },
      run: (at) => {
        runs.push(at.toISOString());
        return Promise.resolve();
      },
    });
    expect(delays).toEqual([2_147_483_647]);
    await time.advanceTo('2027-01-01T00:00:00Z');
    expect(delays.length).toBe(3);
    expect(runs).toEqual(['2027-01-01T00:00:00.000Z']);
    scheduler.stop();
  });

  it('refuses a bad expression before arming anything', () => {
    const time = fakeTime('2026-11-27T22:00:00Z');
    expect(() =>
      startScheduler({ expr: 'nope', now: time.now, setTimer: time.setTimer, run: () => Promise.resolve() }),
    ).toThrow(/BACKUP_SCHEDULE/);
    expect(time.pending()).toEqual([]);
  });
});
