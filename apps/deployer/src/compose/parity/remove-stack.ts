import type Docker from 'dockerode';
import { NAMESPACE_LABEL } from './snapshot.js';

/**
 * Removes everything of one stack, like `docker stack rm`, and waits until it is really gone:
 * services, then configs and secrets, then networks (they stay in use until the removed tasks have
 * stopped), the tasks' containers and the named volumes they created. Throws when something is still there after
 * `timeoutMs`.
 */
export async function removeStack(docker: Docker, stack: string, timeoutMs = 90_000): Promise<void> {
  const filters = JSON.stringify({ label: [`${NAMESPACE_LABEL}=${stack}`] });
  const services = await docker.listServices({ filters });
  await Promise.all(services.map((s) => ignoreNotFound(docker.getService(s.ID).remove())));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [containers, configs, secrets, networks, volumes] = await Promise.all([
      docker.listContainers({ all: true, filters }),
      docker.listConfigs({ filters }),
      docker.listSecrets({ filters }),
      docker.listNetworks({ filters }),
      docker.listVolumes({ filters }),
    ]);
    const left = [
      ...configs.map((c) => ({
        kind: 'config',
        name: c.Spec?.Name,
        remove: () => docker.getConfig(c.ID).remove(),
      })),
      ...secrets.map((s) => ({
        kind: 'secret',
        name: s.Spec?.Name,
        remove: () => docker.getSecret(s.ID).remove(),
      })),
      ...networks.map((n) => ({
        kind: 'network',
        name: n.Name,
        remove: () => docker.getNetwork(n.Id).remove(),
      })),
      ...(volumes.Volumes ?? []).map((v) => ({
        kind: 'volume',
        name: v.Name,
        remove: () => docker.getVolume(v.Name).remove(),
      })),
    ];
    if (left.length === 0 && containers.length === 0) return;
    const results = await Promise.allSettled(left.map((o) => ignoreNotFound(o.remove())));
    // Swarm removes the tasks' containers itself; a volume is only certain to stay gone once they are.
    if (containers.length === 0 && results.every((r) => r.status === 'fulfilled')) continue;
    if (Date.now() > deadline) {
      const names = [
        ...left.map((o) => `${o.kind} ${o.name ?? '?'}`),
        ...containers.map((c) => `container ${c.Id}`),
      ].join(', ');
      throw new Error(`stack ${stack} not gone after ${timeoutMs} ms: ${names}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Services carrying the stack's namespace label (the "nothing was created" check). */
export async function stackServiceNames(docker: Docker, stack: string): Promise<string[]> {
  const filters = JSON.stringify({ label: [`${NAMESPACE_LABEL}=${stack}`] });
  return (await docker.listServices({ filters })).map((s) => s.Spec?.Name ?? s.ID);
}

async function ignoreNotFound(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
