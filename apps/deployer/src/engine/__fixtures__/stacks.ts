import type Dockerode from 'dockerode';
import { TEST_IMAGE, TEST_LABEL } from '@swarmops/testkit';
import type { DesiredService, DesiredStack } from '../../compose/types.js';

// DesiredStack values as the compose converter makes them, built by hand for the engine's tests.

const S = 1_000_000_000;

/** Options of one busybox httpd service. */
export interface WebOptions {
  name?: string;
  /** Served as the index page; changing it changes the task template. */
  content: string;
  replicas?: number;
  healthy?: boolean;
  endpointMode?: 'vip' | 'dnsrr';
  /** Mode other than replicated. */
  mode?: 'global' | 'replicated-job';
}

/** A busybox httpd service on `<stack>_default` with a healthcheck, short grace period and test label. */
export function webService(stack: string, o: WebOptions): DesiredService {
  const name = o.name ?? 'web';
  const fullName = `${stack}_${name}`;
  const labels = { 'com.docker.stack.namespace': stack, [TEST_LABEL]: stack };
  const probe =
    o.healthy === false
      ? 'exit 1'
      : "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 1 127.0.0.1 8080 | grep -q ' 200 '";
  const job = o.mode === 'replicated-job';
  const spec: Dockerode.ServiceSpec = {
    Name: fullName,
    Labels: { ...labels, 'com.docker.stack.image': TEST_IMAGE },
    TaskTemplate: {
      ContainerSpec: {
        Image: TEST_IMAGE,
        Labels: labels,
        Args: job
          ? ['sh', '-c', `echo ${o.content}`]
          : [
              'sh',
              '-c',
              `mkdir -p /www && echo ${o.content} > /www/index.html && exec httpd -f -p 8080 -h /www`,
            ],
        StopGracePeriod: 1 * S,
        ...(job
          ? {}
          : { Healthcheck: { Test: ['CMD-SHELL', probe], Interval: S, Timeout: 3 * S, Retries: 3 } }),
      },
      Networks: [{ Target: `${stack}_default`, Aliases: [name] }],
      RestartPolicy: { Condition: job ? 'none' : 'any', Delay: S / 2 },
    },
    Mode:
      o.mode === 'global'
        ? { Global: {} }
        : job
          ? { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } }
          : { Replicated: { Replicas: o.replicas ?? 2 } },
    EndpointSpec: { Mode: o.endpointMode ?? 'dnsrr' },
  };
  return {
    name,
    fullName,
    mode: o.mode ?? 'replicated',
    replicas: o.mode === undefined ? (o.replicas ?? 2) : null,
    healthcheck: job
      ? null
      : { intervalNs: S / 2, timeoutNs: 2 * S, retries: 2, startPeriodNs: 0, startIntervalNs: 0 },
    spec,
  };
}

/** A stack of the given services on one attachable overlay network. */
export function testStack(stack: string, services: DesiredService[]): DesiredStack {
  const labels = { 'com.docker.stack.namespace': stack, [TEST_LABEL]: stack };
  return {
    stack,
    services,
    networks: [
      {
        name: 'default',
        fullName: `${stack}_default`,
        external: false,
        spec: { Name: `${stack}_default`, Driver: 'overlay', Attachable: true, Labels: labels },
      },
    ],
    configs: [],
    secrets: [],
    warnings: [],
  };
}
