import { describe, expect, it } from 'vitest';
import { allReady, renderStatusTable } from './status-table.js';

describe('status table', () => {
  const parts = [
    { name: 'docker', ready: true, address: 'unix:///var/run/docker.sock', detail: '20.10.24, swarm active' },
    { name: 'nats', ready: false, address: 'nats://127.0.0.1:4222', detail: 'not reachable' },
  ];

  it('aligns columns under a header', () => {
    expect(renderStatusTable(parts).split('\n')).toEqual([
      'PART    STATE      ADDRESS                      DETAIL',
      'docker  ready      unix:///var/run/docker.sock  20.10.24, swarm active',
      'nats    NOT READY  nats://127.0.0.1:4222        not reachable',
    ]);
  });

  it('is ready only when every part is', () => {
    expect(allReady(parts)).toBe(false);
    expect(allReady(parts.slice(0, 1))).toBe(true);
  });
});
