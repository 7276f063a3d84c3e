import { describe, expect, it } from 'vitest';
import { NodeStatusLog } from '../domain/node-status-log.js';
import { recordNodeStatus } from './inventory-events.js';

const envelope = (type: string, data: Record<string, unknown>, time: string) => ({
  id: '7a3e8a64-2a0c-4c55-9e43-30e4d1b1c0a1',
  type,
  source: 'inventory',
  time,
  clusterId: 'c1',
  data,
});

describe('recordNodeStatus', () => {
  it('records node.down and node.ready flips with the event time', () => {
    const log = new NodeStatusLog(3_600_000);
    log.observe('n1', 'w1', 'ready', new Date('2026-11-27T10:00:00.000Z'));
    const change = (status: string) => ({
      kind: 'node',
      id: 'n1',
      name: 'w1',
      changes: { status: { old: null, new: status } },
    });
    recordNodeStatus(log, envelope('node.down', change('down'), '2026-11-27T10:00:05.000Z'));
    recordNodeStatus(log, envelope('node.ready', change('ready'), '2026-11-27T10:00:09.000Z'));
    expect(log.recent(new Date('2026-11-27T10:01:00.000Z'))).toEqual([
      { nodeId: 'n1', hostname: 'w1', status: 'down', at: '2026-11-27T10:00:05.000Z' },
      { nodeId: 'n1', hostname: 'w1', status: 'ready', at: '2026-11-27T10:00:09.000Z' },
    ]);
  });

  it('ignores other events and payloads that are not events', () => {
    const log = new NodeStatusLog(3_600_000);
    log.observe('n1', 'w1', 'ready', new Date('2026-11-27T10:00:00.000Z'));
    recordNodeStatus(
      log,
      envelope(
        'service.scaled',
        { kind: 'service', id: 's', name: 's', changes: {} },
        '2026-11-27T10:00:05.000Z',
      ),
    );
    recordNodeStatus(log, { hello: 'world' });
    recordNodeStatus(log, envelope('node.down', { nope: true }, '2026-11-27T10:00:05.000Z'));
    expect(log.recent(new Date('2026-11-27T10:01:00.000Z'))).toEqual([]);
  });
});
