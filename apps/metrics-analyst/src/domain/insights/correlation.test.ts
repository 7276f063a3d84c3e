import { describe, expect, it } from 'vitest';
import { buildCorrelations, type CorrelationInput } from './correlation.js';

const T0 = 1_790_000_000;
const ID = '0b9a3c8e-6d0f-4d3a-9a59-8d2a4f1c2e11';
// Points every 5 s over [T0, T0 + 600]; the deployment runs from T0 + 300 to T0 + 320.
const series = (f: (t: number) => number): Array<[number, number]> =>
  Array.from({ length: 121 }, (_, i) => [T0 + i * 5, f(T0 + i * 5)]);
const input = (cpu: (t: number) => number, stack = 'shop'): CorrelationInput => ({
  deployment: {
    id: ID,
    stack: 'shop',
    version: 7,
    kind: 'deploy',
    status: 'succeeded',
    startedAt: new Date((T0 + 300) * 1000).toISOString(),
    finishedAt: new Date((T0 + 320) * 1000).toISOString(),
  },
  series: [{ service: 'shop_api', stack, resource: 'cpu', points: series(cpu), promql: 'q' }],
  spanSeconds: 120,
});

describe('buildCorrelations', () => {
  it('names the deployment a jump followed', () => {
    const out = buildCorrelations(input((t) => (t >= T0 + 320 ? 0.9 : 0.001)));
    expect(out).toHaveLength(1);
    expect(out[0]!.insight).toMatchObject({
      kind: 'correlation',
      severity: 'high',
      subject: 'service shop_api',
    });
    expect(out[0]!.insight.evidence.deploymentId).toBe(ID);
    expect(out[0]!.insight.summary).toContain(`deployment ${ID} of stack shop version 7`);
    expect(out[0]!.insight.evidence.values).toMatchObject({ before: 0.001, after: 0.9, version: 7 });
    expect(out[0]!.insight.summary).toContain('from 0.001 cores to 0.90 cores (×900)');
  });

  it('grades a +50..200 % rise medium and a drop info', () => {
    expect(buildCorrelations(input((t) => (t >= T0 + 320 ? 0.35 : 0.2)))[0]!.insight.severity).toBe('medium');
    expect(buildCorrelations(input((t) => (t >= T0 + 320 ? 0.1 : 0.8)))[0]!.insight.severity).toBe('info');
  });

  it('ignores small relative or absolute shifts, other stacks and unfinished deployments', () => {
    expect(buildCorrelations(input((t) => (t >= T0 + 320 ? 0.25 : 0.2)))).toEqual([]); // +25 %
    expect(buildCorrelations(input((t) => (t >= T0 + 320 ? 0.03 : 0.001)))).toEqual([]); // below 0.05 core
    expect(buildCorrelations(input((t) => (t >= T0 + 320 ? 0.9 : 0), 'blog'))).toEqual([]);
    const running = input((t) => (t >= T0 + 320 ? 0.9 : 0));
    expect(
      buildCorrelations({ ...running, deployment: { ...running.deployment, finishedAt: null } }),
    ).toEqual([]);
  });
});
