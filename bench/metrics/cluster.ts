// The bench's services on the real swarm: `services` tiny busybox services (`sleep`), every odd one at 1
// replica and every even one at 0, spread over `stacks` stacks (the stack label on the service and its
// containers, as `docker stack deploy` sets them), all labelled `swarmops.test=<scope>` so
// `removeLabeled(docker, scope)` removes them.
import type Docker from 'dockerode';
import { TEST_LABEL } from '@swarmops/testkit/harness';

const STACK_LABEL = 'com.docker.stack.namespace';
const CONCURRENCY = 10;

/** Options of {@link createMetricsCluster}. */
export interface MetricsClusterOptions {
  image: string;
  scope: string;
  services: number;
  stacks: number;
}

/** Creates the services; returns how many run a task (the containers one collection reads stats of). */
export async function createMetricsCluster(docker: Docker, o: MetricsClusterOptions): Promise<number> {
  let running = 0;
  for (let i = 0; i < o.services; i += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, o.services - i) }, (_, k) => i + k);
    await Promise.all(
      batch.map((n) => {
        const replicas = n % 2;
        running += replicas;
        const stack = `${o.scope}-s${n % o.stacks}`;
        const labels = { [TEST_LABEL]: o.scope, [STACK_LABEL]: stack };
        return docker.createService({
          Name: `${stack}_svc${n}`,
          Labels: labels,
          TaskTemplate: {
            ContainerSpec: {
              Image: o.image,
              Command: ['sleep', '100000'],
              Init: true,
              StopGracePeriod: 1e9,
              Labels: labels,
            },
            Resources: { Limits: { MemoryBytes: 16 * 1024 * 1024 } },
            RestartPolicy: { Condition: 'any', Delay: 1e9 },
          },
          Mode: { Replicated: { Replicas: replicas } },
        } as unknown as Docker.CreateServiceOptions);
      }),
    );
  }
  return running;
}

/** Resolves once `expected` of the scope's containers run on this engine; throws after `maxMs`. */
export async function waitForRunning(docker: Docker, scope: string, expected: number, maxMs = 600_000) {
  const deadline = Date.now() + maxMs;
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${scope}`], status: ['running'] });
  for (;;) {
    const running = (await docker.listContainers({ filters })).length;
    if (running >= expected) return;
    if (Date.now() > deadline)
      throw new Error(`${running} of ${expected} bench containers running after ${maxMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
