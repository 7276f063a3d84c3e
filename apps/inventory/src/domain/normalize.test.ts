import {
  ConfigMetaSchema,
  NetworkSchema,
  NodeSchema,
  SecretMetaSchema,
  ServiceSchema,
  StackSchema,
  TaskSchema,
} from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { fixtures } from './__fixtures__/load.js';
import { deriveStacks } from './derive-stacks.js';
import { swarmFacts } from './swarm-facts.js';
import { normalizeConfig, normalizeNetwork, normalizeSecret, secretEntry } from './normalize-meta.js';
import { hostOf, normalizeNode } from './normalize-node.js';
import { normalizeService, serviceEntry } from './normalize-service.js';
import { countRunning, normalizeTask, taskEntry } from './normalize-task.js';

const networkNames = new Map(fixtures.networks().map((n) => [n.Id, n.Name]));
const web = () => fixtures.services().find((s) => s.Spec?.Name === 'fx_web')!;
const global = () => fixtures.services().find((s) => s.Spec?.Name === 'fx_global')!;

describe('normalizeNode', () => {
  it('maps a manager node to the contract Node', () => {
    const node = normalizeNode(fixtures.nodes()[0]!);
    expect(NodeSchema.parse(node)).toEqual(node);
    expect(node).toEqual({
      id: 'igafg1za5knr5oilfru10pwup',
      hostname: 'vm',
      ipAddress: '127.0.0.1',
      role: 'manager',
      status: 'ready',
      availability: 'active',
      resources: { cpus: 2, memoryBytes: 25276026880 },
      labels: {},
      engineVersion: '20.10.24+dfsg1',
      leader: true,
      reachability: 'reachable',
    });
  });

  it('uses the manager address host when the node advertises 0.0.0.0', () => {
    const raw = fixtures.nodes()[0]!;
    raw.Status = { State: 'ready', Addr: '0.0.0.0' };
    raw.ManagerStatus = { Leader: false, Reachability: 'reachable', Addr: '10.1.2.3:2377' };
    expect(normalizeNode(raw).ipAddress).toBe('10.1.2.3');
    expect(hostOf('[fd00::1]:2377')).toBe('fd00::1');
  });

  it('reports a disconnected worker as down, without leader reachability', () => {
    const raw = fixtures.nodes()[0]!;
    raw.Spec = { Role: 'worker', Availability: 'drain', Labels: { zone: 'a' } };
    raw.Status = { State: 'disconnected', Addr: '10.0.0.9' };
    delete raw.ManagerStatus;
    const node = normalizeNode(raw);
    expect(NodeSchema.parse(node)).toEqual(node);
    expect(node).toMatchObject({
      role: 'worker',
      status: 'down',
      availability: 'drain',
      labels: { zone: 'a' },
      leader: false,
    });
    expect(node.reachability).toBeUndefined();
  });
});

describe('normalizeService', () => {
  it('maps a replicated stack service with ports, networks, constraints and update status', () => {
    const service = normalizeService(web(), { networkNames, running: 2 });
    expect(ServiceSchema.parse(service)).toEqual(service);
    expect(service).toEqual({
      id: 'z9knc3yxkyv1v0o7o232ytw5m',
      name: 'fx_web',
      image: 'swarmops/busybox:test',
      mode: 'replicated',
      replicas: { desired: 2, running: 2 },
      constraints: ['node.role==manager'],
      labels: { 'com.docker.stack.namespace': 'fx', 'swarmops.test': 'fixture' },
      stack: 'fx',
      ports: [{ target: 80, published: 18080, protocol: 'tcp', mode: 'ingress' }],
      networks: ['fx_net'],
      updateStatus: {
        state: 'updating',
        message: 'update in progress',
        startedAt: '2026-11-27T14:25:35.420183469Z',
      },
    });
  });

  it('keeps the image digest of the spec and reports unknown networks by id', () => {
    const raw = web();
    raw.Spec!.TaskTemplate!.ContainerSpec!.Image = 'nginx:1.25@sha256:' + 'a'.repeat(64);
    const service = normalizeService(raw, { networkNames: new Map(), running: 0 });
    expect(service.image).toBe('nginx:1.25@sha256:' + 'a'.repeat(64));
    expect(service.networks).toEqual(['gljgygrpczg7nngtu4fqakvp4']);
  });

  it('maps a global service, desired from the service status', () => {
    const service = normalizeService(global(), { networkNames, running: 1 });
    expect(ServiceSchema.parse(service)).toEqual(service);
    expect(service).toMatchObject({
      mode: 'global',
      replicas: { desired: 1, running: 1 },
      stack: null,
      ports: [],
      networks: [],
      updateStatus: null,
    });
  });

  it('keeps the raw spec in the entry and never the previous spec', () => {
    const entry = serviceEntry(web(), { networkNames, running: 2 });
    expect(entry.spec).toEqual(web().Spec);
    expect(entry.version).toBe(32);
  });
});

describe('normalizeTask', () => {
  it('maps every task and counts only running tasks Docker wants running', () => {
    const tasks = fixtures.tasks().map((t) => normalizeTask(t, 'fx_web'));
    for (const task of tasks) expect(TaskSchema.parse(task)).toEqual(task);
    const running = tasks.find((t) => t.state === 'running' && t.desiredState === 'running' && t.slot === 2)!;
    expect(running).toMatchObject({
      serviceName: 'fx_web',
      nodeId: 'igafg1za5knr5oilfru10pwup',
      error: null,
      message: 'started',
    });
    expect(running.image).toMatch(/^\S+$/);
    expect(running.containerId).toMatch(/^[0-9a-f]{64}$/);
    expect(countRunning(tasks, 'z9knc3yxkyv1v0o7o232ytw5m')).toBe(1);
  });

  it('names a task like Docker and reports an error', () => {
    const raw = fixtures.tasks().find((t) => t.Slot === undefined)!;
    raw.Status = { ...raw.Status, State: 'failed', Err: 'task: non-zero exit (1)' };
    const entry = taskEntry(raw, 'fx_global');
    expect(entry.name).toBe('fx_global.igafg1za5knr5oilfru10pwup');
    expect(entry.doc).toMatchObject({ state: 'failed', error: 'task: non-zero exit (1)', slot: null });
  });
});

describe('networks, configs and secrets', () => {
  it('maps networks, the ingress network included', () => {
    const [fxNet, ingress] = fixtures.networks().map(normalizeNetwork);
    for (const n of [fxNet, ingress]) expect(NetworkSchema.parse(n)).toEqual(n);
    expect(fxNet).toMatchObject({
      name: 'fx_net',
      driver: 'overlay',
      scope: 'swarm',
      stack: 'fx',
      ingress: false,
    });
    expect(ingress).toMatchObject({ name: 'ingress', ingress: true, labels: {}, stack: null });
  });

  it('keeps config metadata and never the data', () => {
    const raw = fixtures.configs()[0]!;
    const config = normalizeConfig(raw);
    expect(ConfigMetaSchema.parse(config)).toEqual(config);
    expect(config).toEqual({
      id: 'qrcz6qxptyd4o0yxukxpx930k',
      name: 'fx_conf',
      labels: { 'com.docker.stack.namespace': 'fx', 'swarmops.test': 'fixture' },
      stack: 'fx',
      createdAt: '2026-11-27T14:25:26.824879898Z',
      updatedAt: '2026-11-27T14:25:26.824879898Z',
    });
    expect(JSON.stringify(config)).not.toContain('aGVsbG8K');
  });

  it('keeps secret metadata and never a value, even one the engine sent', () => {
    const raw = fixtures.secrets()[0]!;
    (raw.Spec as Record<string, unknown>).Data = 'czNjcmV0Cg==';
    const secret = normalizeSecret(raw);
    expect(SecretMetaSchema.parse(secret)).toEqual(secret);
    expect(secret).toMatchObject({ name: 'fx_secret', stack: null, driver: null });
    expect(JSON.stringify(secretEntry(raw))).not.toContain('czNjcmV0Cg==');
  });
});

describe('deriveStacks', () => {
  it('groups services by stack label, names sorted, deployer fields kept from the stored stack', () => {
    const entry = (id: string, name: string, stack: string | null) => ({ id, name, doc: { stack } });
    const previous = new Map([
      [
        'fx',
        {
          id: 'fx',
          name: 'fx',
          doc: {
            id: 'fx',
            name: 'fx',
            services: [],
            composeFile: 'services: {}',
            version: 3,
            deployTime: '2026-11-27T14:00:00Z',
          },
        },
      ],
    ]);
    const stacks = deriveStacks(
      [
        entry('1', 'fx_web', 'fx'),
        entry('2', 'fx_api', 'fx'),
        entry('3', 'solo', null),
        entry('4', 'b_db', 'b'),
      ],
      previous,
    );
    for (const s of stacks) expect(StackSchema.parse(s.doc)).toEqual(s.doc);
    expect(stacks.map((s) => s.doc)).toEqual([
      { id: 'b', name: 'b', services: ['b_db'], composeFile: null, version: null, deployTime: null },
      {
        id: 'fx',
        name: 'fx',
        services: ['fx_api', 'fx_web'],
        composeFile: 'services: {}',
        version: 3,
        deployTime: '2026-11-27T14:00:00Z',
      },
    ]);
  });
});

describe('swarmFacts', () => {
  it('keeps the swarm id and settings and never the join tokens', () => {
    const facts = swarmFacts(fixtures.swarm());
    expect(facts).toMatchObject({ id: 'vifc6w61xxn1kxowpl4xsv6n3', subnetSize: 24, dataPathPort: 4789 });
    expect(JSON.stringify(facts)).not.toContain('SWMTKN');
  });
});
