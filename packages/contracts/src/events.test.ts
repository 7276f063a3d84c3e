import { describe, expect, it } from 'vitest';
import { createEvent, eventSubject } from './events.js';
import { allSubjects } from './subjects.js';

describe('events', () => {
  it('builds an envelope with the injected id and clock', () => {
    const event = createEvent(
      { newId: () => '6f1c2a4e-8d3b-4f7a-9c1e-2b3d4e5f6a7b', now: () => new Date('2026-11-27T10:00:00Z') },
      { type: 'service.scaled', source: 'deployer', clusterId: 'c1', data: { replicas: 6 } },
    );
    expect(event).toEqual({
      id: '6f1c2a4e-8d3b-4f7a-9c1e-2b3d4e5f6a7b',
      type: 'service.scaled',
      source: 'deployer',
      time: '2026-11-27T10:00:00.000Z',
      clusterId: 'c1',
      data: { replicas: 6 },
    });
    expect(eventSubject(event.type)).toBe('swarmops.events.service.scaled');
  });
});

describe('subjects', () => {
  it('follow swarmops.<service>.<noun>[.<verb>] and are unique', () => {
    const subjects = allSubjects();
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const s of subjects)
      expect(s).toMatch(/^swarmops\.(inventory|deployer|health|backup|metrics)(\.[a-z]+){1,2}$/);
    expect(subjects).toContain('swarmops.inventory.nodes.list');
    expect(subjects).toContain('swarmops.backup.create');
    expect(subjects).toContain('swarmops.metrics.analyze');
  });
});
