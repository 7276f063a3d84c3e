import { describe, expect, it } from 'vitest';
import { isAppError } from '@swarmops/contracts';
import { defaultStep, planQuery, pointsPerSeries, toUnixSeconds } from './query-plan.js';

const NOW = 1_800_000_000;

function refusal(fn: () => unknown): { code: string; message: string; details: unknown } {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return { code: err.code, message: err.message, details: err.details };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('planQuery', () => {
  it('is an instant query at now without start and end', () => {
    expect(planQuery({ promql: 'up' }, 100, NOW)).toEqual({ kind: 'instant', promql: 'up', time: NOW });
  });

  it('is an instant query at end (RFC 3339 or unix seconds) without start', () => {
    expect(planQuery({ promql: 'up', end: '2027-01-15T08:00:00Z' }, 100, NOW)).toMatchObject({
      kind: 'instant',
      time: Date.UTC(2027, 0, 15, 8) / 1000,
    });
    expect(planQuery({ promql: 'up', end: 1_700_000_000.5 }, 100, NOW)).toMatchObject({
      time: 1_700_000_000.5,
    });
  });

  it('ranges from start to now with a step keeping every series within the point cap', () => {
    const plan = planQuery({ promql: 'up', start: NOW - 3600 }, 61, NOW);
    expect(plan).toEqual({ kind: 'range', promql: 'up', start: NOW - 3600, end: NOW, step: 60 });
  });

  it('never chooses a step under 1 s', () => {
    expect(planQuery({ promql: 'up', start: NOW - 10 }, 11_000, NOW)).toMatchObject({ step: 1 });
  });

  it('keeps to Prometheus 11,000 points per series when the point cap is higher', () => {
    const plan = planQuery({ promql: 'up', start: NOW - 7 * 86_400 }, 1_000_000, NOW);
    if (plan.kind !== 'range') throw new Error('expected a range');
    expect(pointsPerSeries(plan.start, plan.end, plan.step)).toBeLessThanOrEqual(11_000);
  });

  it('takes a step as a duration or as seconds', () => {
    expect(planQuery({ promql: 'up', start: NOW - 600, step: '30s' }, 10, NOW)).toMatchObject({ step: 30 });
    expect(planQuery({ promql: 'up', start: NOW - 600, step: 2.5 }, 10, NOW)).toMatchObject({ step: 2.5 });
    expect(planQuery({ promql: 'up', start: NOW - 600, step: '1m' }, 10, NOW)).toMatchObject({ step: 60 });
  });

  it('refuses end before start, naming end', () => {
    const err = refusal(() => planQuery({ promql: 'up', start: NOW, end: NOW - 1 }, 100, NOW));
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.message).toMatch(/^invalid field `end`: .*before start/);
    expect(err.details).toMatchObject({ field: 'end' });
  });

  it('refuses a start after now when end is not given, naming start', () => {
    const err = refusal(() => planQuery({ promql: 'up', start: NOW + 60 }, 100, NOW));
    expect(err.message).toMatch(/^invalid field `start`: .*in the future/);
    expect(err.details).toMatchObject({ field: 'start' });
  });

  it('refuses a step that gives more than 11,000 points per series, naming step and the least step', () => {
    const err = refusal(() => planQuery({ promql: 'up', start: NOW - 86_400, step: '1s' }, 100, NOW));
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.message).toMatch(/^invalid field `step`: .*86401 points.*at least 8 s/);
    expect(err.details).toMatchObject({ field: 'step' });
  });

  it('accepts exactly 11,000 points per series', () => {
    expect(planQuery({ promql: 'up', start: NOW - 10_999, step: 1 }, 100, NOW)).toMatchObject({ step: 1 });
  });

  it('refuses a step without a start', () => {
    expect(refusal(() => planQuery({ promql: 'up', step: '15s' }, 100, NOW)).message).toMatch(/`step`/);
  });
});

describe('defaultStep', () => {
  it('is the smallest whole second within the cap', () => {
    expect(defaultStep(0, 3600, 61)).toBe(60);
    expect(defaultStep(0, 3601, 61)).toBe(61);
    expect(pointsPerSeries(0, 3601, 61)).toBe(60);
    expect(defaultStep(0, 0, 100)).toBe(1);
    expect(defaultStep(0, 100, 1)).toBe(101);
    expect(pointsPerSeries(0, 100, 101)).toBe(1);
  });
});

describe('toUnixSeconds', () => {
  it('reads RFC 3339 with an offset and unix seconds', () => {
    expect(toUnixSeconds('2027-01-15T09:00:00.250+01:00')).toBe(Date.UTC(2027, 0, 15, 8) / 1000 + 0.25);
    expect(toUnixSeconds(42)).toBe(42);
  });
});
