import { createDockerClient } from '@swarmops/docker';
import { findLabLeftovers, startLab, uniqueName, type Lab } from '@swarmops/testkit';
import { expect, it } from 'vitest';

type Docker = ReturnType<typeof createDockerClient>;

const IMAGE = 'swarmops/busybox:test'; // loaded on every lab node by infra/lab/up.sh

/** Polls `probe` until it returns a value; bounded in time so a stuck cluster fails the test. */
async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, maxMs = 60_000): Promise<T> {
  const deadline = Date.now() + maxMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`gave up after ${maxMs} ms waiting for ${what}`, { cause: last });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The fields of the Engine API's Node and Task this test reads (dockerode types them as any). */
interface SwarmNode {
  ID: string;
  Description?: { Hostname?: string };
  Status?: { State?: string };
}
interface SwarmTask {
  NodeID?: string;
  Status?: { State?: string };
}

async function runningHostnames(docker: Docker, service: string): Promise<Set<string>> {
  const [tasks, nodes] = await Promise.all([
    docker.listTasks({
      filters: JSON.stringify({ service: [service], 'desired-state': ['running'] }),
    }) as Promise<SwarmTask[]>,
    docker.listNodes() as Promise<SwarmNode[]>,
  ]);
  const hostname = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? '']));
  return new Set(
    tasks.filter((t) => t.Status?.State === 'running').map((t) => hostname.get(t.NodeID ?? '') ?? ''),
  );
}

async function nodeState(docker: Docker, hostname: string): Promise<string | undefined> {
  const nodes = (await docker.listNodes()) as SwarmNode[];
  return nodes.find((n) => n.Description?.Hostname === hostname)?.Status?.State;
}

it('marks a worker down after its dockerd is killed, and the lab leaves nothing behind', async () => {
  let lab: Lab | undefined;
  try {
    lab = await startLab({ nodes: 4, managers: 1, heartbeat: '1s' });
    console.log(`lab up in ${lab.upMs} ms`);
    const docker = createDockerClient({ host: lab.managerHost, timeoutMs: 15_000 });
    const hostnames = lab.nodes.map((n) => n.hostname);

    const service = uniqueName('spread');
    await docker.createService({
      Name: service,
      TaskTemplate: {
        ContainerSpec: { Image: IMAGE, Command: ['sleep', '3600'], Init: true },
        RestartPolicy: { Condition: 'any', Delay: 1_000_000_000 },
      },
      Mode: { Global: {} },
    });
    const spread = await pollUntil('a running task on every node', async () => {
      const running = await runningHostnames(docker, service);
      return hostnames.every((h) => running.has(h)) ? running : undefined;
    });
    expect([...spread].sort()).toEqual([...hostnames].sort());

    const victim = lab.nodes[3]!;
    expect(await nodeState(docker, victim.hostname)).toBe('ready');
    const killedAt = Date.now();
    await lab.chaos('kill', victim.index);
    await pollUntil(`${victim.hostname} to be marked down`, async () =>
      (await nodeState(docker, victim.hostname)) === 'down' ? true : undefined,
    );
    console.log(`${victim.hostname} marked down ${Date.now() - killedAt} ms after its dockerd was killed`);
    for (const other of lab.nodes.slice(0, 3)) expect(await nodeState(docker, other.hostname)).toBe('ready');
  } finally {
    if (lab !== undefined) console.log(`lab down in ${await lab.down()} ms`);
  }
  expect(findLabLeftovers()).toEqual({ netns: [], cgroups: [], dockerdPids: [], dirs: [] });
});
