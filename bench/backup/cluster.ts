// The bench's objects on the real swarm: `services` busybox services at replicas 0, created directly through
// the Engine API, every one labelled `swarmops.test=<scope>`; the first `stacks x perStack` of them belong to
// `stacks` stacks (the stack label, an overlay network, a config and a secret each, referenced by the
// stack's services), the rest are standalone. `removeLabeled(docker, scope)` removes all of it.
import type Docker from 'dockerode';
import { TEST_LABEL } from './harness.js';

const STACK_LABEL = 'com.docker.stack.namespace';

/** Options of {@link createBenchCluster}. */
export interface BenchClusterOptions {
  image: string;
  /** Label value of every object (`swarmops.test=<scope>`); also the prefix of every name. */
  scope: string;
  services: number;
  stacks: number;
  /** Services of each stack; the others are standalone. */
  perStack: number;
}

/** What {@link createBenchCluster} made. */
export interface BenchCluster {
  stackNames: string[];
  serviceIds: string[];
  networks: number;
  configs: number;
  secrets: number;
}

const CONCURRENCY = 10;

/** Creates the bench's services, networks, configs and secrets; returns their names and ids. */
export async function createBenchCluster(docker: Docker, o: BenchClusterOptions): Promise<BenchCluster> {
  const stackNames = Array.from({ length: o.stacks }, (_, k) => `${o.scope}-s${k}`);
  const refs = new Map<string, { networkId: string; config: Ref; secret: Ref }>();
  for (const stack of stackNames) {
    const labels = { [TEST_LABEL]: o.scope, [STACK_LABEL]: stack };
    const network = (await docker.createNetwork({
      Name: `${stack}_default`,
      Driver: 'overlay',
      Attachable: true,
      Labels: labels,
    })) as { id: string };
    const config = await createData(docker, 'config', `${stack}_conf`, labels, `port=80\nstack=${stack}\n`);
    const secret = await createData(docker, 'secret', `${stack}_key`, labels, `bench-secret-of-${stack}`);
    refs.set(stack, { networkId: network.id, config, secret });
  }
  const serviceIds: string[] = [];
  for (let i = 0; i < o.services; i += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, o.services - i) }, (_, k) => i + k);
    const created = await Promise.all(
      batch.map((n) => {
        const stack = n < o.stacks * o.perStack ? stackNames[n % o.stacks] : undefined;
        return docker.createService(
          serviceSpec(o, n, stack, stack === undefined ? undefined : refs.get(stack)),
        );
      }),
    );
    serviceIds.push(
      ...created.map((s) => (s as { id?: string; ID?: string }).id ?? (s as { ID: string }).ID),
    );
  }
  return { stackNames, serviceIds, networks: o.stacks, configs: o.stacks, secrets: o.stacks };
}

interface Ref {
  id: string;
  name: string;
}

async function createData(
  docker: Docker,
  kind: 'config' | 'secret',
  name: string,
  labels: Record<string, string>,
  text: string,
): Promise<Ref> {
  const spec = { Name: name, Labels: labels, Data: Buffer.from(text).toString('base64') };
  const made = (kind === 'config' ? await docker.createConfig(spec) : await docker.createSecret(spec)) as {
    id?: string;
    ID?: string;
  };
  return { id: made.id ?? made.ID ?? '', name };
}

function serviceSpec(
  o: BenchClusterOptions,
  n: number,
  stack: string | undefined,
  ref: { networkId: string; config: Ref; secret: Ref } | undefined,
) {
  const name = stack === undefined ? `${o.scope}-${n}` : `${stack}_svc${n}`;
  const labels: Record<string, string> = { [TEST_LABEL]: o.scope, 'bench.index': String(n) };
  if (stack !== undefined) labels[STACK_LABEL] = stack;
  const containerLabels: Record<string, string> = stack === undefined ? {} : { [STACK_LABEL]: stack };
  const file = (fileName: string) => ({ Name: fileName, UID: '0', GID: '0', Mode: 0o444 });
  return {
    Name: name,
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: o.image,
        Command: ['sleep', '3600'],
        Init: true,
        StopGracePeriod: 1e9,
        Env: [`INDEX=${n}`],
        Labels: containerLabels,
        ...(ref === undefined
          ? {}
          : {
              Configs: [{ ConfigID: ref.config.id, ConfigName: ref.config.name, File: file('/app.conf') }],
              Secrets: [{ SecretID: ref.secret.id, SecretName: ref.secret.name, File: file('key') }],
            }),
      },
      Resources: { Limits: { MemoryBytes: 16 * 1024 * 1024 } },
      RestartPolicy: { Condition: 'any', Delay: 1e9 },
      ...(ref === undefined ? {} : { Networks: [{ Target: ref.networkId, Aliases: [`svc${n}`] }] }),
    },
    Mode: { Replicated: { Replicas: 0 } },
  };
}
