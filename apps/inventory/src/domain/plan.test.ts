import { describe, expect, it } from 'vitest';
import { fixtures } from './__fixtures__/load.js';
import { diffSnapshot } from './diff.js';
import type { Snapshot } from './entry.js';
import { eventsFor } from './events.js';
import { loadScopeOf, planNext } from './plan.js';
import type { Observation } from './plan.js';

const WEB = 'z9knc3yxkyv1v0o7o232ytw5m';
const GLOBAL = '04l9laymg23zeppdghz4weenj';

function full(): Observation {
  return {
    nodes: fixtures.nodes(),
    services: { items: fixtures.services() },
    tasks: { items: fixtures.tasks() },
    networks: fixtures.networks(),
    configs: fixtures.configs(),
    secrets: fixtures.secrets(),
  };
}

const empty = (): Snapshot => ({
  node: new Map(),
  service: new Map(),
  task: new Map(),
  stack: new Map(),
  network: new Map(),
  config: new Map(),
  secret: new Map(),
});

describe('planNext', () => {
  it('builds the whole cluster from a full read, running counted from tasks', () => {
    const next = planNext(empty(), full());
    expect(next.service!.get(WEB)!.doc.replicas).toEqual({ desired: 2, running: 1 });
    expect(next.service!.get(GLOBAL)!.doc.replicas).toEqual({ desired: 1, running: 1 });
    expect(next.task!.get('1v6rzrkgu3vul1c7qydde8e9q')!.doc.serviceName).toBe('fx_web');
    expect([...next.stack!.keys()]).toEqual(['fx']);
    const types = diffSnapshot(empty(), next)
      .flatMap(eventsFor)
      .map((e) => e.type);
    expect(types.filter((t) => t === 'service.created')).toHaveLength(2);
    expect(types.filter((t) => t === 'task.state-changed')).toHaveLength(4);
    expect(types).toContain('stack.created');
    expect(diffSnapshot(next, planNext(next, full()))).toEqual([]);
  });

  it('refreshes one service and its tasks, keeping every other stored object', () => {
    const stored = planNext(empty(), full());
    const raw = fixtures.services().find((s) => s.ID === WEB)!;
    raw.Spec!.Mode = { Replicated: { Replicas: 3 } };
    const targeted: Observation = {
      services: { items: [raw], ids: [WEB] },
      tasks: { items: fixtures.tasks().filter((t) => t.ServiceID === WEB), serviceIds: [WEB] },
    };
    expect(loadScopeOf(targeted)).toMatchObject({ service: true, stack: true, task: [WEB], node: false });
    const next = planNext(stored, targeted);
    expect(next.service!.has(GLOBAL)).toBe(true);
    const changes = diffSnapshot(stored, next);
    expect(changes.map((c) => [c.kind, c.op, c.id])).toEqual([['service', 'update', WEB]]);
    expect(eventsFor(changes[0]!).map((e) => e.type)).toEqual(['service.scaled']);
  });

  it('removes a service that a targeted read no longer finds, with its tasks and stack', () => {
    const stored = planNext(empty(), full());
    const next = planNext(stored, {
      services: { items: [], ids: [WEB] },
      tasks: { items: [], serviceIds: [WEB] },
    });
    const types = diffSnapshot(stored, next)
      .flatMap(eventsFor)
      .map((e) => e.type);
    expect(types).toEqual(['service.removed', 'stack.removed']);
    expect([...next.task!.values()].every((t) => t.doc.serviceId !== WEB)).toBe(true);
  });

  it('recounts running replicas from a task poll without touching the service spec', () => {
    const stored = planNext(empty(), full());
    const tasks = fixtures
      .tasks()
      .map((t) => (t.Slot === 2 ? { ...t, Status: { ...t.Status, State: 'failed' } } : t));
    const changes = diffSnapshot(stored, planNext(stored, { tasks: { items: tasks } }));
    expect(changes.map((c) => [c.kind, c.op, Object.keys(c.changes)])).toEqual([
      ['service', 'update', ['replicas']],
      ['task', 'update', ['state']],
    ]);
    expect(changes.flatMap(eventsFor).map((e) => e.type)).toEqual(['task.state-changed']);
  });
});
