import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS } from '../analyzer.js';
import { RECORDED_AT, serviceFixtures, tasksOf } from '../__fixtures__/services/load.js';
import { classifyPending, servicePending } from './service-pending.js';

const ctx = { now: RECORDED_AT, settings: DEFAULT_ANALYZER_SETTINGS };

describe('service.pending', () => {
  it('classifies an unsatisfiable constraint, with the constraints and how long', () => {
    const result = servicePending
      .analyze(serviceFixtures.faults(), ctx)
      .find((r) => r.subject === 'service:fx-constraint');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result?.evidence).toMatchObject({
      reasons: ['constraint'],
      pendingTasks: 1,
      pendingSeconds: 390,
      constraints: ['node.labels.nope==yes'],
    });
    expect(result?.message).toContain('scheduling constraints not satisfied on 1 node');
    expect(result?.fix).toContain('node.labels.nope==yes');
    expect(result?.fix).toContain('docker node update --label-add');
  });

  it('classifies insufficient resources, with the reservation against the largest node', () => {
    const result = servicePending
      .analyze(serviceFixtures.faults(), ctx)
      .find((r) => r.subject === 'service:fx-resources');
    expect(result?.evidence).toMatchObject({
      reasons: ['resources'],
      reservations: { cpus: 64, memoryBytes: 0 },
      largestNode: { cpus: 2 },
      readyActiveNodes: 1,
    });
    expect(result?.fix).toContain('reserves 64 CPUs');
  });

  it('reads several reasons and the platform and max-replicas ones', () => {
    expect(
      classifyPending(
        'no suitable node (scheduling constraints not satisfied on 2 nodes; insufficient resources on 1 node)',
      ),
    ).toEqual(['constraint', 'resources']);
    expect(classifyPending('no suitable node (unsupported platform on 3 nodes)')).toEqual(['platform']);
    expect(classifyPending('no suitable node (max replicas per node limit exceed)')).toEqual([
      'max-replicas',
    ]);
    expect(classifyPending('pending task scheduling')).toEqual(['unknown']);
  });

  it('gives a pending task its grace, and is medium while other replicas run', () => {
    // Edited copy: the pending task of fx-constraint appeared 10 s ago.
    const fresh = serviceFixtures.faults();
    tasksOf(fresh, 'constraint')[0]!.updatedAt = new Date(RECORDED_AT.getTime() - 10_000).toISOString();
    expect(servicePending.analyze(fresh, ctx).map((r) => r.subject)).not.toContain('service:fx-constraint');
    const partial = serviceFixtures.faults();
    partial.services.find((s) => s.name === 'fx-resources')!.replicas = { desired: 2, running: 1 };
    expect(
      servicePending.analyze(partial, ctx).find((r) => r.subject === 'service:fx-resources')?.severity,
    ).toBe('medium');
  });

  it('reports ok on `cluster` when nothing is pending', () => {
    expect(servicePending.analyze(serviceFixtures.healthy(), ctx)).toMatchObject([
      { status: 'ok', subject: 'cluster', message: 'no task of 1 services is pending longer than 15 s' },
    ]);
  });
});
