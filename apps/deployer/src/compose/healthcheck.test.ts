import { describe, expect, it } from 'vitest';

import { createContext } from './context.js';
import { convertHealthcheck, desiredHealthcheck } from './healthcheck.js';
import type { HealthcheckFile } from './model.js';

function convert(healthcheck: HealthcheckFile | undefined) {
  const ctx = createContext('s', {}, {});
  return { result: convertHealthcheck(ctx, 'services.a.healthcheck', healthcheck), issues: ctx.issues.items };
}

describe('convertHealthcheck', () => {
  it('turns a string test into CMD-SHELL and durations into nanoseconds', () => {
    expect(
      convert({
        test: 'nc -z localhost 80',
        interval: '1m30s',
        timeout: '500ms',
        retries: 5,
        start_period: '10s',
        start_interval: '1s',
      }).result,
    ).toEqual({
      Test: ['CMD-SHELL', 'nc -z localhost 80'],
      Interval: 90e9,
      Timeout: 500e6,
      StartPeriod: 10e9,
      StartInterval: 1e9,
      Retries: 5,
    });
  });

  it('passes list tests as written', () => {
    expect(convert({ test: ['CMD', 'wget', '-q', 'localhost'] }).result).toEqual({
      Test: ['CMD', 'wget', '-q', 'localhost'],
    });
    expect(convert({ test: ['NONE'] }).result).toEqual({ Test: ['NONE'] });
    expect(convert({ test: [], interval: '5s' }).result).toEqual({ Interval: 5e9 });
  });

  it('turns disable into NONE and refuses disable with a test', () => {
    expect(convert({ disable: true }).result).toEqual({ Test: ['NONE'] });
    expect(convert({ disable: true, test: 'true' }).issues).toEqual([
      { path: 'services.a.healthcheck', message: "test and disable can't be set at the same time" },
    ]);
  });

  it('is absent without a healthcheck', () => {
    expect(convert(undefined).result).toBeUndefined();
  });
});

describe('desiredHealthcheck', () => {
  it('fills docker defaults for monitor sizing', () => {
    expect(desiredHealthcheck({ Test: ['CMD', 'true'], Interval: 2e9 })).toEqual({
      intervalNs: 2e9,
      timeoutNs: 30e9,
      retries: 3,
      startPeriodNs: 0,
      startIntervalNs: 5e9,
    });
  });

  it('is null when there is none or it is disabled', () => {
    expect(desiredHealthcheck(undefined)).toBeNull();
    expect(desiredHealthcheck({ Test: ['NONE'] })).toBeNull();
  });
});
