import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@swarmops/contracts';

/** A valid event envelope for tests, carrying `data.seq`. */
export function testEvent(seq: number, type = 'test.happened'): EventEnvelope {
  return {
    id: randomUUID(),
    type,
    source: 'bus-test',
    time: new Date().toISOString(),
    clusterId: 'test-cluster',
    data: { seq },
  };
}
