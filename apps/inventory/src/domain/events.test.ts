import { InventoryChangeSchema, InventoryEventType } from '@swarmops/contracts';
import type { InventoryKind } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import type { Change } from './diff.js';
import { eventsFor } from './events.js';

const seen = new Set<string>();
function events(kind: InventoryKind, op: Change['op'], changes: Change['changes']) {
  const out = eventsFor({ kind, op, id: 'id1', name: 'n1', changes });
  for (const event of out) {
    expect(InventoryChangeSchema.parse(event.data)).toEqual(event.data);
    seen.add(event.type);
  }
  return out.map((event) => [event.type, Object.keys(event.data.changes)]);
}

const flip = (old: unknown, next: unknown) => ({ old, new: next });

describe('eventsFor', () => {
  it('announces node joins, removals, readiness flips and other updates', () => {
    expect(events('node', 'insert', { hostname: flip(null, 'vm') })).toEqual([['node.joined', ['hostname']]]);
    expect(events('node', 'delete', { hostname: flip('vm', null) })).toEqual([
      ['node.removed', ['hostname']],
    ]);
    expect(events('node', 'update', { status: flip('ready', 'down') })).toEqual([['node.down', ['status']]]);
    expect(events('node', 'update', { status: flip('down', 'ready'), labels: flip({}, { a: '1' }) })).toEqual(
      [
        ['node.ready', ['status']],
        ['node.updated', ['labels']],
      ],
    );
    expect(events('node', 'update', { availability: flip('active', 'drain') })).toEqual([
      ['node.updated', ['availability']],
    ]);
    expect(events('node', 'update', { status: flip('ready', 'unknown') })).toEqual([
      ['node.updated', ['status']],
    ]);
  });

  it('announces service creation, removal, scaling and updates, and not a running count alone', () => {
    const replicas = (desired: number, running: number) => ({ desired, running });
    expect(events('service', 'insert', { name: flip(null, 's') })).toEqual([['service.created', ['name']]]);
    expect(events('service', 'delete', { name: flip('s', null) })).toEqual([['service.removed', ['name']]]);
    expect(events('service', 'update', { replicas: flip(replicas(1, 1), replicas(2, 1)) })).toEqual([
      ['service.scaled', ['replicas']],
    ]);
    expect(events('service', 'update', { replicas: flip(replicas(2, 1), replicas(2, 2)) })).toEqual([]);
    expect(
      events('service', 'update', { replicas: flip(replicas(2, 2), replicas(2, 1)), image: flip('a', 'b') }),
    ).toEqual([['service.updated', ['image']]]);
    expect(
      events('service', 'update', { replicas: flip(replicas(1, 1), replicas(3, 1)), image: flip('a', 'b') }),
    ).toEqual([
      ['service.scaled', ['replicas']],
      ['service.updated', ['image']],
    ]);
  });

  it('announces a task state change, its creation, and nothing for other task fields or removal', () => {
    expect(events('task', 'insert', { state: flip(null, 'new'), id: flip(null, 'id1') })).toEqual([
      ['task.state-changed', ['state', 'id']],
    ]);
    expect(events('task', 'update', { state: flip('starting', 'running') })).toEqual([
      ['task.state-changed', ['state']],
    ]);
    expect(events('task', 'update', { message: flip('a', 'b') })).toEqual([]);
    expect(events('task', 'delete', { state: flip('running', null) })).toEqual([]);
  });

  it('announces stacks, networks, configs and secrets created, updated and removed', () => {
    for (const kind of ['stack', 'network', 'config', 'secret'] as const) {
      expect(events(kind, 'insert', { name: flip(null, 'x') })).toEqual([[`${kind}.created`, ['name']]]);
      expect(events(kind, 'update', { labels: flip({}, { a: '1' }) })).toEqual([
        [`${kind}.updated`, ['labels']],
      ]);
      expect(events(kind, 'delete', { name: flip('x', null) })).toEqual([[`${kind}.removed`, ['name']]]);
    }
  });

  it('covers every inventory event type', () => {
    expect([...seen].sort()).toEqual(Object.values(InventoryEventType).sort());
  });
});

describe('eventsFor a scale through the spec', () => {
  it('does not repeat the replica count of the spec as an update', () => {
    const out = eventsFor({
      kind: 'service',
      op: 'update',
      id: 's',
      name: 's',
      changes: {
        replicas: { old: { desired: 1, running: 1 }, new: { desired: 2, running: 1 } },
        'spec.Mode.Replicated': { old: { Replicas: 1 }, new: { Replicas: 2 } },
      },
    });
    expect(out.map((e) => e.type)).toEqual(['service.scaled']);
  });
});
