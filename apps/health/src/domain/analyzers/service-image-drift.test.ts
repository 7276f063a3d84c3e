import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS } from '../analyzer.js';
import { RECORDED_AT, service, serviceFixtures, tasksOf } from '../__fixtures__/services/load.js';
import { serviceImageDrift } from './service-image-drift.js';

const ctx = { now: RECORDED_AT, settings: DEFAULT_ANALYZER_SETTINGS };

describe('service.image-drift', () => {
  it('expects two images during a rolling update in progress', () => {
    // fx-drift was recorded mid-update: one task on the new tag, two on the old one.
    const images = tasksOf(serviceFixtures.faults(), 'drift')
      .filter((t) => t.state === 'running' && t.desiredState === 'running')
      .map((t) => t.image)
      .sort();
    expect(images).toEqual(['swarmops/busybox:fx', 'swarmops/busybox:test', 'swarmops/busybox:test']);
    expect(serviceImageDrift.analyze(serviceFixtures.faults(), ctx)).toMatchObject([
      { status: 'ok', subject: 'cluster', message: 'the running tasks of each of 3 services run one image' },
    ]);
  });

  it('warns when the update that split the tasks is paused, naming each image and its tasks', () => {
    // Edited copy: the recorded mid-update service with its update paused.
    const snapshot = serviceFixtures.faults();
    service(snapshot, 'drift').updateStatus = { state: 'paused', message: 'update paused' };
    const [result] = serviceImageDrift.analyze(snapshot, ctx);
    expect(result).toMatchObject({ status: 'warn', severity: 'medium', subject: 'service:fx-drift' });
    expect(result?.evidence).toMatchObject({
      serviceImage: 'swarmops/busybox:fx',
      tasksOffSpec: 2,
      updateState: 'paused',
    });
    const byImage = result?.evidence?.['images'] as Record<string, string[]>;
    expect(Object.keys(byImage).sort()).toEqual(['swarmops/busybox:fx', 'swarmops/busybox:test']);
    expect(byImage['swarmops/busybox:test']).toHaveLength(2);
    expect(result?.fix).toContain('docker service rollback fx-drift');
  });

  it('warns when tasks run another image than the spec with no update at all', () => {
    const snapshot = serviceFixtures.faults();
    service(snapshot, 'drift').updateStatus = null;
    const [result] = serviceImageDrift.analyze(snapshot, ctx);
    expect(result?.message).toBe(
      'fx-drift runs 2 different images across 3 running tasks; the spec says swarmops/busybox:fx',
    );
    expect(result?.fix).toContain('docker service update --force fx-drift');
  });

  it('does not compare tasks without a recorded image', () => {
    const snapshot = serviceFixtures.faults();
    service(snapshot, 'drift').updateStatus = null;
    for (const task of snapshot.tasks) delete task.image;
    expect(serviceImageDrift.analyze(snapshot, ctx)).toMatchObject([
      { status: 'ok', evidence: { servicesCompared: 0, services: 9 } },
    ]);
  });
});
