import { describe, expect, it } from 'vitest';
import type { RawNode, RawService, RawTask } from './docker-types.js';
import { isFailedTask, readSwarm } from './swarm-state.js';

const node = (id: string, state = 'ready', extra: Partial<RawNode> = {}): RawNode => ({
  ID: id,
  Description: {
    Hostname: `host-${id}`,
    Resources: { NanoCPUs: 2_000_000_000, MemoryBytes: 8 * 2 ** 30 },
    Engine: { EngineVersion: '20.10.24' },
  },
  Spec: { Role: 'worker', Availability: 'active' },
  Status: { State: state },
  ...extra,
});
const task = (
  id: string,
  serviceId: string,
  state: string,
  desired = 'running',
  extra: Partial<RawTask> = {},
): RawTask => ({
  ID: id,
  ServiceID: serviceId,
  NodeID: 'n1',
  DesiredState: desired,
  Status: { State: state },
  ...extra,
});

describe('readSwarm', () => {
  it('reads nodes: hostname, role, availability, leader, cores and memory', () => {
    const manager = node('n1', 'ready', {
      Spec: { Role: 'manager', Availability: 'drain' },
      ManagerStatus: { Leader: true },
    });
    const { nodes } = readSwarm([manager, node('n2', 'down')], [], []);
    expect(nodes).toEqual([
      {
        node: 'host-n1',
        nodeId: 'n1',
        role: 'manager',
        availability: 'drain',
        status: 'ready',
        engineVersion: '20.10.24',
        leader: true,
        cpuCores: 2,
        memoryBytes: 8 * 2 ** 30,
      },
      expect.objectContaining({ node: 'host-n2', status: 'down', leader: false, role: 'worker' }),
    ]);
  });

  it('reads a replicated service: desired from the spec, running = running and desired running, tasks by state', () => {
    const service: RawService = {
      ID: 's1',
      Spec: {
        Name: 'shop_api',
        Labels: { 'com.docker.stack.namespace': 'shop' },
        Mode: { Replicated: { Replicas: 3 } },
        TaskTemplate: {
          Resources: { Limits: { NanoCPUs: 500_000_000, MemoryBytes: 268435456 }, Reservations: {} },
        },
      },
    };
    const tasks = [
      task('t1', 's1', 'running'),
      task('t2', 's1', 'running', 'shutdown'),
      task('t3', 's1', 'starting'),
      task('t4', 's1', 'failed', 'shutdown'),
      task('x1', 'other', 'running'),
    ];
    const [sample] = readSwarm([node('n1')], [service], tasks).services;
    expect(sample).toEqual({
      service: 'shop_api',
      serviceId: 's1',
      stack: 'shop',
      mode: 'replicated',
      desired: 3,
      running: 1,
      tasksByState: { running: 2, starting: 1, failed: 1 },
      cpuLimitCores: 0.5,
      cpuReservationCores: undefined,
      memoryLimitBytes: 268435456,
      memoryReservationBytes: undefined,
      failedTaskIds: ['t4'],
    });
  });

  it('always reports running tasks, zero included, and no stack for a standalone service', () => {
    const [sample] = readSwarm(
      [],
      [{ ID: 's1', Spec: { Name: 'web', Mode: { Replicated: { Replicas: 0 } } } }],
      [],
    ).services;
    expect(sample).toMatchObject({ stack: '', desired: 0, running: 0, tasksByState: { running: 0 } });
  });

  it('counts a global service as its tasks desired running on nodes that are not down', () => {
    const service: RawService = { ID: 'g', Spec: { Name: 'agent', Mode: { Global: {} } } };
    const tasks = [
      task('a', 'g', 'running', 'running', { NodeID: 'n1' }),
      task('b', 'g', 'pending', 'running', { NodeID: 'n2' }),
      task('c', 'g', 'running', 'running', { NodeID: 'n3' }),
      task('d', 'g', 'shutdown', 'shutdown', { NodeID: 'n1' }),
    ];
    const [sample] = readSwarm([node('n1'), node('n2'), node('n3', 'down')], [service], tasks).services;
    expect(sample).toMatchObject({ mode: 'global', desired: 2, running: 1 });
  });

  it('counts a job as the tasks still wanted running: 0 once complete', () => {
    const service: RawService = { ID: 'j', Spec: { Name: 'migrate', Mode: { ReplicatedJob: {} } } };
    const done = readSwarm([node('n1')], [service], [task('a', 'j', 'complete', 'complete')]).services[0];
    expect(done).toMatchObject({
      mode: 'replicated-job',
      desired: 0,
      running: 0,
      tasksByState: { complete: 1 },
    });
    const busy = readSwarm([node('n1')], [service], [task('a', 'j', 'running')]).services[0];
    expect(busy).toMatchObject({ desired: 1, running: 1 });
  });
});

describe('isFailedTask', () => {
  const exit = (state: string, code: number) =>
    isFailedTask({ ID: 'x', Status: { State: state, ContainerStatus: { ExitCode: code } } });

  it('counts failed, rejected and non-zero completions, not stops on purpose', () => {
    expect(exit('failed', 3)).toBe(true);
    expect(exit('rejected', 0)).toBe(true);
    expect(exit('complete', 2)).toBe(true);
    expect(exit('complete', 0)).toBe(false);
    expect(exit('shutdown', 137)).toBe(false);
    expect(exit('running', 0)).toBe(false);
  });
});
