import type Docker from 'dockerode';
import { createTestDocker, testDockerHost } from './docker-client.js';

/**
 * Returns a client for the test engine after checking it answers and is a swarm manager.
 * Fails loudly (never skips) with what to start when it is not.
 */
export async function requireDocker(host: string = testDockerHost()): Promise<Docker> {
  const docker = createTestDocker(host, 10_000);
  try {
    await docker.ping();
  } catch (cause) {
    throw new Error(`Docker engine not reachable at ${host}: run ./swarmops test (${describe(cause)})`, {
      cause,
    });
  }
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
  const state = info.Swarm?.LocalNodeState ?? 'unknown';
  if (state !== 'active' || info.Swarm?.ControlAvailable !== true) {
    throw new Error(
      `Docker engine at ${host} is not a swarm manager (swarm state: ${state}): run ./swarmops test ` +
        '(or docker swarm init --advertise-addr 127.0.0.1)',
    );
  }
  return docker;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
