// Valid compose documents the fuzzer mutates. Each must convert cleanly (the unit test checks), so a
// refusal of a mutated copy is caused by the mutation.

const IMAGE = 'swarmops/busybox:test';

/** A service using most keys, with top-level networks, volumes, configs and secrets. */
const full = {
  services: {
    api: {
      image: IMAGE,
      command: ['sh', '-c', 'sleep 1'],
      entrypoint: ['/bin/sh'],
      environment: { LOG_LEVEL: 'info', WORKERS: 4 },
      labels: { 'com.example.team': 'platform' },
      ports: ['8080:80', { target: 81, published: 8081, protocol: 'tcp', mode: 'host' }],
      networks: { front: { aliases: ['api-front'] } },
      volumes: ['data:/data', { type: 'tmpfs', target: '/run/scratch', tmpfs: { size: 1024 } }],
      configs: [{ source: 'app_conf', target: '/etc/app.conf', mode: 0o440 }],
      secrets: ['db_password'],
      healthcheck: { test: ['CMD', 'true'], interval: '5s', timeout: '2s', retries: 3, start_period: '1s' },
      stop_grace_period: '3s',
      user: '1000:1000',
      working_dir: '/tmp',
      hostname: 'api',
      extra_hosts: ['db.local:10.0.0.5'],
      logging: { driver: 'json-file', options: { 'max-size': '1m' } },
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 512 },
      cap_drop: ['MKNOD'],
      sysctls: { 'net.core.somaxconn': 1024 },
      init: true,
      read_only: true,
      deploy: {
        mode: 'replicated',
        replicas: 2,
        endpoint_mode: 'vip',
        labels: { 'com.example.owner': 'ops' },
        placement: { constraints: ['node.role == manager'], preferences: [{ spread: 'node.id' }] },
        resources: { limits: { cpus: '0.5', memory: '64M' }, reservations: { memory: '16M' } },
        restart_policy: { condition: 'on-failure', delay: '5s', max_attempts: 3, window: '1m' },
        update_config: { parallelism: 1, delay: '1s', order: 'start-first', failure_action: 'rollback' },
        rollback_config: { parallelism: 1, monitor: '10s' },
      },
    },
  },
  networks: { front: { driver: 'overlay', attachable: true, labels: { zone: 'dmz' } } },
  volumes: { data: { labels: { backup: 'daily' } } },
  configs: { app_conf: { content: 'listen = 8080\n' } },
  secrets: { db_password: { content: 's3cr3t\n' } },
};

/** Global and job services, list-style environment and networks, dnsrr with a host port. */
const modes = {
  services: {
    agent: {
      image: IMAGE,
      command: 'sleep 3600',
      environment: ['A=1', 'B=two'],
      networks: ['back'],
      deploy: { mode: 'global', placement: { constraints: ['node.platform.os == linux'] } },
    },
    migrate: {
      image: IMAGE,
      command: ['true'],
      deploy: { mode: 'replicated-job', replicas: 1, restart_policy: { condition: 'on-failure' } },
    },
    web: {
      image: IMAGE,
      ports: [{ target: 8080, published: 9090, mode: 'host' }],
      deploy: { endpoint_mode: 'dnsrr', replicas: 3 },
      healthcheck: { test: 'true', interval: '10s', start_period: '5s', start_interval: '1s' },
    },
  },
  networks: { back: { internal: true } },
};

/** The smallest file: one service with an image. */
const minimal = { services: { app: { image: IMAGE } } };

/** The documents mutated by the generator (plain data, serialized to YAML per case). */
export const MALFORMED_BASES: readonly Record<string, unknown>[] = [full, modes, minimal];
