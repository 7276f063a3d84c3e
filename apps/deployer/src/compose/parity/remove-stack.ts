import type Docker from 'dockerode';
import { NAMESPACE_LABEL } from './snapshot.js';

// Swarm removes a removed service's containers itself; one still there after this long is an orphan
// (under load, 20.10 sometimes creates a task's container after its service is gone and leaves it `Created`).
const ORPHAN_AFTER_MS = 10_000;

/**
 * Removes everything of one stack, like `docker stack rm`, and waits until it is really gone: services,
 * then configs and secrets, networks (in use until the removed tasks have stopped), the tasks' containers
 * (force-removed once orphaned) and the named volumes they created. Throws when something is still there
 * after `timeoutMs`.
 */
export async function removeStack(docker: Docker, stack: string, timeoutMs = 90_000): Promise<void> {
  const filters = JSON.stringify({ label: [`${NAMESPACE_LABEL}=${stack}`] });
  const services = await docker.listServices({ filters });
  await Promise.all(services.map((s) => ignoreNotFound(docker.getService(s.ID).remove())));
  const started = Date.now();
  // A network the cluster no longer knows (remove answers 404) can linger in the local list for a while.
  const goneNetworks = new Set<string>();
  for (;;) {
    const [containers, configs, secrets, networks, volumes] = await Promise.all([
      docker.listContainers({ all: true, filters }),
      docker.listConfigs({ filters }),
      docker.listSecrets({ filters }),
      docker.listNetworks({ filters }),
      docker.listVolumes({ filters }),
    ]);
    const orphaned = Date.now() - started > ORPHAN_AFTER_MS;
    const left = [
      ...(orphaned ? containers : []).map((c) => ({
        kind: 'container',
        name: c.Names[0],
        remove: () => docker.getContainer(c.Id).remove({ force: true }),
      })),
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
      ...networks
        .filter((n) => !goneNetworks.has(n.Id))
        .map((n) => ({
          kind: 'network',
          name: n.Name,
          remove: () => removeNetwork(docker, n.Id, goneNetworks),
        })),
      ...(volumes.Volumes ?? []).map((v) => ({
        kind: 'volume',
        name: v.Name,
        remove: () => docker.getVolume(v.Name).remove(),
      })),
    ];
    const lingering = networks.filter((n) => goneNetworks.has(n.Id));
    if (left.length === 0 && containers.length === 0 && lingering.length === 0) return;
    await Promise.allSettled(left.map((o) => ignoreNotFound(o.remove())));
    if (Date.now() - started > timeoutMs) {
      // Only local copies the cluster already forgot: 20.10 keeps one while a load-balancer endpoint of a
      // finished task is still attached (it clears within a minute, or never for jobs); nothing to remove.
      if (left.length === 0 && containers.length === 0) return;
      const names = [
        ...left.map((o) => `${o.kind} ${o.name ?? '?'}`),
        ...containers.map((c) => `container ${c.Id}`),
      ];
      throw new Error(`stack ${stack} not gone after ${timeoutMs} ms: ${[...new Set(names)].join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function removeNetwork(docker: Docker, id: string, gone: Set<string>): Promise<void> {
  try {
    await docker.getNetwork(id).remove();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) gone.add(id);
    else throw error;
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
