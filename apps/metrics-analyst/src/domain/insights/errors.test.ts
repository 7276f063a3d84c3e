import { describe, expect, it } from 'vitest';
import { buildErrors } from './errors.js';

const base = { service: 'api', stack: 'shop', failedTasks: 0, desired: 2, running: 2, promql: ['q'] };

describe('buildErrors', () => {
  it('grades restarts in the window: ≥ 10 high, ≥ 3 medium, ≥ 1 low', () => {
    const severity = (restarts: number) => buildErrors({ ...base, restarts })[0]?.insight.severity ?? null;
    expect(severity(0)).toBeNull();
    expect(severity(1)).toBe('low');
    expect(severity(3)).toBe('medium');
    expect(severity(12)).toBe('high');
  });

  it('reports missing replicas, none running as high', () => {
    expect(buildErrors({ ...base, restarts: 0, running: 1 })[0]!.insight).toMatchObject({
      severity: 'medium',
      summary: 'service api: 1 of 2 tasks running.',
    });
    expect(buildErrors({ ...base, restarts: 1, running: 0 })[0]!.insight).toMatchObject({
      severity: 'high',
      summary: 'service api: 1 task failure in the window; 0 of 2 tasks running.',
    });
  });

  it('rounds the extrapolated increase() to whole failures', () => {
    expect(buildErrors({ ...base, restarts: 0.4 })).toEqual([]);
    expect(buildErrors({ ...base, restarts: 2.6 })[0]!.insight.evidence.values['restartsInWindow']).toBe(3);
  });
});
