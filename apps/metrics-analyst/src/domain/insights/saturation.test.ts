import { describe, expect, it } from 'vitest';
import { buildNodeSaturation, buildServiceSaturation } from './saturation.js';

const MiB = 1024 * 1024;
const base = { service: 'api', stack: 'shop', running: 2, reservation: null, promql: ['q'] } as const;

describe('buildServiceSaturation', () => {
  it('grades usage against limit × running tasks', () => {
    const severity = (usage: number, resource: 'cpu' | 'memory') =>
      buildServiceSaturation({ ...base, resource, usage, limit: 1 })[0]?.insight.severity ?? null;
    expect(severity(1.5, 'cpu')).toBeNull(); // 0.75
    expect(severity(1.6, 'cpu')).toBe('medium'); // 0.8
    expect(severity(1.8, 'cpu')).toBe('high'); // 0.9
    expect(severity(1.96, 'cpu')).toBe('high'); // 0.98: throttled, not killed
    expect(severity(1.96, 'memory')).toBe('critical'); // 0.98: OOM next
  });

  it('reports use above the reservation as low when no limit is near', () => {
    const out = buildServiceSaturation({
      ...base,
      resource: 'memory',
      usage: 300 * MiB,
      limit: null,
      reservation: 100 * MiB,
    });
    expect(out[0]!.insight).toMatchObject({ kind: 'saturation', severity: 'low', subject: 'service api' });
    expect(out[0]!.insight.evidence.values['ratioToReservation']).toBe(1.5);
  });

  it('says nothing without running tasks or limits', () => {
    expect(buildServiceSaturation({ ...base, running: 0, resource: 'cpu', usage: 5, limit: 1 })).toEqual([]);
    expect(buildServiceSaturation({ ...base, resource: 'cpu', usage: 5, limit: null })).toEqual([]);
  });
});

describe('buildNodeSaturation', () => {
  it('grades the services’ use against the node’s capacity', () => {
    const out = buildNodeSaturation({ node: 'n1', resource: 'cpu', usage: 1.9, capacity: 2, promql: ['q'] });
    expect(out[0]!.insight).toMatchObject({ severity: 'high', subject: 'node n1' });
    expect(
      buildNodeSaturation({ node: 'n1', resource: 'cpu', usage: 1, capacity: 2, promql: ['q'] }),
    ).toEqual([]);
  });
});
