import { describe, expect, it } from 'vitest';
import { monitorNs, withRollingDefaults } from './rolling-defaults.js';

const S = 1_000_000_000;
const base = { Name: 's_web', TaskTemplate: { ContainerSpec: { Image: 'img' } } };

describe('withRollingDefaults', () => {
  it('fills start-first, rollback on failure and a monitor sized to the healthcheck', () => {
    const hc = { intervalNs: 2 * S, timeoutNs: S, retries: 3, startPeriodNs: 4 * S, startIntervalNs: 0 };
    const spec = withRollingDefaults(base, hc);
    expect(spec.UpdateConfig).toEqual({
      Parallelism: 1,
      Order: 'start-first',
      FailureAction: 'rollback',
      Monitor: 10 * S,
    });
    expect(spec.RollbackConfig).toEqual({
      Parallelism: 1,
      Order: 'start-first',
      FailureAction: 'pause',
      Monitor: 10 * S,
    });
  });

  it('keeps what the file set', () => {
    const spec = withRollingDefaults(
      { ...base, UpdateConfig: { Parallelism: 2, Order: 'stop-first' } },
      null,
    );
    expect(spec.UpdateConfig).toEqual({ Parallelism: 2, Order: 'stop-first' });
    expect(spec.RollbackConfig?.Order).toBe('start-first');
  });

  it('leaves jobs alone', () => {
    const spec = withRollingDefaults({ ...base, Mode: { ReplicatedJob: { TotalCompletions: 1 } } }, null);
    expect(spec.UpdateConfig).toBeUndefined();
  });
});

describe('monitorNs', () => {
  it('is 5 s without a healthcheck and clamps to 5..120 s', () => {
    expect(monitorNs(null)).toBe(5 * S);
    const tiny = { intervalNs: S / 10, timeoutNs: S, retries: 1, startPeriodNs: 0, startIntervalNs: 0 };
    expect(monitorNs(tiny)).toBe(5 * S);
    const huge = { intervalNs: 60 * S, timeoutNs: S, retries: 5, startPeriodNs: 0, startIntervalNs: 0 };
    expect(monitorNs(huge)).toBe(120 * S);
  });
});
