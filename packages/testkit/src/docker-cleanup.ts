import type Docker from 'dockerode';
import { uniqueName } from './docker-names.js';

/** Label every test object carries; its value is unique per test scope. */
export const TEST_LABEL = 'swarmops.test';

/** What a {@link withDockerCleanup} body gets. */
export interface DockerTestScope {
  docker: Docker;
  /** The label value of this scope. */
  id: string;
  /** Labels to put on every service, network, config and secret the test creates. */
  labels: Record<string, string>;
  /** A unique name for an object of this test. */
  name(prefix: string): string;
}

/**
 * Runs `body` with a per-test label and, in `finally`, removes every service, network, config
 * and secret that carries it, even when the body failed.
 *
 * @example
 * await withDockerCleanup(docker, async ({ labels, name }) => {
 *   await docker.createService({ Name: name('web'), Labels: labels, TaskTemplate: { ... } });
 * });
 */
export async function withDockerCleanup<T>(
  docker: Docker,
  body: (scope: DockerTestScope) => Promise<T>,
): Promise<T> {
  const id = uniqueName('t');
  const scope: DockerTestScope = { docker, id, labels: { [TEST_LABEL]: id }, name: uniqueName };
  try {
    return await body(scope);
  } finally {
    await removeLabeled(docker, id);
  }
}

/**
 * Removes the services, then networks, configs and secrets labelled `swarmops.test=<id>`.
 * Networks are retried for up to `timeoutMs` because they stay in use until the removed
 * services' tasks are gone.
 */
export async function removeLabeled(docker: Docker, id: string, timeoutMs = 30_000): Promise<void> {
  const filters = JSON.stringify({ label: [`${TEST_LABEL}=${id}`] });
  const services = await docker.listServices({ filters });
  await Promise.all(services.map((s) => ignoreNotFound(docker.getService(s.ID).remove())));
  const configs = await docker.listConfigs({ filters });
  await Promise.all(configs.map((c) => ignoreNotFound(docker.getConfig(c.ID).remove())));
  const secrets = await docker.listSecrets({ filters });
  await Promise.all(secrets.map((s) => ignoreNotFound(docker.getSecret(s.ID).remove())));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const networks = await docker.listNetworks({ filters });
    if (networks.length === 0) return;
    const results = await Promise.allSettled(
      networks.map((n) => ignoreNotFound(docker.getNetwork(n.Id).remove())),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed === undefined) return;
    if (Date.now() > deadline) throw failed.reason;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function ignoreNotFound(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
