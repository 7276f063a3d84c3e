import { describe, expect, it } from 'vitest';

import type { EngineServiceSpec } from './engine-types.js';
import { convertCompose } from './index.js';
import type { DesiredStack, PolicyAllowance } from './types.js';

const policy: PolicyAllowance = { bindMountPrefixes: ['/srv'], trustedStacks: ['trusted'] };

function convert(compose: string, env: Record<string, string> = {}, stack = 'demo'): DesiredStack {
  return convertCompose({ stack, compose, env, policy });
}

function failure(fn: () => unknown): { code: string; message: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected a throw');
}

function spec(stack: DesiredStack, name = 'app'): EngineServiceSpec {
  const found = stack.services.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no service ${name}`);
  return found.spec as unknown as EngineServiceSpec;
}

describe('convertCompose', () => {
  it('names and labels every object like docker stack deploy', () => {
    const stack = convert(`
services:
  app:
    image: local/busybox:1
    labels: { container.label: c }
    deploy:
      labels: { service.label: s }
    configs: [conf]
    secrets: [key]
configs:
  conf: { content: "a=1", labels: { k: v } }
secrets:
  key: { content: "s3cret" }
`);
    const app = spec(stack);
    expect(app.Name).toBe('demo_app');
    expect(app.Labels).toEqual({
      'com.docker.stack.image': 'local/busybox:1',
      'com.docker.stack.namespace': 'demo',
      'service.label': 's',
    });
    expect(app.TaskTemplate.ContainerSpec.Labels).toEqual({
      'com.docker.stack.namespace': 'demo',
      'container.label': 'c',
    });
    expect(app.TaskTemplate.Networks).toEqual([{ Target: 'demo_default', Aliases: ['app'] }]);
    expect(stack.networks).toEqual([
      {
        name: 'default',
        fullName: 'demo_default',
        external: false,
        spec: { Name: 'demo_default', Driver: 'overlay', Labels: { 'com.docker.stack.namespace': 'demo' } },
      },
    ]);
    expect(stack.configs[0]?.labels).toEqual({ 'com.docker.stack.namespace': 'demo', k: 'v' });
    expect(stack.configs[0]?.fullName).toMatch(/^demo_conf-[0-9a-f]{12}$/);
    expect(stack.secrets[0]?.labels).toEqual({ 'com.docker.stack.namespace': 'demo' });
    expect(app.TaskTemplate.ContainerSpec.Configs?.[0]?.ConfigName).toBe(stack.configs[0]?.fullName);
    expect(stack.warnings).toEqual([]);
  });

  it('converts the container options to the Engine spec', () => {
    const app = spec(
      convert(`
services:
  app:
    image: img
    entrypoint: ["/bin/sh", "-c"]
    command: "echo $$HOME"
    environment: { B: "2", A: "1" }
    hostname: h
    user: "1000:1000"
    working_dir: /work
    stop_grace_period: 1m30s
    stop_signal: SIGINT
    tty: true
    stdin_open: true
    read_only: true
    init: false
    isolation: default
    extra_hosts: ["db:10.0.0.2"]
    dns: 8.8.8.8
    dns_search: [svc.local]
    sysctls: ["net.core.somaxconn=1024"]
    cap_add: [NET_BIND_SERVICE]
    cap_drop: [ALL]
    ulimits: { nofile: { soft: 10, hard: 20 } }
    logging: { driver: json-file, options: { max-size: 1m } }
    oom_score_adj: 100
`),
    );
    expect(app.TaskTemplate.ContainerSpec).toEqual({
      Image: 'img',
      Labels: { 'com.docker.stack.namespace': 'demo' },
      Command: ['/bin/sh', '-c'],
      Args: ['echo', '$HOME'],
      Hostname: 'h',
      Env: ['A=1', 'B=2'],
      Dir: '/work',
      User: '1000:1000',
      Privileges: {},
      Init: false,
      StopSignal: 'SIGINT',
      TTY: true,
      OpenStdin: true,
      ReadOnly: true,
      StopGracePeriod: 90e9,
      Hosts: ['10.0.0.2 db'],
      DNSConfig: { Nameservers: ['8.8.8.8'], Search: ['svc.local'] },
      Isolation: 'default',
      Sysctls: { 'net.core.somaxconn': '1024' },
      CapabilityAdd: ['CAP_NET_BIND_SERVICE'],
      CapabilityDrop: ['ALL'],
      Ulimits: [{ Name: 'nofile', Soft: 10, Hard: 20 }],
      OomScoreAdj: 100,
    });
    expect(app.TaskTemplate.LogDriver).toEqual({ Name: 'json-file', Options: { 'max-size': '1m' } });
  });

  it('converts deploy settings', () => {
    const stack = convert(`
services:
  app:
    image: img
    ports: ["80:8080", { target: 9000, published: 9000, mode: host, protocol: udp }]
    healthcheck: { test: ["CMD", "true"], interval: 2s, retries: 2, start_period: 1s, start_interval: 500ms }
    deploy:
      mode: replicated
      replicas: 2
      endpoint_mode: dnsrr
      placement: { constraints: [node.role==manager], max_replicas_per_node: 1 }
      resources: { limits: { cpus: "0.5", memory: 128M }, reservations: { memory: 64M } }
      restart_policy: { condition: on-failure, max_attempts: 2 }
      update_config: { parallelism: 2, order: start-first, failure_action: rollback }
      rollback_config: { order: stop-first }
  job:
    image: img
    deploy: { mode: replicated-job, replicas: 3 }
  agent:
    image: img
    deploy: { mode: global }
`);
    const app = spec(stack);
    expect(app.Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(app.EndpointSpec).toEqual({
      Mode: 'dnsrr',
      Ports: [
        { Protocol: 'tcp', TargetPort: 8080, PublishedPort: 80, PublishMode: 'ingress' },
        { Protocol: 'udp', TargetPort: 9000, PublishedPort: 9000, PublishMode: 'host' },
      ],
    });
    expect(app.TaskTemplate.Placement).toEqual({ Constraints: ['node.role==manager'], MaxReplicas: 1 });
    expect(app.TaskTemplate.Resources).toEqual({
      Limits: { NanoCPUs: 5e8, MemoryBytes: 128 * 1024 ** 2 },
      Reservations: { MemoryBytes: 64 * 1024 ** 2 },
    });
    expect(app.TaskTemplate.RestartPolicy).toEqual({ Condition: 'on-failure', MaxAttempts: 2 });
    expect(app.UpdateConfig).toEqual({ Parallelism: 2, Order: 'start-first', FailureAction: 'rollback' });
    expect(app.RollbackConfig).toEqual({ Parallelism: 1, Order: 'stop-first' });
    expect(app.TaskTemplate.ContainerSpec.Healthcheck).toEqual({
      Test: ['CMD', 'true'],
      Interval: 2e9,
      StartPeriod: 1e9,
      StartInterval: 5e8,
      Retries: 2,
    });
    const app0 = stack.services.find((s) => s.name === 'app');
    expect(app0?.healthcheck).toEqual({
      intervalNs: 2e9,
      timeoutNs: 30e9,
      retries: 2,
      startPeriodNs: 1e9,
      startIntervalNs: 5e8,
    });
    expect(stack.services.map((s) => [s.name, s.mode, s.replicas])).toEqual([
      ['agent', 'global', null],
      ['app', 'replicated', 2],
      ['job', 'replicated-job', 3],
    ]);
    expect(spec(stack, 'job').Mode).toEqual({ ReplicatedJob: { MaxConcurrent: 3, TotalCompletions: 3 } });
  });

  it('converts the zero-downtime test stack of the brief', () => {
    const stack = convert(`
services:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080
    stop_grace_period: 3s
    healthcheck: { test: "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 127.0.0.1 8080", interval: 1s, retries: 3 }
    deploy: { replicas: 3, endpoint_mode: dnsrr }
networks:
  default: { attachable: true }
`);
    expect(stack.networks[0]?.spec).toEqual({
      Name: 'demo_default',
      Driver: 'overlay',
      Labels: { 'com.docker.stack.namespace': 'demo' },
      Attachable: true,
    });
    expect(spec(stack, 'web').EndpointSpec).toEqual({ Mode: 'dnsrr' });
    expect(spec(stack, 'web').TaskTemplate.ContainerSpec.Args).toEqual(['httpd', '-f', '-p', '8080']);
  });

  it('creates only the networks services join, and never external ones', () => {
    const stack = convert(`
services:
  app: { image: img, networks: { front: { aliases: [www] }, shared: {} } }
networks:
  front: {}
  unused: {}
  shared: { external: true, name: proxy }
`);
    expect(stack.networks.map((n) => [n.fullName, n.external])).toEqual([
      ['demo_front', false],
      ['proxy', true],
    ]);
    expect(spec(stack).TaskTemplate.Networks).toEqual([
      { Target: 'demo_front', Aliases: ['www', 'app'] },
      { Target: 'proxy', Aliases: ['app'] },
    ]);
  });

  it('interpolates from env and reports a missing required variable with its path', () => {
    const stack = convert(
      'services:\n  app:\n    image: "img:${TAG:-latest}"\n    deploy: { replicas: "${N}" }\n',
      { N: '4' },
    );
    expect(spec(stack).TaskTemplate.ContainerSpec.Image).toBe('img:latest');
    expect(stack.services[0]?.replicas).toBe(4);
    const error = failure(() => convert('services:\n  app:\n    image: "${IMAGE:?set the image}"\n'));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toBe(
      'services.app.image: required variable IMAGE is missing a value: set the image',
    );
  });

  it('reports schema errors by compose path', () => {
    const error = failure(() =>
      convert('services:\n  api:\n    image: img\n    deploy: { replicas: many }\n'),
    );
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'services.api.deploy.replicas: expected integer',
      details: { issues: [{ path: 'services.api.deploy.replicas', message: 'expected integer' }] },
    });
  });

  it('reports every conversion problem at once', () => {
    const error = failure(() =>
      convert(`
services:
  app:
    image: img
    networks: [nowhere]
    volumes: ["ghost:/g"]
    secrets: [missing]
    env_file: .env
configs:
  c: { file: ./c.txt }
`),
    );
    expect((error.details.issues as { path: string }[]).map((i) => i.path)).toEqual([
      'configs.c.file',
      'services.app.env_file',
      'services.app.volumes[0].source',
      'services.app.secrets[0]',
      'services.app.networks.nowhere',
    ]);
  });

  it('names the unknown key of a long-syntax item, not the other branches of its oneOf', () => {
    const error = failure(() =>
      convert('services:\n  app:\n    image: img\n    ports: [{ target: 80, colour: red }]\n'),
    );
    expect(error.message).toBe('services.app.ports[0].colour: unknown key (not allowed here)');
  });

  it('refuses an image that is not a docker reference', () => {
    expect(failure(() => convert('services:\n  app: { image: "Not An Image" }\n')).message).toMatch(
      /^services\.app\.image: invalid reference format/,
    );
  });

  it('refuses a service whose swarm name would be invalid or longer than 63 characters', () => {
    expect(failure(() => convert(`services:\n  ${'s'.repeat(70)}: { image: img }\n`)).message).toMatch(
      /^services\.s{70}: service name "\w+_s+" is not valid in swarm/,
    );
    expect(failure(() => convert('services:\n  web.v2: { image: img }\n')).message).toMatch(
      /^services\.web\.v2: service name/,
    );
  });

  it('requires an image', () => {
    expect(failure(() => convert('services:\n  app: { command: x }\n')).message).toBe(
      'services.app.image: is required (images are not built)',
    );
  });

  it('refuses docker-forbidden keys', () => {
    expect(failure(() => convert('services:\n  app: { image: i, mem_limit: 1g }\n')).message).toBe(
      'services.app.mem_limit: set resource limits with deploy.resources',
    );
  });

  it('warns for every key docker stack deploy ignores, naming its path', () => {
    const stack = convert(`
services:
  app:
    image: img
    build: .
    container_name: c
    depends_on: [db]
    links: [db]
    security_opt: [no-new-privileges]
    devices: [/dev/fuse]
    cgroup_parent: x
    userns_mode: host
    restart: always
    x-custom: ignored silently
  db: { image: img }
`);
    expect(stack.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unsupported-key', 'services.app.build'],
      ['unsupported-key', 'services.app.container_name'],
      ['unsupported-key', 'services.app.depends_on'],
      ['unsupported-key', 'services.app.links'],
      ['unsupported-key', 'services.app.security_opt'],
      ['unsupported-key', 'services.app.devices'],
      ['unsupported-key', 'services.app.cgroup_parent'],
      ['unsupported-key', 'services.app.userns_mode'],
      ['legacy-key', 'services.app.restart'],
    ]);
    expect(spec(stack).TaskTemplate.RestartPolicy).toEqual({ Condition: 'any' });
  });

  it('refuses policy violations for an untrusted stack, naming service and key', () => {
    const error = failure(() =>
      convert(`
services:
  app:
    image: img
    volumes: ["/var/run/docker.sock:/var/run/docker.sock", "/etc:/host-etc:ro", "/srv/ok:/ok"]
    cap_add: [SYS_ADMIN]
    privileged: true
    pid: host
    network_mode: host
    ipc: host
  edge:
    image: img
    networks: [hostnet]
networks:
  hostnet: { external: true, name: host }
`),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('service app: services.app.volumes[0] mounts the Docker socket');
    expect(
      (error.details.violations as { service: string; path: string; rule: string }[]).map((v) => [
        v.service,
        v.path,
        v.rule,
      ]),
    ).toEqual([
      ['app', 'services.app.volumes[0]', 'docker-socket'],
      ['app', 'services.app.volumes[1]', 'bind-mount-outside-allowlist'],
      ['app', 'services.app.cap_add[0]', 'dangerous-capability'],
      ['app', 'services.app.privileged', 'privileged'],
      ['app', 'services.app.pid', 'host-pid'],
      ['app', 'services.app.ipc', 'host-ipc'],
      ['app', 'services.app.network_mode', 'host-network'],
      ['edge', 'services.edge.networks.hostnet', 'host-network'],
    ]);
  });

  it('allows the same settings for a trusted stack, with policy-exception warnings', () => {
    const stack = convert(
      'services:\n  app:\n    image: img\n    privileged: true\n    volumes: ["/var/run/docker.sock:/s"]\n',
      {},
      'trusted',
    );
    expect(stack.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unsupported-key', 'services.app.privileged'],
      ['policy-exception', 'services.app.volumes[0]'],
      ['policy-exception', 'services.app.privileged'],
    ]);
    expect(spec(stack).TaskTemplate.ContainerSpec.Mounts).toEqual([
      { Type: 'bind', Source: '/var/run/docker.sock', Target: '/s' },
    ]);
  });

  it('refuses an invalid stack name', () => {
    expect(failure(() => convertCompose({ stack: 'bad name', compose: 'services: {}', policy })).code).toBe(
      'INVALID_REQUEST',
    );
  });

  it('is deterministic: the same input gives the same output, whatever the key order', () => {
    const a = `
services:
  b: { image: img, environment: [Z=1, A=2], labels: { z: "1", a: "2" }, networks: [n2, n1] }
  a: { image: img }
networks: { n1: {}, n2: {} }
`;
    const b = `
networks: { n2: {}, n1: {} }
services:
  a: { image: img }
  b: { image: img, networks: [n1, n2], labels: { a: "2", z: "1" }, environment: [Z=1, A=2] }
`;
    expect(JSON.stringify(convert(a))).toBe(JSON.stringify(convert(a)));
    expect(JSON.stringify(convert(a))).toBe(JSON.stringify(convert(b)));
  });
});
